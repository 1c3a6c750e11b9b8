package org.samtal.identity;

import static org.samtal.privacy.CategoryDeclaration.EU_DATABASE;

import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.samtal.privacy.CategoryDeclaration;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.DataSubject;
import org.samtal.privacy.SubjectRecordSink;
import org.samtal.privacy.SubjectRecords;
import org.samtal.privacy.LegalBasis;
import org.samtal.privacy.PersonalDataOwner;
import org.samtal.privacy.RetentionRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The identity module's entries in the processing register, and what it holds about a client. */
@Component
class IdentityPersonalData implements PersonalDataOwner {

	private final JdbcClient jdbc;

	IdentityPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<CategoryDeclaration> categories() {
		return List.of(
				new CategoryDeclaration(DataCategory.STAFF_ACCOUNT,
						List.of("Let staff log in and act on their own receptions"), LegalBasis.Article6.CONTRACT,
						LegalBasis.Article9.NONE, CategoryDeclaration.Controller.PLATFORM_OPERATOR, List.of("staff"),
						List.of("none"), EU_DATABASE,
						// The password hash goes when the account is closed; the name stays while the log needs it.
						RetentionRule.fixed(RetentionRule.Trigger.ACCOUNT_CLOSED_AND_OUT_OF_ACCESS_LOG, Period.ZERO,
								RetentionRule.Action.DELETE, "GDPR Art. 5(1)(e); HSLF-FS 2016:40 4 kap. 9 §"),
						null),
				new CategoryDeclaration(DataCategory.LOGIN_ATTEMPT,
						List.of("Slow down and lock password guessing (IT security)"),
						LegalBasis.Article6.LEGITIMATE_INTERESTS, LegalBasis.Article9.NONE,
						CategoryDeclaration.Controller.PLATFORM_OPERATOR, List.of("anyone who tries to log in as staff"),
						List.of("none"), EU_DATABASE,
						RetentionRule.fixed(RetentionRule.Trigger.LAST_FAILED_LOGIN, Period.ofDays(1),
								RetentionRule.Action.DELETE, "GDPR Art. 5(1)(e), Art. 32"),
						null),
				new CategoryDeclaration(DataCategory.CLIENT_ACCOUNT,
						List.of("Let a client sign in under a pseudonym, book, chat and use their rights themselves"),
						LegalBasis.Article6.CONTRACT, LegalBasis.Article9.NONE,
						CategoryDeclaration.Controller.PLATFORM_OPERATOR, List.of("clients (by pseudonym)"),
						List.of("none"), EU_DATABASE,
						new RetentionRule(RetentionRule.Trigger.LAST_LOGIN_WITHOUT_ONGOING_CASE, Period.ofDays(365),
								RetentionRule.Action.DELETE,
								"GDPR Art. 5(1)(e): deleted after 365 days without login when no case is ongoing",
								Period.ofDays(90), Period.ofYears(3)),
						null).whenSwitchedOn(),
				new CategoryDeclaration(DataCategory.CONTACT_DETAIL,
						List.of("Send the SMS and e-mail notices the client has switched on"),
						LegalBasis.Article6.CONSENT, LegalBasis.Article9.NONE,
						CategoryDeclaration.Controller.PLATFORM_OPERATOR, List.of("clients who add them"),
						List.of("the SMS and e-mail providers (processors)"), EU_DATABASE,
						RetentionRule.fixed(RetentionRule.Trigger.ACCOUNT_CLOSED, Period.ZERO,
								RetentionRule.Action.DELETE, "GDPR Art. 5(1)(e), Art. 7(3)"),
						null).whenSwitchedOn());
	}

	/** The account itself, its live API tokens (times only, never the token) and any recent failed logins. */
	@Override
	public void find(DataSubject subject, SubjectRecordSink sink) {
		recordsAbout(subject).forEach(sink::add);
	}

	private List<SubjectRecords> recordsAbout(DataSubject subject) {
		if (subject.clientAccountId() == null) {
			return List.of();
		}
		List<Map<String, Object>> records = new ArrayList<>();
		jdbc.sql("""
				SELECT username, created_at, last_login_at, password_changed_at FROM client_account WHERE id = ?""")
			.param(subject.clientAccountId())
			.query((rs, n) -> {
				Map<String, Object> account = new LinkedHashMap<>();
				account.put("record", "account");
				account.put("username", rs.getString("username"));
				account.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
				account.put("lastLoginAt", rs.getTimestamp("last_login_at").toInstant().toString());
				account.put("passwordChangedAt", rs.getTimestamp("password_changed_at").toInstant().toString());
				account.put("password", "stored only as an Argon2id hash, which is not shown");
				return account;
			})
			.list()
			.forEach(records::add);
		jdbc.sql("SELECT issued_at, expires_at FROM client_token WHERE account_id = ? ORDER BY issued_at")
			.param(subject.clientAccountId())
			.query((rs, n) -> {
				Map<String, Object> token = new LinkedHashMap<>();
				token.put("record", "api access token");
				token.put("issuedAt", rs.getTimestamp("issued_at").toInstant().toString());
				token.put("expiresAt", rs.getTimestamp("expires_at").toInstant().toString());
				return token;
			})
			.list()
			.forEach(records::add);
		if (subject.username() != null) {
			LoginThrottle.failuresOf(jdbc, "client:" + subject.username()).ifPresent(failures -> {
				Map<String, Object> attempts = new LinkedHashMap<>();
				attempts.put("record", "recent failed logins");
				attempts.put("failures", failures);
				records.add(attempts);
			});
		}
		List<Map<String, Object>> contacts = jdbc.sql("""
				SELECT channel, address, created_at, verified_at FROM client_contact WHERE account_id = ? ORDER BY channel""")
			.param(subject.clientAccountId())
			.query((rs, n) -> {
				Map<String, Object> contact = new LinkedHashMap<>();
				contact.put("record", "EMAIL".equals(rs.getString("channel")) ? "e-mail address" : "mobile number");
				contact.put("address", rs.getString("address"));
				contact.put("addedAt", rs.getTimestamp("created_at").toInstant().toString());
				java.sql.Timestamp verified = rs.getTimestamp("verified_at");
				contact.put("verifiedAt", verified == null ? null : verified.toInstant().toString());
				return contact;
			})
			.list();
		return contacts.isEmpty() ? List.of(new SubjectRecords(DataCategory.CLIENT_ACCOUNT, null, records))
				: List.of(new SubjectRecords(DataCategory.CLIENT_ACCOUNT, null, records),
						new SubjectRecords(DataCategory.CONTACT_DETAIL, null, contacts));
	}

	@Override
	public Map<DataCategory, Integer> erase(DataSubject subject, Set<DataCategory> erasable) {
		if (subject.clientAccountId() == null || !erasable.contains(DataCategory.CLIENT_ACCOUNT)) {
			return Map.of();
		}
		int contacts = jdbc.sql("DELETE FROM client_contact WHERE account_id = ?").param(subject.clientAccountId())
			.update();
		// Tokens and codes go with the account (ON DELETE CASCADE), so none outlives it.
		int erased = jdbc.sql("DELETE FROM client_account WHERE id = ?").param(subject.clientAccountId()).update();
		if (subject.username() != null) {
			LoginThrottle.forget(jdbc, "client:" + subject.username());
		}
		return contacts == 0 ? Map.of(DataCategory.CLIENT_ACCOUNT, erased)
				: Map.of(DataCategory.CLIENT_ACCOUNT, erased, DataCategory.CONTACT_DETAIL, contacts);
	}

	@Override
	public Map<String, DataCategory> personalTables() {
		return Map.of("staff_account", DataCategory.STAFF_ACCOUNT, "staff_reception", DataCategory.STAFF_ACCOUNT,
				"login_throttle", DataCategory.LOGIN_ATTEMPT, "client_account", DataCategory.CLIENT_ACCOUNT,
				"client_token", DataCategory.CLIENT_ACCOUNT, "client_contact", DataCategory.CONTACT_DETAIL,
				"client_code", DataCategory.CONTACT_DETAIL);
	}
}
