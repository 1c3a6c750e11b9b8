package org.samtal.requests;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a request keeps goes sooner than the request itself: a request never verified is deleted a day after it was
 * made, and once an answer's link has expired, the answer, the contact detail and what the requester wrote are
 * erased. Only the kind, the controller, the dates and the outcome stay, for the register's period.
 */
@Component
class RequestExpiry {

	static final Duration UNVERIFIED_KEPT = Duration.ofDays(1);

	private final JdbcClient jdbc;
	private final Clock clock;

	RequestExpiry(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Safe on every node at once: each statement is idempotent. */
	@Scheduled(fixedDelayString = "${samtal.requests.expiry-interval:PT1H}", initialDelayString = "PT1M")
	@Transactional
	public void run() {
		Instant now = clock.instant();
		jdbc.sql("DELETE FROM subject_request WHERE status = 'UNVERIFIED' AND received_at < ?")
			.param(Timestamp.from(now.minus(UNVERIFIED_KEPT)))
			.update();
		jdbc.sql("""
				UPDATE subject_request SET answer = NULL, answer_token_hash = NULL, address = NULL, details = NULL
				WHERE answer_expires_at <= ? AND (answer IS NOT NULL OR address IS NOT NULL)""")
			.param(Timestamp.from(now))
			.update();
	}
}
