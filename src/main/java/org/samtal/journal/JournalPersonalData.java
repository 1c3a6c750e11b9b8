package org.samtal.journal;

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

/** The journal module's entries in the processing register; its tables arrive with the journal issue. */
@Component
class JournalPersonalData implements PersonalDataOwner {

	static final String PDL = "patientdatalagen (2008:355) 3 kap. 17 §: at least 10 years after the last entry";

	static final String PDL_EXEMPTION = "A patient record must be kept (patientdatalagen 3 kap. 17 §); erasure on "
			+ "request does not apply (GDPR Art. 17(3)(b) and (c))";

	@Override
	public List<CategoryDeclaration> categories() {
		return List.of(
				new CategoryDeclaration(DataCategory.JOURNAL_ENTRY,
						List.of("Keep the patient record the law requires of a care provider"),
						Article6.LEGAL_OBLIGATION, Article9.HEALTH_OR_SOCIAL_CARE, ORGANISATION,
						List.of("clients (patients)"), List.of("the client, who may always read it",
								"another care provider, only after the client approves a referral"),
						EU_DATABASE, new RetentionRule(Trigger.LAST_ENTRY, Period.ofYears(10), DELETE, PDL,
								Period.ofYears(10), Period.ofYears(20)),
						PDL_EXEMPTION).whenSwitchedOn(),
				new CategoryDeclaration(DataCategory.SESSION_NOTE,
						List.of("Notes from client sessions, which the client may always read"),
						Article6.LEGAL_OBLIGATION, Article9.HEALTH_OR_SOCIAL_CARE, ORGANISATION, List.of("clients"),
						List.of("the client; never third parties"), EU_DATABASE,
						new RetentionRule(Trigger.LAST_ENTRY, Period.ofYears(10), DELETE, PDL, Period.ZERO,
								Period.ofYears(20)).orFrom(Trigger.PACKAGE_COMPLETED),
						// Notes are a patient record only for a care provider; a coach's rest on the contract and go
						// when the client asks.
						PDL_EXEMPTION).whenSwitchedOn().orOn(Article6.CONTRACT).exemptOnlyForCareProviders(),
				new CategoryDeclaration(DataCategory.MEMORY_NOTE,
						List.of("Remember earlier talks in follow-up conversations, only after the client approves"),
						Article6.CONSENT, Article9.EXPLICIT_CONSENT, ORGANISATION,
						List.of("clients (by follow-up pseudonym)"), List.of("the support line's counselors"),
						EU_DATABASE, new RetentionRule(Trigger.FOLLOW_UP_ENDED, Period.ZERO, DELETE,
								"GDPR Art. 5(1)(e), Art. 7(3): deleted when follow-up ends or consent is withdrawn",
								Period.ZERO, Period.ofMonths(6)),
						null).whenSwitchedOn());
	}
}
