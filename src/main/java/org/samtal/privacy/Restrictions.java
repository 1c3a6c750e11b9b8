package org.samtal.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A data subject's restriction of processing (GDPR Art. 18) and objection (Art. 21). Every module asks here before it
 * processes a subject's data beyond storing it: the retention engine holds a restricted subject's records, the
 * notification module sends them no notices, and the chat starts no signed-in conversation for them.
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

	@Transactional(readOnly = true)
	public Standing of(String subjectKey) {
		return jdbc.sql("SELECT restricted_at, objected_at FROM subject_restriction WHERE subject_key = ?")
			.param(subjectKey)
			.query((rs, n) -> new Standing(instant(rs.getTimestamp("restricted_at")), instant(rs.getTimestamp("objected_at"))))
			.optional()
			.orElse(new Standing(null, null));
	}

	public boolean isRestricted(String subjectKey) {
		return of(subjectKey).restricted();
	}

	/** Restricts or lifts the restriction, at once; a new restriction is announced ({@link SubjectRestricted}). */
	@Transactional
	public void restrict(String subjectKey, boolean on) {
		boolean already = isRestricted(subjectKey);
		set(subjectKey, "restricted_at", on);
		if (on && !already) {
			events.publishEvent(new SubjectRestricted(subjectKey));
		}
	}

	/** Records or withdraws an objection, at once. */
	@Transactional
	public void object(String subjectKey, boolean on) {
		set(subjectKey, "objected_at", on);
	}

	/** Everything recorded for the subject goes (the account is deleted). */
	@Transactional
	public int forget(String subjectKey) {
		return jdbc.sql("DELETE FROM subject_restriction WHERE subject_key = ?").param(subjectKey).update();
	}

	private void set(String subjectKey, String column, boolean on) {
		Timestamp now = Timestamp.from(clock.instant());
		if (on) {
			jdbc.sql("INSERT INTO subject_restriction (subject_key, " + column + ") VALUES (?, ?) "
					+ "ON CONFLICT (subject_key) DO UPDATE SET " + column + " = coalesce(subject_restriction." + column
					+ ", EXCLUDED." + column + ")")
				.params(subjectKey, now)
				.update();
		}
		else {
			// The row goes when nothing stands any more; otherwise only this half is cleared.
			String other = column.equals("restricted_at") ? "objected_at" : "restricted_at";
			jdbc.sql("DELETE FROM subject_restriction WHERE subject_key = ? AND " + other + " IS NULL").param(subjectKey)
				.update();
			jdbc.sql("UPDATE subject_restriction SET " + column + " = NULL WHERE subject_key = ?").param(subjectKey).update();
		}
	}

	private static Instant instant(Timestamp timestamp) {
		return Optional.ofNullable(timestamp).map(Timestamp::toInstant).orElse(null);
	}
}
