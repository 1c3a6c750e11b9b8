package org.samtal.privacy;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks an organisation's register against legal floors and ceilings Samtal knows. The declared bounds of a
 * retention rule hold for every organisation; these rules cover what the bounds cannot, because they depend on the
 * organisation's country and on whether it is a care provider: a solo therapist may delete session notes when a
 * package is completed unless she keeps them as a care provider, and an invoice is kept 7 years in Sweden but 5 in
 * Norway.
 * <p>
 * Only floors whose source is certain are here. The Norwegian rules for patient records are not: for Norwegian
 * organisations the lint says nothing about journals rather than guess.
 */
@Service
public class ComplianceLint {

	static final String PDL = "patientdatalagen (2008:355) 3 kap. 17 §";
	static final String HSLF = "HSLF-FS 2016:40 4 kap. 9 § 7";
	static final String BFL = "bokföringslagen (1999:1078) 7 kap. 2 §";
	static final String BOKFL = "bokføringsloven (LOV-2004-11-19-73) § 13 andre ledd";
	static final String CNIL = "CNIL, « Cookies : solutions pour les outils de mesure d’audience » (loi Informatique "
			+ "et Libertés art. 82): tracker at most 13 months, data at most 25 months; the French authority's "
			+ "recommendation, not Swedish or Norwegian law";

	private static final Period TEN_YEARS = Period.ofYears(10);
	private static final Period FIVE_YEARS = Period.ofYears(5);
	private static final Period SEVEN_YEARS = Period.ofYears(7);
	private static final Period THIRTEEN_MONTHS = Period.ofMonths(13);

	/** How serious a finding is: a legal requirement broken, or a supervisory authority's recommendation exceeded. */
	public enum Severity {
		ERROR, WARNING
	}

	/**
	 * One setting that breaks a floor or ceiling.
	 * @param rule a stable name of the rule, such as {@code pdl-session-note}
	 * @param messageKey the explanation in register*.properties; its argument {0} is the entry's retention in plain
	 * words, {1} the category's declared bounds
	 */
	public record Finding(String rule, DataCategory category, Severity severity, String messageKey, RegisterEntry entry,
			String legalSource) {
	}

	private final ProcessingRegister register;
	private final Controllers controllers;

	ComplianceLint(ProcessingRegister register, Controllers controllers) {
		this.register = register;
		this.controllers = controllers;
	}

	/** The findings for one organisation's register as it is now; empty when nothing breaks a known rule. */
	@Transactional(readOnly = true)
	public List<Finding> findingsFor(UUID organisationId) {
		Controllers.DataController controller = controllers.require(organisationId);
		return check(register.registerOf(organisationId), controller.country(), register.isCareProvider(organisationId));
	}

	/**
	 * The rules themselves, over a register as given.
	 * @param country SE or NO
	 */
	static List<Finding> check(List<RegisterEntry> entries, String country, boolean careProvider) {
		boolean sweden = "SE".equals(country);
		boolean norway = "NO".equals(country);
		List<Finding> findings = new ArrayList<>();
		for (RegisterEntry entry : entries) {
			Finding specific = switch (entry.category()) {
				// A patient record: PDL's floor counts from the last entry of the whole record, so counting from
				// anything else (a completed package) can delete a record that is still being written.
				case JOURNAL_ENTRY -> sweden && !keptFromLastEntry(entry, TEN_YEARS)
						? finding("pdl-journal", entry, Severity.ERROR, "lint.journal", PDL) : null;
				case SESSION_NOTE -> sweden && careProvider && !keptFromLastEntry(entry, TEN_YEARS)
						? finding("pdl-session-note", entry, Severity.ERROR, "lint.sessionNote", PDL) : null;
				case ACCESS_LOG_ENTRY -> sweden && careProvider && shorter(entry.keptFor(), FIVE_YEARS)
						? finding("hslf-access-log", entry, Severity.ERROR, "lint.accessLog", HSLF) : null;
				case INVOICE -> sweden && shorter(entry.keptFor(), SEVEN_YEARS)
						? finding("bfl-invoice", entry, Severity.ERROR, "lint.invoiceSweden", BFL)
						: norway && shorter(entry.keptFor(), FIVE_YEARS)
								? finding("bokfl-invoice", entry, Severity.ERROR, "lint.invoiceNorway", BOKFL) : null;
				case ANALYTICS_EVENT -> longer(entry.keptFor(), THIRTEEN_MONTHS)
						? finding("cnil-analytics", entry, Severity.WARNING, "lint.analytics", CNIL) : null;
				default -> null;
			};
			if (specific != null) {
				findings.add(specific);
			}
			else if (!withinDeclaredBounds(entry)) {
				// An organisation's choice made before a module narrowed its bounds stays in the database.
				findings.add(finding("declared-bounds", entry, Severity.ERROR, "lint.bounds",
						entry.declaration().retention().legalSource()));
			}
		}
		return findings;
	}

	private static boolean keptFromLastEntry(RegisterEntry entry, Period floor) {
		return entry.countedFrom() == RetentionRule.Trigger.LAST_ENTRY && !shorter(entry.keptFor(), floor);
	}

	private static boolean withinDeclaredBounds(RegisterEntry entry) {
		RetentionRule rule = entry.declaration().retention();
		return rule.allows(entry.keptFor()) && rule.allowsTrigger(entry.countedFrom());
	}

	private static Finding finding(String rule, RegisterEntry entry, Severity severity, String messageKey,
			String legalSource) {
		return new Finding(rule, entry.category(), severity, messageKey, entry, legalSource);
	}

	/**
	 * Reference days over four years, every month's first and last: a period is shorter than a floor if it ends
	 * earlier from any of them. Retention runs on dates, so 365 days fall a day short of a year from a leap year's
	 * start, and the lint says so rather than approximate.
	 */
	private static final List<LocalDate> STARTS = starts();

	static boolean shorter(Period period, Period floor) {
		return STARTS.stream().anyMatch(start -> start.plus(period).isBefore(start.plus(floor)));
	}

	static boolean longer(Period period, Period ceiling) {
		return STARTS.stream().anyMatch(start -> start.plus(period).isAfter(start.plus(ceiling)));
	}

	private static List<LocalDate> starts() {
		List<LocalDate> starts = new ArrayList<>();
		for (LocalDate month = LocalDate.of(2023, 1, 1); month.getYear() < 2027; month = month.plusMonths(1)) {
			starts.add(month);
			starts.add(month.withDayOfMonth(month.lengthOfMonth()));
		}
		return List.copyOf(starts);
	}
}
