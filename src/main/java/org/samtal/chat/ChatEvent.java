package org.samtal.chat;

import java.util.UUID;

/**
 * Something chat connections must hear about, already rendered as the JSON frame they receive. Rendering once, before
 * delivery, lets a bus carry the event between nodes as it is.
 */
record ChatEvent(Topic topic, String type, UUID conversationId, String json) {

	/** Who listens: the two sides of a conversation, the counselors of a reception, or one staff member. */
	record Topic(Kind kind, UUID id) {

		enum Kind {
			CONVERSATION, RECEPTION, STAFF
		}

		static Topic conversation(UUID id) {
			return new Topic(Kind.CONVERSATION, id);
		}

		static Topic reception(UUID id) {
			return new Topic(Kind.RECEPTION, id);
		}

		static Topic staff(UUID id) {
			return new Topic(Kind.STAFF, id);
		}
	}
}
