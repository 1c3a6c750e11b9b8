package org.samtal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Media;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;

/** A visitor finds the organisation's notice from the reception page, reads it in their language, and can print it. */
@SamtalTest
class PrivacyNoticeInTheBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@Autowired
	Fixtures fixtures;

	@Test
	void theReceptionLinksToItsNoticeWhichPassesAxeInSwedishAndEnglishAndSwitchesLanguage() {
		Reception reception = fixtures.openReception();
		String organisation = reception.organisation().name();
		BrowserContext browser = chromium.newContext();
		Page page = browser.newPage();
		page.navigate("/r/" + reception.slug());
		page.getByRole(AriaRole.LINK,
				new Page.GetByRoleOptions().setName("Så behandlas dina personuppgifter (integritetsmeddelande)"))
			.click();

		assertThat(page).hasURL(Pattern.compile("/privacy/" + reception.organisation().slug() + "$"));
		assertThat(page.locator("html")).hasAttribute("lang", "sv");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.hasText("Så behandlar " + organisation + " dina personuppgifter");
		assertThat(category(page, "Chattmeddelanden").locator(".retention"))
			.hasText("Raderas direkt när konversationen avslutas.");
		assertNoViolationsAtAll(page, "the notice in Swedish");

		Locator languages = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Språk"));
		languages.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("English")).click();
		assertThat(page).hasURL(Pattern.compile("/privacy/" + reception.organisation().slug() + "\\?lang=en$"));
		assertThat(page.locator("html")).hasAttribute("lang", "en");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.hasText("How " + organisation + " processes your personal data");
		assertThat(category(page, "Chat messages").locator(".retention"))
			.hasText("Deleted immediately when the conversation ends.");
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("www.imy.se")).first())
			.hasAttribute("href", "https://www.imy.se");
		assertNoViolationsAtAll(page, "the notice in English");

		languages = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Language"));
		languages.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Norsk bokmål")).click();
		assertThat(page.locator("html")).hasAttribute("lang", "nb");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Dine rettigheter")))
			.isVisible();
		Assertions.assertThat(browser.cookies()).as("reading a notice sets no cookie").isEmpty();
	}

	@Test
	void anEnglishReceptionPageLeadsToTheEnglishNotice() {
		Reception reception = fixtures.openReception();
		Page page = chromium.newContext().newPage();
		page.navigate("/r/" + reception.slug() + "?lang=en");
		page.getByRole(AriaRole.LINK,
				new Page.GetByRoleOptions().setName("How your personal data is processed (privacy notice)"))
			.click();
		assertThat(page).hasURL(Pattern.compile("/privacy/" + reception.organisation().slug() + "\\?lang=en$"));
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your rights").setExact(true))).isVisible();
	}

	@Test
	void onPaperTheNoticeIsTheTextAloneWithLinkAddressesWritten() {
		Reception reception = fixtures.openReception();
		Page page = chromium.newContext().newPage();
		page.navigate("/privacy/" + reception.organisation().slug());
		assertThat(page.locator(".site-header")).isVisible();
		page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
		assertThat(page.locator(".site-header")).isHidden();
		assertThat(page.locator(".site-footer")).isHidden();
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).isVisible();
		Object after = page.locator("#right-complaint a.external")
			.evaluate("link => getComputedStyle(link, '::after').content");
		Assertions.assertThat(after).isEqualTo("\" (https://www.imy.se)\"");
	}

	/** Stricter than the other pages' check: a notice is plain text, so not even a minor finding is excused. */
	static void assertNoViolationsAtAll(Page page, String what) {
		List<Rule> violations = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
			.analyze()
			.getViolations();
		Assertions.assertThat(violations)
			.as(() -> "axe-core on " + what + ":\n" + violations.stream()
				.map(rule -> rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
						+ rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList())
				.collect(Collectors.joining("\n")))
			.isEmpty();
	}

	private static Locator category(Page page, String name) {
		return page.locator("section.category")
			.filter(new Locator.FilterOptions().setHas(page.getByRole(AriaRole.HEADING,
					new Page.GetByRoleOptions().setName(name).setExact(true))));
	}
}
