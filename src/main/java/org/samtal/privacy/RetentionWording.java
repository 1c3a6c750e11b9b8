package org.samtal.privacy;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;

/**
 * Says in plain words how long a category is kept, from the same trigger, period and action the retention engine
 * acts on: "Raderas direkt när konversationen avslutas.", "Sparas i 12 månader efter den senaste kontakten och raderas
 * sedan.". The sentences are in the notices bundles ({@code retention.*}, {@code when.*}, {@code after.*},
 * {@code period.*}); only ordinals are grammar in code.
 */
class RetentionWording {

	private final MessageSource messages;

	RetentionWording(MessageSource messages) {
		this.messages = messages;
	}

	String describe(RegisterEntry entry, Locale locale) {
		return describe(entry.countedFrom(), entry.keptFor(), entry.action(), locale);
	}

	String describe(RetentionRule.Trigger trigger, Period keptFor, RetentionRule.Action action, Locale locale) {
		boolean anonymise = action == RetentionRule.Action.ANONYMISE;
		if (keptFor.isZero()) {
			return text(anonymise ? "retention.anonymiseAt" : "retention.deleteAt", locale,
					text("when." + trigger.name(), locale));
		}
		String period = period(keptFor, locale);
		String after = text("after." + trigger.name(), locale);
		if (anonymise) {
			return text("retention.anonymise", locale, period, after);
		}
		// An event may need a sentence of its own: an account is not kept for a period, it goes after a stretch
		// without login while no case is ongoing, and says so in the words the client knows from the seed policies.
		String own = messages.getMessage("retention.keep." + trigger.name(), new Object[] { period, after }, null,
				locale);
		if (own != null) {
			return own;
		}
		// Bookkeeping law counts whole years after the fiscal year: "till the end of the 7th year after it".
		if (trigger == RetentionRule.Trigger.FISCAL_YEAR_ENDED && keptFor.getMonths() == 0 && keptFor.getDays() == 0) {
			return text("retention.keepToYearEnd", locale, ordinal(keptFor.getYears(), locale));
		}
		return text("retention.keep", locale, period, after);
	}

	/** "1 år och 6 månader", "12 måneder", "365 days". */
	String period(Period period, Locale locale) {
		List<String> parts = new ArrayList<>();
		add(parts, period.getYears(), "year", locale);
		add(parts, period.getMonths(), "month", locale);
		add(parts, period.getDays(), "day", locale);
		if (parts.isEmpty()) {
			return text("period.none", locale);
		}
		if (parts.size() == 1) {
			return parts.getFirst();
		}
		String last = parts.removeLast();
		return String.join(", ", parts) + " " + text("period.and", locale) + " " + last;
	}

	private void add(List<String> parts, int amount, String unit, Locale locale) {
		if (amount != 0) {
			parts.add(text("period." + unit + (amount == 1 ? ".one" : ".other"), locale, String.valueOf(amount)));
		}
	}

	/** "7:e", "21:a", "7.", "7th": the forms the fiscal-year sentence needs. */
	static String ordinal(int n, Locale locale) {
		return switch (locale.getLanguage()) {
			case "nb" -> n + ".";
			case "en" -> n + switch (n % 100 >= 11 && n % 100 <= 13 ? 0 : n % 10) {
				case 1 -> "st";
				case 2 -> "nd";
				case 3 -> "rd";
				default -> "th";
			};
			// Swedish: 1:a, 2:a, 3:e … 11:e, 12:e … 21:a, 22:a
			default -> n + ((n % 10 == 1 || n % 10 == 2) && n % 100 != 11 && n % 100 != 12 ? ":a" : ":e");
		};
	}

	private String text(String key, Locale locale, Object... args) {
		try {
			return messages.getMessage(key, args.length == 0 ? null : args, locale);
		}
		catch (NoSuchMessageException missing) {
			// A trigger added without its wording: fail loudly in tests rather than publish a half sentence.
			throw new IllegalStateException("The notices bundle has no text " + key + " for " + locale, missing);
		}
	}
}
