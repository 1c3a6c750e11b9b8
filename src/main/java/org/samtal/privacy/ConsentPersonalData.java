package org.samtal.privacy;

import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The consent ledger's and the notice versions' entries in the register. */
@Component
class ConsentPersonalData implements PersonalDataOwner {

	private final JdbcClient jdbc;
	private final java.time.Clock clock;

	ConsentPersonalData(JdbcClient jdbc, java.time.Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Every consent the subject gave or withdrew, per organisation. */
	@Override
	public void find(DataSubject subject, SubjectRecordSink sink) {
		recordsAbout(subject).forEach(sink::add);
	}

	private List<SubjectRecords> recordsAbout(DataSubject subject) {
		Map<UUID, List<Map<String, Object>>> consents = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT organisation_id, purpose_code, purpose_text, data_category, notice_version, given_at,
				       collection_method, language, withdrawn_at, withdrawal_method
				FROM consent_record WHERE subject = ANY (?) ORDER BY given_at, id""")
			.param(subject.keyArray())
			.query(rs -> {
				Map<String, Object> consent = new LinkedHashMap<>();
				consent.put("purpose", rs.getString("purpose_code"));
				consent.put("purposeText", rs.getString("purpose_text"));
				consent.put("dataCategory", rs.getString("data_category"));
				consent.put("noticeVersion", rs.getInt("notice_version"));
				consent.put("givenAt", rs.getTimestamp("given_at").toInstant().toString());
				consent.put("method", rs.getString("collection_method"));
				consent.put("language", rs.getString("language"));
				java.sql.Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
				consent.put("withdrawnAt", withdrawn == null ? null : withdrawn.toInstant().toString());
				consent.put("withdrawalMethod", rs.getString("withdrawal_method"));
				consents.computeIfAbsent(rs.getObject("organisation_id", UUID.class), id -> new ArrayList<>())
					.add(consent);
			});
		List<SubjectRecords> found = new ArrayList<>();
		consents.forEach((organisation, rows) -> found.add(
				new SubjectRecords(DataCategory.CONSENT_RECORD, organisation, rows)));
		return found;
	}

	/**
	 * Proof of consent is exempt from erasure (see the declaration), but an erased subject's standing consents are
	 * withdrawn: nothing rests on them any more, and their kept-after-withdrawal period starts.
	 */
	@Override
	public Map<DataCategory, Integer> erase(DataSubject subject, Set<DataCategory> erasable) {
		jdbc.sql("""
				UPDATE consent_record SET withdrawn_at = ?, withdrawal_method = ?
				WHERE subject = ANY (?) AND withdrawn_at IS NULL
				AND (? OR organisation_id IS NOT DISTINCT FROM CAST(? AS uuid))""")
			.params(java.sql.Timestamp.from(clock.instant()), (subject.heldBy().everyone() ? ConsentRecord.Method.ACCOUNT_DELETED
					: ConsentRecord.Method.ERASED_ON_REQUEST).name(),
					subject.keyArray(), subject.heldBy().everyone(), subject.heldBy().organisationId())
			.update();
		return Map.of();
	}

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
