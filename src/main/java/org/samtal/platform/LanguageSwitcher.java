package org.samtal.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.UriComponentsBuilder;

/** Gives every page the links of the language switcher and the language to carry along in session-less links. */
@ControllerAdvice
class LanguageSwitcher {

	@ModelAttribute("languageLinks")
	Map<String, String> languageLinks(HttpServletRequest request) {
		Map<String, String> links = new LinkedHashMap<>();
		for (Locale language : Languages.SUPPORTED) {
			String url = UriComponentsBuilder.fromPath(request.getRequestURI())
				.query(request.getQueryString())
				.replaceQueryParam("lang", language.getLanguage())
				.build()
				.toUriString();
			links.put(language.getLanguage(), url);
		}
		return links;
	}

	@ModelAttribute("currentLanguage")
	String currentLanguage(HttpServletRequest request) {
		return RequestContextUtils.getLocale(request).getLanguage();
	}

	/** "?lang=xx" when the visitor chose a language explicitly, so links keep it without a cookie; otherwise "". */
	@ModelAttribute("langQuery")
	String langQuery(HttpServletRequest request) {
		Locale chosen = Languages.supported(request.getParameter("lang"));
		if (chosen != null) {
			Languages.remember(request, chosen);
			return "?lang=" + chosen.getLanguage();
		}
		return "";
	}
}
