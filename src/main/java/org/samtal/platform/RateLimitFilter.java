package org.samtal.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits what an unauthenticated client can do per minute: starting conversations, logging in, leaving feedback,
 * withdrawing a consent, and the public API, consent receipts and privacy notices as a whole (a receipt opens with a
 * secret key, so nobody gets to try many). Runs before security so that a flood never reaches password hashing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RateLimitFilter extends OncePerRequestFilter {

	private static final AntPathMatcher paths = new AntPathMatcher();
	private static final String[] SENSITIVE_POSTS = { "/login", "/r/*/chat", "/api/v1/receptions/*/conversations",
			"/chat/feedback", "/consent/*/withdraw", "/account/register", "/account/login", "/account/reset", "/account/reset/request",
			"/account/contact", "/account/contact/resend", "/account/contact/verify",
			"/api/v1/accounts", "/api/v1/auth/token", "/requests", "/requests/*/verify", "/requests/*/resend" };

	private final RateLimit sensitive;
	private final RateLimit api;

	RateLimitFilter(Clock clock, @Value("${samtal.rate-limit.sensitive-per-minute:20}") int sensitivePerMinute,
			@Value("${samtal.rate-limit.api-per-minute:600}") int apiPerMinute) {
		this.sensitive = new RateLimit(sensitivePerMinute, 60_000, clock);
		this.api = new RateLimit(apiPerMinute, 60_000, clock);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String client = request.getRemoteAddr();
		long retryAfter = 0;
		if ("POST".equals(request.getMethod()) && matchesAny(path)) {
			retryAfter = sensitive.tryAcquire(client);
		}
		// Consent receipts, privacy notices and request pages are public reads, like the API: they share its budget.
		if (retryAfter == 0 && (path.startsWith("/api/") || path.startsWith("/consent/") || path.startsWith("/privacy/")
				|| path.startsWith("/requests/"))) {
			retryAfter = api.tryAcquire(client);
		}
		if (retryAfter > 0) {
			reject(path, retryAfter, response);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean matchesAny(String path) {
		for (String pattern : SENSITIVE_POSTS) {
			if (paths.match(pattern, path)) {
				return true;
			}
		}
		return false;
	}

	private static void reject(String path, long retryAfter, HttpServletResponse response) throws IOException {
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader("Retry-After", Long.toString(retryAfter));
		if (path.startsWith("/api/")) {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write("""
					{"type":"urn:samtal:problem:rate-limited","title":"Too many requests","status":429,\
					"detail":"Too many requests from this client. Try again in %d seconds."}""".formatted(retryAfter));
		}
		else {
			response.setContentType("text/plain;charset=UTF-8");
			response.getWriter().write("""
					För många försök. Vänta %1$d sekunder och försök igen.
					For mange forsøk. Vent %1$d sekunder og prøv igjen.
					Too many attempts. Wait %1$d seconds and try again.
					""".formatted(retryAfter));
		}
	}

	@Scheduled(fixedDelay = 60_000)
	void forgetExpiredWindows() {
		sensitive.forgetExpired();
		api.forgetExpired();
	}
}
