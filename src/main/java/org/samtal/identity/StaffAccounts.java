package org.samtal.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.samtal.platform.Problems;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.ExpiringRecords;
import org.samtal.privacy.RetentionRule;
import org.samtal.privacy.TableRecords;
import org.samtal.tenancy.Reception;
import org.samtal.tenancy.Receptions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and closes staff accounts, lists them for their organisation's admins, and looks up what other modules may
 * know of staff: their id and display name.
 */
@Service
@Transactional
public class StaffAccounts {

	private final StaffRepository repository;
	private final Receptions receptions;
	private final PasswordEncoder passwords;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	StaffAccounts(StaffRepository repository, Receptions receptions, PasswordEncoder passwords, Clock clock,
			ApplicationEventPublisher events) {
		this.repository = repository;
		this.receptions = receptions;
		this.passwords = passwords;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Creates the account, or sets a new password if the username exists. Returns the account id.
	 * @throws IllegalStateException for the username of a closed account, which is not reused while the access log
	 *         still names its holder
	 */
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
			if (!repository.updatePassword(existing.get(), hash)) {
				throw new IllegalStateException("The staff account " + normalised + " is closed");
			}
			return existing.get();
		}
		UUID id = UUID.randomUUID();
		repository.insert(id, normalised, displayName, role, organisationId, hash, receptionIds, clock.instant());
		return id;
	}

	/** The admin's organisation's staff accounts, open ones first, closed ones until the retention engine deletes them. */
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('ADMIN')")
	public List<StaffAccount> ofOrganisation(StaffMember admin) {
		return repository.ofOrganisation(admin.organisationId());
	}

	/**
	 * Closes a staff account of the admin's own organisation, at once: its holder cannot log in again, their open
	 * sessions end at their next request, they leave every reception, and their ongoing conversations go back to the
	 * queue ({@link StaffAccountClosed}). Their name and username stay while the access log names them. Closing a
	 * closed account again changes nothing.
	 * @return false when the account was already closed
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public boolean close(StaffMember admin, UUID staffId) {
		StaffAccount account = repository.find(staffId, admin.organisationId())
			// Another organisation's account is not there, as far as this admin can tell.
			.orElseThrow(() -> Problems.notFound("staff-account-not-found", "No such staff account",
					"Your organisation has no staff account with that id."));
		if (account.id().equals(admin.id())) {
			throw Problems.conflict("own-staff-account", "You cannot close your own account",
					"Ask another admin of your organisation to close it, so that someone can still administer it.");
		}
		Instant now = clock.instant();
		if (!repository.close(staffId, now)) {
			return false;
		}
		events.publishEvent(new StaffAccountClosed(staffId, admin.organisationId(), now));
		return true;
	}

	/**
	 * For a module about to give the staff member work (the chat, a conversation): refuses a closed account, and holds
	 * it open until the caller's transaction ends, so that a closing at the same moment waits for that work and then
	 * hands it on with the rest ({@link StaffAccountClosed}), instead of missing it.
	 */
	public void holdOpen(UUID staffId) {
		if (!repository.lockOpen(staffId)) {
			throw Problems.forbidden("staff-account-closed", "Your account is closed",
					"An admin has closed your account, so you cannot take on work.");
		}
	}

	/**
	 * A closed account goes once no kept access-log entry names its holder as the one who read, and no kept review
	 * names them as the reviewer: the retention engine purges an entry's actor with its content. The access log is
	 * the privacy module's table; the engine works in SQL batches, so the condition is SQL too.
	 */
	@Bean
	static ExpiringRecords closedStaffAccountRecords(JdbcClient jdbc) {
		return TableRecords.in(jdbc, DataCategory.STAFF_ACCOUNT, "staff_account")
			.key("id::text")
			.trigger(RetentionRule.Trigger.ACCOUNT_CLOSED_AND_OUT_OF_ACCESS_LOG, "closed_at")
			.onlyWhere("NOT EXISTS (SELECT 1 FROM access_log l WHERE l.actor_id = staff_account.id)"
					+ " AND NOT EXISTS (SELECT 1 FROM access_log_review r WHERE r.reviewed_by = staff_account.id)")
			.build();
	}

	@Transactional(readOnly = true)
	public Optional<String> displayName(UUID staffId) {
		return repository.displayNameOf(staffId);
	}

	static String normalise(String username) {
		return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
	}
}
