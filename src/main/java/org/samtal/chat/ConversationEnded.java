package org.samtal.chat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

/** A conversation ended and its content is gone. Carries only what may remain: reception, date and duration. */
public record ConversationEnded(UUID receptionId, LocalDate endedOn, Duration duration, EndedBy endedBy) {

	public enum EndedBy {
		VISITOR, COUNSELOR, TIMEOUT
	}
}
