package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.privacy.RetentionRule.Trigger;
import org.samtal.tenancy.LocalizedText;
import org.samtal.tenancy.Organisation;
import org.samtal.tenancy.Reception;
import org.samtal.tenancy.Receptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The compliance lint over real registers, set through the register as an organisation would set them. */
@SamtalTest
class ComplianceLintTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Receptions receptions;

	@Autowired
	ProcessingRegister register;

	@Autowired
	ComplianceLint lint;

	@Test
	void swedishInvoicesKeptLessThanSevenYearsAreFlaggedNorwegianOnesKeptFiveAreNot() {
		UUID swedish = organisation(Organisation.Country.SE);
		register.switchOn(swedish, DataCategory.INVOICE);
		assertThat(rules(swedish)).as("the default, 7 years").isEmpty();
		assertThatThrownBy(() -> register.overrideRetention(swedish, DataCategory.INVOICE, Period.ofYears(5)))
			.as("a Swedish organisation cannot choose less than BFL's 7 years")
			.hasMessageContaining("between 7 years and 10 years");
		savedBeforeTheFloor(swedish, DataCategory.INVOICE, Period.ofYears(5));
		assertThat(rules(swedish)).containsExactly("bfl-invoice");
		register.overrideRetention(swedish, DataCategory.INVOICE, Period.ofYears(7));
		assertThat(rules(swedish)).isEmpty();

		UUID norwegian = organisation(Organisation.Country.NO);
		register.switchOn(norwegian, DataCategory.INVOICE);
		register.overrideRetention(norwegian, DataCategory.INVOICE, Period.ofYears(5));
		assertThat(rules(norwegian)).as("bokføringsloven § 13: 5 years").isEmpty();
	}

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	/** A setting stored before the declared floor was raised: the refusal cannot catch it, the lint must. */
	private void savedBeforeTheFloor(UUID organisation, DataCategory category, Period keptFor) {
		jdbc.sql("""
				INSERT INTO retention_override (organisation_id, data_category, kept_for) VALUES (?, ?, ?)
				ON CONFLICT (organisation_id, data_category) DO UPDATE SET kept_for = EXCLUDED.kept_for""")
			.params(organisation, category.name(), keptFor.toString())
			.update();
	}

	@Test
	void aPatientRecordKeptLessThanTenYearsIsFlagged() {
		UUID clinic = organisation(Organisation.Country.SE);
		register.declareCareProvider(clinic, true);
		register.switchOn(clinic, DataCategory.JOURNAL_ENTRY);
		assertThat(rules(clinic)).isEmpty();
		assertThatThrownBy(() -> register.overrideRetention(clinic, DataCategory.JOURNAL_ENTRY, Period.ofYears(5)))
			.hasMessageContaining("patientdatalagen");
		savedBeforeTheFloor(clinic, DataCategory.JOURNAL_ENTRY, Period.ofYears(5));
		assertThat(lint.findingsFor(clinic)).singleElement().satisfies(finding -> {
			assertThat(finding.rule()).isEqualTo("pdl-journal");
			assertThat(finding.category()).isEqualTo(DataCategory.JOURNAL_ENTRY);
			assertThat(finding.legalSource()).contains("patientdatalagen").contains("3 kap. 17 §");
		});
		register.overrideRetention(clinic, DataCategory.JOURNAL_ENTRY, Period.ofYears(10));
		assertThat(rules(clinic)).isEmpty();
	}

	@Test
	void theSoloTherapistsDemoSettingsGetExactlyTheSessionNoteFinding() {
		UUID solo = organisation(Organisation.Country.SE);
		// As DemoData sets up mira-holm from seed 004.
		register.declareCareProvider(solo, true);
		for (DataCategory category : List.of(DataCategory.CUSTOMER_RECORD, DataCategory.INVOICE,
				DataCategory.SESSION_NOTE, DataCategory.TESTIMONIAL, DataCategory.COMMENT,
				DataCategory.NEWSLETTER_SUBSCRIPTION, DataCategory.RECORDING, DataCategory.APPOINTMENT)) {
			register.switchOn(solo, category);
		}
		assertThat(rules(solo)).as("session notes kept 10 years from the last entry by default").isEmpty();
		register.countFrom(solo, DataCategory.SESSION_NOTE, Trigger.PACKAGE_COMPLETED);
		register.overrideRetention(solo, DataCategory.SESSION_NOTE, Period.ZERO);

		assertThat(lint.findingsFor(solo)).singleElement().satisfies(finding -> {
			assertThat(finding.rule()).isEqualTo("pdl-session-note");
			assertThat(finding.severity()).isEqualTo(ComplianceLint.Severity.ERROR);
			assertThat(finding.entry().countedFrom()).isEqualTo(Trigger.PACKAGE_COMPLETED);
		});

		register.declareCareProvider(solo, false);
		assertThat(rules(solo)).as("a coach outside health care may delete notes with the package").isEmpty();
	}

	@Test
	void consentBasedCategoriesCountedFromOtherEventsThanWithdrawalAreNoFindings() {
		UUID clinic = organisation(Organisation.Country.SE);
		register.declareCareProvider(clinic, true);
		for (DataCategory category : List.of(DataCategory.ANALYTICS_EVENT, DataCategory.MEMORY_NOTE,
				DataCategory.REFERRAL, DataCategory.NEWSLETTER_SUBSCRIPTION)) {
			register.switchOn(clinic, category);
		}
		register.overrideRetention(clinic, DataCategory.ANALYTICS_EVENT, Period.ofMonths(13));
		assertThat(rules(clinic)).isEmpty();
	}

	@Test
	void theAdminSeesTheirOwnOrganisationsFindingsInTheirLanguage() {
		Reception solo = reception(Organisation.Country.SE);
		UUID id = solo.organisation().id();
		register.declareCareProvider(id, true);
		register.switchOn(id, DataCategory.SESSION_NOTE);
		register.countFrom(id, DataCategory.SESSION_NOTE, Trigger.PACKAGE_COMPLETED);
		register.overrideRetention(id, DataCategory.SESSION_NOTE, Period.ZERO);
		Reception clean = reception(Organisation.Country.NO);

		Http admin = new Http(port);
		admin.logIn(fixtures.admin(solo).username(), Fixtures.PASSWORD);
		String swedish = admin.get("/admin/compliance").body();
		assertThat(swedish).contains("1 avvikelse")
			.contains("Anteckningar från samtal")
			.contains("Inställt: Raderas när samtalspaketet är fullgjort.")
			.contains("minst 10 år efter den senaste anteckningen")
			.contains("patientdatalagen (2008:355) 3 kap. 17 §")
			.contains("Bryter mot lag")
			.contains("data-rule=\"pdl-session-note\"");
		assertThat(admin.get("/admin/compliance?lang=en").body()).contains("1 finding")
			.contains("Set to: Deleted when the session package is completed.")
			.contains("Breaks the law");
		assertThat(admin.get("/admin/compliance?lang=nb").body()).contains("1 avvik")
			.contains("Innstilt: Slettes når samtalepakken er fullført.");

		Http other = new Http(port);
		other.logIn(fixtures.admin(clean).username(), Fixtures.PASSWORD);
		String theirs = other.get("/admin/compliance").body();
		assertThat(theirs).contains("Inga avvikelser").doesNotContain("pdl-session-note")
			.doesNotContain(solo.organisation().name() + " ·");

		Http counselor = new Http(port);
		counselor.logIn(fixtures.counselor(solo).username(), Fixtures.PASSWORD);
		assertThat(counselor.get("/admin/compliance").statusCode()).isEqualTo(403);
	}

	private List<String> rules(UUID organisation) {
		return lint.findingsFor(organisation).stream().map(ComplianceLint.Finding::rule).toList();
	}

	private UUID organisation(Organisation.Country country) {
		return reception(country).organisation().id();
	}

	/** Fixtures makes Swedish organisations only; the lint also needs Norwegian ones. */
	private Reception reception(Organisation.Country country) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Organisation organisation = new Organisation(UUID.randomUUID(), "lint-" + suffix, "Lint " + suffix, country,
				country == Organisation.Country.SE ? "556000-0000" : "999000000",
				ZoneId.of(country == Organisation.Country.SE ? "Europe/Stockholm" : "Europe/Oslo"), "DPO " + suffix,
				"dpo-" + suffix + "@lint.example",
				country == Organisation.Country.SE ? "Integritetsskyddsmyndigheten (IMY)" : "Datatilsynet");
		Reception reception = new Reception(UUID.randomUUID(), "lint-" + suffix, "Reception " + suffix, organisation,
				true, true, LocalizedText.of("Välkommen", "Velkommen", "Welcome"), Optional.empty(), List.of());
		receptions.register(organisation, List.of(reception));
		return reception;
	}
}
