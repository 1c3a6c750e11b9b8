package org.samtal.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the session of a staff member whose account was closed since they logged in: the request goes on as anyone's
 * would who is not logged in, so the staff pages send them to the login page, which refuses a closed account. One
 * indexed lookup per staff request, on every node, so a closing on one node reaches sessions held by another.
 */
class ClosedAccountSessions extends OncePerRequestFilter {

	private final StaffRepository staff;

	ClosedAccountSessions(StaffRepository staff) {
		this.staff = staff;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal principal
				&& !staff.isOpen(principal.member().id())) {
			SecurityContextHolder.clearContext();
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
		}
		chain.doFilter(request, response);
	}
}
