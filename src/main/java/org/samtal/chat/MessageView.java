package org.samtal.chat;

import java.time.Instant;
import java.util.UUID;

/** A chat message as clients see it, in the API and over WebSocket. */
record MessageView(UUID id, String clientMessageId, String author, String text, Instant sentAt, FileView file) {

	record FileView(UUID id, String name, String mediaType, long size) {
	}

	static MessageView of(ChatMessage message) {
		ChatMessage.Attachment file = message.file();
		return new MessageView(message.id(), message.clientMessageId(), message.author().name(), message.text(),
				message.sentAt(),
				file == null ? null : new FileView(file.id(), file.name(), file.mediaType(), file.size()));
	}
}
