package org.samtal.privacy;

import java.security.Principal;
import java.util.Optional;
import java.util.UUID;

/**
 * What the privacy module needs to know of staff, implemented by the identity module (which depends on privacy, not
 * the other way round): who is signed in, and how to name a staff member in a log review.
 */
public interface StaffDirectory {

	record Reviewer(UUID staffId, UUID organisationId, boolean admin) {
	}

	Optional<Reviewer> reviewer(Principal principal);

	Optional<UUID> idOf(String username);

	String usernameOf(UUID staffId);
}
