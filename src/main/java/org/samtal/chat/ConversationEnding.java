package org.samtal.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.samtal.privacy.CareContacts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends a conversation: in one transaction its messages, files and form answers are hard-deleted and only
 * non-personal statistics are kept.
 */
@Component
class ConversationEnding {

	private final ConversationRepository conversations;
	private final ChatNotifier notifier;
	private final CareContacts careContacts;
	private final VisitorPresence presence;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	ConversationEnding(ConversationRepository conversations, ChatNotifier notifier, CareContacts careContacts,
			VisitorPresence presence, ApplicationEventPublisher events, Clock clock) {
		this.conversations = conversations;
		this.notifier = notifier;
		this.careContacts = careContacts;
		this.presence = presence;
		this.events = events;
		this.clock = clock;
	}

	/** @return false when the conversation was already gone */
	@Transactional
	boolean end(UUID conversationId, ConversationEnded.EndedBy endedBy) {
		Conversation conversation = conversations.lock(conversationId).orElse(null);
		if (conversation == null) {
			return false;
		}
		Instant now = clock.instant();
		Duration duration = Duration.between(conversation.createdAt(), now);
		LocalDate endedOn = LocalDate.ofInstant(now, ZoneOffset.UTC);
		conversations.insertStatistic(conversation.receptionId(), endedOn, duration, endedBy);
		conversations.delete(conversationId);
		careContacts.ended(conversation.receptionId(), conversation.subject());
		presence.forget(conversationId);
		events.publishEvent(new ConversationEnded(conversation.receptionId(), endedOn, duration, endedBy));
		notifier.ended(conversationId, endedBy);
		if (conversation.status() == Conversation.Status.WAITING) {
			notifier.queueChanged(conversation.receptionId());
		}
		return true;
	}
}
