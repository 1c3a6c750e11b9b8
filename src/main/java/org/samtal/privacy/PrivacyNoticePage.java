package org.samtal.privacy;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Each organisation's public privacy notice, at /privacy/{organisation}, in Swedish, Norwegian or English
 * ({@code ?lang=}). It is written from the organisation's register and nothing else, so it changes when the register
 * does. Public, no cookies, no scripts.
 */
@Controller
class PrivacyNoticePage {

	private final Controllers controllers;
	private final ProcessingRegister register;
	private final MessageSource messages;
	private final NoticeVersionStamp versions;
	private final String operator;
	private final String operatorEmail;

	PrivacyNoticePage(Controllers controllers, ProcessingRegister register, MessageSource messages,
			NoticeVersionStamp versions, @Value("${samtal.operator.name:}") String operator,
			@Value("${samtal.operator.email:}") String operatorEmail) {
		this.controllers = controllers;
		this.register = register;
		this.messages = messages;
		this.versions = versions;
		this.operator = operator;
		this.operatorEmail = operatorEmail;
	}

	@GetMapping("/privacy/{organisation}")
	String notice(@PathVariable String organisation, Locale locale, Model model, HttpServletResponse response) {
		Controllers.DataController controller = controllers.findBySlug(organisation).orElse(null);
		if (controller == null) {
			// A page, not problem JSON: people reach notices by links, and a typo deserves a readable answer.
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("status", HttpStatus.NOT_FOUND.value());
			return "error";
		}

		model.addAttribute("notice", NoticeText.write(controller, register.registerOf(controller.id()), operator,
				operatorEmail, versions.of(controller.id()).orElse(null), messages, locale));
		return "privacy-notice";
	}
}
