package org.samtal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.samtal.browser.AccessibleChatTests.assertNoSeriousViolations;
import static org.samtal.browser.People.counselorLogsIn;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An admin tries the retention engine, then protects a record with a legal hold, in a real browser. */
@SamtalTest
class RetentionInTheBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAdminDryRunsTheRetentionEngineAndPlacesAndLiftsALegalHold() {
		Reception reception = fixtures.openReception();
		jdbc.sql("INSERT INTO feedback (reception_id, given_on, rating) VALUES (?, current_date - 3 * 365, 5)")
			.param(reception.id())
			.update();
		Page admin = counselorLogsIn(chromium.newContext(), fixtures.admin(reception));
		admin.navigate("/admin/retention");
		assertNoSeriousViolations(admin, "the retention page");

		admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Provkör (raderar inget)")).click();
		assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Provkörning: detta skulle gallras")))
			.isVisible();
		assertThat(admin.locator("table.log").first()).containsText("Betyg och synpunkter");
		assertNoSeriousViolations(admin, "a dry-run report");

		admin.getByLabel("Kategori", new Page.GetByLabelOptions().setExact(true)).selectOption("FEEDBACK");
		admin.getByLabel("Nyckel eller pseudonym").fill("4711");
		admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lägg bevarandebeslut")).click();
		assertThat(admin.getByRole(AriaRole.ALERT)).containsText("Ett bevarandebeslut behöver ett skäl");
		assertThat(admin.getByLabel("Nyckel eller pseudonym")).hasValue("4711");
		assertNoSeriousViolations(admin, "a refused legal hold");

		admin.getByLabel("Skäl").fill("Tvist om en faktura");
		admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lägg bevarandebeslut")).click();
		assertThat(admin.getByRole(AriaRole.STATUS).first()).containsText("Bevarandebeslutet är lagt.");
		assertThat(admin.getByRole(AriaRole.CELL, new Page.GetByRoleOptions().setName("Tvist om en faktura"))).isVisible();

		admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Häv bevarandebeslutet för 4711")).click();
		assertThat(admin.getByRole(AriaRole.STATUS).first()).containsText("Bevarandebeslutet är hävt.");
	}
}
