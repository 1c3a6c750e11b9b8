package org.samtal.privacy;

import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The privacy module's own entries in the register. */
@Component
class PrivacyPersonalData implements PersonalDataOwner {

	private final JdbcClient jdbc;
	private final JdbcTemplate streaming;
	private final AccessLog accessLog;

	PrivacyPersonalData(JdbcClient jdbc, DataSource dataSource, AccessLog accessLog) {
		this.jdbc = jdbc;
		this.accessLog = accessLog;
		this.streaming = new JdbcTemplate(dataSource);
		// Rows come 1,000 at a time from a cursor (within the caller's transaction) instead of all at once.
		this.streaming.setFetchSize(1000);
	}

	/**
	 * Who has read or changed the subject's data (role, organisation, when, what and why; not the staff member's
	 * id), and the contacts that explain those accesses. Neither can be erased on request; both are shown.
	 */
	@Override
	public void find(DataSubject subject, SubjectRecordSink sink) {
		String[] keys = subject.keyArray();
		// The reads made just before this request are part of the answer too.
		accessLog.awaitWritten();
		// A subject may have a hundred thousand entries: read them with a cursor and hand them on one by one.
		UUID[] section = { null };
		boolean[] started = { false };
		streaming.query(connection -> {
			PreparedStatement statement = connection.prepareStatement("""
					SELECT organisation_id, at, actor_role, reception_id, data_category, action, context FROM access_log
					WHERE subject = ANY (?) AND purged_at IS NULL ORDER BY organisation_id, seq""");
			statement.setArray(1, connection.createArrayOf("text", keys));
			return statement;
		}, (ResultSet rs) -> {
			UUID organisation = rs.getObject("organisation_id", UUID.class);
			if (!started[0] || !organisation.equals(section[0])) {
				sink.section(DataCategory.ACCESS_LOG_ENTRY, organisation);
				section[0] = organisation;
				started[0] = true;
			}
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("at", rs.getTimestamp("at").toInstant().toString());
			entry.put("staffRole", rs.getString("actor_role"));
			entry.put("receptionId", rs.getObject("reception_id", UUID.class));
			entry.put("dataCategory", rs.getString("data_category"));
			entry.put("action", rs.getString("action"));
			entry.put("context", rs.getString("context"));
			sink.record(entry);
		});
		Map<UUID, List<Map<String, Object>>> contacts = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT organisation_id, reception_id, started_at, ended_at FROM care_contact
				WHERE subject = ANY (?) ORDER BY started_at""")
			.param(keys)
			.query(rs -> {
				Map<String, Object> contact = new LinkedHashMap<>();
				contact.put("receptionId", rs.getObject("reception_id", UUID.class));
				contact.put("startedAt", rs.getTimestamp("started_at").toInstant().toString());
				java.sql.Timestamp ended = rs.getTimestamp("ended_at");
				contact.put("endedAt", ended == null ? null : ended.toInstant().toString());
				contacts.computeIfAbsent(rs.getObject("organisation_id", UUID.class), id -> new ArrayList<>()).add(contact);
			});
		contacts.forEach((organisation, rows) -> sink.add(new SubjectRecords(DataCategory.CARE_CONTACT, organisation, rows)));
		// A restriction made to every controller is the operator's record; one made to an organisation is its own.
		Map<UUID, List<Map<String, Object>>> standing = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT held_by, restricted_at, objected_at FROM subject_restriction WHERE subject_key = ANY (?)
				ORDER BY held_by""")
			.param(keys)
			.query(rs -> {
				String heldBy = rs.getString("held_by");
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("record", "restriction and objection");
				row.put("appliesTo", Restrictions.EVERYONE.equals(heldBy) ? "every controller"
						: Restrictions.OPERATOR.equals(heldBy) ? "the platform operator" : "this organisation");
				java.sql.Timestamp restricted = rs.getTimestamp("restricted_at");
				java.sql.Timestamp objected = rs.getTimestamp("objected_at");
				row.put("restrictedAt", restricted == null ? null : restricted.toInstant().toString());
				row.put("objectedAt", objected == null ? null : objected.toInstant().toString());
				UUID holder = heldBy.equals(Restrictions.EVERYONE) || heldBy.equals(Restrictions.OPERATOR) ? null
						: UUID.fromString(heldBy);
				standing.computeIfAbsent(holder, id -> new ArrayList<>()).add(row);
			});
		standing.forEach((holder, rows) -> sink.add(new SubjectRecords(DataCategory.RIGHTS_REQUEST, holder, rows)));
	}

	/**
	 * The access log and care contacts are exempt from erasure (HSLF-FS 2016:40); a restriction or objection goes
	 * with the account it was about.
	 */
	@Override
	public Map<DataCategory, Integer> erase(DataSubject subject, Set<DataCategory> erasable) {
		if (!erasable.contains(DataCategory.RIGHTS_REQUEST)) {
			return Map.of();
		}
		int erased = jdbc.sql("DELETE FROM subject_restriction WHERE subject_key = ANY (?)").param(subject.keyArray())
			.update();
		return erased == 0 ? Map.of() : Map.of(DataCategory.RIGHTS_REQUEST, erased);
	}

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
				"Kept as evidence of lawful access (HSLF-FS 2016:40); not erasable on request"),
				new CategoryDeclaration(DataCategory.RIGHTS_REQUEST,
						List.of("Keep a client's restriction of processing and objection in force (GDPR Art. 18, 21)"),
						LegalBasis.Article6.LEGAL_OBLIGATION, LegalBasis.Article9.NONE,
						CategoryDeclaration.Controller.PLATFORM_OPERATOR, List.of("clients (by pseudonym)"),
						List.of("none"), CategoryDeclaration.EU_DATABASE,
						RetentionRule.fixed(RetentionRule.Trigger.ACCOUNT_CLOSED, Period.ZERO, RetentionRule.Action.DELETE,
								"GDPR Art. 5(1)(e): removed when lifted, or with the account"),
						null));
	}

	@Override
	public Map<String, DataCategory> personalTables() {
		return Map.of("access_log", DataCategory.ACCESS_LOG_ENTRY, "access_log_review", DataCategory.ACCESS_LOG_ENTRY,
				"care_contact", DataCategory.CARE_CONTACT, "subject_restriction", DataCategory.RIGHTS_REQUEST);
	}

	@Override
	public Map<String, String> nonPersonalTables() {
		return Map.of("retention_override", "an organisation's chosen retention periods per category",
				"category_in_use", "which categories an organisation keeps",
				"register_profile", "whether an organisation is a care provider",
				"access_log_head", "the last link of the access-log chain: a number and a hash",
				"access_log_checkpoint", "signed hashes of the access-log chain: numbers, hashes and signatures",
				"access_log_purge_warrant", "signed records of purges: an organisation, two times and a signature",
				"access_log_writer_run", "when each node's access-log writer started, was last heard from and stopped");
	}
}
