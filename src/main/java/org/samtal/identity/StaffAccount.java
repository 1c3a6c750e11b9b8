package org.samtal.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A staff account as its organisation's admins see it; {@code closedAt} is null while it is open. */
public record StaffAccount(UUID id, String username, String displayName, StaffRole role, Instant createdAt,
		Instant closedAt, Set<UUID> receptionIds) {

	public StaffAccount {
		receptionIds = Set.copyOf(receptionIds);
	}

	public boolean isOpen() {
		return closedAt == null;
	}
}
