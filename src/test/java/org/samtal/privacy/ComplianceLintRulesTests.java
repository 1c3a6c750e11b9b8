package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Period;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.samtal.privacy.RetentionRule.Trigger;

/**
 * The lint's rules over registers built by hand, with bounds wide enough to hold any setting: so each rule can be
 * broken here even where the real declarations' bounds already refuse the setting (access logs under 5 years,
 * analytics over 13 months). ComplianceLintTests runs the same rules over real registers.
 */
class ComplianceLintRulesTests {

	@Test
	void aSwedishPatientRecordIsKeptTenYearsFromTheLastEntry() {
		assertThat(rules(check("SE", false, entry(DataCategory.JOURNAL_ENTRY, Trigger.LAST_ENTRY, Period.ofYears(9)))))
			.containsExactly("pdl-journal");
		assertThat(rules(check("SE", false, entry(DataCategory.JOURNAL_ENTRY, Trigger.PACKAGE_COMPLETED, Period.ofYears(12)))))
			.as("counted from anything but the last entry").containsExactly("pdl-journal");
		assertThat(check("SE", false, entry(DataCategory.JOURNAL_ENTRY, Trigger.LAST_ENTRY, Period.ofYears(10)))).isEmpty();
		assertThat(check("SE", false, entry(DataCategory.JOURNAL_ENTRY, Trigger.LAST_ENTRY, Period.ofMonths(120))))
			.as("120 months are 10 years").isEmpty();
		assertThat(check("NO", true, entry(DataCategory.JOURNAL_ENTRY, Trigger.LAST_ENTRY, Period.ofYears(2))))
			.as("no claim about Norwegian records").isEmpty();
	}

	@Test
	void aCareProvidersSessionNotesAreKeptTenYearsFromTheLastEntryNotDeletedWithThePackage() {
		RegisterEntry atPackageEnd = entry(DataCategory.SESSION_NOTE, Trigger.PACKAGE_COMPLETED, Period.ZERO);
		List<ComplianceLint.Finding> findings = check("SE", true, atPackageEnd);
		assertThat(rules(findings)).containsExactly("pdl-session-note");
		assertThat(findings.getFirst().severity()).isEqualTo(ComplianceLint.Severity.ERROR);
		assertThat(findings.getFirst().legalSource()).isEqualTo("patientdatalagen (2008:355) 3 kap. 17 §");
		assertThat(rules(check("SE", true, entry(DataCategory.SESSION_NOTE, Trigger.LAST_ENTRY, Period.ofYears(3)))))
			.containsExactly("pdl-session-note");
		assertThat(check("SE", true, entry(DataCategory.SESSION_NOTE, Trigger.LAST_ENTRY, Period.ofYears(10)))).isEmpty();
		assertThat(check("SE", false, atPackageEnd)).as("a coach who is no care provider").isEmpty();
	}

	@Test
	void aCareProviderKeepsAccessLogsFiveYears() {
		RegisterEntry threeYears = entry(DataCategory.ACCESS_LOG_ENTRY, Trigger.CREATED, Period.ofYears(3));
		assertThat(check("SE", true, threeYears)).singleElement().satisfies(finding -> {
			assertThat(finding.rule()).isEqualTo("hslf-access-log");
			assertThat(finding.legalSource()).startsWith("HSLF-FS 2016:40 4 kap. 9 §");
		});
		assertThat(check("SE", true, entry(DataCategory.ACCESS_LOG_ENTRY, Trigger.CREATED, Period.ofYears(5)))).isEmpty();
		assertThat(check("SE", false, threeYears)).as("not a care provider").isEmpty();
	}

	@Test
	void invoicesAreKeptSevenYearsInSwedenAndFiveInNorway() {
		RegisterEntry sixYears = entry(DataCategory.INVOICE, Trigger.FISCAL_YEAR_ENDED, Period.ofYears(6));
		assertThat(check("SE", false, sixYears)).singleElement().satisfies(finding -> {
			assertThat(finding.rule()).isEqualTo("bfl-invoice");
			assertThat(finding.legalSource()).contains("bokföringslagen (1999:1078) 7 kap. 2 §");
		});
		assertThat(check("NO", false, sixYears)).isEmpty();
		assertThat(check("SE", false, entry(DataCategory.INVOICE, Trigger.FISCAL_YEAR_ENDED, Period.ofYears(7)))).isEmpty();
		assertThat(check("NO", false, entry(DataCategory.INVOICE, Trigger.FISCAL_YEAR_ENDED, Period.ofYears(4))))
			.singleElement()
			.satisfies(finding -> {
				assertThat(finding.rule()).isEqualTo("bokfl-invoice");
				assertThat(finding.legalSource()).contains("bokføringsloven").contains("§ 13");
			});
		assertThat(check("NO", false, entry(DataCategory.INVOICE, Trigger.FISCAL_YEAR_ENDED, Period.ofYears(5)))).isEmpty();
	}

	@Test
	void analyticsTiedToVisitorsIsKeptAtMostThirteenMonthsAsTheCnilRecommends() {
		assertThat(check("NO", false, entry(DataCategory.ANALYTICS_EVENT, Trigger.CREATED, Period.ofMonths(14))))
			.singleElement()
			.satisfies(finding -> {
				assertThat(finding.rule()).isEqualTo("cnil-analytics");
				assertThat(finding.severity()).as("a recommendation, not law").isEqualTo(ComplianceLint.Severity.WARNING);
				assertThat(finding.legalSource()).contains("CNIL").contains("13 months").contains("25 months");
			});
		assertThat(check("SE", false, entry(DataCategory.ANALYTICS_EVENT, Trigger.CREATED, Period.ofMonths(13)))).isEmpty();
		assertThat(check("SE", false, entry(DataCategory.ANALYTICS_EVENT, Trigger.CREATED, Period.ofYears(1)))).isEmpty();
	}

	@Test
	void consentAsLegalBasisWithAnotherTriggerThanWithdrawalIsNoFinding() {
		RegisterEntry analytics = entry(DataCategory.ANALYTICS_EVENT, Trigger.CREATED, Period.ofMonths(3));
		assertThat(analytics.declaration().legalBasis()).isEqualTo(LegalBasis.Article6.CONSENT);
		assertThat(check("SE", true, analytics, entry(DataCategory.REFERRAL, Trigger.SENT, Period.ofMonths(5)))).isEmpty();
	}

	@Test
	void aChoiceOutsideTheBoundsDeclaredNowIsFlaggedWithTheDeclaredSource() {
		RetentionRule narrowed = new RetentionRule(Trigger.CREATED, Period.ofYears(2), RetentionRule.Action.DELETE,
				"GDPR Art. 5(1)(e)", Period.ZERO, Period.ofYears(3));
		RegisterEntry stale = new RegisterEntry(declaration(DataCategory.FEEDBACK, narrowed), Trigger.CREATED,
				Period.ofYears(4), true);
		assertThat(check("SE", false, stale)).singleElement().satisfies(finding -> {
			assertThat(finding.rule()).isEqualTo("declared-bounds");
			assertThat(finding.legalSource()).isEqualTo("GDPR Art. 5(1)(e)");
		});
		RegisterEntry staleTrigger = new RegisterEntry(declaration(DataCategory.FEEDBACK, narrowed), Trigger.SENT,
				Period.ofYears(2), true);
		assertThat(rules(check("SE", false, staleTrigger))).containsExactly("declared-bounds");
	}

	@Test
	void aPeriodIsShorterThanAFloorIfItEndsEarlierFromAnyDay() {
		assertThat(ComplianceLint.shorter(Period.ofDays(365), Period.ofYears(1))).as("from a leap year's start").isTrue();
		assertThat(ComplianceLint.shorter(Period.ofDays(366), Period.ofYears(1))).isFalse();
		assertThat(ComplianceLint.shorter(Period.ofMonths(84), Period.ofYears(7))).isFalse();
		assertThat(ComplianceLint.longer(Period.ofMonths(13), Period.ofMonths(13))).isFalse();
		assertThat(ComplianceLint.longer(Period.ofDays(393), Period.ofMonths(13))).isFalse();
		assertThat(ComplianceLint.longer(Period.ofDays(394), Period.ofMonths(13)))
			.as("13 months from 31 January 2025 end on 28 February 2026, 393 days later").isTrue();
	}

	private static List<ComplianceLint.Finding> check(String country, boolean careProvider, RegisterEntry... entries) {
		return ComplianceLint.check(List.of(entries), country, careProvider);
	}

	private static List<String> rules(List<ComplianceLint.Finding> findings) {
		return findings.stream().map(ComplianceLint.Finding::rule).toList();
	}

	/** The category as its module might declare it, with bounds that hold any setting the test makes. */
	private static RegisterEntry entry(DataCategory category, Trigger countedFrom, Period keptFor) {
		RetentionRule wide = new RetentionRule(countedFrom, Period.ZERO, RetentionRule.Action.DELETE, "test",
				Period.ZERO, Period.ofYears(50));
		return new RegisterEntry(declaration(category, wide), countedFrom, keptFor, true);
	}

	private static CategoryDeclaration declaration(DataCategory category, RetentionRule rule) {
		LegalBasis.Article6 basis = switch (category) {
			case ANALYTICS_EVENT, REFERRAL -> LegalBasis.Article6.CONSENT;
			default -> LegalBasis.Article6.LEGAL_OBLIGATION;
		};
		return new CategoryDeclaration(category, List.of("a purpose"), basis, LegalBasis.Article9.NONE,
				CategoryDeclaration.Controller.ORGANISATION, List.of("clients"), List.of("none"),
				CategoryDeclaration.EU_DATABASE, rule, null);
	}
}
