package org.samtal.notification;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The development outbox: what would have been sent on the channels that have no real sender configured. It exists
 * only while a channel is in outbox mode ({@link OutboxMode}); once SMTP and 46elks are configured, the URL is
 * gone. Only staff admins may open it, as it shows recipients and texts (one-time codes) for a short while. And only
 * where it is asked for ({@code samtal.notification.outbox.page=true}: the demo profile, tests): an installation that
 * simply has no SMS provider yet must not show any organisation's admin the clients' numbers and codes.
 */
@Controller
@Conditional(OutboxMode.class)
@ConditionalOnProperty(name = "samtal.notification.outbox.page", havingValue = "true")
class DevOutboxPage {

	static final int SHOWN = 100;
	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

	private final Messages messages;
	private final boolean emailToOutbox;
	private final boolean smsToOutbox;
	private final long keptHours;

	DevOutboxPage(Messages messages, Environment env,
			@Value("${samtal.notification.outbox.keep-content:P1D}") Duration keepContent) {
		this.messages = messages;
		this.emailToOutbox = OutboxMode.emailToOutbox(env);
		this.smsToOutbox = OutboxMode.smsToOutbox(env);
		this.keptHours = Math.max(1, keepContent.toHours());
	}

	record Row(UUID id, String createdAt, Channel channel, String language, String template, String recipient,
			String mailSubject, String body, String status) {
	}

	@PreAuthorize("hasRole('ADMIN')")
	@GetMapping("/dev/outbox")
	String outbox(Model model) {
		List<Row> rows = messages.outbox(SHOWN)
			.stream()
			.map(k -> new Row(k.id(), UTC.format(k.createdAt()), k.channel(), k.language(), k.template(),
					k.recipient(), k.mailSubject(), k.body(), k.status()))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("emailToOutbox", emailToOutbox);
		model.addAttribute("smsToOutbox", smsToOutbox);
		model.addAttribute("keptHours", keptHours);
		return "dev-outbox";
	}
}
