package org.samtal.requests;

import java.time.Instant;
import java.util.UUID;
import org.samtal.notification.Channel;

/**
 * A data-subject request as it stands: what was asked, of which controller, by which proven contact detail, and where
 * it is in its legal time limit (GDPR Art. 12(3): one month from receipt, extendable by two with a reason).
 * @param organisationId the controller asked; null for the platform operator
 * @param address the contact detail the code went to; null once the answer's link has expired
 */
record SubjectRequest(UUID id, UUID organisationId, Kind kind, Channel channel, String address, String details,
		String language, boolean forward, UUID forwardedFrom, Status status, Instant receivedAt, Instant verifiedAt,
		Instant dueAt, Instant extendedDueAt, String extensionReason, Instant answeredAt, Outcome outcome) {

	/** The six rights a request can invoke. */
	public enum Kind {
		ACCESS, RECTIFICATION, ERASURE, RESTRICTION, OBJECTION, PORTABILITY
	}

	public enum Status {
		/** Waiting for the code sent to the contact detail; not yet a request anyone sees. */
		UNVERIFIED,
		/** In the controller's queue, running against its due date. */
		OPEN, ANSWERED
	}

	/** What was done, kept with the dates after the answer's content is gone. */
	public enum Outcome {
		ANSWERED, ERASED, RESTRICTED, OBJECTED, REFUSED
	}

	/** The date the answer must be given by: the extended one once extended. */
	public Instant answerBy() {
		return extendedDueAt != null ? extendedDueAt : dueAt;
	}

	public boolean overdue(Instant now) {
		return status == Status.OPEN && answerBy() != null && now.isAfter(answerBy());
	}
}
