package org.samtal.tenancy;

import org.samtal.privacy.SubjectRecordSink;
import org.samtal.privacy.DataSubject;
import java.util.Set;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.samtal.privacy.CategoryDeclaration;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.LegalBasis;
import org.samtal.privacy.PersonalDataOwner;
import org.samtal.privacy.RetentionRule;
import org.springframework.stereotype.Component;

/** The tenancy module's entries in the processing register. */
@Component
class TenancyPersonalData implements PersonalDataOwner {

	@Override
	public List<CategoryDeclaration> categories() {
		return List.of(new CategoryDeclaration(DataCategory.ORGANISATION_CONTACT,
				List.of("Name the data protection officer in the organisation's privacy notice (GDPR Art. 13(1)(b))"),
				LegalBasis.Article6.LEGAL_OBLIGATION, LegalBasis.Article9.NONE,
				CategoryDeclaration.Controller.ORGANISATION, List.of("the organisation's data protection officer"),
				List.of("the public, in the privacy notice"), CategoryDeclaration.EU_DATABASE,
				RetentionRule.fixed(RetentionRule.Trigger.ORGANISATION_LEFT, Period.ZERO, RetentionRule.Action.DELETE,
						"GDPR Art. 5(1)(e)"),
				"Must be published while the organisation uses Samtal (GDPR Art. 13(1)(b), Art. 37(7))"));
	}

	/** Only a DPO's published work contact is kept here; no client's or visitor's data, so nothing is ever found. */
	@Override
	public void find(DataSubject subject, SubjectRecordSink sink) {
	}

	/** Nothing about a client to erase; the DPO contact goes when the organisation leaves. */
	@Override
	public Map<DataCategory, Integer> erase(DataSubject subject, Set<DataCategory> erasable) {
		return Map.of();
	}

	@Override
	public Map<String, DataCategory> personalTables() {
		return Map.of("organisation", DataCategory.ORGANISATION_CONTACT);
	}

	@Override
	public Map<String, String> nonPersonalTables() {
		return Map.of("reception", "a reception's name, texts, settings and form questions",
				"opening_hours", "when a reception is open");
	}
}
