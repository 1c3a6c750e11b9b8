package org.samtal.privacy;

import java.time.Period;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The privacy module's own entries in the register. */
@Component
class PrivacyPersonalData implements PersonalDataOwner {

	@Override
	public List<CategoryDeclaration> categories() {
		return List.of(new CategoryDeclaration(DataCategory.CARE_CONTACT,
				List.of("Tell expected accesses from unexpected ones in the log review"),
				LegalBasis.Article6.LEGAL_OBLIGATION, LegalBasis.Article9.NONE,
				CategoryDeclaration.Controller.ORGANISATION, List.of("staff", "clients (by pseudonym)"),
				List.of("the organisation's admins"), CategoryDeclaration.EU_DATABASE,
				new RetentionRule(RetentionRule.Trigger.CREATED, Period.ofYears(5), RetentionRule.Action.DELETE,
						"HSLF-FS 2016:40 4 kap. 9 §: as long as the access log it explains", Period.ofYears(5),
						Period.ofYears(10)),
				"Explains entries of the access log, which cannot be erased on request"),
				new CategoryDeclaration(DataCategory.ACCESS_LOG_ENTRY,
				List.of("Show who read or changed a client's data, for the client and for systematic log review"),
				LegalBasis.Article6.LEGAL_OBLIGATION, LegalBasis.Article9.NONE,
				CategoryDeclaration.Controller.ORGANISATION, List.of("staff", "clients (by pseudonym)"),
				List.of("the organisation's admins", "the client, on request"), CategoryDeclaration.EU_DATABASE,
				new RetentionRule(RetentionRule.Trigger.CREATED, Period.ofYears(5), RetentionRule.Action.DELETE,
						"HSLF-FS 2016:40 4 kap. 9 §; patientdatalagen 4 kap. 3 §", Period.ofYears(5), Period.ofYears(10)),
				"Kept as evidence of lawful access (HSLF-FS 2016:40); not erasable on request"));
	}

	@Override
	public Map<String, DataCategory> personalTables() {
		return Map.of("access_log", DataCategory.ACCESS_LOG_ENTRY, "access_log_review", DataCategory.ACCESS_LOG_ENTRY,
				"care_contact", DataCategory.CARE_CONTACT);
	}

	@Override
	public Map<String, String> nonPersonalTables() {
		return Map.of("retention_override", "an organisation's chosen retention periods per category",
				"category_in_use", "which categories an organisation keeps",
				"register_profile", "whether an organisation is a care provider",
				"access_log_head", "the last link of the access-log chain: a number and a hash",
				"access_log_checkpoint", "signed hashes of the access-log chain: numbers, hashes and signatures");
	}
}
