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
import org.samtal.SamtalTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 4's first browser story, with GreenMail as the real SMTP server: register, add and verify an e-mail address
 * with the code that arrives by mail, export, and delete the account.
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
		Page page = chromium.newContext().newPage();
		page.navigate("/account/register");
		page.getByLabel("Användarnamn").fill(name);
		page.getByLabel("Nytt lösenord").fill("solros-vid-staketet");
		page.getByLabel("Skriv lösenordet igen").fill("solros-vid-staketet");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skapa konto")).click();

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
}
