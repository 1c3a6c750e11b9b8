package org.samtal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;

/** What a visitor's browser gets before and at the start of a chat: cookies, storage, opening hours, language. */
@SamtalTest
class VisitorPagesInTheBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@Autowired
	Fixtures fixtures;

	@Test
	void nothingIsStoredInTheBrowserBeforeStartAndThenOnlyOneHttpOnlySessionCookie() {
		Reception reception = fixtures.openReception();
		BrowserContext browser = chromium.newContext();
		Page page = browser.newPage();
		for (String path : List.of("/", "/r/" + reception.slug(), "/r/" + reception.slug() + "?lang=en",
				"/r/" + reception.slug())) {
			page.navigate(path);
			Assertions.assertThat(browser.cookies()).as("cookies after " + path).isEmpty();
			Assertions.assertThat(storedItems(page)).as("web storage after " + path).isZero();
		}

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Starta chatt")).click();
		assertThat(page.locator("#status")).containsText("Du står i kö.");

		List<Cookie> cookies = browser.cookies();
		Assertions.assertThat(cookies).extracting(cookie -> cookie.name).containsExactly("samtal_session");
		Cookie session = cookies.getFirst();
		Assertions.assertThat(session.httpOnly).as("HttpOnly").isTrue();
		Assertions.assertThat(session.expires).as("a session cookie, gone when the browser closes").isEqualTo(-1);
		Assertions.assertThat(session.sameSite).isEqualTo(SameSiteAttribute.LAX);
		Assertions.assertThat(page.evaluate("() => document.cookie")).as("invisible to scripts").isEqualTo("");
		Assertions.assertThat(storedItems(page)).as("web storage in the chat").isZero();
	}

	@Test
	void outsideOpeningHoursTheReceptionSaysItIsClosedAndOffersNoStart() {
		Reception reception = fixtures.closedReception();
		Page page = chromium.newContext().newPage();
		page.navigate("/r/" + reception.slug());
		assertThat(page.getByText("Mottagningen är stängd just nu.")).isVisible();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Starta chatt"))).hasCount(0);
		assertThat(page.locator("form.start-chat")).hasCount(0);

		page.navigate("/");
		Locator card = page.locator(".receptions > li")
			.filter(new Locator.FilterOptions().setHas(page.getByRole(AriaRole.LINK,
					new Page.GetByRoleOptions().setName(reception.name()).setExact(true))));
		assertThat(card.locator(".badge")).hasText("Stängd nu");
	}

	@Test
	void swedishIsTheDefaultForABrowserInAnUnsupportedLanguage() {
		Reception reception = fixtures.openReception();
		Page page = chromium.newContext("de-DE").newPage();
		page.navigate("/");
		assertThat(page.locator("html")).hasAttribute("lang", "sv");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Välj mottagning"))).isVisible();
		page.navigate("/r/" + reception.slug());
		assertThat(page.getByText("Chatten är öppen.")).isVisible();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Starta chatt"))).isVisible();
	}

	@Test
	void aNorwegianBrowserGetsNorwegianAndTheSwitcherChangesToEnglishAllTheWayIntoTheChat() {
		Reception reception = fixtures.openReception();
		BrowserContext browser = chromium.newContext("nb-NO");
		Page page = browser.newPage();
		page.navigate("/r/" + reception.slug());
		assertThat(page.locator("html")).hasAttribute("lang", "nb");
		assertThat(page.getByText("Chatten er åpen.")).isVisible();
		assertThat(page.getByText("Velkommen")).isVisible();
		Locator languages = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Språk"));
		assertThat(languages.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Norsk bokmål")))
			.hasAttribute("aria-current", "true");

		languages.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("English")).click();
		assertThat(page).hasURL(Pattern.compile("/r/" + reception.slug() + "\\?lang=en$"));
		assertThat(page.locator("html")).hasAttribute("lang", "en");
		assertThat(page.getByText("The chat is open.")).isVisible();
		assertThat(page.getByText("Welcome", new Page.GetByTextOptions().setExact(true))).isVisible();
		Assertions.assertThat(browser.cookies()).as("choosing a language sets no cookie").isEmpty();

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start chat")).click();
		assertThat(page.locator("#status"))
			.hasText("You are in the queue. Position 1. You can start writing while you wait.");
		assertThat(page.getByLabel("Your message")).isVisible();
		page.navigate("/chat");
		assertThat(page.locator("html")).hasAttribute("lang", "en");
	}

	private static int storedItems(Page page) {
		return ((Number) page.evaluate("() => localStorage.length + sessionStorage.length")).intValue();
	}
}
