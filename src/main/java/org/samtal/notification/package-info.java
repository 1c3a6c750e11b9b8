/**
 * E-mail (SMTP) and SMS (46elks) notifications: templates in Swedish, bokmål and English, a transactional outbox
 * that sends after the caller's commit, retries with backoff, re-checks consent before every attempt, and shows its
 * failures to admins at {@code /admin/notifications}. Other modules call {@link org.samtal.notification.Notifications}
 * and answer {@link org.samtal.notification.NotificationConsent}.
 * <p>
 * Personal data kept (category NOTIFICATION, the platform operator is its controller): for each message, the
 * recipient's e-mail address or mobile number, the rendered text (which may hold a one-time code or a link), and the
 * subject it concerns (a pseudonymous key such as {@code client:<uuid>}), only while the message waits to be sent.
 * As soon as it is sent, skipped (consent withdrawn) or finally failed, address, text and subject are erased in the
 * same statement; what remains is metadata with nothing about a person (channel, template, language, purpose code,
 * status, attempts, the last error as a class name or provider status, times), deleted by the retention engine 30
 * days after it was created. {@link org.samtal.notification.Notifications#eraseSubject} deletes a subject's messages
 * at once.
 * <p>
 * Development outbox: a channel with no real sender configured (no {@code spring.mail.host}; or
 * {@code samtal.notification.sms.provider=outbox}, the default without 46elks credentials) sends nothing. Its messages
 * are marked sent via the outbox and keep their recipient and text for {@code samtal.notification.outbox.keep-content}
 * (1 day by default), so that staff admins can see at {@code /dev/outbox} what would have been sent; then they are
 * erased like any other. That page exists only while some channel is in outbox mode, and a warning at start-up says
 * so. The erasure rules, and {@code eraseSubject}, apply to outbox messages too.
 * <p>
 * Never logged: addresses, numbers, texts, values and subjects. Errors are recorded as an exception's class name or
 * the provider's HTTP status only.
 */
@ApplicationModule(displayName = "Notification")
package org.samtal.notification;

import org.springframework.modulith.ApplicationModule;
