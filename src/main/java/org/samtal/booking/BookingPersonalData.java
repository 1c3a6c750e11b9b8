package org.samtal.booking;

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

/** The booking module's entries in the processing register; its tables arrive with the booking issue. */
@Component
class BookingPersonalData implements PersonalDataOwner {

	@Override
	public List<CategoryDeclaration> categories() {
		return List.of(new CategoryDeclaration(DataCategory.APPOINTMENT,
				List.of("Book, move and cancel meetings with a counselor"), Article6.PUBLIC_INTEREST,
				Article9.HEALTH_OR_SOCIAL_CARE, ORGANISATION, List.of("clients (by pseudonym)", "counselors"),
				List.of("the counselor met"), EU_DATABASE,
				new RetentionRule(Trigger.APPOINTMENT_HELD, Period.ZERO, DELETE, "GDPR Art. 5(1)(e)", Period.ZERO,
						Period.ofMonths(3)),
				null).orOn(Article6.CONTRACT).whenSwitchedOn());
	}
}
