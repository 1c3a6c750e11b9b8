package org.samtal.chat;

import java.time.Instant;
import java.util.UUID;

record ChatMessage(UUID id, UUID conversationId, String clientMessageId, Author author, String text, Instant sentAt,
		Attachment file) {

	enum Author {
		VISITOR, COUNSELOR
	}

	record Attachment(UUID id, String name, String mediaType, long size) {
	}
}
