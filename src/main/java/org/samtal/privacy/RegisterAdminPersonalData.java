package org.samtal.privacy;

import org.springframework.jdbc.core.simple.JdbcClient;
import java.util.UUID;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.ArrayList;
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

	private final JdbcClient jdbc;

	RegisterAdminPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A legal hold placed on the subject's records (by their key) is about them too, so it is shown: which kind of
	 * data is held, why, and since when. Register changes and run reports name staff only.
	 */
	@Override
	public void find(DataSubject subject, SubjectRecordSink sink) {
		recordsAbout(subject).forEach(sink::add);
	}

	private List<SubjectRecords> recordsAbout(DataSubject subject) {
		Map<UUID, List<Map<String, Object>>> holds = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT organisation_id, data_category, reason, placed_at, lifted_at FROM legal_hold
				WHERE record_key = ANY (?) ORDER BY placed_at""")
			.param(subject.keyArray())
			.query(rs -> {
				Map<String, Object> hold = new LinkedHashMap<>();
				hold.put("record", "legal hold");
				hold.put("dataCategory", rs.getString("data_category"));
				hold.put("reason", rs.getString("reason"));
				hold.put("placedAt", rs.getTimestamp("placed_at").toInstant().toString());
				java.sql.Timestamp lifted = rs.getTimestamp("lifted_at");
				hold.put("liftedAt", lifted == null ? null : lifted.toInstant().toString());
				holds.computeIfAbsent(rs.getObject("organisation_id", UUID.class), id -> new ArrayList<>()).add(hold);
			});
		List<SubjectRecords> found = new ArrayList<>();
		holds.forEach((organisation, rows) -> found.add(new SubjectRecords(DataCategory.REGISTER_CHANGE, organisation, rows)));
		return found;
	}

	/** Exempt from erasure while kept (see the declaration): nothing here goes on request. */
	@Override
	public Map<DataCategory, Integer> erase(DataSubject subject, Set<DataCategory> erasable) {
		return Map.of();
	}

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
