package org.samtal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.samtal.browser.AccessibleChatTests.assertNoSeriousViolations;
import static org.samtal.browser.People.counselorLogsIn;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.samtal.privacy.ConsentLedger;
import org.samtal.privacy.ConsentRecord;
import org.samtal.privacy.DataCategory;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;

/** A client withdraws a consent from their receipt page; an admin announces a significant notice change. */
@SamtalTest
class ConsentInTheBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@Autowired
	Fixtures fixtures;

	@Autowired
	ConsentLedger ledger;

	@Autowired
	TestClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aClientWithdrawsWithOneButtonAndDownloadsTheirReceipts() throws IOException {
		Reception reception = fixtures.openReception();
		ConsentLedger.Receipt receipt = ledger.give(reception.organisation().id(), "visitor:BROWSER",
				new ConsentRecord.Purpose("follow-up-notes", "Spara minnesanteckningar inför nästa samtal"),
				DataCategory.MEMORY_NOTE, ConsentRecord.Method.CHAT, Locale.of("sv"));

		Page page = chromium.newContext().newPage();
		page.navigate(receipt.receiptPath());
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Dina samtycken"))).isVisible();
		assertThat(page.getByText("Gäller", new Page.GetByTextOptions().setExact(true))).isVisible();
		assertNoSeriousViolations(page, "the receipt page");

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
			.setName("Återkalla: Spara minnesanteckningar inför nästa samtal")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Samtycket är återkallat. Det gäller från och med nu.");
		assertThat(page.getByText("Återkallat", new Page.GetByTextOptions().setExact(true)).first()).isVisible();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Återkalla: Spara minnesanteckningar inför nästa samtal")))
			.hasCount(0);
		Assertions.assertThat(ledger.isGiven(reception.organisation().id(), "visitor:BROWSER", "follow-up-notes")).isFalse();
		assertNoSeriousViolations(page, "the receipt page after withdrawing");

		Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
				new Page.GetByRoleOptions().setName("Ladda ner som JSON")).click());
		Assertions.assertThat(download.suggestedFilename()).isEqualTo("consent-receipts.json");
		Assertions.assertThat(Files.readString(download.path())).contains("\"state\" : \"withdrawn\"")
			.contains("\"piiPrincipalId\" : \"visitor:BROWSER\"");
	}

	@Test
	void anAdminAnnouncesASignificantChangeAndSeesTheBanner() {
		Reception reception = fixtures.openReception();
		LocalDate today = clock.instant().atZone(ZoneId.of("Europe/Stockholm")).toLocalDate();
		Page admin = counselorLogsIn(chromium.newContext(), fixtures.admin(reception));
		admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Integritetspolicy").setExact(true)).click();
		assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Integritetspolicy").setLevel(1)))
			.isVisible();
		assertNoSeriousViolations(admin, "the privacy notice page");

		admin.getByLabel("Gäller från (dag)").fill(today.plusDays(3).toString());
		admin.getByLabel("Väsentlig ändring").check();
		admin.getByLabel("Vad ändras, på svenska").fill("Vi sparar minnesanteckningar i tolv månader i stället för sex.");
		admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publicera")).click();
		Locator error = admin.getByRole(AriaRole.ALERT);
		assertThat(error).containsText("Den kan gälla tidigast " + today.plusDays(14));
		assertThat(admin.getByLabel("Vad ändras, på svenska"))
			.hasValue("Vi sparar minnesanteckningar i tolv månader i stället för sex.");
		assertThat(admin.getByLabel("Väsentlig ändring")).isChecked();
		assertNoSeriousViolations(admin, "the privacy notice page with an error");

		admin.getByLabel("Gäller från (dag)").fill(today.plusDays(14).toString());
		admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publicera")).click();
		assertThat(admin.getByRole(AriaRole.STATUS)).hasText("Version 2 är publicerad.");
		Locator banner = admin.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(
				java.util.regex.Pattern.compile("^Vår integritetspolicy ändras den")));
		assertThat(banner).containsText("Vi sparar minnesanteckningar i tolv månader i stället för sex.");
		assertNoSeriousViolations(admin, "the privacy notice page with the banner");

		Page visitor = chromium.newContext().newPage();
		visitor.navigate("/r/" + reception.slug());
		assertThat(visitor.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(
				java.util.regex.Pattern.compile("^Vår integritetspolicy ändras den"))))
			.containsText("tolv månader");
		assertNoSeriousViolations(visitor, "the reception page with the banner");
	}
}
