package org.samtal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.samtal.Fixtures;
import org.samtal.tenancy.Reception;

/** What visitors and counselors do in their browsers, in the default language (Swedish). */
final class People {

	private People() {
	}

	/** Opens the reception's page and presses "Starta chatt"; returns on the chat page once it is connected. */
	static Page visitorStartsChat(BrowserContext browser, Reception reception) {
		Page page = browser.newPage();
		page.navigate("/r/" + reception.slug());
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Starta chatt")).click();
		assertThat(page.locator("#status")).containsText("Du står i kö.");
		return page;
	}

	/** Logs in through the login form and waits for the console to be connected and to have loaded the queue. */
	static Page counselorLogsIn(BrowserContext browser, Fixtures.Staff counselor) {
		Page page = browser.newPage();
		page.navigate("/login");
		page.getByLabel("Användarnamn").fill(counselor.username());
		page.getByLabel("Lösenord").fill(counselor.password());
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in")).click();
		assertThat(page).hasURL(java.util.regex.Pattern.compile("/console$"));
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Konsol").setLevel(1)))
			.isVisible();
		return page;
	}

	/** Writes in the message box and presses "Skicka", on the visitor page or in the console. */
	static void sends(Page page, String text) {
		page.getByLabel("Ditt meddelande").fill(text);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skicka").setExact(true)).click();
	}

	/** The messages shown in the conversation's log. */
	static Locator messages(Page page) {
		return page.locator("#messages > li");
	}

	/** The one message in the log with exactly this text. */
	static Locator message(Page page, String text) {
		return messages(page).filter(new Locator.FilterOptions().setHas(page.locator(".text")
			.getByText(text, new Locator.GetByTextOptions().setExact(true))));
	}

	/** The queue entries in the console. */
	static Locator queue(Page console) {
		return console.locator("#queue > li");
	}

	static Locator takeButton(Locator queueEntry) {
		return queueEntry.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ta samtalet"));
	}
}
