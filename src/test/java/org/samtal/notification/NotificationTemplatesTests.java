package org.samtal.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every message renders in every language, whole, and says nothing about why someone might be using Samtal. */
class NotificationTemplatesTests {

	/** Words that would tell a reader of the message what kind of help the recipient seeks, in sv, nb and en. */
	static final List<String> REVEALING = List.of("mottagning", "mottak", "terapi", "therap", "klinik", "clinic",
			"ungdom", "youth", "spel", "gambl", "kurator", "behandl", "counsel", "rådgiv", "veiled", "hälsa", "helse",
			"health", "chatt", "chat", "psyk", "psych", "kbt", "cbt", "reception", "stöd", "støtte", "support");

	final Templates templates = new Templates();

	static Map<String, String> valuesFor(Templates templates, String template, Channel channel) {
		Map<String, String> all = Map.of("code", "493817", "minutes", "15", "date", "2026-07-01", "link",
				"https://samtal.example/r/abc", "reason", "Many requests arrived at once");
		return all.entrySet()
			.stream()
			.filter(e -> templates.placeholders(template, channel).contains(e.getKey()))
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	@Test
	void everyTemplateRendersInEveryLanguageOnBothChannelsWithNoPlaceholderLeft() {
		for (String template : Templates.NAMES) {
			for (String language : Templates.LANGUAGES) {
				for (Channel channel : Channel.values()) {
					Map<String, String> values = valuesFor(templates, template, channel);
					Templates.Rendered text = templates.render(template, language, channel, values);
					String what = template + " " + language + " " + channel;
					String all = (text.subject() == null ? "" : text.subject()) + "\n" + text.body();
					assertThat(all).as(what).doesNotContain("{").doesNotContain("}").contains("Samtal");
					values.values().forEach(value -> assertThat(text.body()).as(what).contains(value));
					if (channel == Channel.EMAIL) {
						assertThat(text.subject()).as(what).isNotBlank().doesNotContain("\n");
					}
					else {
						assertThat(text.subject()).isNull();
						assertThat(text.body().length()).as(what + " fits one SMS").isLessThanOrEqualTo(160);
					}
				}
			}
		}
	}

	@Test
	void noMessageSaysAnythingAboutAReceptionAKindOfServiceOrHealth() {
		for (String template : Templates.NAMES) {
			for (String language : Templates.LANGUAGES) {
				for (Channel channel : Channel.values()) {
					Templates.Rendered text = templates.render(template, language, channel,
							valuesFor(templates, template, channel));
					String all = ((text.subject() == null ? "" : text.subject()) + " " + text.body())
						.toLowerCase(Locale.ROOT);
					for (String word : REVEALING) {
						assertThat(all).as(template + " " + language + " " + channel + " mentions " + word)
							.doesNotContain(word);
					}
				}
			}
		}
	}

	@Test
	void theLanguagesUseTheSamePlaceholders() {
		assertThat(templates.placeholders("contact-code", Channel.SMS)).containsExactly("code", "minutes");
		assertThat(templates.placeholders("inactivity-warning", Channel.EMAIL)).containsExactly("date");
		assertThat(templates.placeholders("request-answer", Channel.EMAIL)).containsExactly("link");
		for (String language : Templates.LANGUAGES) {
			assertThat(templates.render("reset-code", language, Channel.EMAIL, Map.of("code", "1", "minutes", "2"))
				.body()).contains("1").contains("2");
		}
	}

	@Test
	void anUnknownTemplateOrLanguageAMissingOrUnusedValueOrALineBreakIsRefused() {
		Map<String, String> code = Map.of("code", "123456", "minutes", "10");
		assertThatThrownBy(() -> templates.render("appointment-reminder", "sv", Channel.SMS, code))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown template");
		assertThatThrownBy(() -> templates.render("contact-code", "de", Channel.SMS, code))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown language");
		assertThatThrownBy(() -> templates.render("contact-code", "no", Channel.SMS, code))
			.as("a message is in one of the three exact languages").isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> templates.render("contact-code", "sv", Channel.SMS, Map.of("code", "123456")))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{minutes}");
		assertThatThrownBy(() -> templates.render("contact-code", "sv", Channel.SMS,
				Map.of("code", "1", "minutes", "10", "reception", "Spelstödet")))
			.as("no value can slip in beside the template").isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("reception");
		assertThatThrownBy(() -> templates.render("request-answer", "en", Channel.EMAIL,
				Map.of("link", "https://x.example\r\nBcc: someone@example.org")))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character");
	}

	@Test
	void valuesGoInAsPlainTextAndAreNeverInterpreted() {
		Templates.Rendered text = templates.render("contact-code", "en", Channel.EMAIL,
				Map.of("code", "<b>12</b>&amp;$1\\", "minutes", "10"));
		assertThat(text.body()).contains("<b>12</b>&amp;$1\\");
	}
}
