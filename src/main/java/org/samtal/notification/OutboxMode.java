package org.samtal.notification;

import java.util.Locale;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Which channels have no real sender, so that their messages go to the development outbox instead: e-mail without
 * {@code spring.mail.host}; SMS with {@code samtal.notification.sms.provider=outbox}, the default when no 46elks
 * username and password are set. As a {@link Condition}, it is true while at least one channel is in outbox mode.
 */
class OutboxMode implements Condition {

	static final String ELKS = "46elks";
	static final String OUTBOX = "outbox";

	static boolean emailToOutbox(PropertyResolver env) {
		return !StringUtils.hasText(env.getProperty("spring.mail.host"));
	}

	static boolean smsToOutbox(PropertyResolver env) {
		return smsProvider(env).equals(OUTBOX);
	}

	static String smsProvider(PropertyResolver env) {
		String chosen = env.getProperty("samtal.notification.sms.provider", "").trim().toLowerCase(Locale.ROOT);
		if (chosen.isEmpty()) {
			boolean credentials = StringUtils.hasText(env.getProperty("samtal.notification.sms.username"))
					&& StringUtils.hasText(env.getProperty("samtal.notification.sms.password"));
			return credentials ? ELKS : OUTBOX;
		}
		if (!chosen.equals(ELKS) && !chosen.equals(OUTBOX)) {
			throw new IllegalStateException(
					"samtal.notification.sms.provider must be 46elks or outbox, not " + chosen);
		}
		return chosen;
	}

	static boolean active(PropertyResolver env) {
		return emailToOutbox(env) || smsToOutbox(env);
	}

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return active(context.getEnvironment());
	}
}
