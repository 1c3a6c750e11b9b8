package org.samtal.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * @param handle what the counselor sees: a random handle, or a signed-in client's username
 * @param clientAccountId the signed-in client's account, or null for an anonymous visitor
 */
record Conversation(UUID id, UUID receptionId, String handle, Status status, UUID counselorId, Instant createdAt,
		Instant visitorSeenAt, UUID clientAccountId) {

	enum Status {
		WAITING, ACTIVE
	}

	boolean isHandledBy(UUID staffId) {
		return status == Status.ACTIVE && staffId.equals(counselorId);
	}

	/** How the conversation is named in the access log: its pseudonym, never anything that identifies the visitor. */
	String subject() {
		return clientAccountId == null ? "visitor:" + handle : org.samtal.privacy.DataSubject.clientKey(clientAccountId);
	}
}
