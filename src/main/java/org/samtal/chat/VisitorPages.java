package org.samtal.chat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.samtal.identity.ClientPrincipal;
import org.samtal.platform.Languages;
import org.samtal.platform.Problems;
import org.samtal.privacy.PrivacyNotices;
import org.samtal.tenancy.PreChatForm;
import org.samtal.tenancy.Reception;
import org.samtal.tenancy.Receptions;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The visitor's pages. Nothing here sets a cookie until the visitor presses "Start chat"; after that, one session
 * cookie. Errors come back on the same page, with what was chosen still chosen.
 */
@Controller
class VisitorPages {

	private final Receptions receptions;
	private final VisitorChat visitors;
	private final VisitFeedback feedback;
	private final MessageSource messages;
	private final PrivacyNotices notices;

	VisitorPages(Receptions receptions, VisitorChat visitors, VisitFeedback feedback, MessageSource messages,
			PrivacyNotices notices) {
		this.receptions = receptions;
		this.visitors = visitors;
		this.feedback = feedback;
		this.messages = messages;
		this.notices = notices;
	}

	record FieldView(String name, String label, boolean required, List<OptionView> options) {
	}

	record OptionView(String value, String label) {
	}

	record HoursView(String day, String opens, String closes) {
	}

	@GetMapping("/")
	String index(Model model) {
		List<Reception> all = receptions.all();
		model.addAttribute("receptions", all);
		model.addAttribute("openNow", all.stream().filter(receptions::isOpenNow).map(Reception::slug).toList());
		return "index";
	}

	@GetMapping("/r/{slug}")
	String reception(@PathVariable String slug, Locale locale, Model model) {
		return receptionPage(receptions.requireBySlug(slug), Map.of(), null, locale, model);
	}

	@PostMapping("/r/{slug}/chat")
	String startChat(@PathVariable String slug, @RequestParam Map<String, String> parameters,
			@AuthenticationPrincipal ClientPrincipal client, HttpServletRequest request, HttpServletResponse response,
			Locale locale, Model model) {
		Reception reception = receptions.requireBySlug(slug);
		Map<String, String> answers = new LinkedHashMap<>(parameters);
		answers.keySet().removeIf(name -> !name.startsWith("form."));
		Map<String, String> formAnswers = new LinkedHashMap<>();
		answers.forEach((name, value) -> formAnswers.put(name.substring("form.".length()), value));
		if (!isSameOrigin(request)) {
			response.setStatus(HttpStatus.FORBIDDEN.value());
			return receptionPage(reception, formAnswers, messages.getMessage("problem.cross-site", null, locale), locale, model);
		}
		try {
			VisitorChat.Started started = visitors.start(slug, formAnswers, client);
			new VisitorSession(started.conversation().id(), started.token(), reception.id(), reception.slug(),
					reception.name()).store(request);
			Languages.remember(request, Languages.supported(request.getParameter("lang")));
			return "redirect:/chat";
		}
		catch (Problems problem) {
			response.setStatus(problem.getStatusCode().value());
			return receptionPage(reception, formAnswers, describe(problem, locale), locale, model);
		}
	}

	@GetMapping("/chat")
	String chat(HttpServletRequest request, Locale locale, Model model) {
		VisitorSession visitor = VisitorSession.of(request).orElse(null);
		if (visitor == null) {
			return "redirect:/";
		}
		try {
			visitors.authenticate(visitor.conversationId(), visitor.token());
		}
		catch (Problems ended) {
			return "redirect:/chat/ended";
		}
		model.addAttribute("visitor", visitor);
		// One lookup for both the banner and the footer's notice link.
		receptions.byId(visitor.receptionId()).ifPresent(reception -> {
			addNoticeBanner(reception, locale, model);
			model.addAttribute("noticeSlug", reception.organisation().slug());
		});
		return "chat";
	}

	@GetMapping("/chat/files/{fileId}")
	ResponseEntity<byte[]> download(@PathVariable UUID fileId, HttpServletRequest request) {
		VisitorSession visitor = VisitorSession.of(request).orElseThrow(VisitorChat::notFound);
		return FileResponses.attachment(
				visitors.download(visitors.authenticate(visitor.conversationId(), visitor.token()), fileId));
	}

	/** Works without JavaScript too: a plain form post. */
	@PostMapping("/chat/end")
	String end(HttpServletRequest request) {
		VisitorSession.of(request).ifPresent(visitor -> {
			try {
				visitors.end(visitors.authenticate(visitor.conversationId(), visitor.token()));
			}
			catch (Problems alreadyEnded) {
				// The counselor or the timeout ended it first; the visitor still gets to give feedback.
			}
		});
		return "redirect:/chat/ended";
	}

	@GetMapping("/chat/ended")
	String ended(HttpServletRequest request, Model model) {
		VisitorSession visitor = VisitorSession.of(request).orElse(null);
		if (visitor == null) {
			return "redirect:/";
		}
		model.addAttribute("visitor", visitor);
		model.addAttribute("maxComment", VisitFeedback.MAX_COMMENT);
		model.addAttribute("noticeSlug", noticeOf(visitor));
		return "chat-ended";
	}

	@PostMapping("/chat/feedback")
	String giveFeedback(@RequestParam(required = false) String rating, @RequestParam(required = false) String comment,
			HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
		VisitorSession visitor = VisitorSession.of(request).orElse(null);
		if (visitor == null) {
			return "redirect:/";
		}
		try {
			visitors.authenticate(visitor.conversationId(), visitor.token());
			// Still open: feedback comes after the end.
			return "redirect:/chat";
		}
		catch (Problems ended) {
			// expected: the conversation is over
		}
		try {
			feedback.give(visitor.receptionId(), parseRating(rating), comment);
		}
		catch (Problems problem) {
			response.setStatus(problem.getStatusCode().value());
			model.addAttribute("visitor", visitor);
			model.addAttribute("maxComment", VisitFeedback.MAX_COMMENT);
			model.addAttribute("rating", rating);
			model.addAttribute("comment", comment);
			model.addAttribute("error", describe(problem, locale));
			model.addAttribute("noticeSlug", noticeOf(visitor));
			return "chat-ended";
		}
		VisitorSession.forget(request);
		model.addAttribute("receptionSlug", visitor.receptionSlug());
		model.addAttribute("noticeSlug", noticeOf(visitor));
		return "feedback-thanks";
	}

	/** The slug of the organisation whose notice the chat pages' footer links to. */
	private String noticeOf(VisitorSession visitor) {
		return receptions.byId(visitor.receptionId()).map(r -> r.organisation().slug()).orElse(null);
	}

	private static Integer parseRating(String rating) {
		try {
			return rating == null ? null : Integer.valueOf(rating.trim());
		}
		catch (NumberFormatException notANumber) {
			return null;
		}
	}

	private String receptionPage(Reception reception, Map<String, String> answers, String error, Locale locale,
			Model model) {
		model.addAttribute("reception", reception);
		model.addAttribute("welcome", reception.welcome().in(locale));
		model.addAttribute("open", receptions.isOpenNow(reception));
		model.addAttribute("acceptsChat", receptions.acceptsChatNow(reception));
		model.addAttribute("fields", reception.preChatForm().map(form -> fields(form, locale)).orElse(List.of()));
		model.addAttribute("answers", answers);
		model.addAttribute("hours", reception.openingHours()
			.stream()
			.map(h -> new HoursView(h.day().getDisplayName(TextStyle.FULL, locale), h.opens().toString(),
					h.closes().toString()))
			.toList());
		model.addAttribute("error", error);
		addNoticeBanner(reception, locale, model);
		return "reception";
	}

	/** A significant change to the organisation's notice is announced on its pages before it applies. */
	private void addNoticeBanner(Reception reception, Locale locale, Model model) {
		model.addAttribute("noticeBanner", notices.banner(reception.organisation().id(), locale).orElse(null));
	}

	private static List<FieldView> fields(PreChatForm form, Locale locale) {
		return form.fields()
			.stream()
			.map(field -> new FieldView(field.name(), field.label().in(locale), field.required(), field.options()
				.stream()
				.map(option -> new OptionView(option.value(), option.label().in(locale)))
				.toList()))
			.toList();
	}

	private String describe(Problems problem, Locale locale) {
		return messages.getMessage(problem.messageKey(), null, problem.detail(), locale);
	}

	/**
	 * Browsers say where a POST comes from. Starting a chat from another site is refused; clients that send neither
	 * header are not browsers and cannot be tricked into posting.
	 */
	static boolean isSameOrigin(HttpServletRequest request) {
		String fetchSite = request.getHeader("Sec-Fetch-Site");
		if (fetchSite != null) {
			return fetchSite.equals("same-origin") || fetchSite.equals("none");
		}
		String origin = request.getHeader("Origin");
		if (origin == null) {
			return true;
		}
		String expected = request.getScheme() + "://" + request.getServerName()
				+ (isDefaultPort(request) ? "" : ":" + request.getServerPort());
		return origin.equalsIgnoreCase(expected);
	}

	private static boolean isDefaultPort(HttpServletRequest request) {
		int port = request.getServerPort();
		return ("http".equals(request.getScheme()) && port == 80) || ("https".equals(request.getScheme()) && port == 443);
	}
}
