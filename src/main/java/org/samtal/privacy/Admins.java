package org.samtal.privacy;

import java.security.Principal;
import java.util.UUID;
import org.samtal.platform.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The signed-in admin and the organisation they act for. The organisation comes from the staff account, never from
 * the request, so an admin can only ever see or change their own organisation's register.
 */
@Component
class Admins {

	private final StaffDirectory staff;

	Admins(StaffDirectory staff) {
		this.staff = staff;
	}

	StaffDirectory.Reviewer of(Principal principal) {
		return staff.reviewer(principal)
			.filter(StaffDirectory.Reviewer::admin)
			.orElseThrow(() -> Problems.of(HttpStatus.FORBIDDEN, "admins-only", "Admins only",
					"This is for the organisation's admins."));
	}

	String usernameOf(UUID staffId) {
		return staff.usernameOf(staffId);
	}
}
