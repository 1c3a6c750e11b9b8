package org.samtal.privacy;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.samtal.platform.Problems;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin's retention page: run reports, a run or dry run on demand, and legal holds. */
@Controller
class RetentionPage {

	private static final int REPORTS = 10;

	private final RetentionSweep retention;
	private final LegalHolds holds;
	private final MessageSource messages;

	RetentionPage(RetentionSweep retention, LegalHolds holds, MessageSource messages) {
		this.retention = retention;
		this.holds = holds;
		this.messages = messages;
	}

	@NoClientData("run reports hold counts per category; legal holds hold record keys and reasons")
	@GetMapping("/admin/retention")
	@PreAuthorize("hasRole('ADMIN')")
	String page(@RequestParam(required = false) UUID run, Principal principal, Model model) {
		return show(principal, model, run);
	}

	@NoClientData("deletes what is due; shows counts")
	@PostMapping("/admin/retention/run")
	@PreAuthorize("hasRole('ADMIN')")
	String run(@RequestParam(required = false) String dryRun, Principal principal, Locale locale, Model model) {
		try {
			RetentionSweep.Report report = retention.runAsAdmin(principal, dryRun != null);
			return "redirect:/admin/retention?run=" + report.id();
		}
		catch (Problems busy) {
			model.addAttribute("error", say(busy, locale));
			return show(principal, model, null);
		}
	}

	@NoClientData("stores a legal hold on a record key")
	@PostMapping("/admin/retention/holds")
	@PreAuthorize("hasRole('ADMIN')")
	String placeHold(@RequestParam(required = false) String category, @RequestParam(required = false) String recordKey,
			@RequestParam(required = false) String reason, Principal principal, Locale locale, Model model) {
		try {
			DataCategory chosen = Arrays.stream(DataCategory.values())
				.filter(c -> c.name().equals(category))
				.findFirst()
				.orElse(null);
			holds.place(principal, chosen, recordKey, reason);
			return "redirect:/admin/retention?held";
		}
		catch (Problems problem) {
			model.addAttribute("holdError", say(problem, locale));
			model.addAttribute("category", category);
			model.addAttribute("recordKey", recordKey);
			model.addAttribute("reason", reason);
			return show(principal, model, null);
		}
	}

	@NoClientData("lifts a legal hold")
	@PostMapping("/admin/retention/holds/{id}/lift")
	@PreAuthorize("hasRole('ADMIN')")
	String liftHold(@PathVariable UUID id, Principal principal) {
		holds.lift(principal, id);
		return "redirect:/admin/retention?lifted";
	}

	/** The problem in the page's language, or as the service put it when no translation exists. */
	private String say(Problems problem, Locale locale) {
		return messages.getMessage("retention.problem." + problem.slug(), null, problem.detail(), locale);
	}

	private String show(Principal principal, Model model, UUID chosenRun) {
		List<RetentionSweep.Report> reports = retention.reportsFor(principal, REPORTS);
		model.addAttribute("reports", reports);
		model.addAttribute("shown", chosenRun == null ? reports.stream().findFirst().orElse(null)
				: retention.reportFor(principal, chosenRun).orElse(null));
		model.addAttribute("holds", holds.ofOrganisation(principal));
		model.addAttribute("categories", DataCategory.values());
		return "admin-retention";
	}
}
