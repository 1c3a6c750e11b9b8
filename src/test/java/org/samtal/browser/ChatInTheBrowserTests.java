package org.samtal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.samtal.browser.People.counselorLogsIn;
import static org.samtal.browser.People.message;
import static org.samtal.browser.People.messages;
import static org.samtal.browser.People.queue;
import static org.samtal.browser.People.sends;
import static org.samtal.browser.People.takeButton;
import static org.samtal.browser.People.visitorStartsChat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A visitor and a counselor, each in a real Chromium of their own, chatting through the real app. */
@SamtalTest
class ChatInTheBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	/** A 1×1 PNG. */
	static final byte[] PNG = Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
	static final byte[] PLAN = "Att göra i veckan:\n- gå ut en stund varje dag\n".getBytes(StandardCharsets.UTF_8);

	static final Pattern PENDING = Pattern.compile("\\bpending\\b");

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void visitorAndCounselorChatSendFilesEndAndNothingOfTheConversationRemains() throws Exception {
		Reception reception = fixtures.receptionWithForm();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Page console = counselorLogsIn(chromium.newContext(), counselor);
		assertThat(console.getByText("Ingen väntar just nu.")).isVisible();
		console.evaluate("() => window.sameDocument = true");

		Page visitor = chromium.newContext().newPage();
		visitor.navigate("/r/" + reception.slug());
		assertThat(visitor.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Innan du börjar")
			.setExact(true))).isVisible();
		visitor.getByLabel("Ålder").selectOption("16-19");
		visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Starta chatt")).click();
		assertThat(visitor.locator("#status")).hasText("Du står i kö. Plats 1. Du kan börja skriva medan du väntar.");
		UUID conversation = UUID.fromString(visitor.locator("main").getAttribute("data-conversation-id"));
		sends(visitor, "Hej, jag behöver prata med någon");
		assertThat(message(visitor, "Hej, jag behöver prata med någon")).not().hasClass(PENDING);

		Locator waiting = queue(console);
		assertThat(waiting).hasCount(1);
		assertThat(waiting.locator(".first-message")).hasText("Första meddelandet: Hej, jag behöver prata med någon");
		assertThat(waiting.locator("dt")).hasText("Ålder");
		assertThat(waiting.locator("dd")).hasText("16–19");
		Assertions.assertThat(console.evaluate("() => window.sameDocument")).as("the queue updated without reload")
			.isEqualTo(true);

		takeButton(waiting).click();
		assertThat(console.locator("#conversation-heading")).containsText("Samtal med Besökare");
		assertThat(console.locator("#form-answers dt")).hasText("Ålder");
		assertThat(console.locator("#form-answers dd")).hasText("16–19");
		assertThat(message(console, "Hej, jag behöver prata med någon")).containsText("Besökare:");
		assertThat(queue(console)).hasCount(0);
		assertThat(visitor.locator("#status")).hasText("Du chattar med Staff " + counselor.username() + ".");

		sends(console, "Hej! Vad roligt att du skriver. Vad vill du prata om?");
		assertThat(message(visitor, "Hej! Vad roligt att du skriver. Vad vill du prata om?")).containsText("Kurator:");
		sends(visitor, "Om skolan, mest.");
		assertThat(message(console, "Om skolan, mest.")).containsText("Besökare:");
		assertThat(message(visitor, "Om skolan, mest.")).containsText("Du:");

		console.locator("#file").setInputFiles(new FilePayload("plan.txt", "text/plain", PLAN));
		console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skicka fil")).click();
		Locator planLink = visitor.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("plan.txt"));
		assertThat(planLink).isVisible();
		assertThat(console.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("plan.txt"))).isVisible();

		visitor.locator("#file").setInputFiles(new FilePayload("teckning.png", "image/png", PNG));
		visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skicka fil")).click();
		Locator drawingLink = console.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("teckning.png"));
		assertThat(drawingLink).isVisible();
		assertThat(visitor.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("teckning.png"))).isVisible();

		Download plan = visitor.waitForDownload(planLink::click);
		Assertions.assertThat(plan.suggestedFilename()).isEqualTo("plan.txt");
		Assertions.assertThat(Files.readAllBytes(plan.path())).isEqualTo(PLAN);
		APIResponse planResponse = visitor.request().get(planLink.getAttribute("href"));
		Assertions.assertThat(planResponse.status()).isEqualTo(200);
		Assertions.assertThat(planResponse.body()).isEqualTo(PLAN);
		Assertions.assertThat(planResponse.headers()).containsEntry("x-content-type-options", "nosniff")
			.hasEntrySatisfying("content-type", type -> Assertions.assertThat(type).startsWith("text/plain"))
			.hasEntrySatisfying("content-disposition", value -> Assertions.assertThat(value).startsWith("attachment"))
			.hasEntrySatisfying("cache-control", value -> Assertions.assertThat(value).contains("no-store"));
		Download drawing = console.waitForDownload(drawingLink::click);
		Assertions.assertThat(Files.readAllBytes(drawing.path())).isEqualTo(PNG);
		Assertions.assertThat(rowsOf(conversation)).as("while it lasts, the conversation is stored")
			.containsEntry("conversation", 1)
			.containsEntry("chat_file", 2)
			.containsEntry("conversation_form_answer", 1);

		console.onceDialog(dialog -> {
			Assertions.assertThat(dialog.message()).isEqualTo("Avsluta samtalet? Allt som skrivits raderas.");
			dialog.accept();
		});
		console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Avsluta samtalet")).click();
		assertThat(console.locator("#conversation-heading")).hasText("Samtalet är avslutat och raderat.");
		assertThat(messages(console)).hasCount(0);
		assertThat(visitor.locator("#status")).hasText("Kuratorn avslutade samtalet. Allt som skrevs är raderat.");
		assertThat(visitor.getByLabel("Ditt meddelande")).isHidden();

		visitor.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Fortsätt")).click();
		assertThat(visitor).hasURL(Pattern.compile("/chat/ended$"));
		assertThat(visitor.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tack för samtalet")))
			.isVisible();
		visitor.getByLabel("4", new Page.GetByLabelOptions().setExact(true)).check();
		visitor.getByLabel("Kommentar").fill("Det hjälpte att prata.");
		visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skicka omdöme")).click();
		assertThat(visitor.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tack!"))).isVisible();
		assertThat(visitor.getByText("Ditt omdöme är sparat.")).isVisible();

		Assertions.assertThat(rowsOf(conversation)).as("nothing of the conversation remains")
			.containsOnly(Map.entry("conversation", 0), Map.entry("chat_message", 0), Map.entry("chat_file", 0),
					Map.entry("conversation_form_answer", 0));
		Assertions.assertThat(jdbc.sql("SELECT rating, comment FROM feedback WHERE reception_id = ?")
			.param(reception.id())
			.query((rs, n) -> rs.getInt("rating") + " " + rs.getString("comment"))
			.list()).containsExactly("4 Det hjälpte att prata.");
		Assertions.assertThat(jdbc.sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'feedback'")
			.query(String.class)
			.list()).as("feedback has no link to the conversation")
			.containsExactlyInAnyOrder("id", "reception_id", "given_on", "rating", "comment");
	}

	@Test
	void markupInAMessageIsShownAsTextOnBothSidesAndNeverRuns() {
		String markup = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";
		Reception reception = fixtures.openReception();
		Page console = counselorLogsIn(chromium.newContext(), fixtures.counselor(reception));
		Page visitor = visitorStartsChat(chromium.newContext(), reception);

		sends(visitor, markup);
		assertThat(queue(console).locator(".first-message .text")).hasText(markup);
		takeButton(queue(console)).click();

		assertThat(message(console, markup)).isVisible();
		assertThat(message(visitor, markup)).isVisible();
		sends(console, "Svar med <b>fetstil</b>?");
		assertThat(message(visitor, "Svar med <b>fetstil</b>?")).isVisible();
		for (Page page : List.of(console, visitor)) {
			Assertions.assertThat(page.locator("#messages img, #messages script, #messages b, #queue img").count())
				.isZero();
			Assertions.assertThat(page.evaluate("() => typeof window.__xss")).isEqualTo("undefined");
		}
	}

	/**
	 * The browser's WebSocket goes through a route the test controls, so the connection can be dropped and kept down,
	 * as a lost network would, and then allowed back.
	 */
	@Test
	void afterADroppedConnectionTheVisitorReconnectsAndNothingIsLostOrDoubled() {
		Reception reception = fixtures.openReception();
		Page console = counselorLogsIn(chromium.newContext(), fixtures.counselor(reception));
		BrowserContext visitorBrowser = chromium.newContext();
		AtomicBoolean networkUp = new AtomicBoolean(true);
		List<WebSocketRoute> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
		visitorBrowser.routeWebSocket("**/ws/chat", socket -> {
			if (networkUp.get()) {
				socket.connectToServer();
				sockets.add(socket);
			}
			else {
				socket.close();
			}
		});
		Page visitor = visitorStartsChat(visitorBrowser, reception);
		sends(visitor, "Är någon där?");
		assertThat(queue(console).locator(".first-message .text")).hasText("Är någon där?");
		takeButton(queue(console)).click();
		assertThat(visitor.locator("#status")).containsText("Du chattar med");

		networkUp.set(false);
		sockets.forEach(WebSocketRoute::close);
		assertThat(visitor.locator("#status"))
			.hasText("Anslutningen bröts. Vi försöker igen – dina meddelanden skickas när vi är tillbaka.");
		sends(visitor, "Skrivet medan nätet var borta");
		assertThat(message(visitor, "Skrivet medan nätet var borta")).hasClass(PENDING);
		sends(console, "Skrivet av kuratorn under avbrottet");
		assertThat(message(console, "Skrivet av kuratorn under avbrottet")).isVisible();

		networkUp.set(true);
		assertThat(visitor.locator("#status")).containsText("Du chattar med");
		assertThat(message(visitor, "Skrivet medan nätet var borta")).not().hasClass(PENDING);
		assertThat(message(console, "Skrivet medan nätet var borta")).hasCount(1);
		assertThat(message(visitor, "Skrivet av kuratorn under avbrottet")).hasCount(1);
		assertThat(messages(visitor)).hasCount(3);
		assertThat(messages(console)).hasCount(3);
	}

	/**
	 * A page that loads resyncs from the API. The answer is held back (the real answer, fetched when asked) until the
	 * counselor has taken the conversation, so it arrives after the newer status from the socket.
	 */
	@Test
	void aLateAnswerDoesNotPutAVisitorWhoWasTakenBackInTheQueue() {
		Reception reception = fixtures.openReception();
		Page console = counselorLogsIn(chromium.newContext(), fixtures.counselor(reception));
		Page visitor = visitorStartsChat(chromium.newContext(), reception);
		sends(visitor, "Hej, finns det någon?");
		assertThat(queue(console).locator(".first-message .text")).hasText("Hej, finns det någon?");

		List<Runnable> heldAnswers = new java.util.concurrent.CopyOnWriteArrayList<>();
		visitor.route(Pattern.compile("/api/v1/conversations/[^/]+$"), route -> {
			APIResponse answer = route.fetch();
			heldAnswers.add(() -> route.fulfill(new Route.FulfillOptions().setResponse(answer)));
		});
		visitor.reload();
		visitor.waitForCondition(() -> !heldAnswers.isEmpty());
		assertThat(visitor.locator("#status")).containsText("Du står i kö.");
		assertThat(messages(visitor)).hasCount(0);

		takeButton(queue(console)).click();
		assertThat(visitor.locator("#status")).containsText("Du chattar med");
		heldAnswers.forEach(Runnable::run);
		assertThat(message(visitor, "Hej, finns det någon?")).isVisible();
		assertThat(visitor.locator("#status")).containsText("Du chattar med");
	}

	private Map<String, Integer> rowsOf(UUID conversation) {
		Map<String, Integer> rows = new java.util.LinkedHashMap<>();
		for (String table : List.of("conversation", "chat_message", "chat_file", "conversation_form_answer")) {
			String column = table.equals("conversation") ? "id" : "conversation_id";
			rows.put(table, jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + column + " = ?")
				.param(conversation)
				.query(Integer.class)
				.single());
		}
		return rows;
	}
}
