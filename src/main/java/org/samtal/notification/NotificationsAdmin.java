package org.samtal.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.samtal.privacy.NoClientData;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Admins see which messages failed or are being retried, and how many messages went which way in the last 30 days:
 * never to whom, what they said or whom they concern (the table no longer holds that once a message is done).
 */
@Controller
class NotificationsAdmin {

	static final Duration WINDOW = Duration.ofDays(30);
	static final int SHOWN = 200;
	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

	private final Messages messages;
	private final Clock clock;
	private final Dispatcher dispatcher;

	NotificationsAdmin(Messages messages, Clock clock, Dispatcher dispatcher) {
		this.messages = messages;
		this.clock = clock;
		this.dispatcher = dispatcher;
	}

	/** One row of the page, times already in UTC text. */
	record Row(UUID id, String createdAt, Channel channel, String template, String status, int attempts,
			String lastError, String nextAttemptAt) {
	}

	@NoClientData("message metadata only: channel, template, status, attempts, error class or provider status and "
			+ "times; no recipient, content or subject")
	@GetMapping("/admin/notifications")
	String notifications(Model model) {
		Instant since = clock.instant().minus(WINDOW);
		List<Row> rows = messages.troubles(since, SHOWN)
			.stream()
			.map(t -> new Row(t.id(), UTC.format(t.createdAt()), t.channel(), t.template(), t.status(), t.attempts(),
					t.lastError(), t.nextAttemptAt() == null ? null : UTC.format(t.nextAttemptAt())))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("counts", messages.countsSince(since));
		model.addAttribute("maxAttempts", dispatcher.maxAttempts());
		return "admin-notifications";
	}
}
