package org.samtal.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** The real sender of each channel, or none when the channel is in outbox mode (see {@link OutboxMode}). */
@Component
class Deliveries {

	private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

	private final Map<Channel, Delivery> real = new EnumMap<>(Channel.class);

	Deliveries(Environment env, ObjectProvider<JavaMailSender> mail,
			@Value("${samtal.notification.mail.from:Samtal <no-reply@localhost>}") String from,
			@Value("${samtal.notification.sms.base-url:https://api.46elks.com/a1}") String smsBaseUrl,
			@Value("${samtal.notification.sms.username:}") String smsUsername,
			@Value("${samtal.notification.sms.password:}") String smsPassword,
			@Value("${samtal.notification.sms.from:Samtal}") String smsFrom,
			@Value("${samtal.notification.timeout:PT20S}") Duration timeout) {
		if (!OutboxMode.emailToOutbox(env)) {
			JavaMailSender sender = mail.getIfAvailable();
			if (sender == null) {
				throw new IllegalStateException("spring.mail.host is set, but no JavaMailSender was configured");
			}
			real.put(Channel.EMAIL, new MailDelivery(sender, fromAddress(from)));
		}
		if (!OutboxMode.smsToOutbox(env)) {
			if (smsUsername.isBlank() || smsPassword.isBlank()) {
				throw new IllegalStateException(
						"samtal.notification.sms.provider=46elks needs samtal.notification.sms.username and .password");
			}
			if (!smsFrom.matches("[A-Za-z][A-Za-z0-9]{2,10}|\\+[1-9][0-9]{6,14}")) {
				throw new IllegalStateException("samtal.notification.sms.from must be 3-11 letters or digits starting "
						+ "with a letter, or a number in E.164 form (46elks' rule)");
			}
			real.put(Channel.SMS, new ElksSms(smsBaseUrl, smsUsername, smsPassword, smsFrom, timeout));
		}
		for (Channel channel : Channel.values()) {
			if (!real.containsKey(channel)) {
				log.warn("{} notifications are NOT sent: no sender is configured, so they go to the development "
						+ "outbox (/dev/outbox) instead", channel);
			}
		}
	}

	/** The real sender, or null when the channel's messages go to the development outbox. */
	Delivery of(Channel channel) {
		return real.get(channel);
	}

	private static InternetAddress fromAddress(String from) {
		try {
			return InternetAddress.parse(from, true)[0];
		}
		catch (AddressException | ArrayIndexOutOfBoundsException e) {
			throw new IllegalStateException("samtal.notification.mail.from is not an e-mail address", e);
		}
	}
}
