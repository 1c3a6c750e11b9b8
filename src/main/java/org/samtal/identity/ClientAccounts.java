package org.samtal.identity;

import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.samtal.platform.Languages;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.DataSubject;
import org.samtal.privacy.SubjectRights;
import org.samtal.privacy.ExpiringRecords;
import org.samtal.privacy.RetentionRule;
import org.samtal.privacy.TableRecords;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Clients' pseudonymous accounts: a username and a password, nothing that says who the client is. Passwords are
 * hashed with Argon2id.
 */
@Service
public class ClientAccounts {

	/** Letters of any alphabet, digits, dot, dash and underscore: enough for a pseudonym, too little for markup. */
	private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._-]{3,32}");

	static final String ARGON2ID = "argon2id";

	private final JdbcClient jdbc;
	private final PasswordPolicy policy;
	private final Clock clock;
	private final SubjectRights rights;
	private final PasswordEncoder passwords = clientPasswordEncoder();

	ClientAccounts(JdbcClient jdbc, PasswordPolicy policy, Clock clock, SubjectRights rights) {
		this.rights = rights;
		this.jdbc = jdbc;
		this.policy = policy;
		this.clock = clock;
	}

	/** A client account as other modules may see it: its id and pseudonym. */
	public record ClientAccount(UUID id, String username, Instant createdAt, Instant lastLoginAt) {
	}

	/** Why a username or password was refused: the field and a message key the pages and the API translate. */
	public static class Refused extends RuntimeException {

		private final String field;
		private final String reason;

		Refused(String field, String reason) {
			super(field + ": " + reason);
			this.field = field;
			this.reason = reason;
		}

		public String field() {
			return field;
		}

		public String reason() {
			return reason;
		}

		/** A taken username, as opposed to a malformed one. */
		public boolean isConflict() {
			return "username.taken".equals(reason);
		}
	}

	/**
	 * An account goes 365 days after its last login, unless a case is ongoing: a conversation the client started while
	 * signed in and that has not ended (the chat module's table; bookings join this condition when they exist).
	 */
	@Bean
	static ExpiringRecords clientAccountRecords(JdbcClient jdbc, ObjectProvider<ClientAccounts> accounts,
			ObjectProvider<SubjectRights> rights) {
		return new ExpiredClientAccounts(TableRecords.in(jdbc, DataCategory.CLIENT_ACCOUNT, "client_account")
			.key("id::text")
			// Filed as client:<account id>, so a legal hold or a restriction of processing keeps the account.
			.subject("'client:' || id::text")
			.trigger(RetentionRule.Trigger.LAST_LOGIN_WITHOUT_ONGOING_CASE, "last_login_at")
			.onlyWhere("NOT EXISTS (SELECT 1 FROM conversation c WHERE c.client_account_id = client_account.id)")
			.build(), accounts, rights);
	}

	/** Argon2id with Spring Security's current parameters (16 MiB, 2 passes); ids in the hash keep it upgradable. */
	static PasswordEncoder clientPasswordEncoder() {
		DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder(ARGON2ID,
				java.util.Map.of(ARGON2ID, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
		return encoder;
	}

	/**
	 * Opens an account. Nothing is stored unless both the username and the password are acceptable.
	 * @throws Refused with the field and the reason
	 */
	@Transactional
	public ClientAccount register(String username, String password) {
		return register(username, password, Languages.SWEDISH);
	}

	/** The same, remembering the language for the few messages the client may get. */
	@Transactional
	public ClientAccount register(String username, String password, Locale language) {
		String name = normalise(username);
		if (!USERNAME.matcher(name).matches()) {
			throw new Refused("username", name.length() < 3 ? "username.tooShort"
					: name.length() > 32 ? "username.tooLong" : "username.characters");
		}
		policy.weakness(name, password).ifPresent(weakness -> {
			throw new Refused("password", weakness);
		});
		if (jdbc.sql("SELECT count(*) FROM client_account WHERE username = ?").param(name).query(Integer.class)
			.single() > 0) {
			throw new Refused("username", "username.taken");
		}
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		try {
			jdbc.sql("""
					INSERT INTO client_account (id, username, password_hash, created_at, last_login_at, password_changed_at,
					                            language)
					VALUES (?, ?, ?, ?, ?, ?, ?)""")
				.params(id, name, passwords.encode(password), Timestamp.from(now), Timestamp.from(now), Timestamp.from(now),
						Languages.supported(language == null ? null : language.getLanguage()).getLanguage())
				.update();
		}
		catch (DuplicateKeyException raced) {
			// Two people chose the same name at the same moment; the second is told so.
			throw new Refused("username", "username.taken");
		}
		return new ClientAccount(id, name, now, now);
	}

	/** Sets a new password after checking the current one. */
	@Transactional
	public void changePassword(UUID accountId, String current, String next) {
		ClientAccount account = byId(accountId).orElseThrow(() -> new IllegalStateException("No such account"));
		requirePassword(accountId, current);
		policy.weakness(account.username(), next).ifPresent(weakness -> {
			throw new Refused("password", weakness);
		});
		if (next.equals(current)) {
			throw new Refused("password", "password.unchanged");
		}
		jdbc.sql("UPDATE client_account SET password_hash = ?, password_changed_at = ? WHERE id = ?")
			.params(passwords.encode(next), Timestamp.from(clock.instant()), accountId)
			.update();
		// An app signed in with the old password signs in again.
		jdbc.sql("DELETE FROM client_token WHERE account_id = ?").param(accountId).update();
	}

	/** Who the account's holder is to the rights engine. */
	public DataSubject subject(UUID accountId) {
		ClientAccount account = byId(accountId).orElseThrow(() -> new IllegalStateException("No such account"));
		return DataSubject.client(account.id(), account.username());
	}

	/**
	 * Changes the username (GDPR Art. 16) after the password is confirmed. Everything else is filed under the account's
	 * id, so nothing else changes, and the old name is kept nowhere.
	 * @return the account under its new name
	 */
	@Transactional
	public ClientAccount rename(UUID accountId, String newUsername, String password) {
		ClientAccount account = byId(accountId).orElseThrow(() -> new IllegalStateException("No such account"));
		requirePassword(accountId, password);
		String name = normalise(newUsername);
		if (!USERNAME.matcher(name).matches()) {
			throw new Refused("username", name.length() < 3 ? "username.tooShort"
					: name.length() > 32 ? "username.tooLong" : "username.characters");
		}
		if (name.equals(account.username())) {
			throw new Refused("username", "username.unchanged");
		}
		if (jdbc.sql("SELECT count(*) FROM client_account WHERE username = ?").param(name).query(Integer.class)
			.single() > 0) {
			throw new Refused("username", "username.taken");
		}
		try {
			jdbc.sql("UPDATE client_account SET username = ? WHERE id = ?").params(name, accountId).update();
		}
		catch (DuplicateKeyException raced) {
			throw new Refused("username", "username.taken");
		}
		return byId(accountId).orElseThrow();
	}

	/**
	 * Deletes the account at once, after the password is confirmed, with everything an erasure may remove (ongoing
	 * conversations end and their content goes); what the register keeps stays, and the answer says why.
	 */
	@Transactional
	public SubjectRights.Erasure delete(UUID accountId, String password, Locale locale) {
		requirePassword(accountId, password);
		return deleteConfirmed(accountId, locale);
	}

	/** The same, for a caller that has already proven it is the holder (a live API token). */
	@Transactional
	public SubjectRights.Erasure deleteConfirmed(UUID accountId, Locale locale) {
		return rights.erase(subject(accountId), locale);
	}

	/** The account's current password, confirming that its holder asks; refused on the "current" field otherwise. */
	private void requirePassword(UUID accountId, String password) {
		String hash = jdbc.sql("SELECT password_hash FROM client_account WHERE id = ?").param(accountId)
			.query(String.class).optional().orElseThrow(() -> new IllegalStateException("No such account"));
		if (password == null || !passwords.matches(password, hash)) {
			throw new Refused("current", "password.wrongCurrent");
		}
	}

	/** Sets a new password without the old one: only after a reset code through a verified contact. */
	@Transactional
	void setPassword(UUID accountId, String password) {
		jdbc.sql("UPDATE client_account SET password_hash = ?, password_changed_at = ? WHERE id = ?")
			.params(passwords.encode(password), Timestamp.from(clock.instant()), accountId)
			.update();
	}

	/** Records a successful login: the retention engine counts the account's 365 days from it. */
	@Transactional
	public void loggedIn(UUID accountId) {
		jdbc.sql("UPDATE client_account SET last_login_at = ? WHERE id = ?")
			.params(Timestamp.from(clock.instant()), accountId)
			.update();
	}

	@Transactional(readOnly = true)
	public Optional<ClientAccount> byId(UUID accountId) {
		return jdbc.sql("SELECT id, username, created_at, last_login_at FROM client_account WHERE id = ?")
			.param(accountId)
			.query((rs, n) -> new ClientAccount(rs.getObject("id", UUID.class), rs.getString("username"),
					rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_login_at").toInstant()))
			.optional();
	}

	/** For login: the principal with its password hash, if the username exists. */
	@Transactional(readOnly = true)
	Optional<ClientPrincipal> principal(String username) {
		return jdbc.sql("SELECT id, username, password_hash FROM client_account WHERE username = ?")
			.param(normalise(username))
			.query((rs, n) -> new ClientPrincipal(rs.getObject("id", UUID.class), rs.getString("username"),
					rs.getString("password_hash")))
			.optional();
	}

	PasswordEncoder passwordEncoder() {
		return passwords;
	}

	/** Case does not make two pseudonyms different, and neither do two ways of writing å. */
	static String normalise(String username) {
		return username == null ? ""
				: Normalizer.normalize(username.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
	}
}
