package org.samtal.identity;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.samtal.tenancy.Reception;
import org.samtal.tenancy.Receptions;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates staff accounts and looks up what other modules may know of staff: their id and display name. */
@Service
@Transactional
public class StaffAccounts {

	private final StaffRepository repository;
	private final Receptions receptions;
	private final PasswordEncoder passwords;
	private final Clock clock;

	StaffAccounts(StaffRepository repository, Receptions receptions, PasswordEncoder passwords, Clock clock) {
		this.repository = repository;
		this.receptions = receptions;
		this.passwords = passwords;
		this.clock = clock;
	}

	/** Creates the account, or sets a new password if the username exists. Returns the account id. */
	public UUID createOrResetPassword(String username, String displayName, StaffRole role, UUID organisationId,
			Set<UUID> receptionIds, String password) {
		String normalised = normalise(username);
		for (UUID receptionId : receptionIds) {
			Reception reception = receptions.byId(receptionId)
				.orElseThrow(() -> new IllegalArgumentException("No reception with id " + receptionId));
			if (!reception.organisation().id().equals(organisationId)) {
				throw new IllegalArgumentException("Staff can only work at their own organisation's receptions");
			}
		}
		String hash = passwords.encode(password);
		Optional<UUID> existing = repository.idOf(normalised);
		if (existing.isPresent()) {
			repository.updatePassword(existing.get(), hash);
			return existing.get();
		}
		UUID id = UUID.randomUUID();
		repository.insert(id, normalised, displayName, role, organisationId, hash, receptionIds, clock.instant());
		return id;
	}

	@Transactional(readOnly = true)
	public Optional<String> displayName(UUID staffId) {
		return repository.displayNameOf(staffId);
	}

	static String normalise(String username) {
		return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
	}
}
