package org.samtal.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Ends, and so deletes, conversations whose visitor has been gone longer than the configured time. */
@Component
class AbandonedConversations {

	private final ConversationRepository conversations;
	private final ConversationEnding ending;
	private final Clock clock;
	private final Duration visitorTimeout;

	AbandonedConversations(ConversationRepository conversations, ConversationEnding ending, Clock clock,
			@Value("${samtal.chat.visitor-timeout:PT30M}") Duration visitorTimeout) {
		this.conversations = conversations;
		this.ending = ending;
		this.clock = clock;
		this.visitorTimeout = visitorTimeout;
	}

	@Scheduled(fixedDelayString = "${samtal.chat.abandoned-sweep-interval:PT1M}")
	int endAbandoned() {
		int ended = 0;
		List<UUID> gone;
		do {
			gone = conversations.visitorGoneSince(clock.instant().minus(visitorTimeout), 100);
			for (UUID id : gone) {
				if (ending.end(id, ConversationEnded.EndedBy.TIMEOUT)) {
					ended++;
				}
			}
		}
		while (gone.size() == 100);
		return ended;
	}
}
