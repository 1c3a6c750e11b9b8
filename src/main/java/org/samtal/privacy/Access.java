package org.samtal.privacy;

import java.time.Instant;
import java.util.UUID;

/**
 * One staff read or change of a client's data. The subject is a username or pseudonym, never a name or contact.
 * @param at set by the access log when it records the entry
 */
public record Access(Instant at, UUID actorId, String actorRole, UUID organisationId, UUID receptionId,
		String subject, DataCategory category, AccessAction action, String context) {

	public static Access of(UUID actorId, String actorRole, UUID organisationId, UUID receptionId, String subject,
			DataCategory category, AccessAction action, String context) {
		return new Access(null, actorId, actorRole, organisationId, receptionId, subject, category, action, context);
	}
}
