package org.samtal.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The texts of every message, in Swedish ({@code notification/templates.properties}), bokmål ({@code _nb}) and English
 * ({@code _en}). An e-mail has {@code <template>.email.subject} and {@code <template>.email.body} plus the common
 * {@code footer.email}; an SMS has {@code <template>.sms}. Placeholders are {@code {name}}; subjects have none, so no
 * value can reach a mail header.
 * <p>
 * Messages are plain text only: values are put in as they are, never interpreted as HTML, and a value with a control
 * character (such as a line break) is refused.
 */
@Component
class Templates {

	static final List<String> NAMES = List.of("contact-code", "reset-code", "inactivity-warning", "request-code",
			"request-answer", "request-extended");
	static final List<String> LANGUAGES = List.of("sv", "nb", "en");
	static final int MAX_VALUE = 500;

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

	private final Map<String, Properties> texts;

	Templates() {
		texts = Map.of("sv", load("notification/templates.properties"), "nb",
				load("notification/templates_nb.properties"), "en", load("notification/templates_en.properties"));
		for (String language : LANGUAGES) {
			for (String name : NAMES) {
				for (Channel channel : Channel.values()) {
					for (String key : keys(name, channel)) {
						if (texts.get(language).getProperty(key) == null) {
							throw new IllegalStateException("Template text missing: " + language + " " + key);
						}
					}
				}
			}
		}
	}

	/** What one message says. */
	record Rendered(String subject, String body) {
	}

	/**
	 * @throws IllegalArgumentException for an unknown template or language, a value missing for a placeholder, a
	 * value no placeholder uses, or a value that is too long or holds a control character
	 */
	Rendered render(String template, String language, Channel channel, Map<String, String> values) {
		if (template == null || !NAMES.contains(template)) {
			throw new IllegalArgumentException("Unknown template: " + template + "; known: " + NAMES);
		}
		if (language == null || !LANGUAGES.contains(language)) {
			throw new IllegalArgumentException("Unknown language: " + language + "; known: " + LANGUAGES);
		}
		if (channel == null) {
			throw new IllegalArgumentException("No channel");
		}
		Map<String, String> given = values == null ? Map.of() : values;
		Set<String> needed = placeholders(template, channel);
		Set<String> unused = new TreeSet<>(given.keySet());
		unused.removeAll(needed);
		if (!unused.isEmpty()) {
			throw new IllegalArgumentException(template + " has no placeholder for " + unused);
		}
		for (String name : needed) {
			String value = given.get(name);
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException(template + " needs a value for {" + name + "}");
			}
			if (value.length() > MAX_VALUE || value.chars().anyMatch(Character::isISOControl)) {
				throw new IllegalArgumentException(template + ": the value for {" + name
						+ "} is too long or holds a control character");
			}
		}
		Properties in = texts.get(language);
		if (channel == Channel.SMS) {
			return new Rendered(null, fill(in.getProperty(template + ".sms"), given));
		}
		return new Rendered(in.getProperty(template + ".email.subject"),
				fill(in.getProperty(template + ".email.body"), given) + "\n\n" + in.getProperty("footer.email"));
	}

	/** The placeholders a template's text for this channel uses (the same in every language). */
	Set<String> placeholders(String template, Channel channel) {
		Set<String> names = new LinkedHashSet<>();
		for (String key : keys(template, channel)) {
			Matcher m = PLACEHOLDER.matcher(texts.get("sv").getProperty(key));
			while (m.find()) {
				names.add(m.group(1));
			}
		}
		return names;
	}

	private static List<String> keys(String template, Channel channel) {
		return channel == Channel.SMS ? List.of(template + ".sms")
				: List.of(template + ".email.subject", template + ".email.body");
	}

	private static String fill(String text, Map<String, String> values) {
		Matcher m = PLACEHOLDER.matcher(text);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
		}
		m.appendTail(out);
		return out.toString();
	}

	private static Properties load(String resource) {
		Properties properties = new Properties();
		try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + resource);
			}
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return properties;
	}
}
