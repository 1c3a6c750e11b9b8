package org.samtal.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With no SMTP server and no 46elks account configured (as in the shared test context), nothing is sent: messages go
 * to the development outbox, which only staff admins can open, and which forgets them after a day.
 */
@SamtalTest
class NotificationOutboxTests {

	@LocalServerPort
	int port;

	@Autowired
	Notifications notifications;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	Fixtures fixtures;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void withoutSendersAMessageIsShownOnTheDevelopmentOutboxNewestFirstAndOnlyToAdmins() {
		String to = "kim." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String number = NotificationDeliveryTests.number();
		String subject = "client:" + UUID.randomUUID();
		UUID mail = notifications.send(Channel.EMAIL, to, "contact-code", "en", Map.of("code", "771204", "minutes", "15"),
				subject, null);
		UUID sms = notifications.send(Channel.SMS, number, "inactivity-warning", "nb", Map.of("date", "2026-07-01"),
				subject, null);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> status(mail).equals("SENT") && status(sms).equals("SENT"));
		assertThat(jdbc.sql("SELECT via FROM notification_message WHERE id = ?").param(mail).query(String.class).single())
			.isEqualTo("outbox");

		Reception place = new Reception();
		Http admin = new Http(port);
		Fixtures.Staff staff = fixtures.admin(place.reception(fixtures));
		admin.logIn(staff.username(), staff.password());
		String page = admin.get("/dev/outbox").body();
		assertThat(page).contains("utvecklingsverktyg")
			.contains(to)
			.contains("Your code to confirm this e-mail address is 771204.")
			.contains("Samtal – your code")
			.contains(number)
			.contains("Samtal: kontoen din slettes 2026-07-01 hvis du ikke logger inn før det.")
			.contains(">nb<")
			.contains(">en<");
		assertThat(page.indexOf(number)).as("newest first").isLessThan(page.indexOf(to));

		Http counselor = new Http(port);
		Fixtures.Staff someone = fixtures.counselor(place.reception(fixtures));
		counselor.logIn(someone.username(), someone.password());
		assertThat(counselor.get("/dev/outbox").statusCode()).isEqualTo(403);
		var anonymous = new Http(port).get("/dev/outbox");
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login");
	}

	@Test
	void theOutboxForgetsRecipientAndTextAfterADay() {
		String number = NotificationDeliveryTests.number();
		UUID id = notifications.send(Channel.SMS, number, "contact-code", "sv", Map.of("code", "1", "minutes", "5"),
				"client:" + UUID.randomUUID(), null);
		await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("SENT"));

		clock.advance(Duration.ofHours(23));
		dispatcher.dispatchDue();
		assertThat(row(id).get("recipient")).isEqualTo(number);
		clock.advance(Duration.ofHours(2));
		dispatcher.dispatchDue();
		assertThat(row(id)).containsEntry("recipient", null).containsEntry("body", null).containsEntry("subject", null)
			.containsEntry("status", "SENT");
	}

	@Test
	void erasingASubjectRemovesWhatTheOutboxKeeps() {
		String subject = "request:" + UUID.randomUUID();
		UUID id = notifications.send(Channel.EMAIL, "asker@example.org", "request-answer", "sv",
				Map.of("link", "https://samtal.example/answer/1"), subject, null);
		await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("SENT"));
		assertThat(notifications.eraseSubject(subject)).isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM notification_message WHERE id = ?").param(id).query(Integer.class)
			.single()).isZero();
	}

	@Test
	void badInputIsRefusedAndNothingIsQueued() {
		String subject = "client:" + UUID.randomUUID();
		Map<String, String> code = Map.of("code", "123456", "minutes", "10");
		for (String address : List.of("not-an-address", "kim@", "@example.org", "kim@example", "Kim <kim@example.org>",
				"kim@example.org\r\nBcc: eve@example.org", "kim @example.org", "kim@exa_mple.org", "")) {
			assertThatThrownBy(() -> notifications.send(Channel.EMAIL, address, "contact-code", "sv", code, subject, null))
				.as(address).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("kim");
		}
		for (String number : List.of("0701234567", "46701234567", "+46 70 123 45 67", "+0701234567", "+4670",
				"+467012345678901234", "+46701234567\n")) {
			assertThatThrownBy(() -> notifications.send(Channel.SMS, number, "contact-code", "sv", code, subject, null))
				.as(number).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("0701");
		}
		assertThatThrownBy(() -> notifications.send(Channel.SMS, "kim@example.org", "contact-code", "sv", code, subject,
				null)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> notifications.send(Channel.EMAIL, "kim@example.org", "booking-reminder", "sv", code,
				subject, null)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> notifications.send(Channel.EMAIL, "kim@example.org", "contact-code", "fi", code,
				subject, null)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> notifications.send(Channel.EMAIL, "kim@example.org", "contact-code", "sv",
				Map.of("code", "123456"), subject, null)).isInstanceOf(IllegalArgumentException.class);
		Map<String, String> withBreak = new HashMap<>(code);
		withBreak.put("code", "12\n34");
		assertThatThrownBy(() -> notifications.send(Channel.EMAIL, "kim@example.org", "contact-code", "sv", withBreak,
				subject, null)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> notifications.send(Channel.EMAIL, "kim@example.org", "contact-code", "sv", code, " ",
				null)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> notifications.send(Channel.EMAIL, "kim@example.org", "contact-code", "sv", code,
				subject, "Reminders!")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> notifications.send(null, "kim@example.org", "contact-code", "sv", code, subject, null))
			.isInstanceOf(IllegalArgumentException.class);

		assertThat(jdbc.sql("SELECT count(*) FROM notification_message WHERE subject = ?").param(subject)
			.query(Integer.class).single()).isZero();
		UUID fine = notifications.send(Channel.SMS, "+46701234567", "contact-code", "sv", code, subject, null);
		assertThat(fine).isNotNull();
	}

	private String status(UUID id) {
		return (String) row(id).get("status");
	}

	private Map<String, Object> row(UUID id) {
		return jdbc.sql("SELECT * FROM notification_message WHERE id = ?").param(id).query().singleRow();
	}

	/** One reception for the whole test, made on first use. */
	static final class Reception {

		private org.samtal.tenancy.Reception made;

		org.samtal.tenancy.Reception reception(Fixtures fixtures) {
			if (made == null) {
				made = fixtures.openReception();
			}
			return made;
		}
	}
}
