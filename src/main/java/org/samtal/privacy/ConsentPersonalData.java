package org.samtal.privacy;

import java.time.Period;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The consent ledger's and the notice versions' entries in the register. */
@Component
class ConsentPersonalData implements PersonalDataOwner {

	static final Period KEPT_AFTER_WITHDRAWAL = Period.ofYears(3);

	@Override
	public List<CategoryDeclaration> categories() {
		return List.of(new CategoryDeclaration(DataCategory.CONSENT_RECORD,
				List.of("Show that and when consent was given or withdrawn (GDPR Art. 7(1))"),
				LegalBasis.Article6.LEGAL_OBLIGATION, LegalBasis.Article9.NONE,
				CategoryDeclaration.Controller.ORGANISATION, List.of("clients (by pseudonym or username)"),
				List.of("the client, on their receipt page and as a JSON download"), CategoryDeclaration.EU_DATABASE,
				new RetentionRule(RetentionRule.Trigger.CONSENT_WITHDRAWN, KEPT_AFTER_WITHDRAWAL,
						RetentionRule.Action.DELETE,
						"GDPR Art. 7(1) and 5(2): proof while a claim about the processing can be made "
								+ "(foreldelsesloven § 2: 3 years; preskriptionslagen 2 §: up to 10 years)",
						Period.ZERO, Period.ofYears(10)),
				"Proof of consent to processing already done (GDPR Art. 7(1), Art. 17(3)(b) and (e)); an erasure "
						+ "request withdraws the consent, and the record goes when its period after withdrawal ends"));
	}

	@Override
	public Map<String, DataCategory> personalTables() {
		return Map.of("consent_record", DataCategory.CONSENT_RECORD);
	}

	@Override
	public Map<String, String> nonPersonalTables() {
		return Map.of("privacy_notice_version",
				"an organisation's privacy notice versions: dates, a significance flag and a summary of changes");
	}
}
