package org.samtal.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.samtal.privacy.RetentionSweep;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Real delivery: e-mail to GreenMail, a real SMTP server in this JVM, and SMS to a local stand-in for 46elks' API.
 * This class has a context of its own (senders configured, the scheduled run held back so the tests drive retries by
 * moving the clock); everything else about notifications is tested in the shared context, in outbox mode.
 */
@SamtalTest
class NotificationDeliveryTests {

	static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
	static final ElksStandIn elks = ElksStandIn.start();

	static {
		smtp.start();
	}

	@DynamicPropertySource
	static void senders(DynamicPropertyRegistry properties) {
		properties.add("spring.mail.host", () -> "127.0.0.1");
		properties.add("spring.mail.port", () -> smtp.getSmtp().getPort());
		properties.add("samtal.notification.mail.from", () -> "Samtal <no-reply@samtal.test>");
		properties.add("samtal.notification.sms.base-url", elks::baseUrl);
		properties.add("samtal.notification.sms.username", () -> ElksStandIn.USERNAME);
		properties.add("samtal.notification.sms.password", () -> ElksStandIn.PASSWORD);
		properties.add("samtal.notification.poll-initial-delay", () -> "P1D");
	}

	@AfterAll
	static void stopServers() {
		smtp.stop();
		elks.stop();
	}

	/** The consent ledger, as far as these tests need one: a set of subject and purpose pairs. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Consents {

		@Bean
		GivenConsents givenConsents() {
			return new GivenConsents();
		}
	}

	static class GivenConsents implements NotificationConsent {

		final Set<String> given = ConcurrentHashMap.newKeySet();

		@Override
		public boolean allows(String subject, String purpose) {
			return given.contains(subject + " " + purpose);
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	Notifications notifications;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	GivenConsents consents;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Fixtures fixtures;

	@Autowired
	RetentionSweep retention;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void anEmailGoesOverSmtpAsPlainTextFromTheConfiguredAddressAndIsThenErased() throws Exception {
		String to = "robin." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		UUID id = notifications.send(Channel.EMAIL, to, "contact-code", "sv",
				Map.of("code", "<b>493817</b>", "minutes", "15"), "client:" + UUID.randomUUID(), null);

		MimeMessage mail = await().atMost(Duration.ofSeconds(10)).until(() -> receivedBy(to), m -> m != null);
		assertThat(mail.getFrom()[0].toString()).isEqualTo("Samtal <no-reply@samtal.test>");
		assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly(to);
		assertThat(mail.getSubject()).isEqualTo("Samtal – din kod");
		assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
		assertThat((String) mail.getContent()).as("plain text: the value as it was, not interpreted")
			.contains("Din kod för att bekräfta den här e-postadressen är <b>493817</b>.")
			.contains("Koden gäller i 15 minuter.");

		await().atMost(Duration.ofSeconds(5)).until(() -> row(id).get("status").equals("SENT"));
		assertThat(row(id)).containsEntry("via", "smtp")
			.containsEntry("recipient", null)
			.containsEntry("mail_subject", null)
			.containsEntry("body", null)
			.containsEntry("subject", null)
			.containsEntry("template", "contact-code")
			.containsEntry("attempts", 1);
	}

	@Test
	void anSmsGoesTo46elksAsAFormWithBasicAuthenticationAndIsThenErased() {
		String number = number();
		UUID id = notifications.send(Channel.SMS, number, "reset-code", "nb", Map.of("code", "220466", "minutes", "10"),
				"client:" + UUID.randomUUID(), null);

		await().atMost(Duration.ofSeconds(10)).until(() -> row(id).get("status").equals("SENT"));
		assertThat(elks.to(number)).singleElement().satisfies(sms -> {
			assertThat(sms.from()).isEqualTo("Samtal");
			assertThat(sms.message()).isEqualTo(
					"Samtal: koden for å tilbakestille passordet er 220466. Den gjelder i 10 minutter.");
		});
		assertThat(elks.refused()).isEmpty();
		assertThat(row(id)).containsEntry("via", "46elks").containsEntry("recipient", null).containsEntry("body", null);
	}

	@Test
	void nothingIsSentWhenTheCallersTransactionRollsBack() throws Exception {
		String to = "rolled." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String number = number();
		String subject = "client:" + UUID.randomUUID();
		transactions.executeWithoutResult(tx -> {
			notifications.send(Channel.EMAIL, to, "contact-code", "en", Map.of("code", "1", "minutes", "5"), subject,
					null);
			notifications.send(Channel.SMS, number, "contact-code", "en", Map.of("code", "1", "minutes", "5"), subject,
					null);
			tx.setRollbackOnly();
		});
		Thread.sleep(1000);
		dispatcher.dispatchDue();
		assertThat(receivedBy(to)).isNull();
		assertThat(elks.to(number)).isEmpty();
		assertThat(jdbc.sql("SELECT count(*) FROM notification_message WHERE subject = ?").param(subject)
			.query(Integer.class).single()).isZero();
	}

	@Test
	void aFailingProviderIsRetriedWithBackoffThenTheMessageFailsAndAdminsSeeIt() {
		String number = number();
		elks.answer(number, 503);
		UUID id = notifications.send(Channel.SMS, number, "inactivity-warning", "sv", Map.of("date", "2026-07-01"),
				"client:" + UUID.randomUUID(), null);
		await().atMost(Duration.ofSeconds(10)).until(() -> (int) row(id).get("attempts") == 1
				&& row(id).get("last_error") != null);

		int attempts = 1;
		for (Duration wait : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
				Duration.ofHours(2))) {
			Map<String, Object> before = row(id);
			assertThat(before).containsEntry("status", "QUEUED").containsEntry("last_error", "46elks HTTP 503");
			Instant next = ((java.sql.Timestamp) before.get("next_attempt_at")).toInstant();
			assertThat(Duration.between(clock.instant(), next)).as("waits about " + wait)
				.isBetween(wait.minusSeconds(10), wait);

			clock.advance(wait.minusSeconds(20));
			dispatcher.dispatchDue();
			assertThat(row(id).get("attempts")).as("not before its time").isEqualTo(attempts);

			clock.advance(Duration.ofSeconds(20));
			dispatcher.dispatchDue();
			attempts++;
			assertThat(row(id).get("attempts")).isEqualTo(attempts);
		}
		assertThat(attempts).isEqualTo(5);
		assertThat(elks.to(number)).hasSize(5);
		assertThat(row(id)).containsEntry("status", "FAILED")
			.containsEntry("last_error", "46elks HTTP 503")
			.containsEntry("recipient", null)
			.containsEntry("body", null)
			.containsEntry("subject", null)
			.containsEntry("next_attempt_at", null);
		clock.advance(Duration.ofDays(1));
		dispatcher.dispatchDue();
		assertThat(elks.to(number)).as("a failed message is never tried again").hasSize(5);
		clock.reset();

		Fixtures.Staff admin = fixtures.admin(fixtures.openReception());
		Http browser = new Http(port);
		browser.logIn(admin.username(), admin.password());
		String page = browser.get("/admin/notifications").body();
		assertThat(page).contains("message-" + id)
			.contains("46elks HTTP 503")
			.contains("Misslyckat")
			.contains("Varning före borttagning av konto")
			.doesNotContain(number)
			.doesNotContain(number.substring(1))
			.doesNotContain("2026-07-01");
		assertThat(page.replaceAll("\\s+", " ")).containsPattern("data-status=\"FAILED\">[1-9]");
	}

	@Test
	void aMessageTheProviderRefusesFailsAtOnce() {
		String number = number();
		elks.answer(number, 400);
		UUID id = notifications.send(Channel.SMS, number, "contact-code", "en", Map.of("code", "1", "minutes", "5"),
				"client:" + UUID.randomUUID(), null);
		await().atMost(Duration.ofSeconds(10)).until(() -> row(id).get("status").equals("FAILED"));
		assertThat(row(id)).containsEntry("attempts", 1).containsEntry("last_error", "46elks HTTP 400")
			.containsEntry("recipient", null);
	}

	@Test
	void aWithdrawnConsentStopsAMessageThatWaitsForItsNextAttempt() {
		String number = number();
		String subject = "client:" + UUID.randomUUID();
		consents.given.add(subject + " inactivity-warning");
		elks.answer(number, 503);
		UUID id = notifications.send(Channel.SMS, number, "inactivity-warning", "en", Map.of("date", "2026-07-01"),
				subject, "inactivity-warning");
		await().atMost(Duration.ofSeconds(10)).until(() -> (int) row(id).get("attempts") == 1
				&& row(id).get("last_error") != null);

		consents.given.remove(subject + " inactivity-warning");
		elks.answer(number, 200);
		clock.advance(Duration.ofMinutes(1));
		dispatcher.dispatchDue();

		assertThat(row(id)).containsEntry("status", "SKIPPED").containsEntry("recipient", null)
			.containsEntry("body", null).containsEntry("subject", null);
		assertThat(elks.to(number)).as("only the attempt made while consent stood").hasSize(1);
	}

	@Test
	void aConsentBasedMessageWithoutConsentIsNeverSentWhileAnAskedForOneIs() {
		String to = "asked." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String subject = "client:" + UUID.randomUUID();
		UUID unasked = notifications.send(Channel.EMAIL, to, "inactivity-warning", "sv", Map.of("date", "2026-07-01"),
				subject, "inactivity-warning");
		UUID asked = notifications.send(Channel.EMAIL, to, "contact-code", "sv", Map.of("code", "1", "minutes", "5"),
				subject, null);
		await().atMost(Duration.ofSeconds(10)).until(() -> row(unasked).get("status").equals("SKIPPED")
				&& row(asked).get("status").equals("SENT"));
		assertThat(Arrays.stream(smtp.getReceivedMessages()).filter(m -> sentTo(m, to))).hasSize(1);
	}

	@Test
	void erasingASubjectRemovesItsWaitingMessagesAndTheyAreNeverSent() {
		String number = number();
		String subject = "request:" + UUID.randomUUID();
		elks.answer(number, 503);
		UUID id = notifications.send(Channel.SMS, number, "request-code", "sv", Map.of("code", "1", "minutes", "5"),
				subject, null);
		await().atMost(Duration.ofSeconds(10)).until(() -> (int) row(id).get("attempts") == 1
				&& row(id).get("last_error") != null);

		assertThat(notifications.eraseSubject(subject)).isEqualTo(1);
		assertThat(notifications.eraseSubject(subject)).isZero();
		clock.advance(Duration.ofHours(3));
		dispatcher.dispatchDue();
		assertThat(elks.to(number)).hasSize(1);
		assertThat(jdbc.sql("SELECT count(*) FROM notification_message WHERE id = ?").param(id).query(Integer.class)
			.single()).isZero();
	}

	@Test
	void theDevelopmentOutboxDoesNotExistWhenEveryChannelHasASender() {
		Fixtures.Staff admin = fixtures.admin(fixtures.openReception());
		Http browser = new Http(port);
		browser.logIn(admin.username(), admin.password());
		assertThat(browser.get("/dev/outbox").statusCode()).isEqualTo(404);
	}

	@Test
	void whatIsLeftOfAFinishedMessageGoesAfter30Days() {
		String number = number();
		UUID id = notifications.send(Channel.SMS, number, "contact-code", "sv", Map.of("code", "1", "minutes", "5"),
				"client:" + UUID.randomUUID(), null);
		await().atMost(Duration.ofSeconds(10)).until(() -> row(id).get("status").equals("SENT"));

		clock.advance(Duration.ofDays(29));
		retention.run(false, "schedule");
		assertThat(jdbc.sql("SELECT count(*) FROM notification_message WHERE id = ?").param(id).query(Integer.class)
			.single()).isOne();
		clock.advance(Duration.ofDays(2));
		retention.run(false, "schedule");
		assertThat(jdbc.sql("SELECT count(*) FROM notification_message WHERE id = ?").param(id).query(Integer.class)
			.single()).isZero();
	}

	private Map<String, Object> row(UUID id) {
		return jdbc.sql("SELECT * FROM notification_message WHERE id = ?").param(id).query().singleRow();
	}

	private static MimeMessage receivedBy(String to) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(m -> sentTo(m, to)).findFirst().orElse(null);
	}

	private static boolean sentTo(MimeMessage message, String to) {
		try {
			return Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equals(to));
		}
		catch (jakarta.mail.MessagingException e) {
			return false;
		}
	}

	static String number() {
		return "+4670" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
	}
}
