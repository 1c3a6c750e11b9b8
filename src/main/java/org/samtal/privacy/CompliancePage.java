package org.samtal.privacy;

import java.security.Principal;
import java.util.Locale;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The compliance lint for the admin's own organisation: each setting that breaks a known floor or ceiling. */
@Controller
class CompliancePage {

	private final ComplianceLint lint;
	private final Admins admins;
	private final RegisterTexts texts;
	private final ProcessingRegister register;
	private final Controllers controllers;

	CompliancePage(ComplianceLint lint, Admins admins, RegisterTexts texts, ProcessingRegister register,
			Controllers controllers) {
		this.lint = lint;
		this.admins = admins;
		this.texts = texts;
		this.register = register;
		this.controllers = controllers;
	}

	record Row(String rule, String category, String name, String severity, boolean error, String message,
			String legalSource) {
	}

	@NoClientData("checks the organisation's register settings; no client data")
	@GetMapping("/admin/compliance")
	@PreAuthorize("hasRole('ADMIN')")
	String compliance(Principal principal, Locale locale, Model model) {
		StaffDirectory.Reviewer admin = admins.of(principal);
		model.addAttribute("organisation", controllers.find(admin.organisationId()).orElseThrow());
		model.addAttribute("careProvider", register.isCareProvider(admin.organisationId()));
		model.addAttribute("findings", lint.findingsFor(admin.organisationId())
			.stream()
			.map(f -> new Row(f.rule(), f.category().name(), texts.category(f.category(), locale),
					texts.text("lint.severity." + f.severity().name(), locale),
					f.severity() == ComplianceLint.Severity.ERROR, texts.finding(f, locale), f.legalSource()))
			.toList());
		return "admin-compliance";
	}
}
