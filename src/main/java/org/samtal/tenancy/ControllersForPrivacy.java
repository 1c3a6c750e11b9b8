package org.samtal.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.samtal.privacy.Controllers;
import org.springframework.stereotype.Component;

/** Tells the privacy module about organisations as controllers, without it depending on this module. */
@Component
class ControllersForPrivacy implements Controllers {

	private final ReceptionRepository repository;

	ControllersForPrivacy(ReceptionRepository repository) {
		this.repository = repository;
	}

	@Override
	public List<DataController> all() {
		return repository.findAllOrganisations().stream().map(ControllersForPrivacy::controller).toList();
	}

	@Override
	public Optional<DataController> find(UUID organisationId) {
		return repository.findOrganisation(organisationId).map(ControllersForPrivacy::controller);
	}

	@Override
	public Optional<DataController> findBySlug(String slug) {
		return repository.findOrganisationBySlug(slug).map(ControllersForPrivacy::controller);
	}

	private static DataController controller(Organisation o) {
		return new DataController(o.id(), o.slug(), o.name(), o.country().name(), o.organisationNumber(), o.dpoName(),
				o.dpoEmail(), o.supervisoryAuthority(), o.timeZone(), o.contactEmail(), o.postalAddress());
	}
}
