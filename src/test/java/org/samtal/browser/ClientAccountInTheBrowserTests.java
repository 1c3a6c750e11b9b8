package org.samtal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.samtal.browser.AccessibleChatTests.assertNoSeriousViolations;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.samtal.privacy.ConsentLedger;
import org.samtal.privacy.ConsentRecord;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.DataSubject;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A client registers under a pseudonym, fixes what the form refused, changes the password and logs out and in. */
@SamtalTest
class ClientAccountInTheBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@Test
	void aClientRegistersChangesThePasswordAndLogsOutAndInFromTheKeyboard() {
		String name = "mossa" + UUID.randomUUID().toString().substring(0, 6);
		Page page = chromium.newContext().newPage();
		page.navigate("/account/register");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Skapa konto"))).isVisible();
		assertThat(page.locator("main")).containsText("Använd inte ditt riktiga namn");
		assertNoSeriousViolations(page, "the register form");

		page.getByLabel("Användarnamn").fill(name);
		page.getByLabel("Nytt lösenord").fill("lösenord123");
		page.getByLabel("Skriv lösenordet igen").fill("lösenord123");
		page.getByLabel("Skriv lösenordet igen").press("Enter");
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("för vanligt");
		assertThat(page.getByLabel("Användarnamn")).hasValue(name);
		assertThat(page.getByLabel("Nytt lösenord")).hasAttribute("aria-invalid", "true");
		assertNoSeriousViolations(page, "the register form with a refusal");

		page.getByLabel("Nytt lösenord").fill("grön-tekanna-vid-havet");
		page.getByLabel("Skriv lösenordet igen").fill("grön-tekanna-vid-havet");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skapa konto")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Välkommen");
		assertThat(page.locator("#account-username")).hasText(name);
		assertNoSeriousViolations(page, "the account page");

		page.getByLabel("Nuvarande lösenord").fill("grön-tekanna-vid-havet");
		page.getByLabel("Nytt lösenord").fill("röd-cykel-under-bron");
		page.getByLabel("Skriv lösenordet igen").fill("röd-cykel-under-bron");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Byt lösenord")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Lösenordet är bytt.");

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga ut")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Du är utloggad.");
		page.getByLabel("Användarnamn").fill(name);
		page.getByLabel("Lösenord").fill("röd-cykel-under-bron");
		page.getByLabel("Lösenord").press("Enter");
		assertThat(page.locator("#account-username")).hasText(name);
	}

	@Test
	void aClientSeesTheirDataDownloadsItAndDeletesTheAccount() {
		String name = "lav" + UUID.randomUUID().toString().substring(0, 6);
		Page page = registers(chromium.newContext().newPage(), name, "grå-sten-i-bäcken");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mina uppgifter: se, ladda ner eller radera allt"))
			.click();
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Användarkonto och profil")))
			.isVisible();
		assertThat(page.locator("main")).containsText(name);
		assertNoSeriousViolations(page, "my data");
		com.microsoft.playwright.Download download = page.waitForDownload(() -> page.locator("#download-json").click());
		org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("samtal-" + name + ".json");

		page.getByLabel("Ditt lösenord, för att bekräfta").fill("fel-lösenord-här");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Radera mitt konto nu")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("stämmer inte");
		page.getByLabel("Ditt lösenord, för att bekräfta").fill("grå-sten-i-bäcken");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Radera mitt konto nu")).click();
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Ditt konto är raderat")))
			.isVisible();
		assertNoSeriousViolations(page, "the deletion receipt");
		page.navigate("/account");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Logga in på ditt konto")))
			.isVisible();
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ConsentLedger ledger;

	@Autowired
	Clock clock;

	@Test
	void aClientIsToldOnTheAccountPageOfASignificantChangeByAnOrganisationHoldingTheirData() {
		Reception reception = fixtures.openReception();
		String name = "ljung" + UUID.randomUUID().toString().substring(0, 6);
		Page page = registers(chromium.newContext().newPage(), name, "blå-båt-på-sjön");
		UUID account = jdbc.sql("SELECT id FROM client_account WHERE username = ?").param(name).query(UUID.class).single();
		ledger.give(reception.organisation().id(), DataSubject.clientKey(account),
				new ConsentRecord.Purpose("follow-up-notes", "Minnesanteckningar"), DataCategory.MEMORY_NOTE,
				ConsentRecord.Method.WEB_FORM, Locale.of("sv"));
		jdbc.sql("""
				INSERT INTO privacy_notice_version
				    (organisation_id, version, published_at, effective_from, significant, summary_sv)
				VALUES (?, 2, ?, ?, true, 'Vi sparar minnesanteckningar i tolv månader i stället för sex.')""")
			.params(reception.organisation().id(), Timestamp.from(clock.instant()),
					Timestamp.from(clock.instant().plus(Duration.ofDays(30))))
			.update();

		page.navigate("/account");
		assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions()
			.setName(reception.organisation().name() + ": integritetspolicyn ändras den")))
			.containsText("tolv månader i stället för sex");
		assertNoSeriousViolations(page, "the account page with a notice banner");
	}

	@Test
	void theForgottenPasswordPageIsHonestInEveryLanguage() {
		Page page = chromium.newContext().newPage();
		page.navigate("/account/login?lang=nb");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Glemt passordet?")).click();
		assertThat(page.locator("main")).containsText("kan kontoen ikke gjenopprettes");
		assertNoSeriousViolations(page, "the forgotten-password page");
	}

	/** A client registers through the form, which signs them in. */
	static Page registers(Page page, String name, String password) {
		page.navigate("/account/register");
		page.getByLabel("Användarnamn").fill(name);
		page.getByLabel("Nytt lösenord").fill(password);
		page.getByLabel("Skriv lösenordet igen").fill(password);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skapa konto")).click();
		return page;
	}
}
