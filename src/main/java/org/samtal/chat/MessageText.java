package org.samtal.chat;

import java.util.regex.Pattern;
import org.samtal.platform.Problems;

/** The rules a chat message and its client-generated id must keep. */
final class MessageText {

	static final int MAX_CHARACTERS = 4000;
	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private MessageText() {
	}

	static String validText(String text) {
		if (text == null || text.isBlank()) {
			throw Problems.badRequest("message-empty", "Empty message", "A message needs at least one character.");
		}
		int length = text.codePointCount(0, text.length());
		if (length > MAX_CHARACTERS) {
			throw Problems.badRequest("message-too-long", "Message too long",
					"A message holds at most " + MAX_CHARACTERS + " characters; this one has " + length + ".");
		}
		return text;
	}

	static String validClientId(String clientMessageId) {
		if (clientMessageId == null || !CLIENT_ID.matcher(clientMessageId).matches()) {
			throw Problems.badRequest("client-message-id-invalid", "Invalid client message id",
					"clientMessageId must be 1-64 letters, digits, '-' or '_', e.g. a UUID.");
		}
		return clientMessageId;
	}
}
