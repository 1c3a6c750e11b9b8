package org.samtal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.samtal.browser.AccessibleChatTests.assertNoSeriousViolations;
import static org.samtal.browser.People.counselorLogsIn;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;

/** An admin closes a departing counselor's account while the counselor still has the console open. */
@SamtalTest
class StaffAccountsInTheBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@Autowired
	Fixtures fixtures;

	@Test
	void anAdminClosesACounselorsAccountAfterConfirmingAndTheCounselorsConsoleLogsOut() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		Fixtures.Staff counselor = fixtures.counselor(reception);
		String name = "Staff " + counselor.username();
		Page console = counselorLogsIn(chromium.newContext(), counselor);

		Page page = counselorLogsIn(chromium.newContext(), admin);
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Personal")).click();
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Personalkonton"))).isVisible();
		assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions()
			.setHasText(admin.username()))).containsText("Du");
		assertNoSeriousViolations(page, "the staff page");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Avsluta kontot för " + name)).click();
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Avsluta kontot för " + name + "?")))
			.isVisible();
		assertThat(page.locator("main")).containsText("Användarnamn " + counselor.username() + ", Rådgivare.");
		assertThat(page.locator("main")).containsText("Det går inte att ångra.");
		assertNoSeriousViolations(page, "the confirmation before closing");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Avsluta kontot")).click();

		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Kontot för " + name + " är avslutat.");
		assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions()
			.setHasText(counselor.username()))).containsText("Avslutat");
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Avsluta kontot för " + name)))
			.hasCount(0);

		assertThat(console).hasURL(Pattern.compile("/login\\?closed$"));
		assertThat(console.getByRole(AriaRole.STATUS)).containsText("Ditt konto har avslutats av en administratör");
		assertNoSeriousViolations(console, "the login page after closing");
	}
}
