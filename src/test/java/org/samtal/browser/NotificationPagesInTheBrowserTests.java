package org.samtal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.samtal.browser.AccessibleChatTests.assertNoSeriousViolations;
import static org.samtal.browser.People.counselorLogsIn;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.samtal.notification.Channel;
import org.samtal.notification.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An admin finds failed notifications, and in development what would have been sent, in pages that pass axe-core. */
@SamtalTest
class NotificationPagesInTheBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@Autowired
	Fixtures fixtures;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	void anAdminSeesFailedMessagesWithoutRecipientsAndTheDevelopmentOutbox() {
		// A message that failed for good: only metadata is left, as the outbox leaves it.
		jdbc.sql("""
				INSERT INTO notification_message (id, channel, template, language, status, attempts, last_error,
				                                  created_at, finished_at)
				VALUES (?, 'SMS', 'reset-code', 'sv', 'FAILED', 5, 'ConnectException', ?, ?)""")
			.params(UUID.randomUUID(), Timestamp.from(clock.instant()), Timestamp.from(clock.instant()))
			.update();
		UUID sent = notifications.send(Channel.EMAIL, "alex@example.org", "request-code", "sv",
				Map.of("code", "580113", "minutes", "30"), "request:" + UUID.randomUUID(), null);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("SELECT status FROM notification_message WHERE id = ?").param(sent)
				.query(String.class).single().equals("SENT"));

		Page admin = counselorLogsIn(chromium.newContext(), fixtures.admin(fixtures.openReception()));
		admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Notiser")).click();
		assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Notiser (e-post och sms)")))
			.isVisible();
		assertThat(admin.getByRole(AriaRole.CELL, new Page.GetByRoleOptions().setName("ConnectException")).first())
			.isVisible();
		assertNoSeriousViolations(admin, "the notifications page");

		admin.navigate("/dev/outbox");
		assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Till alex@example.org")).first())
			.isVisible();
		assertThat(admin.locator("main")).containsText("utvecklingsverktyg");
		assertThat(admin.locator("main")).containsText("580113");
		assertNoSeriousViolations(admin, "the development outbox");
	}
}
