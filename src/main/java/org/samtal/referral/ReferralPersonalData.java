package org.samtal.referral;

import static org.samtal.privacy.CategoryDeclaration.EU_DATABASE;
import static org.samtal.privacy.CategoryDeclaration.Controller.ORGANISATION;
import static org.samtal.privacy.RetentionRule.Action.ANONYMISE;
import static org.samtal.privacy.RetentionRule.Action.DELETE;

import java.time.Period;
import java.util.List;
import org.samtal.privacy.CategoryDeclaration;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.LegalBasis.Article6;
import org.samtal.privacy.LegalBasis.Article9;
import org.samtal.privacy.PersonalDataOwner;
import org.samtal.privacy.RetentionRule;
import org.samtal.privacy.RetentionRule.Trigger;
import org.springframework.stereotype.Component;

/** The referral module's entries in the processing register; its tables arrive with the referral issue. */
@Component
class ReferralPersonalData implements PersonalDataOwner {

	@Override
	public List<CategoryDeclaration> categories() {
		return List.of(new CategoryDeclaration(DataCategory.REFERRAL,
				List.of("Pass a request for help to the clinics the client chooses, encrypted for them only",
						"Prove to the client and the clinics that the request was passed on"),
				Article6.CONSENT, Article9.EXPLICIT_CONSENT, ORGANISATION, List.of("clients"),
				List.of("only the clinics the client chooses (independent controllers from then on)",
						"police or other authorities, only where the law demands it, and recorded"),
				EU_DATABASE, new RetentionRule(Trigger.SENT, Period.ofMonths(5), ANONYMISE,
						"The organisation's notice: contact details deleted 5 months after sending; GDPR Art. 5(1)(e)",
						Period.ZERO, Period.ofMonths(12)),
				null).whenSwitchedOn());
	}
}
