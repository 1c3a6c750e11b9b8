package org.samtal.privacy;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.samtal.platform.Problems;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admin's view of the organisation's register: every category it keeps, on which legal basis and for how long,
 * with forms to choose its own period within the bounds, another event to count from where the law allows, and to
 * switch on an optional category. A refused change shows why, next to what was typed.
 */
@Controller
class RegisterPage {

	static final String VIEW = "admin-register";
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final ProcessingRegister register;
	private final RegisterChanges changes;
	private final Admins admins;
	private final RegisterTexts texts;
	private final Controllers controllers;

	RegisterPage(ProcessingRegister register, RegisterChanges changes, Admins admins, RegisterTexts texts,
			Controllers controllers) {
		this.register = register;
		this.changes = changes;
		this.admins = admins;
		this.texts = texts;
		this.controllers = controllers;
	}

	/** What was typed into one category's forms, and why it was refused. */
	record Refusal(String category, String message, String amount, String unit, String trigger, String basis) {

		Refusal(String category, String message, String amount, String unit, String trigger) {
			this(category, message, amount, unit, trigger, null);
		}
	}

	record Option(String value, String label) {
	}

	/**
	 * One category as the page shows it.
	 * @param adjustable the bounds leave the organisation a choice of period
	 */
	record Row(String category, String name, String controller, String basis, String condition, String retention,
			boolean ownChoice, String bounds, String legalSource, boolean adjustable, String amount, String unit,
			List<Option> triggers, String countedFrom, String erasureExemption, List<Option> bases, String legalBasis) {
	}

	record Offer(String category, String name, String purpose) {
	}

	record ChangeRow(String at, String by, String category, String setting, String from, String to) {
	}

	@NoClientData("the organisation's register settings and which admin changed them; no client data")
	@GetMapping("/admin/register")
	@PreAuthorize("hasRole('ADMIN')")
	String register(@RequestParam(required = false) String changed,
			@RequestParam(required = false) String careProviderSaved, Principal principal, Locale locale, Model model) {
		if (careProviderSaved != null) {
			model.addAttribute("saved", texts.text("admin.register.careProvider.saved", locale));
		}
		if (changed != null) {
			category(changed).ifPresent(c -> model.addAttribute("saved",
					texts.text("admin.register.saved", locale, texts.category(c, locale))));
		}
		return page(principal, locale, model, null);
	}

	@NoClientData("declares whether the organisation is a care provider; no client data")
	@PostMapping("/admin/register/care-provider")
	@PreAuthorize("hasRole('ADMIN')")
	String declareCareProvider(@RequestParam(required = false) String careProvider, Principal principal) {
		changes.declareCareProvider(principal, careProvider != null);
		return "redirect:/admin/register?careProviderSaved";
	}

	@NoClientData("sets the organisation's retention period for a category; no client data")
	@PostMapping("/admin/register/{category}/retention")
	@PreAuthorize("hasRole('ADMIN')")
	String keepFor(@PathVariable String category, @RequestParam(required = false) String amount,
			@RequestParam(required = false) String unit, Principal principal, Locale locale, Model model,
			HttpServletResponse response) {
		DataCategory chosen = known(category);
		Period period = period(amount, unit);
		if (period == null) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return page(principal, locale, model, new Refusal(chosen.name(),
					texts.text("admin.register.badAmount", locale), amount, unit, null));
		}
		try {
			changes.keepFor(principal, chosen, period);
		}
		catch (Problems problem) {
			response.setStatus(problem.getStatusCode().value());
			return page(principal, locale, model,
					new Refusal(chosen.name(), explain(problem, chosen, period, countryOf(principal), locale), amount, unit, null));
		}
		return saved(chosen);
	}

	@NoClientData("sets the event a category's retention counts from; no client data")
	@PostMapping("/admin/register/{category}/trigger")
	@PreAuthorize("hasRole('ADMIN')")
	String countFrom(@PathVariable String category, @RequestParam(required = false) String trigger,
			Principal principal, Locale locale, Model model, HttpServletResponse response) {
		DataCategory chosen = known(category);
		RetentionRule.Trigger event = trigger(trigger);
		try {
			if (event == null) {
				// Not an event at all: refused like an event the category does not allow, naming those it does.
				throw Problems.badRequest("retention-trigger-not-allowed", "Retention trigger not allowed",
						"No such event: " + trigger);
			}
			changes.countFrom(principal, chosen, event);
		}
		catch (Problems problem) {
			response.setStatus(problem.getStatusCode().value());
			return page(principal, locale, model,
					new Refusal(chosen.name(), explain(problem, chosen, null, countryOf(principal), locale), null, null, trigger));
		}
		return saved(chosen);
	}

	@NoClientData("switches on a category the organisation will keep; no client data")
	@PostMapping("/admin/register/{category}/switch-on")
	@PreAuthorize("hasRole('ADMIN')")
	String switchOn(@PathVariable String category, Principal principal, Locale locale, Model model,
			HttpServletResponse response) {
		DataCategory chosen = known(category);
		try {
			changes.switchOn(principal, chosen);
		}
		catch (Problems problem) {
			response.setStatus(problem.getStatusCode().value());
			model.addAttribute("offerError", explain(problem, chosen, null, countryOf(principal), locale));
			return page(principal, locale, model, null);
		}
		return saved(chosen);
	}

	private String page(Principal principal, Locale locale, Model model, Refusal refusal) {
		StaffDirectory.Reviewer admin = admins.of(principal);
		Controllers.DataController organisation = controllers.require(admin.organisationId());
		model.addAttribute("organisation", organisation);
		model.addAttribute("careProvider", register.isCareProvider(admin.organisationId()));
		model.addAttribute("refusal", refusal);
		List<RegisterEntry> entries = register.registerOf(admin.organisationId());
		model.addAttribute("rows", entries.stream().map(entry -> row(entry, organisation.country(), locale)).toList());
		model.addAttribute("offers", register.categories()
			.values()
			.stream()
			.filter(d -> d.use() == CategoryDeclaration.Use.WHEN_SWITCHED_ON)
			.filter(d -> entries.stream().noneMatch(e -> e.category() == d.category()))
			.map(d -> new Offer(d.category().name(), texts.category(d.category(), locale), d.purposes().getFirst()))
			.toList());
		ZoneId zone = organisation.timeZone();
		model.addAttribute("changes", changes.recent(principal)
			.stream()
			.map(c -> new ChangeRow(TIME.format(c.at().atZone(zone)), admins.usernameOf(c.changedBy()),
					c.category() == null ? texts.text("admin.register.wholeRegister", locale) : texts.category(c.category(), locale),
					texts.text("admin.register.setting." + c.setting(), locale),
					value(c.setting(), c.oldValue(), locale), value(c.setting(), c.newValue(), locale)))
			.toList());
		return VIEW;
	}

	private Row row(RegisterEntry entry, String country, Locale locale) {
		CategoryDeclaration declaration = entry.declaration();
		RetentionRule rule = declaration.retention();
		String[] shown = amountAndUnit(entry.keptFor());
		// The platform operator decides over its own categories; the organisation only sees them.
		boolean ours = declaration.controller() == CategoryDeclaration.Controller.ORGANISATION;
		List<Option> bases = declaration.alternativeBases().isEmpty() ? List.of()
				: java.util.stream.Stream.concat(java.util.stream.Stream.of(declaration.legalBasis()),
						declaration.alternativeBases().stream())
					.sorted()
					.map(b -> new Option(b.name(), texts.basis(b, locale) + " (GDPR art. " + b.article + ")"))
					.toList();
		List<Option> triggers = rule.alternativeTriggers().isEmpty() ? List.of()
				: texts.allowedTriggers(rule).stream().map(t -> new Option(t.name(), texts.trigger(t, locale))).toList();
		return new Row(entry.category().name(), texts.category(entry.category(), locale),
				declaration.controller().name(), texts.basis(entry.legalBasis(), locale) + " (GDPR art. "
						+ entry.legalBasis().article + ")",
				declaration.specialCategoryCondition() == LegalBasis.Article9.NONE ? null
						: texts.condition(declaration.specialCategoryCondition(), locale) + " (GDPR art. "
								+ declaration.specialCategoryCondition().article + ")",
				texts.retention(entry, locale), entry.ownChoice(), texts.bounds(rule, country, locale), rule.legalSource(),
				ours && !rule.minimumIn(country).equals(rule.maximum()), shown[0], shown[1], ours ? triggers : List.of(),
				entry.countedFrom().name(), entry.erasureExemption(), ours ? bases : List.of(),
				entry.legalBasis().name());
	}

	/** The refusal in the admin's language, naming the bound or the events the category allows. */
	private String explain(Problems problem, DataCategory category, Period typed, String country, Locale locale) {
		RetentionRule rule = register.declaration(category).retention();
		String name = texts.category(category, locale);
		return switch (problem.slug()) {
			case "retention-out-of-bounds" -> texts.text("admin.register.outOfBounds", locale, name,
					texts.bounds(rule, country, locale), rule.legalSource(), texts.period(typed, locale));
			case "retention-trigger-not-allowed" -> texts.text("admin.register.triggerNotAllowed", locale, name,
					texts.triggers(rule, locale));
			case "category-not-kept" -> texts.text("admin.register.notKept", locale, name);
			case "category-already-kept" -> texts.text("admin.register.alreadyKept", locale, name);
			default -> problem.detail();
		};
	}

	private String countryOf(Principal principal) {
		return controllers.require(admins.of(principal).organisationId()).country();
	}

	private String value(RegisterChanges.Setting setting, String value, Locale locale) {
		if (value == null) {
			return "";
		}
		return switch (setting) {
			case RETENTION -> texts.period(Period.parse(value), locale);
			case TRIGGER -> texts.trigger(RetentionRule.Trigger.valueOf(value), locale);
			case BASIS -> texts.basis(LegalBasis.Article6.valueOf(value), locale);
			case SWITCHED_ON -> texts.text("admin.register.switchedOn", locale);
			case CARE_PROVIDER -> texts.text(Boolean.parseBoolean(value) ? "admin.register.careProvider.yes"
					: "admin.register.careProvider.no", locale);
		};
	}

	private static String saved(DataCategory category) {
		return "redirect:/admin/register?changed=" + category.name() + "#" + category.name();
	}

	private static DataCategory known(String category) {
		return category(category).orElseThrow(() -> Problems.notFound("unknown-category", "No such category",
				"There is no data category " + category + "."));
	}

	private static Optional<DataCategory> category(String name) {
		try {
			return Optional.of(DataCategory.valueOf(name));
		}
		catch (IllegalArgumentException unknown) {
			return Optional.empty();
		}
	}

	@NoClientData("sets the legal basis a category rests on; no client data")
	@PostMapping("/admin/register/{category}/basis")
	@PreAuthorize("hasRole('ADMIN')")
	String baseOn(@PathVariable String category, @RequestParam(required = false) String basis, Principal principal,
			Locale locale, Model model, HttpServletResponse response) {
		DataCategory chosen = known(category);
		LegalBasis.Article6 article = java.util.Arrays.stream(LegalBasis.Article6.values())
			.filter(b -> b.name().equals(basis))
			.findFirst()
			.orElse(null);
		try {
			changes.baseOn(principal, chosen, article);
		}
		catch (Problems problem) {
			response.setStatus(problem.getStatusCode().value());
			return page(principal, locale, model,
					new Refusal(chosen.name(), explain(problem, chosen, null, countryOf(principal), locale), null, null, null, basis));
		}
		return saved(chosen);
	}

	private static RetentionRule.Trigger trigger(String name) {
		try {
			return name == null ? null : RetentionRule.Trigger.valueOf(name);
		}
		catch (IllegalArgumentException unknown) {
			return null;
		}
	}

	/** The typed period, or null when it is not a whole number of days, months or years from 0 to 9999. */
	static Period period(String amount, String unit) {
		if (amount == null || unit == null || !amount.strip().matches("[0-9]{1,4}")) {
			return null;
		}
		int n = Integer.parseInt(amount.strip());
		return switch (unit) {
			case "DAYS" -> Period.ofDays(n);
			case "MONTHS" -> Period.ofMonths(n);
			case "YEARS" -> Period.ofYears(n);
			default -> null;
		};
	}

	/** The current period as one number and unit for the form; a mixed period shows as months or days. */
	static String[] amountAndUnit(Period period) {
		if (period.isZero()) {
			return new String[] { "0", "DAYS" };
		}
		if (period.getDays() == 0) {
			return period.getMonths() == 0 ? new String[] { String.valueOf(period.getYears()), "YEARS" }
					: new String[] { String.valueOf(period.toTotalMonths()), "MONTHS" };
		}
		return new String[] { String.valueOf(RetentionRule.days(period)), "DAYS" };
	}
}
