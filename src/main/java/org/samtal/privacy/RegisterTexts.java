package org.samtal.privacy;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The register in plain words, in the reader's language: category names, legal bases, and retention rules such as
 * "kept for 10 years, counted after the last entry; then deleted". Purposes, recipients and legal sources stay as the
 * modules declare them.
 */
@Component
class RegisterTexts {

	private final MessageSource messages;

	RegisterTexts(MessageSource messages) {
		this.messages = messages;
	}

	String category(DataCategory category, Locale locale) {
		return text("category." + category.name(), locale);
	}

	String basis(LegalBasis.Article6 basis, Locale locale) {
		return text("basis." + basis.name(), locale);
	}

	/** Empty for {@link LegalBasis.Article9#NONE}. */
	String condition(LegalBasis.Article9 condition, Locale locale) {
		return text("condition." + condition.name(), locale);
	}

	String trigger(RetentionRule.Trigger trigger, Locale locale) {
		return text("trigger." + trigger.name(), locale);
	}

	String period(Period period, Locale locale) {
		if (period.isZero()) {
			return text("period.none", locale);
		}
		List<String> parts = new ArrayList<>();
		if (period.getYears() != 0) {
			parts.add(text("period.years", locale, period.getYears()));
		}
		if (period.getMonths() != 0) {
			parts.add(text("period.months", locale, period.getMonths()));
		}
		if (period.getDays() != 0) {
			parts.add(text("period.days", locale, period.getDays()));
		}
		return String.join(" ", parts);
	}

	/** "Deleted when the conversation ends." or "Kept for 10 years, counted after the last entry; then deleted." */
	String retention(RetentionRule.Trigger countedFrom, Period keptFor, RetentionRule.Action action, Locale locale) {
		return keptFor.isZero() ? text("retention.at." + action.name(), locale, trigger(countedFrom, locale))
				: text("retention.after." + action.name(), locale, period(keptFor, locale), trigger(countedFrom, locale));
	}

	String retention(RegisterEntry entry, Locale locale) {
		return retention(entry.countedFrom(), entry.keptFor(), entry.action(), locale);
	}

	/** "exactly 5 years", "at most 20 years" or "between 5 years and 10 years". */
	String bounds(RetentionRule rule, Locale locale) {
		return bounds(rule.minimum(), rule.maximum(), locale);
	}

	/** The bounds for an organisation in this country, whose law may set a higher floor. */
	String bounds(RetentionRule rule, String country, Locale locale) {
		return bounds(rule.minimumIn(country), rule.maximum(), locale);
	}

	private String bounds(Period minimum, Period maximum, Locale locale) {
		if (minimum.equals(maximum)) {
			return minimum.isZero() ? text("bounds.fixedZero", locale)
					: text("bounds.fixed", locale, period(minimum, locale));
		}
		return minimum.isZero() ? text("bounds.atMost", locale, period(maximum, locale))
				: text("bounds.range", locale, period(minimum, locale), period(maximum, locale));
	}

	/** The events a category may count from, the declared one first. */
	List<RetentionRule.Trigger> allowedTriggers(RetentionRule rule) {
		Set<RetentionRule.Trigger> alternatives = new TreeSet<>(rule.alternativeTriggers());
		alternatives.remove(rule.trigger());
		List<RetentionRule.Trigger> allowed = new ArrayList<>(List.of(rule.trigger()));
		allowed.addAll(alternatives);
		return allowed;
	}

	String triggers(RetentionRule rule, Locale locale) {
		return allowedTriggers(rule).stream()
			.map(trigger -> trigger(trigger, locale))
			.collect(Collectors.joining(" " + text("words.or", locale) + " "));
	}

	String finding(ComplianceLint.Finding finding, Locale locale) {
		return text(finding.messageKey(), locale, retention(finding.entry(), locale),
				bounds(finding.entry().declaration().retention(), locale));
	}

	String text(String key, Locale locale, Object... arguments) {
		return messages.getMessage(key, arguments, locale);
	}
}
