package org.samtal.outreach;

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

/** The outreach module's entries in the processing register; its tables arrive with the outreach issue. */
@Component
class OutreachPersonalData implements PersonalDataOwner {

	private static final String STORAGE_LIMITATION = "GDPR Art. 5(1)(e)";

	@Override
	public List<CategoryDeclaration> categories() {
		return List.of(
				new CategoryDeclaration(DataCategory.ANALYTICS_EVENT,
						List.of("Run and improve the website from how it is used"), Article6.CONSENT, Article9.NONE,
						ORGANISATION, List.of("website visitors who allow statistics"), List.of("none"), EU_DATABASE,
						new RetentionRule(Trigger.CREATED, Period.ofMonths(3), DELETE,
								STORAGE_LIMITATION + "; statistics cookies only with consent (ePrivacy Directive Art. 5(3))",
								Period.ZERO, Period.ofMonths(13)),
						null).whenSwitchedOn(),
				new CategoryDeclaration(DataCategory.MARKETING_CONTACT,
						List.of("Develop, analyse and market the organisation's services"),
						Article6.LEGITIMATE_INTERESTS, Article9.NONE, ORGANISATION, List.of("customers", "contacts"),
						List.of("none"), EU_DATABASE, new RetentionRule(Trigger.LAST_CONTACT, Period.ofMonths(12),
								DELETE, STORAGE_LIMITATION, Period.ZERO, Period.ofMonths(24)),
						null).whenSwitchedOn(),
				new CategoryDeclaration(DataCategory.NEWSLETTER_SUBSCRIPTION,
						List.of("Send the newsletter to those who subscribe"), Article6.CONSENT, Article9.NONE,
						ORGANISATION, List.of("subscribers"), List.of("the mail provider (processor)"), EU_DATABASE,
						RetentionRule.fixed(Trigger.CONSENT_WITHDRAWN, Period.ZERO, DELETE,
								"GDPR Art. 7(3), Art. 21(3): unsubscribing ends it at once"),
						null).whenSwitchedOn(),
				new CategoryDeclaration(DataCategory.TESTIMONIAL,
						List.of("Show a client's approved statement about the service on the website"),
						Article6.CONSENT, Article9.NONE, ORGANISATION, List.of("clients who approve"),
						List.of("the public"), EU_DATABASE, RetentionRule.fixed(Trigger.CONSENT_WITHDRAWN, Period.ZERO,
								DELETE, "GDPR Art. 7(3): shown until replaced or withdrawn"),
						null).whenSwitchedOn(),
				new CategoryDeclaration(DataCategory.COMMENT,
						List.of("Show readers' comments on articles, after moderation"),
						Article6.LEGITIMATE_INTERESTS, Article9.NONE, ORGANISATION, List.of("commenters"),
						List.of("the public"), EU_DATABASE, RetentionRule.fixed(Trigger.CONSENT_WITHDRAWN, Period.ZERO,
								DELETE, "GDPR Art. 17, Art. 21: removed when the commenter asks"),
						null).whenSwitchedOn(),
				new CategoryDeclaration(DataCategory.SERVICE_TICKET,
						List.of("Follow up and answer questions to customer service"), Article6.LEGITIMATE_INTERESTS,
						Article9.NONE, ORGANISATION, List.of("people who contact customer service"), List.of("none"),
						EU_DATABASE, new RetentionRule(Trigger.HANDLED, Period.ZERO, DELETE,
								STORAGE_LIMITATION + ": deleted when handled", Period.ZERO, Period.ofMonths(3)),
						null).whenSwitchedOn());
	}
}
