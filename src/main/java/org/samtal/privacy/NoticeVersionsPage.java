package org.samtal.privacy;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.samtal.platform.Problems;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin's page for the organisation's privacy notice: its versions, and a form to publish the next one. */
@Controller
class NoticeVersionsPage {

	private final PrivacyNotices notices;
	private final Admins admins;
	private final MessageSource messages;

	NoticeVersionsPage(PrivacyNotices notices, Admins admins, MessageSource messages) {
		this.notices = notices;
		this.admins = admins;
		this.messages = messages;
	}

	/** @param status IN_FORCE, UPCOMING or REPLACED */
	record VersionView(int version, boolean implicit, String publishedOn, String effectiveOn, boolean significant,
			String summary, String status) {
	}

	@NoClientData("the organisation's own notice versions")
	@GetMapping("/admin/privacy-notice")
	@PreAuthorize("hasRole('ADMIN')")
	String page(@RequestParam(required = false) Integer published, Principal principal, Locale locale, Model model) {
		model.addAttribute("published", published);
		model.addAttribute("significant", false);
		model.addAttribute("effectiveOn", "");
		model.addAttribute("summary", Map.of());
		return page(organisationOf(principal), locale, model);
	}

	@NoClientData("publishes a new version of the organisation's notice")
	@PostMapping("/admin/privacy-notice")
	@PreAuthorize("hasRole('ADMIN')")
	String publish(@RequestParam(required = false) String significant, @RequestParam(required = false) String effectiveOn,
			@RequestParam(required = false) String summarySv, @RequestParam(required = false) String summaryNb,
			@RequestParam(required = false) String summaryEn, Principal principal, Locale locale, Model model,
			HttpServletResponse response) {
		UUID organisationId = organisationOf(principal);
		Map<String, String> summary = new HashMap<>();
		summary.put("sv", summarySv == null ? "" : summarySv);
		summary.put("nb", summaryNb == null ? "" : summaryNb);
		summary.put("en", summaryEn == null ? "" : summaryEn);
		try {
			LocalDate day = effectiveOn == null || effectiveOn.isBlank() ? null : LocalDate.parse(effectiveOn.strip());
			NoticeVersion version = notices.publish(principal, organisationId,
					new PrivacyNotices.Draft(significant != null, day, summary));
			return "redirect:/admin/privacy-notice?published=" + version.version();
		}
		catch (DateTimeParseException badDate) {
			model.addAttribute("error", messages.getMessage("notice.badDate", null, locale));
			response.setStatus(400);
		}
		catch (Problems problem) {
			NoticeVersion latest = notices.versions(organisationId).getFirst();
			Object[] details = { notices.earliestSignificantDay(organisationId).toString(),
					PrivacyNotices.MAX_SUMMARY, latest.version(),
					day(latest.effectiveFrom(), notices.zoneOf(organisationId)) };
			model.addAttribute("error", messages.getMessage(problem.messageKey(), details, problem.detail(), locale));
			response.setStatus(problem.getStatusCode().value());
		}
		model.addAttribute("significant", significant != null);
		model.addAttribute("effectiveOn", effectiveOn);
		model.addAttribute("summary", summary);
		return page(organisationId, locale, model);
	}

	private String page(UUID organisationId, Locale locale, Model model) {
		ZoneId zone = notices.zoneOf(organisationId);
		NoticeVersion current = notices.currentVersion(organisationId);
		model.addAttribute("versions", notices.versions(organisationId)
			.stream()
			.map(v -> new VersionView(v.version(), v.implicit(), v.implicit() ? null : day(v.publishedAt(), zone),
					v.implicit() ? null : day(v.effectiveFrom(), zone), v.significant(), v.summaryIn(locale),
					v.version() == current.version() ? "IN_FORCE"
							: v.version() > current.version() ? "UPCOMING" : "REPLACED"))
			.toList());
		model.addAttribute("today", notices.today(organisationId).toString());
		model.addAttribute("earliestSignificant", notices.earliestSignificantDay(organisationId).toString());
		model.addAttribute("maxSummary", PrivacyNotices.MAX_SUMMARY);
		return "admin-privacy-notice";
	}

	private static String day(Instant instant, ZoneId zone) {
		return instant.atZone(zone).toLocalDate().toString();
	}

	private UUID organisationOf(Principal principal) {
		return admins.of(principal).organisationId();
	}
}
