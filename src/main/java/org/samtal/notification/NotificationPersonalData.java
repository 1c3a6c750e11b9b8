package org.samtal.notification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.ObjectProvider;
import org.samtal.privacy.SubjectRecordSink;
import org.samtal.privacy.SubjectRecords;
import org.samtal.privacy.DataSubject;
import java.util.Set;
import java.util.LinkedHashMap;
import static org.samtal.privacy.CategoryDeclaration.EU_DATABASE;

import java.time.Period;
import java.util.List;
import java.util.Map;
import org.samtal.privacy.CategoryDeclaration;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.LegalBasis;
import org.samtal.privacy.PersonalDataOwner;
import org.samtal.privacy.RetentionRule;
import org.springframework.stereotype.Component;

/**
 * The notification module's entry in the processing register. A message's address and text are erased by the module
 * itself as soon as the message is done ({@link Messages}); the metadata left is deleted 30 days after the message was
 * created ({@link NotificationRetention}).
 * <p>
 * One category, two bases: a message the recipient asked for (a one-time code, the answer to their request) rests on
 * the contract (Art. 6(1)(b)), one sent for a purpose the client switched on rests on consent (Art. 6(1)(a)), which
 * is checked before every attempt. The declaration names the first as its basis and each purpose says which applies.
 */
@Component
class NotificationPersonalData implements PersonalDataOwner {

	static final Period METADATA_KEPT = Period.ofDays(30);

	private final JdbcClient jdbc;
	private final ObjectProvider<Notifications> notifications;

	NotificationPersonalData(JdbcClient jdbc, ObjectProvider<Notifications> notifications) {
		this.jdbc = jdbc;
		this.notifications = notifications;
	}

	/**
	 * Messages to the subject that still wait to be sent (finished ones no longer name anyone): to which address,
	 * what kind and when. The text is left out: it may hold a one-time code.
	 */
	@Override
	public void find(DataSubject subject, SubjectRecordSink sink) {
		recordsAbout(subject).forEach(sink::add);
	}

	private List<SubjectRecords> recordsAbout(DataSubject subject) {
		List<Map<String, Object>> waiting = jdbc.sql("""
				SELECT channel, template, recipient, status, created_at FROM notification_message
				WHERE subject = ANY (?) ORDER BY created_at""")
			.param(subject.keyArray())
			.query((rs, n) -> {
				Map<String, Object> message = new LinkedHashMap<>();
				message.put("record", "message waiting to be sent");
				message.put("channel", rs.getString("channel"));
				message.put("template", rs.getString("template"));
				message.put("to", rs.getString("recipient"));
				message.put("status", rs.getString("status"));
				message.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
				return message;
			})
			.list();
		return waiting.isEmpty() ? List.of() : List.of(new SubjectRecords(DataCategory.NOTIFICATION, null, waiting));
	}

	@Override
	public Map<DataCategory, Integer> erase(DataSubject subject, Set<DataCategory> erasable) {
		if (!erasable.contains(DataCategory.NOTIFICATION)) {
			return Map.of();
		}
		int erased = subject.keys().stream().mapToInt(key -> notifications.getObject().eraseSubject(key)).sum();
		return erased == 0 ? Map.of() : Map.of(DataCategory.NOTIFICATION, erased);
	}

	@Override
	public List<CategoryDeclaration> categories() {
		return List.of(new CategoryDeclaration(DataCategory.NOTIFICATION,
				List.of("Send one-time codes and answers the recipient asked for (contract, Art. 6(1)(b))",
						"Send the notices a client has switched on, such as a warning before an inactive account is "
								+ "deleted (consent, Art. 6(1)(a))",
						"Show admins which messages failed, without recipient or content"),
				LegalBasis.Article6.CONTRACT, LegalBasis.Article9.NONE,
				CategoryDeclaration.Controller.PLATFORM_OPERATOR,
				List.of("clients who add an e-mail address or mobile number",
						"people who make a data-subject request"),
				List.of("the SMS and e-mail providers (processors)"), EU_DATABASE,
				RetentionRule.fixed(RetentionRule.Trigger.CREATED, METADATA_KEPT, RetentionRule.Action.DELETE,
						"GDPR Art. 5(1)(e)"),
				null));
	}

	@Override
	public Map<String, DataCategory> personalTables() {
		return Map.of("notification_message", DataCategory.NOTIFICATION);
	}
}
