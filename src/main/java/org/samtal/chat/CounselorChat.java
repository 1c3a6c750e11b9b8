package org.samtal.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.samtal.chat.ChatMessage.Author;
import org.samtal.identity.StaffAccounts;
import org.samtal.identity.StaffMember;
import org.samtal.platform.Ids;
import org.samtal.platform.Problems;
import org.samtal.privacy.Access;
import org.samtal.privacy.AccessAction;
import org.samtal.privacy.AccessLog;
import org.samtal.privacy.CareContacts;
import org.samtal.privacy.DataCategory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a counselor can do: see the queue of their own receptions, take a conversation, chat, share files and end.
 * Reception membership is checked here, whatever URL led here, and every read of a visitor's data is access-logged.
 */
@Service
@PreAuthorize("hasRole('COUNSELOR')")
class CounselorChat {

	private final ConversationRepository conversations;
	private final MessageRepository messages;
	private final ConversationMessages conversationMessages;
	private final ConversationEnding ending;
	private final ChatNotifier notifier;
	private final AccessLog accessLog;
	private final CareContacts careContacts;
	private final StaffAccounts staffAccounts;
	private final Clock clock;

	CounselorChat(ConversationRepository conversations, MessageRepository messages,
			ConversationMessages conversationMessages, ConversationEnding ending, ChatNotifier notifier,
			AccessLog accessLog, CareContacts careContacts, StaffAccounts staffAccounts, Clock clock) {
		this.conversations = conversations;
		this.messages = messages;
		this.conversationMessages = conversationMessages;
		this.ending = ending;
		this.notifier = notifier;
		this.accessLog = accessLog;
		this.careContacts = careContacts;
		this.staffAccounts = staffAccounts;
		this.clock = clock;
	}

	record QueueEntry(UUID id, UUID receptionId, String handle, int position, Duration waiting,
			Map<String, String> form, String firstMessage) {
	}

	record Opened(Conversation conversation, Map<String, String> form, List<ChatMessage> messages) {
	}

	/** The waiting visitors of the counselor's receptions, each with form answers and first message. */
	@Transactional(readOnly = true)
	List<QueueEntry> queue(StaffMember staff) {
		List<Conversation> waitingOnes = conversations.waiting(staff.receptionIds());
		// The entries are written while the form answers and first messages are read, and the queue is shown only
		// once they are on disk (measured in docs/benchmarks.md).
		return accessLog.recordWhile(waitingOnes.stream()
			.map(waiting -> access(staff, waiting, DataCategory.CHAT_CONTENT, AccessAction.READ,
					"queue: form answers and first message"))
			.toList(), () -> {
				List<QueueEntry> queue = new ArrayList<>();
				Map<UUID, Integer> positions = new java.util.HashMap<>();
				for (Conversation waiting : waitingOnes) {
					int position = positions.merge(waiting.receptionId(), 1, Integer::sum);
					Map<String, String> form = conversations.formAnswers(waiting.id());
					String first = messages.firstFromVisitor(waiting.id()).map(ChatMessage::text).orElse(null);
					queue.add(new QueueEntry(waiting.id(), waiting.receptionId(), waiting.handle(), position,
							Duration.between(waiting.createdAt(), clock.instant()), form, first));
				}
				return queue;
			});
	}

	/**
	 * The conversations a counselor holds, for subscribing a console's live connection to them. From then on every
	 * message in them reaches the console as it is written, so following each one is a read, logged before the
	 * first message can arrive.
	 */
	@Transactional(readOnly = true)
	List<Conversation> follow(StaffMember staff) {
		List<Conversation> active = conversations.activeFor(staff.id());
		return accessLog.recordWhile(active.stream()
			.map(c -> access(staff, c, DataCategory.CHAT_CONTENT, AccessAction.READ,
					"console: connected; the conversation's messages are shown live"))
			.toList(), () -> active);
	}

	/** The same list, shown in the console: each visitor's pseudonym is a read, and logged as one. */
	@Transactional(readOnly = true)
	List<Conversation> listActive(StaffMember staff) {
		List<Conversation> active = conversations.activeFor(staff.id());
		return accessLog.recordWhile(active.stream()
			.map(c -> access(staff, c, DataCategory.CHAT_CONTENT, AccessAction.READ, "console: my conversations"))
			.toList(), () -> active);
	}

	/** Takes a chosen conversation. Two counselors can never both get it: the second is told it was taken. */
	@Transactional
	UUID take(StaffMember staff, UUID conversationId) {
		staffAccounts.holdOpen(staff.id());
		Conversation conversation = conversations.find(conversationId)
			.orElseThrow(() -> Problems.notFound("conversation-not-found", "No such conversation",
					"The conversation has ended or never existed."));
		requireReception(staff, conversation);
		if (!conversations.take(conversationId, staff.id(), clock.instant())) {
			throw Problems.conflict("conversation-taken", "Already taken",
					"Another counselor has already taken this conversation.");
		}
		announceTaken(staff, conversation);
		return conversationId;
	}

	/** Takes the longest-waiting conversation of the counselor's receptions. */
	@Transactional
	Optional<UUID> takeNext(StaffMember staff) {
		if (staff.receptionIds().isEmpty()) {
			return Optional.empty();
		}
		staffAccounts.holdOpen(staff.id());
		Optional<UUID> taken = conversations.takeNext(staff.receptionIds(), staff.id(), clock.instant());
		taken.flatMap(conversations::find).ifPresent(conversation -> announceTaken(staff, conversation));
		return taken;
	}

	private void announceTaken(StaffMember staff, Conversation conversation) {
		// The counselor's open connections start to receive the conversation's messages once this commits.
		log(staff, conversation, DataCategory.CHAT_CONTENT, AccessAction.READ,
				"console: conversation taken; its messages are shown live");
		careContacts.began(staff.organisationId(), conversation.receptionId(), staff.id(), conversation.subject());
		notifier.assigned(staff.id(), conversation.id(), staff.displayName());
		notifier.queueChanged(conversation.receptionId());
	}

	@Transactional(readOnly = true)
	Opened open(StaffMember staff, UUID conversationId) {
		Conversation conversation = handledBy(staff, conversationId);
		// The messages are read while the entry is written; they are shown only once it is on disk.
		return accessLog.recordWhile(
				access(staff, conversation, DataCategory.CHAT_CONTENT, AccessAction.READ, "console: conversation opened"),
				() -> new Opened(conversation, conversations.formAnswers(conversationId),
						messages.inConversation(conversationId)));
	}

	ConversationMessages.Sent send(StaffMember staff, UUID conversationId, String clientMessageId, String text) {
		ChatMessage message = new ChatMessage(Ids.timeOrdered(clock), conversationId,
				MessageText.validClientId(clientMessageId), Author.COUNSELOR, MessageText.validText(text),
				clock.instant(), null);
		return conversationMessages.send(message, staff.id());
	}

	@Transactional
	ChatMessage attach(StaffMember staff, UUID conversationId, String fileName, String declaredType, byte[] content) {
		return conversationMessages.attach(conversationId, Author.COUNSELOR, staff.id(), fileName, declaredType,
				content);
	}

	@Transactional
	MessageRepository.StoredFile download(StaffMember staff, UUID conversationId, UUID fileId) {
		Conversation conversation = handledBy(staff, conversationId);
		MessageRepository.StoredFile file = messages.file(conversationId, fileId)
			.orElseThrow(() -> Problems.notFound("file-not-found", "No such file", "This conversation has no such file."));
		// The file goes out only in this request's response, so it is logged like any read shown there.
		return accessLog.recordWhile(
				access(staff, conversation, DataCategory.CHAT_FILE, AccessAction.READ, "console: file downloaded"),
				() -> file);
	}

	@Transactional
	void end(StaffMember staff, UUID conversationId) {
		Conversation conversation = handledBy(staff, conversationId);
		log(staff, conversation, DataCategory.CHAT_CONTENT, AccessAction.DELETE, "console: conversation ended");
		ending.end(conversationId, ConversationEnded.EndedBy.COUNSELOR);
	}

	private Conversation handledBy(StaffMember staff, UUID conversationId) {
		Conversation conversation = conversations.find(conversationId).orElseThrow(VisitorChat::notFound);
		requireReception(staff, conversation);
		if (!conversation.isHandledBy(staff.id())) {
			throw VisitorChat.notYours();
		}
		return conversation;
	}

	private static void requireReception(StaffMember staff, Conversation conversation) {
		if (!staff.worksAt(conversation.receptionId())) {
			throw Problems.forbidden("not-your-reception", "Not your reception",
					"You do not work at the reception this conversation belongs to.");
		}
	}

	private void log(StaffMember staff, Conversation conversation, DataCategory category, AccessAction action,
			String context) {
		accessLog.record(access(staff, conversation, category, action, context));
	}

	private static Access access(StaffMember staff, Conversation conversation, DataCategory category,
			AccessAction action, String context) {
		return Access.of(staff.id(), staff.role().name(), staff.organisationId(), conversation.receptionId(),
				conversation.subject(), category, action, context);
	}
}
