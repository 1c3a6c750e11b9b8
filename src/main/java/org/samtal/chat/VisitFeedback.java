package org.samtal.chat;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.samtal.identity.StaffMember;
import org.samtal.platform.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ratings visitors give after a conversation. Stored with the reception and the day only, so no rating can be traced
 * to a conversation, counselor or visitor; and shown to admins only in aggregate, once there are enough of them that
 * one rating cannot be singled out.
 */
@Service
class VisitFeedback {

	static final int MAX_COMMENT = 1000;

	private final JdbcClient jdbc;
	private final Clock clock;
	private final int minimumForSummary;

	VisitFeedback(JdbcClient jdbc, Clock clock, @Value("${samtal.feedback.minimum-for-summary:5}") int minimumForSummary) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.minimumForSummary = minimumForSummary;
	}

	record Summary(UUID receptionId, int count, double average, int[] perRating, List<String> comments,
			boolean shown) {
	}

	@Transactional
	void give(UUID receptionId, Integer rating, String comment) {
		if (rating == null || rating < 1 || rating > 5) {
			throw Problems.badRequest("rating-invalid", "Choose a rating", "Choose a rating from 1 to 5.");
		}
		String trimmed = comment == null ? null : comment.strip();
		if (trimmed != null && trimmed.codePointCount(0, trimmed.length()) > MAX_COMMENT) {
			throw Problems.badRequest("comment-too-long", "Comment too long",
					"A comment holds at most " + MAX_COMMENT + " characters.");
		}
		Date today = Date.valueOf(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
		// One partition per month, so that retention can drop a month whole (V3__feedback_by_month.sql).
		jdbc.sql("SELECT feedback_month(?)").param(today).query(String.class).single();
		jdbc.sql("INSERT INTO feedback (reception_id, given_on, rating, comment) VALUES (?, ?, ?, ?)")
			.params(receptionId, today, rating, trimmed == null || trimmed.isEmpty() ? null : trimmed)
			.update();
	}

	/** Aggregates per reception the admin works at; the details stay hidden below the minimum count. */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	List<Summary> summaries(StaffMember admin) {
		return admin.receptionIds().stream().map(this::summary).toList();
	}

	private Summary summary(UUID receptionId) {
		int[] perRating = new int[5];
		jdbc.sql("SELECT rating, count(*) AS n FROM feedback WHERE reception_id = ? GROUP BY rating")
			.param(receptionId)
			.query(rs -> {
				perRating[rs.getInt("rating") - 1] = rs.getInt("n");
			});
		int count = 0;
		int sum = 0;
		for (int i = 0; i < 5; i++) {
			count += perRating[i];
			sum += perRating[i] * (i + 1);
		}
		if (count < minimumForSummary) {
			return new Summary(receptionId, count, 0, new int[5], List.of(), false);
		}
		List<String> comments = jdbc
			.sql("SELECT comment FROM feedback WHERE reception_id = ? AND comment IS NOT NULL ORDER BY given_on DESC, id DESC LIMIT 50")
			.param(receptionId)
			.query(String.class)
			.list();
		return new Summary(receptionId, count, (double) sum / count, perRating, comments, true);
	}

	int minimumForSummary() {
		return minimumForSummary;
	}
}
