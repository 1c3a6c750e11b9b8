package org.samtal.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.samtal.chat.ChatEvent.Topic;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells connections what changed. Inside a transaction it waits for the commit, so nobody hears of a message or an
 * assignment that was rolled back.
 */
@Component
class ChatNotifier {

	static final String ACCOUNT_CLOSED = "account-closed";

	private final ChatDelivery delivery;
	private final ConversationRepository conversations;
	private final JsonMapper json;

	ChatNotifier(ChatDelivery delivery, ConversationRepository conversations, JsonMapper json) {
		this.delivery = delivery;
		this.conversations = conversations;
		this.json = json;
	}

	void messageSent(ChatMessage message) {
		publish(Topic.conversation(message.conversationId()), "message", message.conversationId(),
				Map.of("message", MessageView.of(message)));
	}

	void assigned(UUID staffId, UUID conversationId, String counselorName) {
		afterCommit(() -> {
			publishNow(Topic.staff(staffId), "assigned", conversationId, Map.of());
			publishNow(Topic.conversation(conversationId), "status", conversationId,
					Map.of("status", "ACTIVE", "queuePosition", 0, "counselorName", counselorName));
		});
	}

	void ended(UUID conversationId, ConversationEnded.EndedBy endedBy) {
		publish(Topic.conversation(conversationId), "ended", conversationId, Map.of("endedBy", endedBy.name()));
	}

	/** Every waiting visitor of the reception hears their new place; its counselors hear that the queue changed. */
	void queueChanged(UUID receptionId) {
		afterCommit(() -> {
			List<Conversation> waiting = conversations.waiting(List.of(receptionId));
			for (int i = 0; i < waiting.size(); i++) {
				UUID id = waiting.get(i).id();
				publishNow(Topic.conversation(id), "status", id, Map.of("status", "WAITING", "queuePosition", i + 1));
			}
			publishNow(Topic.reception(receptionId), "queue", null, Map.of("receptionId", receptionId));
		});
	}

	/** The staff member's account was closed: their connections hear it and are shut (see ChatConnections). */
	void accountClosed(UUID staffId) {
		publish(Topic.staff(staffId), ACCOUNT_CLOSED, null, Map.of());
	}

	/** A waiting visitor wrote: the counselors' queue shows first messages, so it must refresh. */
	void queuePreviewChanged(UUID receptionId) {
		publish(Topic.reception(receptionId), "queue", null, Map.of("receptionId", receptionId));
	}

	private void publish(Topic topic, String type, UUID conversationId, Map<String, Object> body) {
		afterCommit(() -> publishNow(topic, type, conversationId, body));
	}

	private void publishNow(Topic topic, String type, UUID conversationId, Map<String, Object> body) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", type);
		if (conversationId != null) {
			frame.put("conversationId", conversationId);
		}
		frame.putAll(body);
		delivery.publish(new ChatEvent(topic, type, conversationId, json.writeValueAsString(frame)));
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}
}
