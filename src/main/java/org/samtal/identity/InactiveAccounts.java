package org.samtal.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.samtal.notification.Notifications;
import org.samtal.privacy.DataSubject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Warns a client 14 days before their account is deleted for 365 days without login, when they switched the warning
 * on and have a verified contact. Once per stretch of inactivity: a login starts a new one. The deletion itself is the
 * retention engine's ({@link ClientAccounts#clientAccountRecords}).
 */
@Component
class InactiveAccounts {

	static final Duration DELETED_AFTER = Duration.ofDays(365);
	static final Duration WARNED_BEFORE = Duration.ofDays(14);

	private final JdbcClient jdbc;
	private final Clock clock;
	private final Notifications notifications;
	private final ClientNotificationSettings settings;
	private final ClientContacts contacts;

	InactiveAccounts(JdbcClient jdbc, Clock clock, Notifications notifications, ClientNotificationSettings settings,
			ClientContacts contacts) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.notifications = notifications;
		this.settings = settings;
		this.contacts = contacts;
	}

	private record Due(UUID id, String username, String language, Instant lastLoginAt) {
	}

	/** @return how many warnings were sent */
	@Scheduled(fixedDelayString = "${samtal.client-accounts.warning-interval:PT6H}",
			initialDelayString = "${samtal.client-accounts.warning-initial-delay:PT5M}")
	@Transactional
	public int warn() {
		Instant now = clock.instant();
		List<Due> due = jdbc.sql("""
				SELECT id, username, language, last_login_at FROM client_account
				WHERE last_login_at <= ? AND (inactivity_warned_at IS NULL OR inactivity_warned_at < last_login_at)
				ORDER BY last_login_at LIMIT 1000""")
			.param(Timestamp.from(now.minus(DELETED_AFTER).plus(WARNED_BEFORE)))
			.query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("language"),
					rs.getTimestamp("last_login_at").toInstant()))
			.list();
		int sent = 0;
		for (Due account : due) {
			if (settings.inactivityWarning(account.id())) {
				LocalDate deletedOn = LocalDate.ofInstant(account.lastLoginAt().plus(DELETED_AFTER), ZoneOffset.UTC);
				// One message, to the verified e-mail address if there is one, else the verified mobile number.
				var contact = contacts.of(account.id()).stream().filter(ClientContacts.Contact::verified)
					.sorted((a, b) -> a.channel().compareTo(b.channel()))
					.findFirst();
				if (contact.isPresent()) {
					notifications.send(contact.get().channel(), contact.get().address(), "inactivity-warning",
							account.language(), Map.of("date", deletedOn.toString()),
							DataSubject.clientKey(account.id()), ClientNotificationSettings.INACTIVITY_WARNING.code());
					sent++;
				}
			}
			jdbc.sql("UPDATE client_account SET inactivity_warned_at = ? WHERE id = ?")
				.params(Timestamp.from(now), account.id())
				.update();
		}
		return sent;
	}
}
