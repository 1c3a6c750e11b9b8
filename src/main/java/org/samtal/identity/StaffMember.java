package org.samtal.identity;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;

/** A signed-in counselor or admin, and the receptions they work at. */
public record StaffMember(UUID id, String username, String displayName, StaffRole role, UUID organisationId,
		Set<UUID> receptionIds) {

	public StaffMember {
		receptionIds = Set.copyOf(receptionIds);
	}

	public boolean worksAt(UUID receptionId) {
		return receptionIds.contains(receptionId);
	}

	public boolean isAdmin() {
		return role == StaffRole.ADMIN;
	}

	/** The staff member behind a web or WebSocket principal, if it is one. */
	public static Optional<StaffMember> of(Principal principal) {
		if (principal instanceof Authentication authentication
				&& authentication.getPrincipal() instanceof StaffPrincipal staff) {
			return Optional.of(staff.member());
		}
		return Optional.empty();
	}
}
