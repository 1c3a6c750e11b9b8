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
						null));
	}

	@Override
	public Map<String, DataCategory> personalTables() {
		return Map.of("staff_account", DataCategory.STAFF_ACCOUNT, "staff_reception", DataCategory.STAFF_ACCOUNT,
				"login_throttle", DataCategory.LOGIN_ATTEMPT);
	}

	@Override
	public Map<String, String> nonPersonalTables() {
		return Map.of();
	}
}
