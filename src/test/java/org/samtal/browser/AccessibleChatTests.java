package org.samtal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.samtal.browser.People.counselorLogsIn;
import static org.samtal.browser.People.message;
import static org.samtal.browser.People.queue;
import static org.samtal.browser.People.sends;
import static org.samtal.browser.People.takeButton;
import static org.samtal.browser.People.visitorStartsChat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;

/** The chat works with the keyboard alone, passes axe-core, and tells screen readers what arrives. */
@SamtalTest
class AccessibleChatTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@Autowired
	Fixtures fixtures;

	@Test
	void visitorAndCounselorCanDoEverythingWithTheKeyboardAlone() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(reception);

		Page console = chromium.newContext().newPage();
		console.navigate("/login");
		tabTo(console, console.getByLabel("Användarnamn"));
		console.keyboard().type(counselor.username());
		console.keyboard().press("Tab");
		console.keyboard().type(counselor.password());
		console.keyboard().press("Enter");
		assertThat(console).hasURL(Pattern.compile("/console$"));

		Page visitor = chromium.newContext().newPage();
		visitor.navigate("/r/" + reception.slug());
		tabTo(visitor, visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Starta chatt")));
		visitor.keyboard().press("Enter");
		assertThat(visitor.locator("#status")).containsText("Du står i kö.");
		tabTo(visitor, visitor.getByLabel("Ditt meddelande"));
		visitor.keyboard().type("Hej, jag skriver utan mus");
		visitor.keyboard().press("Enter");
		assertThat(message(visitor, "Hej, jag skriver utan mus")).isVisible();
		assertThat(visitor.getByLabel("Ditt meddelande")).hasValue("");
		assertThat(visitor.getByLabel("Ditt meddelande")).isFocused();

		Locator entry = queue(console).filter(new Locator.FilterOptions().setHasText("Hej, jag skriver utan mus"));
		tabTo(console, takeButton(entry));
		// Someone else joins the queue while the counselor is on the button: the queue redraws, the focus stays.
		visitorStartsChat(chromium.newContext(), reception);
		assertThat(queue(console)).hasCount(2);
		assertThat(takeButton(entry)).isFocused();
		console.keyboard().press("Enter");
		assertThat(message(console, "Hej, jag skriver utan mus")).isVisible();
		assertThat(console.getByLabel("Ditt meddelande")).isFocused();
		console.keyboard().type("Hej! Jag läser. Berätta.");
		console.keyboard().press("Enter");
		assertThat(message(visitor, "Hej! Jag läser. Berätta.")).isVisible();

		tabTo(visitor, visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Avsluta samtalet")));
		visitor.keyboard().press("Space");
		assertThat(visitor).hasURL(Pattern.compile("/chat/ended$"));
		assertThat(console.locator("#conversation-heading"))
			.hasText("Besökaren avslutade samtalet. Allt som skrevs är raderat.");

		tabTo(visitor, visitor.getByLabel("1 – Dåligt"));
		visitor.keyboard().press("Space");
		for (int i = 0; i < 4; i++) {
			visitor.keyboard().press("ArrowRight");
		}
		assertThat(visitor.getByLabel("5 – Mycket bra")).isChecked();
		tabTo(visitor, visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skicka omdöme")));
		visitor.keyboard().press("Enter");
		assertThat(visitor.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tack!"))).isVisible();
	}

	@Test
	void receptionChatAndConsolePagesHaveNoSeriousAccessibilityViolations() {
		Reception reception = fixtures.receptionWithForm();
		Page console = chromium.newContext().newPage();
		console.navigate("/login");
		assertNoSeriousViolations(console, "the login page");
		console = counselorLogsIn(console.context(), fixtures.counselor(reception));
		Page visitor = chromium.newContext().newPage();
		visitor.navigate("/");
		assertNoSeriousViolations(visitor, "the list of receptions");
		visitor.navigate("/r/" + reception.slug());
		assertNoSeriousViolations(visitor, "the reception page");

		visitor.getByLabel("Ålder").selectOption("13-15");
		visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Starta chatt")).click();
		sends(visitor, "Hej");
		assertThat(queue(console)).hasCount(1);
		Page another = chromium.newContext().newPage();
		another.navigate("/r/" + reception.slug());
		another.getByLabel("Ålder").selectOption("16-19");
		another.getByLabel("Ämne").selectOption("body");
		another.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Starta chatt")).click();
		assertThat(queue(console)).hasCount(2);
		assertNoSeriousViolations(console, "the console with people waiting");

		takeButton(queue(console).first()).click();
		assertThat(message(console, "Hej")).isVisible();
		sends(console, "Hej, välkommen!");
		assertThat(message(visitor, "Hej, välkommen!")).isVisible();
		assertNoSeriousViolations(visitor, "the visitor's chat page");
		assertNoSeriousViolations(console, "the console with a conversation open");

		visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Avsluta samtalet")).click();
		assertThat(visitor).hasURL(Pattern.compile("/chat/ended$"));
		assertNoSeriousViolations(visitor, "the feedback page");
	}

	@Test
	void adminPagesHaveNoSeriousAccessibilityViolations() {
		Reception reception = fixtures.openReception();
		visitorStartsChat(chromium.newContext(), reception);
		Page admin = counselorLogsIn(chromium.newContext(), fixtures.admin(reception));
		assertThat(queue(admin)).hasCount(1);
		admin.navigate("/admin/feedback");
		assertNoSeriousViolations(admin, "the feedback summary");
		admin.navigate("/admin/access-log");
		assertThat(admin.locator("table.log tbody tr").first()).isVisible();
		assertNoSeriousViolations(admin, "the log review");
		// A systematic review from the keyboard: draw a sample, note an entry, and land on the same sample.
		admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Slumpmässigt urval")).press("Enter");
		Locator note = admin.getByLabel(Pattern.compile("^Anteckning \\d+$")).first();
		note.fill("Aktiv kontakt");
		note.press("Enter");
		assertThat(admin.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("markerad som granskad")))
			.hasCount(1);
		assertThat(admin.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Ett slumpmässigt urval")))
			.hasCount(1);
		assertThat(admin.locator("input[value='Aktiv kontakt']")).hasCount(1);
		assertNoSeriousViolations(admin, "the log review after an entry of a sample was marked");
	}

	@Test
	void newMessagesAndQueueChangesArriveInLiveRegions() {
		Reception reception = fixtures.openReception();
		Page console = counselorLogsIn(chromium.newContext(), fixtures.counselor(reception));
		Page visitor = visitorStartsChat(chromium.newContext(), reception);
		assertThat(console.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Någon väntar i kön.")))
			.hasCount(1);
		assertThat(visitor.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Plats 1")))
			.hasCount(1);
		takeButton(queue(console)).click();
		assertThat(visitor.getByRole(AriaRole.STATUS)).containsText("Du chattar med");

		sends(console, "Ett meddelande från kuratorn");
		sends(visitor, "Ett svar från besökaren");
		for (Page page : List.of(visitor, console)) {
			Locator log = page.getByRole(AriaRole.LOG);
			assertThat(log).hasAttribute("aria-live", "polite");
			assertThat(log.locator("li").filter(new Locator.FilterOptions().setHasText("Ett meddelande från kuratorn")))
				.hasCount(1);
			assertThat(log.locator("li").filter(new Locator.FilterOptions().setHasText("Ett svar från besökaren")))
				.hasCount(1);
		}
		assertThat(visitor.getByRole(AriaRole.LOG)).hasAccessibleName("Meddelanden");
	}

	/** Presses Tab until the element has the focus, as a keyboard user would; fails if it cannot be reached. */
	static void tabTo(Page page, Locator target) {
		target.waitFor();
		for (int presses = 0; presses < 50; presses++) {
			page.keyboard().press("Tab");
			if ((Boolean) target.evaluate("element => element === document.activeElement")) {
				return;
			}
		}
		Assertions.fail("Tab never reached " + target);
	}

	static void assertNoSeriousViolations(Page page, String what) {
		List<Rule> serious = new AxeBuilder(page).analyze()
			.getViolations()
			.stream()
			.filter(rule -> Set.of("serious", "critical").contains(rule.getImpact()))
			.toList();
		Assertions.assertThat(serious)
			.as(() -> "axe-core on " + what + ":\n" + serious.stream()
				.map(rule -> rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
						+ rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList())
				.collect(Collectors.joining("\n")))
			.isEmpty();
	}
}
