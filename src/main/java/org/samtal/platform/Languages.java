package org.samtal.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Swedish by default, Norwegian bokmål and English on request. The language comes from an explicit {@code ?lang=}
 * choice, then from the session (only if one already exists: a visitor gets no cookie before starting a chat), then
 * from Accept-Language.
 */
@Component("localeResolver")
public class Languages implements LocaleResolver {

	public static final Locale SWEDISH = Locale.of("sv");
	public static final Locale BOKMAL = Locale.of("nb");
	public static final List<Locale> SUPPORTED = List.of(SWEDISH, BOKMAL, Locale.ENGLISH);
	static final String SESSION_ATTRIBUTE = Languages.class.getName() + ".locale";

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		Locale chosen = supported(request.getParameter("lang"));
		if (chosen != null) {
			return chosen;
		}
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof Locale stored) {
			return stored;
		}
		// Without the header, the servlet container would offer the server's own locale: Swedish is the default.
		if (request.getHeader("Accept-Language") == null) {
			return SWEDISH;
		}
		for (Locale accepted : Collections.list(request.getLocales())) {
			Locale match = supported(accepted.getLanguage());
			if (match != null) {
				return match;
			}
		}
		return SWEDISH;
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		remember(request, locale);
	}

	/** Keeps an explicit choice in the session, when there is one. Never creates a session. */
	public static void remember(HttpServletRequest request, Locale locale) {
		HttpSession session = request.getSession(false);
		if (session != null && locale != null) {
			session.setAttribute(SESSION_ATTRIBUTE, locale);
		}
	}

	/** The supported language for a tag such as "sv", "nb", "no", "nn" or "en", or null. */
	public static Locale supported(String tag) {
		if (tag == null) {
			return null;
		}
		return switch (tag.toLowerCase(Locale.ROOT)) {
			case "sv" -> SWEDISH;
			case "nb", "no", "nn" -> BOKMAL;
			case "en" -> Locale.ENGLISH;
			default -> null;
		};
	}
}
