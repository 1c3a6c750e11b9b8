package org.samtal.privacy;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.samtal.Fixtures;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Publishes notice versions as a signed-in staff member would, through the service and its security checks. */
record Publisher(PrivacyNotices notices, AuthenticationManager authentication) {

	/** Signs the staff member in on this thread, as the login form would; undo with {@link #signOut()}. */
	Authentication signIn(Fixtures.Staff staff) {
		Authentication signedIn = authentication.authenticate(
				UsernamePasswordAuthenticationToken.unauthenticated(staff.username(), staff.password()));
		SecurityContextHolder.getContext().setAuthentication(signedIn);
		return signedIn;
	}

	static void signOut() {
		SecurityContextHolder.clearContext();
	}

	NoticeVersion publish(Fixtures.Staff admin, UUID organisationId, boolean significant, LocalDate effectiveOn,
			String swedishSummary) {
		return notices.publish(signIn(admin), organisationId,
				new PrivacyNotices.Draft(significant, effectiveOn, Map.of("sv", swedishSummary)));
	}

	/** Today in the fixtures' time zone (Europe/Stockholm), by the application's clock. */
	LocalDate today(UUID organisationId) {
		return notices.today(organisationId);
	}
}
