package org.samtal.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff login page. A failed attempt comes back with the username still typed in and a specific message. */
@Controller
class LoginController {

	static final String LAST_USERNAME = LoginController.class.getName() + ".username";
	static final String LAST_ERROR = LoginController.class.getName() + ".error";
	static final String LAST_WAIT = LoginController.class.getName() + ".wait";

	@GetMapping("/login")
	String login(HttpServletRequest request, Model model) {
		HttpSession session = request.getSession(false);
		if (session != null && request.getParameter("error") != null) {
			model.addAttribute("username", session.getAttribute(LAST_USERNAME));
			model.addAttribute("error", session.getAttribute(LAST_ERROR));
			model.addAttribute("waitMinutes", session.getAttribute(LAST_WAIT));
		}
		model.addAttribute("loggedOut", request.getParameter("logout") != null);
		model.addAttribute("accountClosed", request.getParameter("closed") != null);
		return "login";
	}

	static AuthenticationFailureHandler failureHandler() {
		return failureHandler("/login");
	}

	/** The same for any login page (staff or client): back to it with the username and the reason. */
	static AuthenticationFailureHandler failureHandler(String loginPage) {
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
			HttpSession session = request.getSession();
			String username = request.getParameter("username");
			session.setAttribute(LAST_USERNAME, username == null ? "" : username.substring(0, Math.min(64, username.length())));
			if (exception instanceof ThrottledAuthentication.LoginThrottled throttled) {
				session.setAttribute(LAST_ERROR, "login.throttled");
				session.setAttribute(LAST_WAIT, Math.max(1, (throttled.waitTime().toSeconds() + 59) / 60));
			}
			else {
				session.setAttribute(LAST_ERROR, "login.failed");
				session.removeAttribute(LAST_WAIT);
			}
			response.sendRedirect(request.getContextPath() + loginPage + "?error");
		};
	}
}
