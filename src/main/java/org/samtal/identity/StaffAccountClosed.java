package org.samtal.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * An admin closed a staff account: its holder can no longer log in, and works at no reception. Published inside the
 * closing transaction, so what other modules do about it (the chat hands the holder's conversations back to the
 * queue) commits with the closing or not at all.
 */
public record StaffAccountClosed(UUID staffId, UUID organisationId, Instant closedAt) {
}
