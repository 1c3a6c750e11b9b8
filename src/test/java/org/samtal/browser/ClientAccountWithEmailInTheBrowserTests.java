package org.samtal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.samtal.browser.AccessibleChatTests.assertNoSeriousViolations;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import jakarta.mail.internet.MimeMessage;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.samtal.identity.ClientAccounts;
import org.samtal.privacy.Access;
import org.samtal.privacy.AccessAction;
import org.samtal.privacy.AccessLog;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.DataSubject;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 4's browser stories, with GreenMail as the real SMTP server: register, add and verify an e-mail address with
 * the code that arrives by mail, export, and delete the account; and a request from someone without an account,
 * verified by a mailed code, handled by the organisation's admin, with the answer's link received by mail.
 */
@SamtalTest
class ClientAccountWithEmailInTheBrowserTests {

	static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static {
		smtp.start();
	}

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry properties) {
		properties.add("spring.mail.host", () -> "127.0.0.1");
		properties.add("spring.mail.port", () -> smtp.getSmtp().getPort());
		properties.add("samtal.notification.mail.from", () -> "Samtal <no-reply@samtal.test>");
	}

	@AfterAll
	static void stopMail() {
		smtp.stop();
	}

	@Test
	void aClientRegistersVerifiesAnEmailWithTheMailedCodeExportsAndDeletesTheAccount() throws Exception {
		String name = "post" + UUID.randomUUID().toString().substring(0, 6);
		String email = name + "@exempel.se";
		Page page = ClientAccountInTheBrowserTests.registers(chromium.newContext().newPage(), name, "solros-vid-staketet");

		page.getByLabel("E-postadress eller mobilnummer").fill(email);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skicka kod")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("En kod är skickad.");
		assertNoSeriousViolations(page, "the account page with a contact awaiting its code");

		org.assertj.core.api.Assertions.assertThat(smtp.waitForIncomingEmail(15_000, 1)).as("the code arrives by mail")
			.isTrue();
		MimeMessage mail = null;
		for (MimeMessage received : smtp.getReceivedMessages()) {
			if (GreenMailUtil.getAddressList(received.getAllRecipients()).contains(email)) {
				mail = received;
			}
		}
		org.assertj.core.api.Assertions.assertThat(mail).isNotNull();
		String body = String.valueOf(mail.getContent());
		org.assertj.core.api.Assertions.assertThat(body).as("privacy-safe: nothing about counseling")
			.doesNotContainIgnoringCase("mottagning").doesNotContainIgnoringCase("samtalsstöd");
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(body);
		org.assertj.core.api.Assertions.assertThat(code.find()).as(body).isTrue();

		page.getByLabel("Kod").fill(code.group(1));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verifiera")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Kontaktuppgiften är verifierad.");
		assertThat(page.locator("ul.contacts")).containsText("(verifierad)");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mina uppgifter: se, ladda ner eller radera allt"))
			.click();
		assertThat(page.locator("main")).containsText(email);
		com.microsoft.playwright.Download download = page.waitForDownload(() -> page.locator("#download-json").click());
		String json = java.nio.file.Files.readString(download.path());
		org.assertj.core.api.Assertions.assertThat(json).contains("\"CONTACT_DETAIL\"").contains(email);

		page.getByLabel("Ditt lösenord, för att bekräfta").fill("solros-vid-staketet");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Radera mitt konto nu")).click();
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Ditt konto är raderat")))
			.isVisible();
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	ClientAccounts clients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccessLog accessLog;

	@Test
	void someoneWithoutAnAccountRequestsAccessByMailedCodeAndGetsTheStaffsAnswerByMail() throws Exception {
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		String email = "fraga" + UUID.randomUUID().toString().substring(0, 6) + "@exempel.se";
		// What the organisation holds under that address: who read the data of the client who verified it.
		UUID client = clients.register("fraga" + UUID.randomUUID().toString().substring(0, 6), "solros-vid-staketet",
				java.util.Locale.of("sv")).id();
		jdbc.sql("""
				INSERT INTO client_contact (id, account_id, channel, address, created_at, verified_at)
				VALUES (?, ?, 'EMAIL', ?, now(), now())""").params(UUID.randomUUID(), client, email).update();
		accessLog.record(Access.of(admin.id(), "COUNSELOR", reception.organisation().id(), reception.id(),
				DataSubject.clientKey(client), DataCategory.CHAT_CONTENT, AccessAction.READ, "conversation opened"));

		Page asker = chromium.newContext().newPage();
		asker.navigate("/privacy/" + reception.organisation().slug());
		asker.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Gör en begäran på webben")).click();
		asker.getByLabel("Tillgång: vad som sparas om mig, och en kopia").check();
		asker.getByLabel("E-postadress eller mobilnummer").fill(email);
		assertNoSeriousViolations(asker, "the request form");
		asker.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skicka en kod till mig")).click();
		assertThat(asker.locator("main")).containsText("Vi har skickat en kod till f***@exempel.se");
		asker.getByLabel("Kod").fill(code(mailTo(email, 1)));
		assertNoSeriousViolations(asker, "the request waiting for its code");
		asker.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Bekräfta begäran")).click();
		assertThat(asker.getByRole(AriaRole.STATUS)).containsText("Din begäran är bekräftad och mottagen.");

		Page staff = People.counselorLogsIn(chromium.newContext(), admin);
		staff.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Begäranden")).click();
		assertNoSeriousViolations(staff, "the requests queue");
		staff.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tillgång: vad som sparas om mig, och en kopia"))
			.click();
		assertThat(staff.locator("#found")).containsText("Loggar över vem som tagit del av uppgifter");
		assertNoSeriousViolations(staff, "a request being handled");
		staff.getByLabel("Ett ord till den som begärt").fill("Här är vad vi har sparat om dig.");
		staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Svara och skicka länken")).click();
		assertThat(staff.getByRole(AriaRole.STATUS)).containsText("Besvarad.");

		String answerMail = mailTo(email, 2);
		org.assertj.core.api.Assertions.assertThat(answerMail).as("privacy-safe: nothing about counseling")
			.doesNotContainIgnoringCase("mottagning").doesNotContain(reception.organisation().name());
		Matcher link = Pattern.compile("/requests/answer/[A-Za-z0-9_-]{43}").matcher(answerMail);
		org.assertj.core.api.Assertions.assertThat(link.find()).as(answerMail).isTrue();
		asker.navigate(link.group());
		assertThat(asker.locator("main")).containsText("Här är vad vi har sparat om dig.");
		assertThat(asker.locator("#found")).containsText("conversation opened");
		assertNoSeriousViolations(asker, "the answer");
		com.microsoft.playwright.Download download = asker.waitForDownload(() -> asker.locator("#download-json").click());
		org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.readString(download.path()))
			.contains("\"ACCESS_LOG_ENTRY\"").contains("subject-export/v2");
	}

	/** The body of the n-th mail to the address, waiting for it to arrive. */
	private static String mailTo(String address, int n) throws Exception {
		long deadline = System.currentTimeMillis() + 15_000;
		while (true) {
			java.util.List<MimeMessage> to = new java.util.ArrayList<>();
			for (MimeMessage received : smtp.getReceivedMessages()) {
				if (GreenMailUtil.getAddressList(received.getAllRecipients()).contains(address)) {
					to.add(received);
				}
			}
			if (to.size() >= n) {
				return String.valueOf(to.get(n - 1).getContent());
			}
			org.assertj.core.api.Assertions.assertThat(System.currentTimeMillis()).as("mail number " + n + " to "
					+ address + " arrives").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private static String code(String body) {
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(body);
		org.assertj.core.api.Assertions.assertThat(code.find()).as(body).isTrue();
		return code.group(1);
	}
}
