package org.samtal.requests;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.samtal.platform.Problems;
import org.samtal.privacy.RecordField;
import org.samtal.privacy.SubjectRights;
import org.samtal.requests.SubjectRequest.Kind;
import org.samtal.requests.SubjectRequest.Status;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public side of a data-subject request: the form, the code that proves the contact detail, where the request
 * stands, and the answer behind the requester's personal link. A refused form comes back with what was typed.
 */
@Controller
class RequestPages {

	private final SubjectRequests requests;
	private final RequestAnswers answers;

	RequestPages(SubjectRequests requests, RequestAnswers answers) {
		this.requests = requests;
		this.answers = answers;
	}

	@GetMapping("/requests")
	String form(@RequestParam(defaultValue = "") String controller, Model model) {
		model.addAttribute("typed", new SubjectRequests.Submission(controller, "", "EMAIL", "", "", false, null));
		return showForm(model);
	}

	@PostMapping("/requests")
	String submit(@RequestParam(defaultValue = "") String controller, @RequestParam(defaultValue = "") String kind,
			@RequestParam(defaultValue = "") String channel, @RequestParam(defaultValue = "") String address,
			@RequestParam(defaultValue = "") String details, @RequestParam(defaultValue = "") String forward,
			Locale locale, Model model, HttpServletResponse response) {
		SubjectRequests.Submission submission = new SubjectRequests.Submission(controller, kind, channel,
				clip(address, 254), clip(details, SubjectRequests.MAX_DETAILS + 100), "on".equals(forward),
				locale.getLanguage());
		try {
			UUID id = requests.submit(submission);
			return "redirect:/requests/" + id;
		}
		catch (SubjectRequests.Refused refused) {
			model.addAttribute("typed", submission);
			refused(model, response, refused);
			return showForm(model);
		}
	}

	/** Where the request stands: waiting for its code, or queued with its due date. */
	@GetMapping("/requests/{id}")
	String status(@PathVariable UUID id, Model model) {
		SubjectRequest request = requests.find(id).orElseThrow(RequestPages::noSuchRequest);
		model.addAttribute("request", request);
		model.addAttribute("maskedAddress", masked(request.address()));
		model.addAttribute("controller", requests.controllerName(request.organisationId()));
		model.addAttribute("answerBy", date(request.answerBy()));
		model.addAttribute("answeredOn", date(request.answeredAt()));
		model.addAttribute("forwardedTo", request.status() == Status.UNVERIFIED ? List.of()
				: requests.forwardedCopies(id).stream().map(r -> requests.controllerName(r.organisationId())).toList());
		return "request-status";
	}

	@PostMapping("/requests/{id}/verify")
	String verify(@PathVariable UUID id, @RequestParam(defaultValue = "") String code, Model model,
			HttpServletResponse response) {
		try {
			requests.verify(id, code);
			return "redirect:/requests/" + id + "?verified";
		}
		catch (SubjectRequests.Refused refused) {
			refused(model, response, refused);
			return status(id, model);
		}
	}

	@PostMapping("/requests/{id}/resend")
	String resend(@PathVariable UUID id, Model model, HttpServletResponse response) {
		try {
			requests.resend(id);
			return "redirect:/requests/" + id + "?resent";
		}
		catch (SubjectRequests.Refused refused) {
			refused(model, response, refused);
			return status(id, model);
		}
	}

	/** The answer, readable, behind the link sent to the requester; it stops working after 30 days. */
	@GetMapping("/requests/answer/{token}")
	String answer(@PathVariable String token, Model model, HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		RequestAnswers.Answer answer = answers.answerFor(token).orElseThrow(RequestPages::noSuchAnswer);
		model.addAttribute("request", answer.request());
		model.addAttribute("answer", answer.content());
		model.addAttribute("sections", sections(answer.content()));
		model.addAttribute("answeredOn", date(answer.request().answeredAt()));
		model.addAttribute("token", token);
		return "request-answer";
	}

	/** A section of the data found, with at most {@link SubjectRights#SHOWN_PER_SECTION} records as lines. */
	record SectionView(Map<?, ?> section, List<List<RecordField>> records, int notShown) {
	}

	/** The page shows a long section's beginning; the download holds it all. */
	private static List<SectionView> sections(Map<String, Object> answer) {
		List<SectionView> views = new ArrayList<>();
		if (answer.get("found") instanceof List<?> exports) {
			for (Object export : exports) {
				if (export instanceof Map<?, ?> document && document.get("sections") instanceof List<?> sections) {
					for (Object section : sections) {
						if (section instanceof Map<?, ?> map && map.get("records") instanceof List<?> records) {
							List<List<RecordField>> shown = records.stream().filter(Map.class::isInstance)
								.limit(SubjectRights.SHOWN_PER_SECTION)
								.map(record -> RecordField.of((Map<?, ?>) record))
								.toList();
							views.add(new SectionView(map, shown, records.size() - shown.size()));
						}
					}
				}
			}
		}
		return views;
	}

	/** The same answer as JSON: for access and portability, the export in the documented schema. */
	@GetMapping("/requests/answer/{token}.json")
	ResponseEntity<byte[]> answerJson(@PathVariable String token) {
		String json = answers.answerJson(token).orElseThrow(RequestPages::noSuchAnswer);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("samtal-answer.json").build().toString())
			.body(json.getBytes(StandardCharsets.UTF_8));
	}

	private String showForm(Model model) {
		model.addAttribute("organisations", requests.controllers());
		model.addAttribute("operator", requests.operatorTakesRequests());
		model.addAttribute("operatorName", requests.controllerName(null));
		model.addAttribute("kinds", Kind.values());
		model.addAttribute("maxDetails", Integer.toString(SubjectRequests.MAX_DETAILS));
		return "request-form";
	}

	private static void refused(Model model, HttpServletResponse response, SubjectRequests.Refused refused) {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("errorField", refused.field());
		model.addAttribute("errorKey", refused.reason());
	}

	/** "a***@example.org", "+46 *** ** 67": enough to recognise one's own, not to learn someone else's. */
	static String masked(String address) {
		if (address == null) {
			return "";
		}
		int at = address.indexOf('@');
		if (at > 0) {
			return address.charAt(0) + "***" + address.substring(at);
		}
		return address.length() > 5 ? address.substring(0, 3) + "*****" + address.substring(address.length() - 2)
				: "*****";
	}

	/** Dates as the requester reads them: the day, in UTC like the due date is counted. */
	static String date(java.time.Instant instant) {
		return instant == null ? "" : java.time.LocalDate.ofInstant(instant, java.time.ZoneOffset.UTC).toString();
	}

	private static String clip(String text, int max) {
		return text.length() > max ? text.substring(0, max) : text;
	}

	private static Problems noSuchRequest() {
		return Problems.notFound("request-not-found", "No such request", "There is no such request.");
	}

	private static Problems noSuchAnswer() {
		return Problems.notFound("answer-not-found", "No such answer",
				"This link does not work: it is mistyped, or the answer was removed 30 days after it was given.");
	}
}
