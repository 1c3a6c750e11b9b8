package org.samtal.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.samtal.platform.Problems;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Log review (loggkontroll, HSLF-FS 2016:40 4 kap. 9 §): an organisation's admins search its access log, draw a random
 * sample for the systematic review, and mark entries reviewed with a note. Reviews are kept beside the log, which
 * itself never changes.
 */
@Service
public class AccessLogReview {

	static final int PAGE = 200;

	/** An access to a person's data that no care contact between the staff member and the person covers. */
	private static final String WITHOUT_CONTACT = """
			(l.subject NOT LIKE '(%' AND NOT EXISTS (
			    SELECT 1 FROM care_contact c
			    WHERE c.subject = l.subject AND c.organisation_id = l.organisation_id
			      AND (c.staff_id = l.actor_id OR (c.staff_id IS NULL AND c.reception_id = l.reception_id))
			      AND c.started_at <= l.at AND (c.ended_at IS NULL OR c.ended_at >= l.at)))""";

	private final JdbcClient jdbc;
	private final Clock clock;

	AccessLogReview(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** @param withoutContactOnly only the accesses no care contact explains */
	public record Filter(UUID staffId, String subject, Instant from, Instant to, boolean withoutContactOnly) {
	}

	/**
	 * @param reviewNote the latest review's note, with who made it and when; {@code reviews} counts all of them
	 * @param withoutContact no care contact between the staff member and the subject covers this access
	 */
	public record Entry(long seq, Access access, String reviewNote, Instant reviewedAt, UUID reviewedBy, int reviews,
			boolean withoutContact) {
	}

	/** The organisation's entries matching the filter, newest first, at most 200. */
	@Transactional(readOnly = true)
	public List<Entry> search(UUID organisationId, Filter filter) {
		return query(organisationId, filter, null, "ORDER BY l.seq DESC LIMIT " + PAGE);
	}

	/**
	 * A random sample of the organisation's entries in the period, for the systematic review. The same seed and bound
	 * draw the same sample again, whatever was logged since, so a review can be worked through entry by entry and
	 * re-drawn by an auditor later.
	 *
	 * @param seed chooses the sample
	 * @param upToSeq only entries up to this sequence number, the log's head when the sample was first drawn
	 */
	@Transactional(readOnly = true)
	public List<Entry> sample(UUID organisationId, Filter filter, int size, long seed, long upToSeq) {
		return query(organisationId, filter, upToSeq, "ORDER BY sha256(convert_to(" + seed + " || ':' || l.seq, 'UTF8')) LIMIT "
				+ Math.max(1, Math.min(size, PAGE)));
	}

	/** The sequence number of the newest entry, the bound of a sample drawn now. */
	@Transactional(readOnly = true)
	public long head() {
		return jdbc.sql("SELECT seq FROM access_log_head WHERE id = 1").query(Long.class).single();
	}

	@Transactional
	public void markReviewed(UUID organisationId, long seq, UUID reviewerId, String note) {
		String text = note == null ? "" : note.strip();
		if (text.length() > 1000) {
			throw Problems.badRequest("review-note-too-long", "Note too long", "A review note holds at most 1000 characters.");
		}
		int belongs = jdbc.sql("SELECT count(*) FROM access_log WHERE seq = ? AND organisation_id = ?")
			.params(seq, organisationId).query(Integer.class).single();
		if (belongs == 0) {
			throw Problems.notFound("access-log-entry-not-found", "No such entry",
					"Your organisation's access log has no entry " + seq + ".");
		}
		jdbc.sql("""
				INSERT INTO access_log_review (seq, reviewed_by, reviewed_at, note) VALUES (?, ?, ?, ?)""")
			.params(seq, reviewerId, Timestamp.from(clock.instant()), text)
			.update();
	}

	private List<Entry> query(UUID organisationId, Filter filter, Long upToSeq, String order) {
		StringBuilder sql = new StringBuilder("""
				SELECT l.seq, l.at, l.actor_id, l.actor_role, l.organisation_id, l.reception_id, l.subject,
				       l.data_category, l.action, l.context, r.note, r.reviewed_at, r.reviewed_by, r.reviews,
				""").append(WITHOUT_CONTACT).append("""
				 AS without_contact
				FROM access_log l
				LEFT JOIN LATERAL (SELECT note, reviewed_at, reviewed_by, count(*) OVER () AS reviews
				                   FROM access_log_review WHERE seq = l.seq ORDER BY id DESC LIMIT 1) r ON true
				WHERE l.organisation_id = ? AND l.purged_at IS NULL""");
		List<Object> params = new ArrayList<>(List.of(organisationId));
		if (filter.staffId() != null) {
			sql.append(" AND l.actor_id = ?");
			params.add(filter.staffId());
		}
		if (filter.subject() != null && !filter.subject().isBlank()) {
			sql.append(" AND l.subject = ?");
			params.add(filter.subject().strip());
		}
		if (filter.from() != null) {
			sql.append(" AND l.at >= ?");
			params.add(Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			sql.append(" AND l.at < ?");
			params.add(Timestamp.from(filter.to()));
		}
		if (filter.withoutContactOnly()) {
			sql.append(" AND ").append(WITHOUT_CONTACT);
		}
		if (upToSeq != null) {
			sql.append(" AND l.seq <= ?");
			params.add(upToSeq);
		}
		sql.append(' ').append(order);
		return jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
			Timestamp reviewed = rs.getTimestamp("reviewed_at");
			return new Entry(rs.getLong("seq"), AccessLogChain.access(rs), rs.getString("note"),
					reviewed == null ? null : reviewed.toInstant(), rs.getObject("reviewed_by", UUID.class),
					rs.getInt("reviews"), rs.getBoolean("without_contact"));
		}).list();
	}
}
