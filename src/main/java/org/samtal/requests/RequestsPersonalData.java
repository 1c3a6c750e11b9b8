package org.samtal.requests;

import static org.samtal.privacy.CategoryDeclaration.EU_DATABASE;

import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.samtal.privacy.CategoryDeclaration;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.DataSubject;
import org.samtal.privacy.ExpiringRecords;
import org.samtal.privacy.LegalBasis;
import org.samtal.privacy.PersonalDataOwner;
import org.samtal.privacy.RetentionRule;
import org.samtal.privacy.SubjectRecordSink;
import org.samtal.privacy.SubjectRecords;
import org.samtal.privacy.TableRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The requests module's entry in the processing register, the requests made from a contact detail (for the next
 * request's answer), and their place in the retention engine.
 */
@Configuration(proxyBeanMethods = false)
class RequestsPersonalData implements PersonalDataOwner {

	private final JdbcClient jdbc;

	RequestsPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The answered requests made from the subject's contact detail, per controller: what was asked and when, never
	 * the answer's content (the answer itself is the requester's to keep). An open one is the request being answered.
	 */
	@Override
	public void find(DataSubject subject, SubjectRecordSink sink) {
		List<String> addresses = subject.keys().stream().filter(key -> key.matches("(email|sms):.+"))
			.map(key -> key.substring(key.indexOf(':') + 1)).toList();
		if (addresses.isEmpty()) {
			return;
		}
		Map<UUID, List<Map<String, Object>>> byController = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT * FROM subject_request WHERE lower(address) = ANY (?) AND status = 'ANSWERED'
				ORDER BY received_at""")
			.param(addresses.toArray(String[]::new))
			.query((rs, n) -> SubjectRequests.request(rs, n))
			.list()
			.forEach(request -> {
				Map<String, Object> record = new LinkedHashMap<>();
				record.put("requestId", request.id());
				record.put("kind", request.kind().name());
				record.put("status", request.status().name());
				record.put("receivedAt", request.receivedAt().toString());
				record.put("answerBy", request.answerBy().toString());
				record.put("answeredAt", request.answeredAt() == null ? null : request.answeredAt().toString());
				record.put("details", request.details());
				byController.computeIfAbsent(request.organisationId(), id -> new ArrayList<>()).add(record);
			});
		byController.forEach((controller, records) ->
				sink.add(new SubjectRecords(DataCategory.DATA_SUBJECT_REQUEST, controller, records)));
	}

	/**
	 * A request is kept as proof that it was answered, so erasure passes it by (the register says so); its contact
	 * detail and answer go 30 days after the answer anyway ({@link RequestExpiry}).
	 */
	@Override
	public Map<DataCategory, Integer> erase(DataSubject subject, Set<DataCategory> erasable) {
		if (erasable.contains(DataCategory.DATA_SUBJECT_REQUEST)) {
			throw new IllegalStateException("The register keeps data-subject requests; erasure cannot reach them");
		}
		return Map.of();
	}

	@Override
	public List<CategoryDeclaration> categories() {
		return List.of(new CategoryDeclaration(DataCategory.DATA_SUBJECT_REQUEST,
				List.of("Answer requests about personal data within the legal time limit, and show that they were answered"),
				LegalBasis.Article6.LEGAL_OBLIGATION, LegalBasis.Article9.NONE,
				CategoryDeclaration.Controller.ORGANISATION, List.of("people who make a request"),
				List.of("the controller's admins"), EU_DATABASE,
				new RetentionRule(RetentionRule.Trigger.HANDLED, Period.ofYears(3), RetentionRule.Action.DELETE,
						"GDPR Art. 5(2), 12",
						Period.ofYears(1), Period.ofYears(5)),
				"Kept as proof that the request was answered (GDPR Art. 5(2)); the contact detail and answer go 30 days after the answer"));
	}

	@Override
	public Map<String, DataCategory> personalTables() {
		return Map.of("subject_request", DataCategory.DATA_SUBJECT_REQUEST, "subject_request_code",
				DataCategory.DATA_SUBJECT_REQUEST);
	}

	/** An organisation's requests, by its own period. */
	@Bean
	ExpiringRecords subjectRequestRecords(JdbcClient jdbc) {
		return TableRecords.in(jdbc, DataCategory.DATA_SUBJECT_REQUEST, "subject_request")
			.organisation("organisation_id")
			.trigger(RetentionRule.Trigger.HANDLED, "answered_at")
			.build();
	}

	/** The platform operator's requests, which belong to no organisation. */
	@Bean
	ExpiringRecords operatorRequestRecords(JdbcClient jdbc) {
		return TableRecords.in(jdbc, DataCategory.DATA_SUBJECT_REQUEST, "subject_request")
			.trigger(RetentionRule.Trigger.HANDLED, "answered_at")
			.onlyWhere("organisation_id IS NULL")
			.build();
	}
}
