package org.samtal.identity;

import static org.samtal.privacy.CategoryDeclaration.EU_DATABASE;

import java.time.Period;
import java.util.List;
import java.util.Map;
import org.samtal.privacy.CategoryDeclaration;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.LegalBasis;
import org.samtal.privacy.PersonalDataOwner;
import org.samtal.privacy.RetentionRule;
import org.springframework.stereotype.Component;

/** The identity module's entries in the processing register. */
@Component
class IdentityPersonalData implements PersonalDataOwner {

	@Override
	public List<CategoryDeclaration> categories() {
		return List.of(
				new CategoryDeclaration(DataCategory.STAFF_ACCOUNT,
						List.of("Let staff log in and act on their own receptions"), LegalBasis.Article6.CONTRACT,
						LegalBasis.Article9.NONE, CategoryDeclaration.Controller.PLATFORM_OPERATOR, List.of("staff"),
						List.of("none"), EU_DATABASE,
						RetentionRule.fixed(RetentionRule.Trigger.ACCOUNT_CLOSED, Period.ZERO, RetentionRule.Action.DELETE,
								"GDPR Art. 5(1)(e)"),
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

	@Override
	public Map<String, DataCategory> personalTables() {
		return Map.of("staff_account", DataCategory.STAFF_ACCOUNT, "staff_reception", DataCategory.STAFF_ACCOUNT,
				"login_throttle", DataCategory.LOGIN_ATTEMPT, "client_account", DataCategory.CLIENT_ACCOUNT,
				"client_token", DataCategory.CLIENT_ACCOUNT);
	}
}
