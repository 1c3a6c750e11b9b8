package org.samtal.tenancy;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.samtal.platform.Problems;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The receptions visitors can reach and the organisations behind them. */
@Service
@Transactional(readOnly = true)
public class Receptions {

	private final ReceptionRepository repository;
	private final Clock clock;

	Receptions(ReceptionRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	public List<Reception> all() {
		return repository.findAll();
	}

	public Optional<Reception> bySlug(String slug) {
		return repository.findBySlug(slug);
	}

	public Reception requireBySlug(String slug) {
		return bySlug(slug).orElseThrow(() -> Problems.notFound("reception-not-found", "No such reception",
				"There is no reception called '" + (slug.length() > 64 ? slug.substring(0, 64) : slug) + "'."));
	}

	public Optional<Reception> byId(UUID id) {
		return repository.findById(id);
	}

	/** The receptions with these ids, by id, in one query (e.g. the ones a staff member works at). */
	public Map<UUID, Reception> byIds(Collection<UUID> ids) {
		Map<UUID, Reception> byId = new LinkedHashMap<>();
		repository.findByIds(ids).forEach(reception -> byId.put(reception.id(), reception));
		return byId;
	}

	public boolean isOpenNow(Reception reception) {
		return reception.isOpenAt(clock.instant());
	}

	public boolean acceptsChatNow(Reception reception) {
		return reception.acceptsChatAt(clock.instant());
	}

	public List<Organisation> organisations() {
		return repository.findAllOrganisations();
	}

	public Optional<Organisation> organisation(UUID id) {
		return repository.findOrganisation(id);
	}

	/** Registers an organisation, unless one with its slug exists. */
	@Transactional
	public boolean register(Organisation organisation, List<Reception> receptions) {
		if (repository.organisationExists(organisation.slug())) {
			return false;
		}
		repository.insert(organisation);
		receptions.forEach(repository::insert);
		return true;
	}
}
