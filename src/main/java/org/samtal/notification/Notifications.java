package org.samtal.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.samtal.platform.Ids;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends e-mail and SMS to clients and to people who made a data-subject request, from fixed, privacy-safe templates
 * (see {@link Templates}). The message goes into the outbox in the caller's transaction and out once it commits.
 */
@Service
public class Notifications {

	static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
	/** A plain address: no display name, comments, quotes, brackets or spaces. */
	static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
	static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
	static final int MAX_SUBJECT = 100;

	private final Templates templates;
	private final Messages messages;
	private final Dispatcher dispatcher;
	private final Clock clock;

	Notifications(Templates templates, Messages messages, Dispatcher dispatcher, Clock clock) {
		this.templates = templates;
		this.messages = messages;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	/**
	 * Queues one message, rendered from a template in the given language ("sv", "nb" or "en"), and sends it after the
	 * caller's transaction commits (nothing is sent if it rolls back), retrying on failure.
	 * @param to an e-mail address (EMAIL) or a mobile number in E.164 form, e.g. +46701234567 (SMS)
	 * @param template one of the template names below; values fill its {name} placeholders
	 * @param subject whose contact detail this is, e.g. "client:<uuid>" or "request:<uuid>", for consent and erasure
	 * @param purpose null when the recipient asked for this very message (a one-time code, a requested answer);
	 *        otherwise a consent purpose code, and the message is sent only while NotificationConsent allows it,
	 *        checked again before every attempt
	 * @return the message id
	 * @throws IllegalArgumentException for an unknown template or language, a malformed address/number, or a value
	 *         missing for a placeholder (also for a value no placeholder uses, or one with a line break or other
	 *         control character: messages are plain text)
	 */
	@Transactional
	public UUID send(Channel channel, String to, String template, String language, Map<String, String> values,
			String subject, String purpose) {
		if (channel == null) {
			throw new IllegalArgumentException("No channel");
		}
		Templates.Rendered text = templates.render(template, language, channel, values);
		String recipient = validRecipient(channel, to);
		if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT
				|| subject.chars().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("A subject key such as client:<uuid> is needed, at most " + MAX_SUBJECT
					+ " characters");
		}
		if (purpose != null && !PURPOSE.matcher(purpose).matches()) {
			throw new IllegalArgumentException("Not a consent purpose code: lower-case letters, digits and dashes");
		}
		UUID id = Ids.timeOrdered(clock);
		messages.queue(id, channel, template, language, recipient, text.subject(), text.body(), subject, purpose,
				clock.instant());
		dispatcher.afterCommit(id);
		return id;
	}

	/** Erases everything kept about a subject's messages (addresses and content), queued or sent; returns how many. */
	@Transactional
	public int eraseSubject(String subject) {
		if (subject == null || subject.isBlank()) {
			return 0;
		}
		return messages.deleteSubject(subject);
	}

	/** Whether a message on this channel can go to this address or number, for forms to check before they keep it. */
	public static boolean canSendTo(Channel channel, String to) {
		try {
			validRecipient(channel, to);
			return true;
		}
		catch (IllegalArgumentException not) {
			return false;
		}
	}

	private static String validRecipient(Channel channel, String to) {
		if (to == null) {
			throw new IllegalArgumentException("No recipient");
		}
		if (channel == Channel.SMS) {
			if (!E164.matcher(to).matches()) {
				// Never the number itself in the message: exceptions end up in logs.
				throw new IllegalArgumentException("Not a mobile number in E.164 form (+46701234567)");
			}
			return to;
		}
		if (to.length() > 254 || !EMAIL.matcher(to).matches()) {
			throw new IllegalArgumentException("Not an e-mail address");
		}
		try {
			new InternetAddress(to, true).validate();
		}
		catch (AddressException e) {
			throw new IllegalArgumentException("Not an e-mail address");
		}
		return to;
	}
}
