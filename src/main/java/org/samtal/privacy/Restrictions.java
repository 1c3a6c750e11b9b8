package org.samtal.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A data subject's restriction of processing (GDPR Art. 18) and objection (Art. 21), made to every controller (on the
 * client's own page) or to one (a request answered by its staff). Every module asks here before it processes a
 * subject's data beyond storing it: the retention engine holds a restricted subject's records, the notification
 * module sends them no notices, and the chat starts no signed-in conversation for them, each for the controller
 * whose data it is.
 */
@Service
public class Restrictions {

	private final JdbcClient jdbc;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	Restrictions(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/** Where a subject stands: since when restricted and since when objecting, each null when not. */
	public record Standing(Instant restrictedAt, Instant objectedAt) {

		public boolean restricted() {
			return restrictedAt != null;
		}

		public boolean objected() {
			return objectedAt != null;
		}
	}

	/** Where the subject stands by their own choice, for every controller (their data page). */
	@Transactional(readOnly = true)
	public Standing of(String subjectKey) {
		return jdbc.sql("SELECT restricted_at, objected_at FROM subject_restriction WHERE subject_key = ? AND held_by = ?")
			.params(subjectKey, EVERYONE)
			.query((rs, n) -> new Standing(instant(rs.getTimestamp("restricted_at")), instant(rs.getTimestamp("objected_at"))))
			.optional()
			.orElse(new Standing(null, null));
	}

	/**
	 * Whether the organisation (null: the platform operator) may process the subject's data beyond storing it: not
	 * while a restriction made to it, or to every controller, stands.
	 */
	@Transactional(readOnly = true)
	public boolean isRestrictedFor(String subjectKey, UUID organisationId) {
		return jdbc.sql("""
				SELECT count(*) FROM subject_restriction
				WHERE subject_key = ? AND held_by IN (?, ?) AND restricted_at IS NOT NULL""")
			.params(subjectKey, EVERYONE, tag(organisationId == null ? DataSubject.HeldBy.operator()
					: DataSubject.HeldBy.organisation(organisationId)))
			.query(Integer.class)
			.single() > 0;
	}

	/** Restricts or lifts the restriction for every controller, at once (the client's own choice). */
	@Transactional
	public void restrict(String subjectKey, boolean on) {
		restrict(subjectKey, DataSubject.HeldBy.ANYONE, on);
	}

	/**
	 * Restricts or lifts the restriction for what one controller holds (or every one), at once; a new restriction is
	 * announced ({@link SubjectRestricted}).
	 */
	@Transactional
	public void restrict(String subjectKey, DataSubject.HeldBy heldBy, boolean on) {
		boolean added = set(subjectKey, tag(heldBy), "restricted_at", on);
		if (added) {
			events.publishEvent(new SubjectRestricted(subjectKey));
		}
	}

	/** Records or withdraws an objection for every controller, at once. */
	@Transactional
	public void object(String subjectKey, boolean on) {
		object(subjectKey, DataSubject.HeldBy.ANYONE, on);
	}

	/** Records or withdraws an objection to what one controller holds (or every one), at once. */
	@Transactional
	public void object(String subjectKey, DataSubject.HeldBy heldBy, boolean on) {
		set(subjectKey, tag(heldBy), "objected_at", on);
	}

	/** Everything recorded for the subject goes (the account is deleted). */
	@Transactional
	public int forget(String subjectKey) {
		return jdbc.sql("DELETE FROM subject_restriction WHERE subject_key = ?").param(subjectKey).update();
	}

	/** How the table names whose records a restriction reaches. */
	static String tag(DataSubject.HeldBy heldBy) {
		return heldBy.everyone() ? EVERYONE : heldBy.organisationId() == null ? OPERATOR : heldBy.organisationId().toString();
	}

	static final String EVERYONE = "*";
	static final String OPERATOR = "operator";

	/** @return whether this set a restriction or objection that did not stand before */
	private boolean set(String subjectKey, String heldBy, String column, boolean on) {
		Timestamp now = Timestamp.from(clock.instant());
		if (on) {
			return jdbc.sql("INSERT INTO subject_restriction (subject_key, held_by, " + column + ") VALUES (?, ?, ?) "
					+ "ON CONFLICT (subject_key, held_by) DO UPDATE SET " + column + " = EXCLUDED." + column
					+ " WHERE subject_restriction." + column + " IS NULL")
				.params(subjectKey, heldBy, now)
				.update() > 0;
		}
		// The row goes when nothing stands any more; otherwise only this half is cleared.
		String other = column.equals("restricted_at") ? "objected_at" : "restricted_at";
		jdbc.sql("DELETE FROM subject_restriction WHERE subject_key = ? AND held_by = ? AND " + other + " IS NULL")
			.params(subjectKey, heldBy)
			.update();
		jdbc.sql("UPDATE subject_restriction SET " + column + " = NULL WHERE subject_key = ? AND held_by = ?")
			.params(subjectKey, heldBy)
			.update();
		return false;
	}

	private static Instant instant(Timestamp timestamp) {
		return Optional.ofNullable(timestamp).map(Timestamp::toInstant).orElse(null);
	}
}
