package org.samtal.chat;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Notes that a visitor is still there, so an abandoned conversation can end by itself. Writes at most once a
 * minute per conversation: presence is coarse by design.
 */
@Component
class VisitorPresence {

	private static final long WRITE_INTERVAL_MS = 60_000;

	private final ConversationRepository conversations;
	private final Clock clock;
	private final Map<UUID, Long> lastWritten = new ConcurrentHashMap<>();

	VisitorPresence(ConversationRepository conversations, Clock clock) {
		this.conversations = conversations;
		this.clock = clock;
	}

	void seen(UUID conversationId) {
		long now = clock.millis();
		Long last = lastWritten.get(conversationId);
		if (last == null || now - last >= WRITE_INTERVAL_MS) {
			lastWritten.put(conversationId, now);
			conversations.touchVisitor(conversationId, clock.instant());
		}
	}

	void forget(UUID conversationId) {
		lastWritten.remove(conversationId);
	}
}
