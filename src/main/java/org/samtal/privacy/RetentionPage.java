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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admin's retention page: run reports, a run or dry run on demand, and legal holds. */
@Controller
class RetentionPage {

	private static final int REPORTS = 10;

	/** More than a key or a reason may hold, so a refused form shows the admin all they typed that could be valid. */
	private static final int CLIP = LegalHolds.MAX_REASON + 1;

	private final RetentionSweep retention;
	private final LegalHolds holds;
	private final MessageSource messages;

	RetentionPage(RetentionSweep retention, LegalHolds holds, MessageSource messages) {
		this.retention = retention;
		this.holds = holds;
		this.messages = messages;
	}

	/** Run reports hold counts and record keys only; the legal holds listed are logged by {@link LegalHolds}. */
	@AccessLogged(DataCategory.REGISTER_CHANGE)
	@GetMapping("/admin/retention")
	@PreAuthorize("hasRole('ADMIN')")
	String page(@RequestParam(required = false) UUID run, Principal principal, Model model) {
		List<RetentionSweep.Report> reports = retention.reportsFor(principal, REPORTS);
		model.addAttribute("reports", reports);
		model.addAttribute("shown", run == null ? reports.stream().findFirst().orElse(null)
				: retention.reportFor(principal, run).orElse(null));
		model.addAttribute("holds", holds.ofOrganisation(principal));
		model.addAttribute("categories", DataCategory.values());
		return "admin-retention";
	}

	// The forms below go back to the page by redirect, a refusal with what was typed, so that only the page shows holds.

	@NoClientData("deletes what is due; shows counts")
	@PostMapping("/admin/retention/run")
	@PreAuthorize("hasRole('ADMIN')")
	String run(@RequestParam(required = false) String dryRun, Principal principal, Locale locale,
			RedirectAttributes redirect) {
		try {
			RetentionSweep.Report report = retention.runAsAdmin(principal, dryRun != null);
			return "redirect:/admin/retention?run=" + report.id();
		}
		catch (Problems busy) {
			redirect.addFlashAttribute("error", say(busy, locale));
			return "redirect:/admin/retention";
		}
	}

	@NoClientData("stores a legal hold on a record key")
	@PostMapping("/admin/retention/holds")
	@PreAuthorize("hasRole('ADMIN')")
	String placeHold(@RequestParam(required = false) String category, @RequestParam(required = false) String recordKey,
			@RequestParam(required = false) String reason, Principal principal, Locale locale,
			RedirectAttributes redirect) {
		try {
			DataCategory chosen = Arrays.stream(DataCategory.values())
				.filter(c -> c.name().equals(category))
				.findFirst()
				.orElse(null);
			holds.place(principal, chosen, recordKey, reason);
			return "redirect:/admin/retention?held";
		}
		catch (Problems problem) {
			redirect.addFlashAttribute("holdError", say(problem, locale));
			redirect.addFlashAttribute("category", category);
			redirect.addFlashAttribute("recordKey", clip(recordKey));
			redirect.addFlashAttribute("reason", clip(reason));
			return "redirect:/admin/retention";
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

	/** What was typed goes back through the session; a huge paste is cut, not kept whole. */
	private static String clip(String typed) {
		return typed == null || typed.length() <= CLIP ? typed : typed.substring(0, CLIP);
	}
}
