package org.samtal.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox table. Every statement that ends a message (sent, skipped, failed) erases its recipient, text and subject
 * in the same statement, except a message the development outbox keeps for a while to show.
 */
@Repository
class Messages {

	static final String ERASE = "recipient = NULL, mail_subject = NULL, body = NULL, subject = NULL";

	private final JdbcClient jdbc;

	Messages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void queue(UUID id, Channel channel, String template, String language, String recipient, String mailSubject,
			String body, String subject, String purpose, Instant now) {
		jdbc.sql("""
				INSERT INTO notification_message (id, channel, template, language, recipient, mail_subject, body,
				                                  subject, purpose, status, next_attempt_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?)""")
			.params(id, channel.name(), template, language, recipient, mailSubject, body, subject, purpose, ts(now),
					ts(now))
			.update();
	}

	/**
	 * Takes up to {@code limit} due messages (or just {@code only}, when it is due) for one attempt each: counts the
	 * attempt and hides them from every other node until {@code leaseUntil}. Rows another node is taking right now
	 * are skipped, not waited for.
	 */
	List<Pending> claim(UUID only, Instant now, Instant leaseUntil, int maxAttempts, int limit) {
		String which = only == null ? "\n" : " AND id = ?\n";
		List<Object> params = new java.util.ArrayList<>(List.of(ts(leaseUntil), ts(now), maxAttempts));
		if (only != null) {
			params.add(only);
		}
		params.add(limit);
		return jdbc.sql("""
				UPDATE notification_message SET attempts = attempts + 1, next_attempt_at = ?
				WHERE id = ANY (ARRAY(SELECT id FROM notification_message
				                      WHERE status = 'QUEUED' AND next_attempt_at <= ? AND attempts < ?""" + which + """
				                      ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED))
				RETURNING id, channel, recipient, mail_subject, body, subject, purpose, attempts""")
			.params(params)
			.query(Messages::pending)
			.list();
	}

	void sent(UUID id, String via, Instant now, boolean keepContent) {
		jdbc.sql("UPDATE notification_message SET status = 'SENT', via = ?, sent_at = ?, finished_at = ?, "
				+ "next_attempt_at = NULL" + (keepContent ? "" : ", " + ERASE) + " WHERE id = ? AND status = 'QUEUED'")
			.params(via, ts(now), ts(now), id)
			.update();
	}

	void skipped(UUID id, Instant now) {
		jdbc.sql("UPDATE notification_message SET status = 'SKIPPED', finished_at = ?, next_attempt_at = NULL, "
				+ ERASE + " WHERE id = ? AND status = 'QUEUED'")
			.params(ts(now), id)
			.update();
	}

	void retryAt(UUID id, Instant at, String error) {
		jdbc.sql("UPDATE notification_message SET next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'QUEUED'")
			.params(ts(at), error, id)
			.update();
	}

	void failed(UUID id, Instant now, String error) {
		jdbc.sql("UPDATE notification_message SET status = 'FAILED', finished_at = ?, next_attempt_at = NULL, "
				+ "last_error = ?, " + ERASE + " WHERE id = ? AND status = 'QUEUED'")
			.params(ts(now), error, id)
			.update();
	}

	/** Messages whose last attempt's node died mid-send with no attempt left: failed. */
	int expireLeases(Instant now, int maxAttempts) {
		return jdbc.sql("UPDATE notification_message SET status = 'FAILED', finished_at = ?, next_attempt_at = NULL, "
				+ "last_error = coalesce(last_error, 'NoAnswerBeforeLeaseEnded'), " + ERASE
				+ " WHERE status = 'QUEUED' AND attempts >= ? AND next_attempt_at <= ?")
			.params(ts(now), maxAttempts, ts(now))
			.update();
	}

	/** Erases what the development outbox kept for display, once it is older than the cutoff. */
	int eraseOutboxContent(Instant before) {
		return jdbc.sql("UPDATE notification_message SET " + ERASE
				+ " WHERE via = 'outbox' AND recipient IS NOT NULL AND finished_at < ?")
			.param(ts(before))
			.update();
	}

	int deleteSubject(String subject) {
		return jdbc.sql("DELETE FROM notification_message WHERE subject = ?").param(subject).update();
	}

	/** Messages that failed or are being retried, without recipient or text. */
	record Trouble(UUID id, Instant createdAt, Channel channel, String template, String status, int attempts,
			String lastError, Instant nextAttemptAt) {
	}

	List<Trouble> troubles(Instant since, int limit) {
		return jdbc.sql("""
				SELECT id, created_at, channel, template, status, attempts, last_error, next_attempt_at
				FROM notification_message
				WHERE created_at >= ? AND (status = 'FAILED' OR (status = 'QUEUED' AND attempts > 0))
				ORDER BY created_at DESC LIMIT ?""")
			.params(ts(since), limit)
			.query((rs, n) -> new Trouble(rs.getObject("id", UUID.class), instant(rs, "created_at"),
					Channel.valueOf(rs.getString("channel")), rs.getString("template"), rs.getString("status"),
					rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "next_attempt_at")))
			.list();
	}

	/** How many messages created since then are in each status (every status, zero included). */
	Map<String, Long> countsSince(Instant since) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String status : List.of("QUEUED", "SENT", "SKIPPED", "FAILED")) {
			counts.put(status, 0L);
		}
		jdbc.sql("SELECT status, count(*) AS n FROM notification_message WHERE created_at >= ? GROUP BY status")
			.param(ts(since))
			.query((rs, n) -> counts.put(rs.getString("status"), rs.getLong("n")))
			.list();
		return counts;
	}

	/** What the development outbox holds, newest first. */
	record Kept(UUID id, Instant createdAt, Channel channel, String language, String template, String recipient,
			String mailSubject, String body, String status) {
	}

	List<Kept> outbox(int limit) {
		return jdbc.sql("""
				SELECT id, created_at, channel, language, template, recipient, mail_subject, body, status
				FROM notification_message WHERE via = 'outbox' AND recipient IS NOT NULL
				ORDER BY created_at DESC, id DESC LIMIT ?""")
			.param(limit)
			.query((rs, n) -> new Kept(rs.getObject("id", UUID.class), instant(rs, "created_at"),
					Channel.valueOf(rs.getString("channel")), rs.getString("language"), rs.getString("template"),
					rs.getString("recipient"), rs.getString("mail_subject"), rs.getString("body"),
					rs.getString("status")))
			.list();
	}

	private static Pending pending(ResultSet rs, int row) throws SQLException {
		return new Pending(rs.getObject("id", UUID.class), Channel.valueOf(rs.getString("channel")),
				rs.getString("recipient"), rs.getString("mail_subject"), rs.getString("body"), rs.getString("subject"),
				rs.getString("purpose"), rs.getInt("attempts"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}
}
