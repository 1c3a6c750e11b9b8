package org.samtal.privacy;

import java.security.Principal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.samtal.platform.Ids;
import org.samtal.platform.Problems;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Legal holds: records an organisation must keep past their retention period, for a dispute, a supervisory
 * authority's inquiry or a court, with the reason. The retention engine skips them and reports them; lifting a hold
 * lets the next sweep take what is due.
 */
@Service
public class LegalHolds {

	static final int MAX_REASON = 1000;
	static final int MAX_KEY = 200;

	private final JdbcClient jdbc;
	private final Admins admins;
	private final ProcessingRegister register;
	private final AccessLog accessLog;
	private final Clock clock;

	LegalHolds(JdbcClient jdbc, Admins admins, ProcessingRegister register, AccessLog accessLog, Clock clock) {
		this.jdbc = jdbc;
		this.admins = admins;
		this.register = register;
		this.accessLog = accessLog;
		this.clock = clock;
	}

	/**
	 * @param recordKey the record's key as the dry run lists it, or a subject's pseudonym (holding all their records)
	 */
	public record Hold(UUID id, UUID organisationId, DataCategory category, String recordKey, String reason,
			UUID placedBy, Instant placedAt, UUID liftedBy, Instant liftedAt) {

		public boolean active() {
			return liftedAt == null;
		}
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public Hold place(Principal principal, DataCategory category, String recordKey, String reason) {
		StaffDirectory.Reviewer admin = admin(principal);
		String key = recordKey == null ? "" : recordKey.strip();
		String why = reason == null ? "" : reason.strip();
		if (category == null) {
			throw Problems.badRequest("legal-hold-category-missing", "Choose a data category",
					"A legal hold applies to the records of one data category.");
		}
		if (register.declaration(category).controller() != CategoryDeclaration.Controller.ORGANISATION) {
			throw Problems.badRequest("legal-hold-not-the-organisations", "Not the organisation's records",
					category + " is controlled by the platform operator: an organisation cannot hold it.");
		}
		if (!register.keeps(admin.organisationId(), category)) {
			throw Problems.badRequest("legal-hold-not-kept", "Not kept",
					"Your organisation keeps no " + category + " records, so there is nothing to hold.");
		}
		RetentionRule rule = register.declaration(category).retention();
		if (rule.trigger() == RetentionRule.Trigger.CONVERSATION_ENDED && rule.maximum().isZero()) {
			// The visitor was promised deletion the moment the conversation ends; nothing waits for the engine.
			throw Problems.badRequest("legal-hold-deleted-at-end", "Deleted when the conversation ends",
					category + " is deleted the moment its conversation ends, as the notice promises: a legal hold "
							+ "cannot keep it.");
		}
		if (key.isEmpty() || key.length() > MAX_KEY) {
			throw Problems.badRequest("legal-hold-key-invalid", "Record key missing or too long",
					"Give the record's key as the dry run lists it, or the subject's pseudonym: 1 to " + MAX_KEY
							+ " characters.");
		}
		if (why.isEmpty() || why.length() > MAX_REASON) {
			throw Problems.badRequest("legal-hold-reason-invalid", "Reason missing or too long",
					"A legal hold needs its reason (1 to " + MAX_REASON + " characters), for the run report and the "
							+ "supervisory authority.");
		}
		Hold hold = new Hold(Ids.timeOrdered(clock), admin.organisationId(), category, key, why, admin.staffId(), clock.instant(),
				null, null);
		jdbc.sql("""
				INSERT INTO legal_hold (id, organisation_id, data_category, record_key, reason, placed_by, placed_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(hold.id(), hold.organisationId(), category.name(), key, why, hold.placedBy(),
					Timestamp.from(hold.placedAt()))
			.update();
		return hold;
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public void lift(Principal principal, UUID holdId) {
		StaffDirectory.Reviewer admin = admin(principal);
		int lifted = jdbc.sql("""
				UPDATE legal_hold SET lifted_by = ?, lifted_at = ?
				WHERE id = ? AND organisation_id = ? AND lifted_at IS NULL""")
			.params(admin.staffId(), Timestamp.from(clock.instant()), holdId, admin.organisationId())
			.update();
		if (lifted == 0) {
			throw Problems.notFound("legal-hold-not-found", "No such legal hold",
					"Your organisation has no active legal hold with that id.");
		}
	}

	/**
	 * The organisation's holds, newest first. A hold's key is often a client's pseudonym and its reason may say why
	 * they are in a dispute, so showing them is a read of the client's data: one access-log entry per key shown.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public List<Hold> ofOrganisation(Principal principal) {
		StaffDirectory.Reviewer admin = admin(principal);
		List<Hold> holds = jdbc.sql("SELECT * FROM legal_hold WHERE organisation_id = ? ORDER BY placed_at DESC LIMIT 500")
			.param(admin.organisationId())
			.query((rs, n) -> new Hold(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
					DataCategory.valueOf(rs.getString("data_category")), rs.getString("record_key"),
					rs.getString("reason"), rs.getObject("placed_by", UUID.class),
					rs.getTimestamp("placed_at").toInstant(), rs.getObject("lifted_by", UUID.class),
					rs.getTimestamp("lifted_at") == null ? null : rs.getTimestamp("lifted_at").toInstant()))
			.list();
		return accessLog.recordWhile(holds.stream()
			.map(Hold::recordKey)
			.distinct()
			.map(key -> Access.of(admin.staffId(), "ADMIN", admin.organisationId(), null, key,
					DataCategory.REGISTER_CHANGE, AccessAction.READ, "legal holds listed"))
			.toList(), () -> holds);
	}

	/**
	 * The keys held in one organisation's records of a category; with no organisation (records kept for the whole
	 * installation), in anyone's.
	 */
	@Transactional(readOnly = true)
	Set<String> activeKeys(UUID organisationId, DataCategory category) {
		// A subject who restricted processing (GDPR Art. 18) has their records only stored: none is deleted meanwhile,
		// by the controller the restriction was made to (any, for records kept for the whole installation).
		return new HashSet<>(jdbc.sql("""
				SELECT record_key FROM legal_hold
				WHERE data_category = ? AND lifted_at IS NULL AND (CAST(? AS uuid) IS NULL OR organisation_id = ?)
				UNION SELECT subject_key FROM subject_restriction
				WHERE restricted_at IS NOT NULL AND (CAST(? AS varchar) IS NULL OR held_by IN (?, ?))""")
			.params(category.name(), organisationId, organisationId,
					organisationId == null ? null : organisationId.toString(), Restrictions.EVERYONE,
					organisationId == null ? Restrictions.EVERYONE : organisationId.toString())
			.query(String.class)
			.list());
	}

	private StaffDirectory.Reviewer admin(Principal principal) {
		return admins.of(principal);
	}
}
