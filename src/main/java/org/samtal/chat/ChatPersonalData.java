package org.samtal.chat;

import static org.samtal.privacy.CategoryDeclaration.Controller.ORGANISATION;
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

/** The chat module's entries in the processing register. */
@Component
class ChatPersonalData implements PersonalDataOwner {

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
