package org.samtal.identity;

import java.security.Principal;
import java.util.Optional;
import java.util.UUID;
import org.samtal.privacy.StaffDirectory;
import org.springframework.stereotype.Component;

/** Tells the privacy module who is signed in and what staff are called, without it depending on this module. */
@Component
class StaffDirectoryForPrivacy implements StaffDirectory {

	private final StaffRepository staff;

	StaffDirectoryForPrivacy(StaffRepository staff) {
		this.staff = staff;
	}

	@Override
	public Optional<Reviewer> reviewer(Principal principal) {
		return StaffMember.of(principal).map(m -> new Reviewer(m.id(), m.organisationId(), m.isAdmin()));
	}

	@Override
	public Optional<UUID> idOf(String username) {
		return staff.idOf(StaffAccounts.normalise(username));
	}

	@Override
	public String usernameOf(UUID staffId) {
		return staff.usernameOf(staffId).orElse(staffId.toString());
	}
}
