package org.samtal.privacy;

import java.security.Principal;
import java.time.LocalDate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** The admin's log review page: search, random sample, and notes on reviewed entries. */
@Controller
class AccessLogReviewPage {

	/** Subjects are usernames or pseudonyms, at most this long: the access log holds no longer ones. */
	static final int MAX_SUBJECT = 100;

	static final int SAMPLE_SIZE = 20;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	private final AccessLogReview review;
	private final AccessLog accessLog;
	private final StaffDirectory staff;
	private final Controllers organisations;
	private final MessageSource messages;
	private final AccessLogRuns runs;

	AccessLogReviewPage(AccessLogReview review, AccessLog accessLog, StaffDirectory staff, Controllers organisations,
			MessageSource messages, AccessLogRuns runs) {
		this.review = review;
		this.accessLog = accessLog;
		this.staff = staff;
		this.organisations = organisations;
		this.messages = messages;
		this.runs = runs;
	}

	/**
	 * @param reviewed who reviewed the entry last and when, in the organisation's time; null before a review
	 * @param earlierReviews how many reviews came before that one (each is kept)
	 */
	record Row(long seq, String at, String staff, String role, String subject, String category, String action,
			String context, String note, String reviewed, String earlierReviews, boolean withoutContact) {
	}

	/**
	 * A node that stopped without writing all the entries it had taken: the reads it showed in its last
	 * {@code windowMillis} before it stopped, some time between {@code lastSeen} and {@code found}, may have none.
	 */
	record Gap(String lastSeen, String found, String windowMillis) {
	}

	@AccessLogged(DataCategory.ACCESS_LOG_ENTRY)
	@GetMapping("/admin/access-log")
	@PreAuthorize("hasRole('ADMIN')")
	String search(@RequestParam(required = false) String staffName, @RequestParam(required = false) String subject,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String sample, @RequestParam(required = false) String withoutContact,
			@RequestParam(required = false) Long seed, @RequestParam(required = false) Long upTo,
			@RequestParam(required = false) Long reviewed, Principal principal, Locale locale, Model model) {
		StaffDirectory.Reviewer admin = admin(principal);
		// Times as the organisation's staff live them: dates filter and entries show in its own time zone.
		ZoneId zone = organisations.require(admin.organisationId()).timeZone();
		model.addAttribute("staffName", staffName);
		model.addAttribute("subject", subject);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("withoutContact", withoutContact != null);
		model.addAttribute("reviewed", reviewed == null ? null : Long.toString(reviewed));
		model.addAttribute("rows", List.of());
		model.addAttribute("gaps", runs.possibleGaps().stream()
			.map(gap -> new Gap(TIME.format(gap.lastSeenAt().atZone(zone)), TIME.format(gap.foundAt().atZone(zone)),
					Long.toString(gap.window().toMillis())))
			.toList());
		AccessLogReview.Filter filter;
		try {
			UUID staffId = null;
			if (staffName != null && !staffName.isBlank()) {
				staffId = staff.idOf(staffName).orElseThrow(() -> Problems.badRequest("unknown-staff", "Unknown staff",
						messages.getMessage("review.unknownStaff", new Object[] { staffName }, locale)));
			}
			if (subject != null && subject.strip().length() > MAX_SUBJECT) {
				throw Problems.badRequest("subject-too-long", "Subject too long",
						messages.getMessage("review.subjectTooLong", new Object[] { MAX_SUBJECT }, locale));
			}
			LocalDate last = day(to);
			filter = new AccessLogReview.Filter(staffId, subject, start(day(from), zone),
					start(last == null ? null : last.plusDays(1), zone), withoutContact != null);
		}
		catch (Problems problem) {
			model.addAttribute("error", problem.detail());
			return "admin-access-log";
		}
		catch (DateTimeParseException badDate) {
			model.addAttribute("error", messages.getMessage("review.badDate", null, locale));
			return "admin-access-log";
		}
		// Every access made before this search is in what it finds.
		accessLog.awaitWritten();
		List<AccessLogReview.Entry> entries;
		if (sample != null) {
			// A new sample gets its seed and bound here; marking its entries keeps both, so it stays the same sample.
			long sampleSeed = seed != null ? seed : RANDOM.nextLong(1, Long.MAX_VALUE);
			long sampleUpTo = upTo != null ? upTo : review.head();
			entries = review.sample(admin.organisationId(), filter, SAMPLE_SIZE, sampleSeed, sampleUpTo);
			model.addAttribute("seed", Long.toString(sampleSeed));
			model.addAttribute("upTo", Long.toString(sampleUpTo));
		}
		else {
			entries = review.search(admin.organisationId(), filter);
		}
		// What was read is the entries shown: one entry per person they are about, none when nothing matched.
		String context = (sample != null ? "log review sample: " : "log review search: ") + entries.size() + " entries";
		accessLog.recordWhile(entries.stream()
			.map(e -> e.access().subject())
			.filter(about -> !about.startsWith("("))
			.distinct()
			.map(about -> Access.of(admin.staffId(), "ADMIN", admin.organisationId(), null, about,
					DataCategory.ACCESS_LOG_ENTRY, AccessAction.READ, context))
			.toList(), () -> null);
		model.addAttribute("sampled", sample != null);
		model.addAttribute("truncated", sample == null && entries.size() == AccessLogReview.PAGE);
		Map<UUID, String> usernames = new HashMap<>();
		model.addAttribute("rows", entries.stream()
			.map(e -> new Row(e.seq(), TIME.format(e.access().at().atZone(zone)),
					usernames.computeIfAbsent(e.access().actorId(), staff::usernameOf), e.access().actorRole(), e.access().subject(),
					e.access().category().name(), e.access().action().name(), e.access().context(), e.reviewNote(),
					e.reviewedAt() == null ? null
							: usernames.computeIfAbsent(e.reviewedBy(), staff::usernameOf) + ", "
									+ TIME.format(e.reviewedAt().atZone(zone)),
					e.reviews() > 1 ? Integer.toString(e.reviews() - 1) : null, e.withoutContact()))
			.toList());
		return "admin-access-log";
	}

	@NoClientData("recomputes the chain; shows counts and sequence numbers only")
	@GetMapping("/admin/access-log/verify")
	@PreAuthorize("hasRole('ADMIN')")
	String verify(Principal principal, Locale locale, Model model) {
		admin(principal);
		AccessLogVerification result = accessLog.verify();
		model.addAttribute("result", result);
		if (!result.intact()) {
			model.addAttribute("problem", messages.getMessage("verify.problem." + result.problemCode(),
					result.problemArgs().toArray(), result.problem(), locale));
		}
		return "admin-access-log-verify";
	}

	@NoClientData("stores the admin's review note on an entry")
	@PostMapping("/admin/access-log/{seq}/review")
	@PreAuthorize("hasRole('ADMIN')")
	String markReviewed(@PathVariable long seq, @RequestParam(required = false) String note,
			@RequestParam Map<String, String> form, Principal principal, Locale locale,
			RedirectAttributes redirect) {
		StaffDirectory.Reviewer admin = admin(principal);
		// Back to the same search or sample, so that a review can be worked through entry by entry.
		UriComponentsBuilder back = UriComponentsBuilder.fromPath("/admin/access-log");
		for (String kept : List.of("staffName", "subject", "from", "to", "withoutContact", "sample", "seed", "upTo")) {
			String value = form.get(kept);
			if (value != null && !value.isBlank()) {
				back.queryParam(kept, value);
			}
		}
		try {
			review.markReviewed(admin.organisationId(), seq, admin.staffId(), note);
			back.queryParam("reviewed", seq);
		}
		catch (Problems problem) {
			// An unknown entry only comes from a hand-made request, and gets the service's 404.
			if (!problem.slug().equals("review-note-too-long")) {
				throw problem;
			}
			redirect.addFlashAttribute("error", messages.getMessage("review.noteTooLong", null, locale));
		}
		return "redirect:" + back.encode().build().toUriString();
	}

	private StaffDirectory.Reviewer admin(Principal principal) {
		return staff.reviewer(principal)
			.filter(StaffDirectory.Reviewer::admin)
			.orElseThrow(() -> Problems.of(HttpStatus.FORBIDDEN, "admins-only", "Admins only", "Log review is for admins."));
	}

	private static LocalDate day(String date) {
		return date == null || date.isBlank() ? null : LocalDate.parse(date.strip());
	}

	private static Instant start(LocalDate day, ZoneId zone) {
		return day == null ? null : day.atStartOfDay(zone).toInstant();
	}
}
