package org.samtal.chat;

import org.samtal.identity.StaffAccountClosed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a counselor's account is closed, the conversations they were handling go back to their receptions' queues, in
 * their old places, for another counselor to take; and the closed account's open chat connections are told and shut.
 * This runs inside the closing transaction: the account is not closed with its conversations left orphaned.
 */
@Component
class ClosedCounselors {

	private final ConversationRepository conversations;
	private final ChatNotifier notifier;

	ClosedCounselors(ConversationRepository conversations, ChatNotifier notifier) {
		this.conversations = conversations;
		this.notifier = notifier;
	}

	@EventListener
	void on(StaffAccountClosed closed) {
		conversations.returnToQueue(closed.staffId()).stream().distinct().forEach(notifier::queueChanged);
		notifier.accountClosed(closed.staffId());
	}
}
