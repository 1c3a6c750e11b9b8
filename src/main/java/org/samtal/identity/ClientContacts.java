package org.samtal.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.samtal.notification.Channel;
import org.samtal.notification.Notifications;
import org.samtal.privacy.DataSubject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A client's optional e-mail address and mobile number. Each is verified with a one-time code before it is used, and a
 * forgotten password can be reset only through a verified one. Codes are six digits, live 15 minutes, may be tried five
 * times and used once; at most three are sent to one contact an hour.
 */
@Service
public class ClientContacts {

	static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
	static final int MAX_ATTEMPTS = 5;
	static final int MAX_CODES_PER_HOUR = 5;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final Clock clock;
	private final Notifications notifications;
	private final ClientAccounts accounts;
	private final PasswordPolicy policy;

	ClientContacts(JdbcClient jdbc, Clock clock, Notifications notifications, ClientAccounts accounts,
			PasswordPolicy policy) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.notifications = notifications;
		this.accounts = accounts;
		this.policy = policy;
	}

	enum Purpose {
		VERIFY, RESET
	}

	public record Contact(UUID id, Channel channel, String address, boolean verified) {
	}

	@Transactional(readOnly = true)
	public List<Contact> of(UUID accountId) {
		return jdbc.sql("SELECT id, channel, address, verified_at FROM client_contact WHERE account_id = ? ORDER BY channel")
			.param(accountId)
			.query((rs, n) -> new Contact(rs.getObject("id", UUID.class), Channel.valueOf(rs.getString("channel")),
					rs.getString("address"), rs.getTimestamp("verified_at") != null))
			.list();
	}

	/**
	 * Adds or replaces the client's address on a channel, unverified, and sends a code to it.
	 * @throws ClientAccounts.Refused with field "address" when it is not a usable address or number
	 */
	@Transactional
	public void add(UUID accountId, Channel channel, String address, String language) {
		String normalised = normalise(channel, address);
		jdbc.sql("DELETE FROM client_contact WHERE account_id = ? AND channel = ?").params(accountId, channel.name())
			.update();
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO client_contact (id, account_id, channel, address, created_at) VALUES (?, ?, ?, ?, ?)""")
			.params(id, accountId, channel.name(), normalised, Timestamp.from(clock.instant()))
			.update();
		sendCode(accountId, new Contact(id, channel, normalised, false), Purpose.VERIFY, "contact-code", language);
	}

	/** Sends a new code to an unverified contact, within the hourly limit. */
	@Transactional
	public void resend(UUID accountId, Channel channel, String language) {
		Contact contact = of(accountId).stream().filter(c -> c.channel() == channel && !c.verified()).findFirst()
			.orElseThrow(() -> new ClientAccounts.Refused("code", "code.nothingToVerify"));
		sendCode(accountId, contact, Purpose.VERIFY, "contact-code", language);
	}

	/** Verifies a contact with the code sent to it. */
	@Transactional(noRollbackFor = ClientAccounts.Refused.class)
	public void verify(UUID accountId, Channel channel, String code) {
		Contact contact = of(accountId).stream().filter(c -> c.channel() == channel).findFirst()
			.orElseThrow(() -> new ClientAccounts.Refused("code", "code.nothingToVerify"));
		use(accountId, contact.id(), Purpose.VERIFY, code);
		jdbc.sql("UPDATE client_contact SET verified_at = ? WHERE id = ?")
			.params(Timestamp.from(clock.instant()), contact.id())
			.update();
	}

	@Transactional
	public void remove(UUID accountId, Channel channel) {
		jdbc.sql("DELETE FROM client_contact WHERE account_id = ? AND channel = ?").params(accountId, channel.name())
			.update();
	}

	/**
	 * Sends a reset code when the username and the verified address belong together. Says nothing either way, so the
	 * page cannot be used to find out which usernames or addresses exist.
	 */
	@Transactional
	public void requestReset(String username, String address, String language) {
		Optional<ClientPrincipal> account = accounts.principal(username);
		if (account.isEmpty() || address == null) {
			return;
		}
		for (Contact contact : of(account.get().id())) {
			if (contact.verified() && sameAddress(contact, address)) {
				try {
					sendCode(account.get().id(), contact, Purpose.RESET, "reset-code", language);
				}
				catch (ClientAccounts.Refused tooMany) {
					// Silent on purpose, like a non-matching address; the limit still holds.
				}
				return;
			}
		}
	}

	/**
	 * Sets a new password with a reset code; every API token of the account stops working.
	 * @throws ClientAccounts.Refused "code" for a wrong, expired, used or exhausted code; "password" for a weak one
	 */
	@Transactional(noRollbackFor = ClientAccounts.Refused.class)
	public UUID reset(String username, String code, String newPassword) {
		// The password is judged first, known username or not, so the answers do not tell which usernames exist.
		policy.weakness(ClientAccounts.normalise(username), newPassword).ifPresent(weakness -> {
			throw new ClientAccounts.Refused("password", weakness);
		});
		ClientPrincipal account = accounts.principal(username)
			.orElseThrow(() -> new ClientAccounts.Refused("code", "code.wrong"));
		use(account.id(), null, Purpose.RESET, code);
		accounts.setPassword(account.id(), newPassword);
		jdbc.sql("DELETE FROM client_token WHERE account_id = ?").param(account.id()).update();
		return account.id();
	}

	private void sendCode(UUID accountId, Contact contact, Purpose purpose, String template, String language) {
		Instant now = clock.instant();
		// Counted per account, whatever address: removing and re-adding a contact does not start the count again
		// (codes of a removed contact stay until they expire).
		int recent = jdbc.sql("SELECT count(*) FROM client_code WHERE account_id = ? AND issued_at > ?")
			.params(accountId, Timestamp.from(now.minus(Duration.ofHours(1))))
			.query(Integer.class)
			.single();
		if (recent >= MAX_CODES_PER_HOUR) {
			throw new ClientAccounts.Refused("code", "code.tooManySent");
		}
		// A new code replaces any earlier one for the same purpose and contact.
		jdbc.sql("""
				UPDATE client_code SET used_at = ?
				WHERE account_id = ? AND purpose = ? AND contact_id = ? AND used_at IS NULL""")
			.params(Timestamp.from(now), accountId, purpose.name(), contact.id())
			.update();
		String code = String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO client_code (id, account_id, contact_id, purpose, code_hash, issued_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, accountId, contact.id(), purpose.name(), hash(id, code), Timestamp.from(now),
					Timestamp.from(now.plus(CODE_LIFETIME)))
			.update();
		notifications.send(contact.channel(), contact.address(), template, language,
				Map.of("code", code, "minutes", Long.toString(CODE_LIFETIME.toMinutes())),
				DataSubject.clientKey(accountId), null);
	}

	/** Checks the newest code for the purpose and uses it up; each wrong try counts. */
	private void use(UUID accountId, UUID contactId, Purpose purpose, String code) {
		Instant now = clock.instant();
		record Issued(UUID id, UUID contactId, Instant expiresAt, int attempts, Instant usedAt, byte[] hash) {
		}
		Issued issued = jdbc.sql("""
				SELECT id, contact_id, expires_at, attempts, used_at, code_hash FROM client_code
				WHERE account_id = ? AND purpose = ? AND (CAST(? AS uuid) IS NULL OR contact_id = ?)
				ORDER BY issued_at DESC LIMIT 1
				FOR UPDATE""")
			.params(accountId, purpose.name(), contactId, contactId)
			.query((rs, n) -> new Issued(rs.getObject("id", UUID.class), rs.getObject("contact_id", UUID.class),
					rs.getTimestamp("expires_at").toInstant(), rs.getInt("attempts"),
					rs.getTimestamp("used_at") == null ? null : rs.getTimestamp("used_at").toInstant(),
					rs.getBytes("code_hash")))
			.optional()
			.orElseThrow(() -> new ClientAccounts.Refused("code", "code.wrong"));
		if (issued.usedAt() != null) {
			throw new ClientAccounts.Refused("code", "code.used");
		}
		if (!now.isBefore(issued.expiresAt())) {
			throw new ClientAccounts.Refused("code", "code.expired");
		}
		if (issued.attempts() >= MAX_ATTEMPTS) {
			throw new ClientAccounts.Refused("code", "code.tooManyAttempts");
		}
		String given = code == null ? "" : code.replaceAll("\\s", "");
		if (!given.matches("\\d{6}") || !MessageDigest.isEqual(issued.hash(), hash(issued.id(), given))) {
			int attempts = jdbc.sql("UPDATE client_code SET attempts = attempts + 1 WHERE id = ? RETURNING attempts")
				.param(issued.id()).query(Integer.class).single();
			throw new ClientAccounts.Refused("code", attempts >= MAX_ATTEMPTS ? "code.tooManyAttempts" : "code.wrong");
		}
		jdbc.sql("UPDATE client_code SET used_at = ? WHERE id = ?").params(Timestamp.from(now), issued.id()).update();
	}

	/**
	 * The address as contacts are kept (an E.164 number, a trimmed e-mail address), or empty when it is not one a
	 * message can go to.
	 */
	public static Optional<String> usableAddress(Channel channel, String address) {
		try {
			return Optional.of(normalise(channel, address));
		}
		catch (ClientAccounts.Refused unusable) {
			return Optional.empty();
		}
	}

	/**
	 * The account holders who verified this very address, as data subjects: a data-subject request proved by a code
	 * sent to the address reaches their accounts' records. Usually one; none when no account has it verified.
	 */
	@Transactional(readOnly = true)
	public List<DataSubject> holdersOfVerified(Channel channel, String address) {
		return jdbc.sql("""
				SELECT a.id, a.username FROM client_contact c JOIN client_account a ON a.id = c.account_id
				WHERE c.channel = ? AND lower(c.address) = lower(?) AND c.verified_at IS NOT NULL
				ORDER BY a.created_at""")
			.params(channel.name(), address)
			.query((rs, n) -> DataSubject.client(rs.getObject("id", UUID.class), rs.getString("username")))
			.list();
	}

	static String normalise(Channel channel, String address) {
		String trimmed = address == null ? "" : address.strip();
		if (channel == Channel.EMAIL) {
			// The sender's own test, so an address accepted here is one a message can go to.
			if (!Notifications.canSendTo(Channel.EMAIL, trimmed)) {
				throw new ClientAccounts.Refused("address", "address.email");
			}
			return trimmed;
		}
		// Mobile numbers in E.164; a Swedish or Norwegian number may be typed nationally (07…, 4…/9…).
		String digits = trimmed.replaceAll("[\\s()-]", "");
		if (digits.startsWith("00")) {
			digits = "+" + digits.substring(2);
		}
		if (digits.matches("07\\d{8}")) {
			digits = "+46" + digits.substring(1);
		}
		else if (digits.matches("[49]\\d{7}")) {
			digits = "+47" + digits;
		}
		if (!Notifications.canSendTo(Channel.SMS, digits)) {
			throw new ClientAccounts.Refused("address", "address.mobile");
		}
		return digits;
	}

	private static boolean sameAddress(Contact contact, String typed) {
		try {
			String normalised = normalise(contact.channel(), typed);
			return contact.channel() == Channel.EMAIL ? normalised.equalsIgnoreCase(contact.address())
					: normalised.equals(contact.address());
		}
		catch (ClientAccounts.Refused malformed) {
			return false;
		}
	}

	private static byte[] hash(UUID id, String code) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(id.toString().getBytes(StandardCharsets.UTF_8));
			return sha256.digest(code.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}
}
