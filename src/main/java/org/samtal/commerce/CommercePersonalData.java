package org.samtal.commerce;

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

/** The commerce module's entries in the processing register; its tables arrive with the commerce issue. */
@Component
class CommercePersonalData implements PersonalDataOwner {

	static final String BOOKKEEPING = "bokföringslagen (1999:1078) 7 kap. 2 §: until the end of the 7th year after "
			+ "the calendar year in which the fiscal year ended (SE); bokføringsloven § 13: 5 years after the fiscal "
			+ "year (NO; counting from the calendar year's end keeps them a little longer, never shorter)";

	@Override
	public List<CategoryDeclaration> categories() {
		return List.of(
				new CategoryDeclaration(DataCategory.CUSTOMER_RECORD,
						List.of("Sell and deliver services, courses and seminars", "Answer customers' questions"),
						Article6.CONTRACT, Article9.NONE, ORGANISATION, List.of("customers"),
						List.of("the bank or payment provider that sends invoices"), EU_DATABASE,
						new RetentionRule(Trigger.CUSTOMER_LEFT, Period.ZERO, DELETE, "GDPR Art. 5(1)(e)",
								Period.ZERO, Period.ofYears(1)),
						null).whenSwitchedOn(),
				new CategoryDeclaration(DataCategory.INVOICE,
						List.of("Invoice purchases and keep the accounts the law requires"),
						Article6.LEGAL_OBLIGATION, Article9.NONE, ORGANISATION, List.of("customers"),
						List.of("the bank or payment provider that sends invoices", "the auditor"), EU_DATABASE,
						new RetentionRule(Trigger.FISCAL_YEAR_ENDED, Period.ofYears(7), DELETE, BOOKKEEPING,
								Period.ofYears(5), Period.ofYears(10))
							.in("SE", Period.ofYears(7), Period.ofYears(7))
							.in("NO", Period.ofYears(5), Period.ofYears(5)),
						"Accounting records must be kept (bokföringslagen 7 kap. 2 §; bokføringsloven § 13)")
					.whenSwitchedOn(),
				new CategoryDeclaration(DataCategory.MATERIAL_ORDER,
						List.of("Send printed material to the address given"), Article6.PUBLIC_INTEREST, Article9.NONE,
						ORGANISATION, List.of("people who order material"), List.of("the postal service"),
						EU_DATABASE, new RetentionRule(Trigger.DISPATCHED, Period.ZERO, DELETE,
								"GDPR Art. 5(1)(e): deleted once the material is sent", Period.ZERO, Period.ofDays(30)),
						null).orOn(Article6.CONTRACT).whenSwitchedOn(),
				new CategoryDeclaration(DataCategory.RECORDING,
						List.of("Let participants go back to a recorded online training or lecture"),
						Article6.CONTRACT, Article9.NONE, ORGANISATION, List.of("course participants", "lecturers"),
						List.of("the course's participants"), EU_DATABASE,
						new RetentionRule(Trigger.CREATED, Period.ofDays(2), DELETE,
								"GDPR Art. 5(1)(e); participants are told at the start", Period.ZERO, Period.ofDays(30)),
						null).whenSwitchedOn());
	}
}
