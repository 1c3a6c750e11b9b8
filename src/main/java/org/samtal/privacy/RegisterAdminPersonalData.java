package org.samtal.privacy;

import java.time.Period;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The register's own audit trail: which admin changed which setting of the organisation's register, and when. It
 * names a staff member (by id), so it is personal data of staff, declared here beside the privacy module's other
 * entries.
 */
@Component
class RegisterAdminPersonalData implements PersonalDataOwner {

	@Override
	public List<CategoryDeclaration> categories() {
		return List.of(new CategoryDeclaration(DataCategory.REGISTER_CHANGE,
				List.of("Show who changed the organisation's retention periods, trigger events and categories, and when "
						+ "(accountability, GDPR Art. 5(2) and 24)",
						"Show who placed and lifted legal holds and ran the retention engine, and when"),
				LegalBasis.Article6.LEGAL_OBLIGATION, LegalBasis.Article9.NONE,
				CategoryDeclaration.Controller.ORGANISATION, List.of("the organisation's admins"),
				List.of("the organisation's admins", "the supervisory authority, on request"),
				CategoryDeclaration.EU_DATABASE,
				new RetentionRule(RetentionRule.Trigger.CREATED, Period.ofYears(5), RetentionRule.Action.DELETE,
						"GDPR Art. 5(1)(e) and 5(2): as long as the access log, which records the same kind of staff "
								+ "action",
						Period.ofYears(1), Period.ofYears(10)),
				"Shows who set the register (GDPR Art. 5(2)); not erased on request while kept (Art. 17(3)(b))"));
	}

	@Override
	public Map<String, DataCategory> personalTables() {
		return Map.of("register_change", DataCategory.REGISTER_CHANGE, "legal_hold", DataCategory.REGISTER_CHANGE,
				"retention_run", DataCategory.REGISTER_CHANGE);
	}
}
