package org.samtal.notification;

import java.util.UUID;

/** A message claimed for one attempt. */
record Pending(UUID id, Channel channel, String recipient, String mailSubject, String body, String subject,
		String purpose, int attempts) {

	@Override
	public String toString() {
		// Never the recipient, text or subject, should this ever reach a log.
		return "Pending[" + id + ", " + channel + ", attempt " + attempts + "]";
	}
}
