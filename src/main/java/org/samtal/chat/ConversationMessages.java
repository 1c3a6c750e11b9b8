package org.samtal.chat;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.samtal.chat.ChatMessage.Attachment;
import org.samtal.chat.ChatMessage.Author;
import org.samtal.platform.Ids;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores messages and files of open conversations, each exactly once, and tells the participants. Both sides write
 * through here; the caller has already established who they are.
 */
@Component
class ConversationMessages {

	private final ConversationRepository conversations;
	private final MessageRepository messages;
	private final MessageWriter writer;
	private final ChatNotifier notifier;
	private final Clock clock;

	ConversationMessages(ConversationRepository conversations, MessageRepository messages, MessageWriter writer,
			ChatNotifier notifier, Clock clock) {
		this.conversations = conversations;
		this.messages = messages;
		this.writer = writer;
		this.notifier = notifier;
		this.clock = clock;
	}

	record Sent(ChatMessage message, boolean isNew) {
	}

	/**
	 * Inserts the message, or finds the copy stored under the same client id, or explains why the conversation
	 * refuses it. The hot path: the insert shares its commit with concurrent senders (see {@link MessageWriter}).
	 * @param counselorId the counselor who must hold the conversation, or null when the visitor writes
	 */
	Sent send(ChatMessage message, UUID counselorId) {
		return outcome(writer.insertIfOpen(message, counselorId), message, counselorId);
	}

	private Sent outcome(Optional<MessageRepository.Stored> stored, ChatMessage message, UUID counselorId) {
		if (stored.isPresent()) {
			notifier.messageSent(message);
			if (stored.get().conversationWaiting()) {
				notifier.queuePreviewChanged(stored.get().receptionId());
			}
			return new Sent(message, true);
		}
		return messages.findByClientId(message.conversationId(), message.author(), message.clientMessageId())
			.map(existing -> new Sent(existing, false))
			.orElseThrow(() -> counselorId == null ? VisitorChat.notFound() : VisitorChat.notYours());
	}

	@Transactional
	ChatMessage attach(UUID conversationId, Author author, UUID counselorId, String fileName, String declaredType,
			byte[] content) {
		Conversation conversation = conversations.find(conversationId).orElseThrow(VisitorChat::notFound);
		if (counselorId != null && !conversation.isHandledBy(counselorId)) {
			throw VisitorChat.notYours();
		}
		String name = FileTypes.safeName(fileName);
		FileTypes type = FileTypes.check(name, declaredType, content);
		Attachment file = new Attachment(Ids.timeOrdered(clock), name, type.mediaType, content.length);
		messages.insertFile(conversationId, file, content, clock.instant());
		ChatMessage message = new ChatMessage(Ids.timeOrdered(clock), conversationId, "file-" + file.id(), author,
				name, clock.instant(), file);
		// In this transaction, not through the writer: the message refers to the file row, not yet committed.
		return outcome(messages.insertIfOpen(message, counselorId), message, counselorId).message();
	}
}
