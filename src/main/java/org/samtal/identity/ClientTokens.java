package org.samtal.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Short-lived bearer tokens for the client API: random, stored only as a hash, revoked at logout. */
@Component
class ClientTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final Clock clock;
	private final Duration lifetime;

	ClientTokens(JdbcClient jdbc, Clock clock, @Value("${samtal.client-api.token-lifetime:PT15M}") Duration lifetime) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.lifetime = lifetime;
	}

	record Issued(String token, Duration expiresIn) {
	}

	@Transactional
	Issued issue(UUID accountId) {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Instant now = clock.instant();
		jdbc.sql("DELETE FROM client_token WHERE expires_at <= ?").param(Timestamp.from(now)).update();
		jdbc.sql("INSERT INTO client_token (token_hash, account_id, issued_at, expires_at) VALUES (?, ?, ?, ?)")
			.params(hash(token), accountId, Timestamp.from(now), Timestamp.from(now.plus(lifetime)))
			.update();
		return new Issued(token, lifetime);
	}

	/** The account a live token belongs to. */
	@Transactional(readOnly = true)
	Optional<UUID> accountOf(String token) {
		if (token == null || token.isBlank() || token.length() > 100) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT account_id FROM client_token WHERE token_hash = ? AND expires_at > ?")
			.params(hash(token), Timestamp.from(clock.instant()))
			.query(UUID.class)
			.optional();
	}

	@Transactional
	void revoke(String token) {
		jdbc.sql("DELETE FROM client_token WHERE token_hash = ?").param(hash(token)).update();
	}

	private static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}
}
