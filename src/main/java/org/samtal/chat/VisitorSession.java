package org.samtal.chat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;

/**
 * What the browser session of a visitor holds: which conversation, its token, and the reception (for feedback after
 * the end). The session cookie is a session cookie only, gone when the browser closes.
 */
record VisitorSession(UUID conversationId, String token, UUID receptionId, String receptionSlug,
		String receptionName) implements Serializable {

	private static final String ATTRIBUTE = VisitorSession.class.getName();

	static Optional<VisitorSession> of(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return Optional.ofNullable(session == null ? null : (VisitorSession) session.getAttribute(ATTRIBUTE));
	}

	void store(HttpServletRequest request) {
		request.getSession(true).setAttribute(ATTRIBUTE, this);
	}

	static void forget(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}
}
