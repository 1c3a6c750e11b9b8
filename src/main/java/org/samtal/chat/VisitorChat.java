package org.samtal.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.samtal.chat.ChatMessage.Author;
import org.samtal.identity.ClientPrincipal;
import org.samtal.privacy.DataSubject;
import org.samtal.privacy.Restrictions;
import org.samtal.identity.StaffAccounts;
import org.samtal.platform.Ids;
import org.samtal.platform.Problems;
import org.samtal.privacy.CareContacts;
import org.samtal.tenancy.Reception;
import org.samtal.tenancy.Receptions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an anonymous visitor can do. Every call after the start proves possession of the conversation's token; there
 * is no other identity.
 */
@Service
class VisitorChat {

	private final Receptions receptions;
	private final StaffAccounts staff;
	private final CareContacts careContacts;
	private final ConversationRepository conversations;
	private final MessageRepository messages;
	private final ConversationEnding ending;
	private final ConversationMessages conversationMessages;
	private final ChatNotifier notifier;
	private final VisitorPresence presence;
	private final Clock clock;

	private final Restrictions restrictions;

	VisitorChat(Receptions receptions, StaffAccounts staff, CareContacts careContacts, ConversationRepository conversations, MessageRepository messages,
			ConversationMessages conversationMessages, ConversationEnding ending, ChatNotifier notifier,
			VisitorPresence presence, Restrictions restrictions, Clock clock) {
		this.restrictions = restrictions;
		this.receptions = receptions;
		this.staff = staff;
		this.careContacts = careContacts;
		this.conversations = conversations;
		this.messages = messages;
		this.ending = ending;
		this.conversationMessages = conversationMessages;
		this.notifier = notifier;
		this.presence = presence;
		this.clock = clock;
	}

	/** Proof that the caller holds a conversation's token. Only {@link #authenticate} makes one. */
	record VisitorAccess(UUID conversationId) {
	}

	record Started(Conversation conversation, String token, int queuePosition) {
	}

	record State(Conversation conversation, int queuePosition, String counselorName, List<ChatMessage> messages) {
	}

	@Transactional
	Started start(String receptionSlug, Map<String, ?> formAnswers) {
		return start(receptionSlug, formAnswers, null);
	}

	/**
	 * Starts a conversation; a signed-in client's shows the counselor their username, and is filed under it in the
	 * access log, instead of a random handle.
	 */
	@Transactional
	Started start(String receptionSlug, Map<String, ?> formAnswers, ClientPrincipal client) {
		Reception reception = receptions.requireBySlug(receptionSlug);
		if (!reception.chatEnabled()) {
			throw Problems.of(HttpStatus.CONFLICT, "chat-disabled", "Chat is not offered",
					"The reception '" + reception.name() + "' does not offer chat.");
		}
		if (!receptions.isOpenNow(reception)) {
			throw Problems.of(HttpStatus.CONFLICT, "reception-closed", "The reception is closed",
					"The reception '" + reception.name() + "' is closed right now. See its opening hours.");
		}
		Map<String, String> answers = reception.preChatForm().map(form -> form.validate(formAnswers)).orElseGet(() -> {
			if (!formAnswers.isEmpty()) {
				throw Problems.badRequest("form-unknown-field", "This reception has no form",
						"The reception asks no questions before a chat; send no form answers.");
			}
			return Map.of();
		});
		if (client != null
				&& restrictions.isRestrictedFor(DataSubject.clientKey(client.id()), reception.organisation().id())) {
			throw Problems.conflict("processing-restricted", "Processing is restricted",
					"You have restricted the processing of your data, so no conversation starts under your account. "
							+ "Lift the restriction on your data page, or log out and chat anonymously.");
		}
		Instant now = clock.instant();
		Conversation conversation = new Conversation(Ids.timeOrdered(clock), reception.id(),
				client == null ? VisitorTokens.newHandle() : client.getUsername(), Conversation.Status.WAITING, null, now,
				now, client == null ? null : client.id());
		String token = VisitorTokens.newToken();
		conversations.insert(conversation, VisitorTokens.hash(token), answers);
		careContacts.began(reception.organisation().id(), reception.id(), null, conversation.subject());
		notifier.queueChanged(reception.id());
		return new Started(conversation, token, conversations.queuePosition(conversation));
	}

	VisitorAccess authenticate(UUID conversationId, String token) {
		if (token == null || token.isBlank()) {
			throw Problems.of(HttpStatus.UNAUTHORIZED, "token-missing", "Token missing",
					"Send the conversation's token as 'Authorization: Bearer <token>'.");
		}
		return conversations.findWithToken(conversationId, VisitorTokens.hash(token))
			.map(c -> new VisitorAccess(c.id()))
			.orElseThrow(VisitorChat::notFound);
	}

	@Transactional
	State state(VisitorAccess visitor) {
		Status status = status(visitor);
		return new State(status.conversation(), status.queuePosition(), status.counselorName(),
				messages.inConversation(visitor.conversationId()));
	}

	record Status(Conversation conversation, int queuePosition, String counselorName) {
	}

	/** Where the visitor stands: in the queue, or with a counselor (by display name). Counts as a sign of life. */
	@Transactional
	Status status(VisitorAccess visitor) {
		Conversation conversation = conversations.find(visitor.conversationId()).orElseThrow(VisitorChat::notFound);
		presence.seen(conversation.id());
		String counselorName = conversation.counselorId() == null ? null
				: staff.displayName(conversation.counselorId()).orElse(null);
		return new Status(conversation, conversations.queuePosition(conversation), counselorName);
	}

	/**
	 * Stores and delivers a message, once: a resend with the same client id returns the stored message.
	 * @return the message, and whether it was new
	 */
	ConversationMessages.Sent send(VisitorAccess visitor, String clientMessageId, String text) {
		ChatMessage message = new ChatMessage(Ids.timeOrdered(clock), visitor.conversationId(),
				MessageText.validClientId(clientMessageId), Author.VISITOR, MessageText.validText(text),
				clock.instant(), null);
		presence.seen(visitor.conversationId());
		return conversationMessages.send(message, null);
	}

	@Transactional
	ChatMessage attach(VisitorAccess visitor, String fileName, String declaredType, byte[] content) {
		presence.seen(visitor.conversationId());
		return conversationMessages.attach(visitor.conversationId(), Author.VISITOR, null, fileName, declaredType, content);
	}

	@Transactional(readOnly = true)
	MessageRepository.StoredFile download(VisitorAccess visitor, UUID fileId) {
		return messages.file(visitor.conversationId(), fileId)
			.orElseThrow(() -> Problems.notFound("file-not-found", "No such file", "This conversation has no such file."));
	}

	void end(VisitorAccess visitor) {
		if (!ending.end(visitor.conversationId(), ConversationEnded.EndedBy.VISITOR)) {
			throw notFound();
		}
	}

	void seen(VisitorAccess visitor) {
		presence.seen(visitor.conversationId());
	}

	static Problems notFound() {
		return Problems.notFound("conversation-not-found", "No such conversation",
				"No open conversation matches this request. It may have ended: ended conversations are deleted.");
	}

	static Problems notYours() {
		return Problems.forbidden("conversation-not-yours", "Not your conversation",
				"This conversation is not assigned to you, or it has ended.");
	}
}
