package org.samtal.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the session of a staff member whose account was closed since they logged in: the request goes on as anyone's
 * would who is not logged in, so the staff pages send them to the login page, which refuses a closed account.
 * <p>
 * An account closed on this node ends its sessions at their very next request. One closed on another node is found
 * by asking the database, which each session does at most once per {@code samtal.staff.session-check-interval}, not
 * on every request: a lone staff read on the reference VM is a handful of round trips, and a lookup on every request
 * measured +19 % there (docs/benchmarks.md).
 * The closed counselor's console hears of it at once either way, through the chat's own events.
 */
@Component
class ClosedAccountSessions {

	static final String CHECKED_AT = ClosedAccountSessions.class.getName() + ".checkedAt";

	private final StaffRepository staff;
	private final Clock clock;
	private final Duration interval;
	/** Accounts closed through this node since it started; a few ids per departure. */
	private final Set<UUID> closedHere = ConcurrentHashMap.newKeySet();

	ClosedAccountSessions(StaffRepository staff, Clock clock,
			@Value("${samtal.staff.session-check-interval:PT5S}") Duration interval) {
		if (interval.isNegative()) {
			throw new IllegalArgumentException("samtal.staff.session-check-interval cannot be negative");
		}
		this.staff = staff;
		this.clock = clock;
		this.interval = interval;
	}

	@TransactionalEventListener
	void on(StaffAccountClosed closed) {
		closedHere.add(closed.staffId());
	}

	/**
	 * The filter for the staff pages' security chain. Not a bean itself: as one, Spring Boot would also register it
	 * in the servlet container, outside that chain.
	 */
	OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
				if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal principal
						&& isClosed(principal.member().id(), request.getSession(false))) {
					SecurityContextHolder.clearContext();
					HttpSession session = request.getSession(false);
					if (session != null) {
						session.invalidate();
					}
				}
				chain.doFilter(request, response);
			}
		};
	}

	private boolean isClosed(UUID staffId, HttpSession session) {
		if (closedHere.contains(staffId)) {
			return true;
		}
		if (session == null) {
			return !staff.isOpen(staffId);
		}
		Instant now = clock.instant();
		Object checkedAt = session.getAttribute(CHECKED_AT);
		if (checkedAt instanceof Instant last && !now.isBefore(last) && now.isBefore(last.plus(interval))) {
			return false;
		}
		if (!staff.isOpen(staffId)) {
			return true;
		}
		session.setAttribute(CHECKED_AT, now);
		return false;
	}
}
