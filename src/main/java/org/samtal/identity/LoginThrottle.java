package org.samtal.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.ExpiringRecords;
import org.samtal.privacy.RetentionRule;
import org.samtal.privacy.TableRecords;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down and then locks password guessing per username, known or not (so the answers do not reveal which
 * usernames exist). State lives in the database so that several app nodes share it. Usernames are stored hashed.
 */
@Component
class LoginThrottle {

	private final JdbcClient jdbc;
	private final Clock clock;
	private final int freeAttempts;
	private final int lockAfter;
	private final Duration lockFor;

	LoginThrottle(JdbcClient jdbc, Clock clock, @Value("${samtal.login.free-attempts:3}") int freeAttempts,
			@Value("${samtal.login.lock-after:6}") int lockAfter,
			@Value("${samtal.login.lock-duration:PT15M}") Duration lockFor) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.freeAttempts = freeAttempts;
		this.lockAfter = lockAfter;
		this.lockFor = lockFor;
		if (lockFor.compareTo(Duration.ofHours(23)) > 0) {
			// Failures are forgotten a day after the last one (the register's rule), so a lock cannot be longer.
			throw new IllegalStateException("samtal.login.lock-duration must be shorter than a day, not " + lockFor);
		}
	}

	/** Failures are forgotten a day after the last one, so a lock never outlives its purpose. */
	@Bean
	static ExpiringRecords loginAttemptRecords(JdbcClient jdbc) {
		return TableRecords.in(jdbc, DataCategory.LOGIN_ATTEMPT, "login_throttle")
			.key("encode(username_hash, 'hex')")
			.trigger(RetentionRule.Trigger.LAST_FAILED_LOGIN, "last_failure_at")
			.build();
	}

	/** How long this username must wait before its next attempt is even checked; zero when it may try now. */
	Duration waitBefore(String username) {
		Instant now = clock.instant();
		return jdbc.sql("SELECT blocked_until FROM login_throttle WHERE username_hash = ?")
			.param(hash(username))
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant)
			.filter(until -> until.isAfter(now))
			.map(until -> Duration.between(now, until))
			.orElse(Duration.ZERO);
	}

	/** Counts a failed attempt: the first few are free, then each waits twice as long, then the name is locked. */
	@Transactional
	void failed(String username) {
		Instant now = clock.instant();
		int failures = jdbc.sql("""
				INSERT INTO login_throttle (username_hash, failures, last_failure_at) VALUES (?, 1, ?)
				ON CONFLICT (username_hash) DO UPDATE SET failures = login_throttle.failures + 1,
				                                          last_failure_at = EXCLUDED.last_failure_at
				RETURNING failures""")
			.params(hash(username), Timestamp.from(now))
			.query(Integer.class)
			.single();
		Duration wait = failures >= lockAfter ? lockFor
				: failures >= freeAttempts ? Duration.ofSeconds(1L << (failures - freeAttempts)) : Duration.ZERO;
		if (!wait.isZero()) {
			jdbc.sql("UPDATE login_throttle SET blocked_until = ? WHERE username_hash = ?")
				.params(Timestamp.from(now.plus(wait)), hash(username))
				.update();
		}
	}

	void succeeded(String username) {
		forget(jdbc, username);
	}

	/** How many failed logins are counted against a username right now, if any. */
	static Optional<Integer> failuresOf(JdbcClient jdbc, String username) {
		return jdbc.sql("SELECT failures FROM login_throttle WHERE username_hash = ?").param(hash(username))
			.query(Integer.class).optional();
	}

	static void forget(JdbcClient jdbc, String username) {
		jdbc.sql("DELETE FROM login_throttle WHERE username_hash = ?").param(hash(username)).update();
	}

	private static byte[] hash(String username) {
		try {
			return MessageDigest.getInstance("SHA-256")
				.digest(StaffAccounts.normalise(username).getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}
}
