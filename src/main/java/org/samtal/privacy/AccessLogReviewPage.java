package org.samtal.privacy;

import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import org.samtal.platform.Problems;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin's log review page: search, random sample, and notes on reviewed entries. */
@Controller
class AccessLogReviewPage {

	private final AccessLogReview review;
	private final AccessLog accessLog;
	private final StaffDirectory staff;
	private final MessageSource messages;

	AccessLogReviewPage(AccessLogReview review, AccessLog accessLog, StaffDirectory staff, MessageSource messages) {
		this.review = review;
		this.accessLog = accessLog;
		this.staff = staff;
		this.messages = messages;
	}

	record Row(long seq, String at, String staff, String role, String subject, String category, String action,
			String context, String note, boolean withoutContact) {
	}

	@AccessLogged(DataCategory.ACCESS_LOG_ENTRY)
	@GetMapping("/admin/access-log")
	@PreAuthorize("hasRole('ADMIN')")
	String search(@RequestParam(required = false) String staffName, @RequestParam(required = false) String subject,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String sample, @RequestParam(required = false) String withoutContact,
			Principal principal, Locale locale, Model model) {
		StaffDirectory.Reviewer admin = admin(principal);
		model.addAttribute("staffName", staffName);
		model.addAttribute("subject", subject);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("withoutContact", withoutContact != null);
		AccessLogReview.Filter filter;
		try {
			UUID staffId = null;
			if (staffName != null && !staffName.isBlank()) {
				staffId = staff.idOf(staffName).orElseThrow(() -> Problems.badRequest("unknown-staff", "Unknown staff",
						messages.getMessage("review.unknownStaff", new Object[] { staffName }, locale)));
			}
			filter = new AccessLogReview.Filter(staffId, subject, day(from),
					day(to) == null ? null : day(to).plusSeconds(86_400), withoutContact != null);
		}
		catch (Problems problem) {
			model.addAttribute("error", problem.detail());
			model.addAttribute("rows", List.of());
			return "admin-access-log";
		}
		catch (DateTimeParseException badDate) {
			model.addAttribute("error", messages.getMessage("review.badDate", null, locale));
			model.addAttribute("rows", List.of());
			return "admin-access-log";
		}
		List<AccessLogReview.Entry> entries = sample != null ? review.sample(admin.organisationId(), filter, 20)
				: review.search(admin.organisationId(), filter);
		accessLog.record(Access.of(admin.staffId(), "ADMIN", admin.organisationId(), null,
				subject == null || subject.isBlank() ? "(log review)" : subject.strip(), DataCategory.ACCESS_LOG_ENTRY,
				AccessAction.READ, (sample != null ? "log review sample: " : "log review search: ") + entries.size()
						+ " entries"));
		model.addAttribute("sampled", sample != null);
		Map<UUID, String> usernames = new HashMap<>();
		model.addAttribute("rows", entries.stream()
			.map(e -> new Row(e.seq(), e.access().at().toString().substring(0, 19).replace('T', ' '),
					usernames.computeIfAbsent(e.access().actorId(), staff::usernameOf), e.access().actorRole(), e.access().subject(),
					e.access().category().name(), e.access().action().name(), e.access().context(), e.reviewNote(),
					e.withoutContact()))
			.toList());
		return "admin-access-log";
	}

	@NoClientData("recomputes the chain; shows counts and sequence numbers only")
	@GetMapping("/admin/access-log/verify")
	@PreAuthorize("hasRole('ADMIN')")
	String verify(Principal principal, Model model) {
		admin(principal);
		model.addAttribute("result", accessLog.verify());
		return "admin-access-log-verify";
	}

	@NoClientData("stores the admin's review note on an entry")
	@PostMapping("/admin/access-log/{seq}/review")
	@PreAuthorize("hasRole('ADMIN')")
	String markReviewed(@PathVariable long seq, @RequestParam(required = false) String note, Principal principal) {
		StaffDirectory.Reviewer admin = admin(principal);
		review.markReviewed(admin.organisationId(), seq, admin.staffId(), note);
		return "redirect:/admin/access-log?reviewed=" + seq;
	}

	private StaffDirectory.Reviewer admin(Principal principal) {
		return staff.reviewer(principal)
			.filter(StaffDirectory.Reviewer::admin)
			.orElseThrow(() -> Problems.of(HttpStatus.FORBIDDEN, "admins-only", "Admins only", "Log review is for admins."));
	}

	private static java.time.Instant day(String date) {
		return date == null || date.isBlank() ? null : LocalDate.parse(date.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
	}
}
