package org.samtal.chat;

import java.time.Instant;
import java.util.UUID;

record Conversation(UUID id, UUID receptionId, String handle, Status status, UUID counselorId, Instant createdAt,
		Instant visitorSeenAt) {

	enum Status {
		WAITING, ACTIVE
	}

	boolean isHandledBy(UUID staffId) {
		return status == Status.ACTIVE && staffId.equals(counselorId);
	}

	/** How the conversation is named in the access log: its pseudonym, never anything that identifies the visitor. */
	String subject() {
		return "visitor:" + handle;
	}
}
