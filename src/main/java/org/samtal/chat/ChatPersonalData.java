package org.samtal.chat;

import static org.samtal.privacy.CategoryDeclaration.Controller.ORGANISATION;
import static org.samtal.privacy.CategoryDeclaration.EU_DATABASE;

import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.samtal.privacy.CategoryDeclaration;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.DataSubject;
import org.samtal.privacy.SubjectRecordSink;
import org.samtal.privacy.SubjectRecords;
import org.samtal.tenancy.Receptions;
import org.springframework.beans.factory.ObjectProvider;
import org.samtal.privacy.LegalBasis;
import org.samtal.privacy.PersonalDataOwner;
import org.samtal.privacy.RetentionRule;
import org.springframework.stereotype.Component;

/** The chat module's entries in the processing register, and a signed-in client's ongoing conversations. */
@Component
class ChatPersonalData implements PersonalDataOwner {

	private final ConversationRepository conversations;
	private final MessageRepository messages;
	private final ObjectProvider<Receptions> receptions;
	private final ObjectProvider<ConversationEnding> ending;

	ChatPersonalData(ConversationRepository conversations, MessageRepository messages,
			ObjectProvider<Receptions> receptions, ObjectProvider<ConversationEnding> ending) {
		this.conversations = conversations;
		this.messages = messages;
		this.receptions = receptions;
		this.ending = ending;
	}

	/**
	 * A signed-in client's conversations that have not ended, with their messages, form answers and files; ended ones
	 * are already gone. An anonymous visitor's conversation cannot be tied to a person, and feedback is anonymous.
	 * Each message is a record of its own, handed on as it is read: a conversation may hold a hundred thousand.
	 */
	@Override
	public void find(DataSubject subject, SubjectRecordSink sink) {
		if (subject.clientAccountId() == null) {
			return;
		}
		for (Conversation conversation : conversations.ofClient(subject.clientAccountId())) {
			UUID organisation = organisationOf(conversation);
			sink.section(DataCategory.CHAT_CONTENT, organisation);
			Map<String, Object> about = new LinkedHashMap<>();
			about.put("record", "conversation");
			about.put("conversationId", conversation.id());
			about.put("status", conversation.status().name());
			about.put("startedAt", conversation.createdAt().toString());
			sink.record(about);
			messages.eachTextMessage(conversation.id(), message -> {
				Map<String, Object> record = new LinkedHashMap<>();
				record.put("record", "message");
				record.put("conversationId", conversation.id());
				record.put("from", message.author().name());
				record.put("sentAt", message.sentAt().toString());
				record.put("text", message.text());
				sink.record(record);
			});
			Map<String, String> answers = conversations.formAnswers(conversation.id());
			if (!answers.isEmpty()) {
				Map<String, Object> form = new LinkedHashMap<>();
				form.put("conversationId", conversation.id());
				form.put("formAnswers", answers);
				sink.add(new SubjectRecords(DataCategory.FORM_ANSWER, organisation, List.of(form)));
			}
			List<Map<String, Object>> files = messages.withFiles(conversation.id()).stream().map(message -> {
				Map<String, Object> f = new LinkedHashMap<>();
				f.put("conversationId", conversation.id());
				f.put("from", message.author().name());
				f.put("sentAt", message.sentAt().toString());
				f.put("fileName", message.file().name());
				f.put("type", message.file().mediaType());
				f.put("bytes", message.file().size());
				return f;
			}).toList();
			sink.add(new SubjectRecords(DataCategory.CHAT_FILE, organisation, files));
		}
	}

	/**
	 * Ends the client's ongoing conversations with the organisations the request reaches, which deletes their
	 * messages, files and form answers.
	 */
	@Override
	public Map<DataCategory, Integer> erase(DataSubject subject, Set<DataCategory> erasable) {
		if (subject.clientAccountId() == null || !erasable.contains(DataCategory.CHAT_CONTENT)) {
			return Map.of();
		}
		int ended = 0;
		for (Conversation conversation : conversations.ofClient(subject.clientAccountId())) {
			if (subject.heldBy().covers(organisationOf(conversation))
					&& ending.getObject().end(conversation.id(), ConversationEnded.EndedBy.VISITOR)) {
				ended++;
			}
		}
		return ended == 0 ? Map.of() : Map.of(DataCategory.CHAT_CONTENT, ended);
	}

	private UUID organisationOf(Conversation conversation) {
		return receptions.getObject().byId(conversation.receptionId()).map(reception -> reception.organisation().id())
			.orElse(null);
	}

	private static final String STORAGE_LIMITATION = "GDPR Art. 5(1)(e); the organisation's notice: deleted when the conversation ends";

	@Override
	public List<CategoryDeclaration> categories() {
		RetentionRule atEnd = RetentionRule.fixed(RetentionRule.Trigger.CONVERSATION_ENDED, Period.ZERO,
				RetentionRule.Action.DELETE, STORAGE_LIMITATION);
		return List.of(
				new CategoryDeclaration(DataCategory.CHAT_CONTENT,
						List.of("Counseling conversation between a visitor and a counselor"),
						LegalBasis.Article6.PUBLIC_INTEREST, LegalBasis.Article9.HEALTH_OR_SOCIAL_CARE, ORGANISATION,
						List.of("visitors (anonymous)", "counselors"), List.of("the counselor who takes the conversation"),
						EU_DATABASE, atEnd, null).orOn(LegalBasis.Article6.CONTRACT, LegalBasis.Article6.CONSENT),
				new CategoryDeclaration(DataCategory.FORM_ANSWER,
						List.of("Let the counselor prepare: age group, topic"), LegalBasis.Article6.PUBLIC_INTEREST,
						LegalBasis.Article9.HEALTH_OR_SOCIAL_CARE, ORGANISATION, List.of("visitors (anonymous)"),
						List.of("the reception's counselors"), EU_DATABASE, atEnd, null).orOn(LegalBasis.Article6.CONTRACT, LegalBasis.Article6.CONSENT),
				new CategoryDeclaration(DataCategory.CHAT_FILE, List.of("Files the two sides share in a conversation"),
						LegalBasis.Article6.PUBLIC_INTEREST, LegalBasis.Article9.HEALTH_OR_SOCIAL_CARE, ORGANISATION,
						List.of("visitors (anonymous)", "counselors"), List.of("the other side of the conversation"),
						EU_DATABASE, atEnd, null).orOn(LegalBasis.Article6.CONTRACT, LegalBasis.Article6.CONSENT),
				new CategoryDeclaration(DataCategory.FEEDBACK,
						List.of("Improve the service from visitors' ratings (legitimate interest)"),
						LegalBasis.Article6.LEGITIMATE_INTERESTS, LegalBasis.Article9.NONE, ORGANISATION,
						List.of("visitors (anonymous; a comment may mention themselves)"),
						List.of("the reception's admins, in aggregate once there are 5 ratings"), EU_DATABASE,
						new RetentionRule(RetentionRule.Trigger.CREATED, Period.ofYears(2), RetentionRule.Action.DELETE,
								"GDPR Art. 5(1)(e)", Period.ZERO, Period.ofYears(5)),
						null).orOn(LegalBasis.Article6.PUBLIC_INTEREST));
	}

	@Override
	public Map<String, DataCategory> personalTables() {
		return Map.of("conversation", DataCategory.CHAT_CONTENT, "chat_message", DataCategory.CHAT_CONTENT,
				"conversation_form_answer", DataCategory.FORM_ANSWER, "chat_file", DataCategory.CHAT_FILE,
				"feedback", DataCategory.FEEDBACK);
	}

	@Override
	public Map<String, String> nonPersonalTables() {
		return Map.of("conversation_statistic", "reception, day, duration and who ended: nothing about a person");
	}

}
