package org.samtal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.samtal.browser.AccessibleChatTests.assertNoSeriousViolations;
import static org.samtal.browser.People.counselorLogsIn;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Period;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.ProcessingRegister;
import org.samtal.privacy.RetentionRule.Trigger;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;

/** The register's admin pages pass axe-core, with and without a refusal or a finding, and work from the keyboard. */
@SamtalTest
class AccessibleRegisterTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@Autowired
	Fixtures fixtures;

	@Autowired
	ProcessingRegister register;

	@Test
	void registerCompliancePagesAndTheRecordHaveNoSeriousAccessibilityViolations() {
		Reception reception = fixtures.openReception();
		UUID organisation = reception.organisation().id();
		register.declareCareProvider(organisation, true);
		register.switchOn(organisation, DataCategory.SESSION_NOTE);
		register.countFrom(organisation, DataCategory.SESSION_NOTE, Trigger.PACKAGE_COMPLETED);
		register.overrideRetention(organisation, DataCategory.SESSION_NOTE, Period.ZERO);
		Page admin = counselorLogsIn(chromium.newContext(), fixtures.admin(reception));

		nav(admin, "Register").click();
		assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Organisationens register").setLevel(1)))
			.isVisible();
		assertNoSeriousViolations(admin, "the register");

		Locator notes = admin.locator("#SESSION_NOTE");
		notes.getByLabel("Lagringstid").fill("25");
		notes.getByLabel("Enhet").selectOption("YEARS");
		notes.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Spara lagringstid")).click();
		assertThat(admin.locator("#SESSION_NOTE .error")).containsText("25 år ligger utanför det");
		assertThat(admin.locator("#SESSION_NOTE").getByLabel("Lagringstid")).hasValue("25");
		assertThat(admin.locator("#amount-SESSION_NOTE")).hasAttribute("aria-describedby", "refusal-SESSION_NOTE");
		assertNoSeriousViolations(admin, "the register with a refused period");

		admin.locator("#SESSION_NOTE").getByLabel("Lagringstid").fill("12");
		admin.keyboard().press("Enter");
		assertThat(admin.getByRole(AriaRole.STATUS)).containsText("Ändringen för Anteckningar från samtal är sparad.");
		assertThat(admin.locator("#SESSION_NOTE")).containsText("Sparas i 12 år");

		nav(admin, "Regelkontroll").click();
		assertThat(admin.locator("table.findings tbody tr")).hasCount(1);
		assertNoSeriousViolations(admin, "the compliance lint with a finding");

		nav(admin, "Artikel 30").click();
		assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Anteckningar från samtal")))
			.isVisible();
		assertNoSeriousViolations(admin, "the record of processing activities");
		admin.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
		assertThat(admin.locator(".site-header")).isHidden();
	}

	@Test
	void aCleanRegisterSaysSoInEachLanguage() {
		Reception reception = fixtures.openReception();
		Page admin = counselorLogsIn(chromium.newContext(), fixtures.admin(reception));
		admin.navigate("/admin/compliance");
		assertThat(admin.locator("#no-findings")).hasText("Inga avvikelser: inget i registret bryter mot de regler Samtal kontrollerar.");
		assertNoSeriousViolations(admin, "the compliance lint without findings");
		admin.navigate("/admin/compliance?lang=nb");
		assertThat(admin.locator("#no-findings")).hasText("Ingen avvik: ingenting i registeret bryter reglene Samtal kontrollerer.");
		admin.navigate("/admin/register?lang=en");
		assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("The organisation's register").setLevel(1)))
			.isVisible();
	}

	/** A link in the staff navigation, as the admin would reach the pages. */
	private static Locator nav(Page page, String name) {
		return page.locator("nav.staff-nav")
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
	}
}
