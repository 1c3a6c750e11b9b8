package org.samtal.requests;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Locale;
import java.util.UUID;
import org.samtal.platform.Problems;
import org.samtal.privacy.AccessLogged;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.NoClientData;
import org.samtal.privacy.StaffDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admins' queue of data-subject requests, and the page where one is extended or answered. */
@Controller
class RequestQueuePages {

	private final RequestAnswers answers;
	private final StaffDirectory staff;

	RequestQueuePages(RequestAnswers answers, StaffDirectory staff) {
		this.answers = answers;
		this.staff = staff;
	}

	@NoClientData("what was asked, of which controller, and the dates: no contact detail and no data about the requester")
	@GetMapping("/admin/requests")
	String queue(Principal principal, Model model) {
		model.addAttribute("queue", answers.queue(reviewer(principal)));
		return "admin-requests";
	}

	@AccessLogged({ DataCategory.CLIENT_ACCOUNT, DataCategory.CONTACT_DETAIL, DataCategory.CHAT_CONTENT,
			DataCategory.CARE_CONTACT, DataCategory.CONSENT_RECORD, DataCategory.ACCESS_LOG_ENTRY })
	@GetMapping("/admin/requests/{id}")
	String request(@PathVariable UUID id, Principal principal, Locale locale, Model model) {
		model.addAttribute("handling", answers.open(id, reviewer(principal), locale));
		return "admin-request";
	}

	@AccessLogged(DataCategory.DATA_SUBJECT_REQUEST)
	@PostMapping("/admin/requests/{id}/extend")
	String extend(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason, Principal principal,
			Locale locale, Model model, HttpServletResponse response) {
		try {
			answers.extend(id, reviewer(principal), reason);
			return "redirect:/admin/requests/" + id + "?extended";
		}
		catch (SubjectRequests.Refused refused) {
			model.addAttribute("typedReason", reason.length() > 400 ? reason.substring(0, 400) : reason);
			return refused(id, principal, locale, model, response, refused);
		}
	}

	@AccessLogged({ DataCategory.CLIENT_ACCOUNT, DataCategory.CONTACT_DETAIL, DataCategory.CHAT_CONTENT,
			DataCategory.CARE_CONTACT, DataCategory.CONSENT_RECORD, DataCategory.ACCESS_LOG_ENTRY,
			DataCategory.RIGHTS_REQUEST })
	@PostMapping("/admin/requests/{id}/answer")
	String answer(@PathVariable UUID id, @RequestParam(defaultValue = "") String note,
			@RequestParam(defaultValue = "") String refuse, @RequestParam(defaultValue = "") String explanation,
			Principal principal, Locale locale, Model model, HttpServletResponse response) {
		try {
			answers.answer(id, reviewer(principal),
					new RequestAnswers.Decision(note, "on".equals(refuse), explanation));
			return "redirect:/admin/requests/" + id + "?answered";
		}
		catch (SubjectRequests.Refused refused) {
			model.addAttribute("typedNote", clip(note));
			model.addAttribute("typedExplanation", clip(explanation));
			model.addAttribute("typedRefuse", "on".equals(refuse));
			return refused(id, principal, locale, model, response, refused);
		}
	}

	private String refused(UUID id, Principal principal, Locale locale, Model model, HttpServletResponse response,
			SubjectRequests.Refused refused) {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("errorField", refused.field());
		model.addAttribute("errorKey", refused.reason());
		return request(id, principal, locale, model);
	}

	private StaffDirectory.Reviewer reviewer(Principal principal) {
		return staff.reviewer(principal).orElseThrow(() -> Problems.of(HttpStatus.FORBIDDEN, "staff-only",
				"Staff only", "Sign in as staff."));
	}

	private static String clip(String text) {
		return text.length() > RequestAnswers.MAX_NOTE + 100 ? text.substring(0, RequestAnswers.MAX_NOTE + 100) : text;
	}
}
