package org.samtal.privacy;

import java.time.Period;

/**
 * How long a category is kept: from a trigger event, for a period, then deleted or anonymised; with the legal source
 * of the rule, and the bounds within which an organisation may set its own period.
 */
public record RetentionRule(Trigger trigger, Period keptFor, Action action, String legalSource, Period minimum,
		Period maximum) {

	public enum Trigger {
		CONVERSATION_ENDED, CREATED, LAST_FAILED_LOGIN, ACCOUNT_CLOSED, ORGANISATION_LEFT
	}

	public enum Action {
		DELETE, ANONYMISE
	}

	public RetentionRule {
		if (keptFor.isNegative() || days(minimum) > days(keptFor) || days(keptFor) > days(maximum)) {
			throw new IllegalArgumentException("A retention period must lie within its own bounds: " + minimum
					+ " ≤ " + keptFor + " ≤ " + maximum);
		}
	}

	/** A rule no organisation may change. */
	public static RetentionRule fixed(Trigger trigger, Period keptFor, Action action, String legalSource) {
		return new RetentionRule(trigger, keptFor, action, legalSource, keptFor, keptFor);
	}

	public boolean allows(Period period) {
		return !period.isNegative() && days(minimum) <= days(period) && days(period) <= days(maximum);
	}

	/** Periods compare by their approximate length in days: a year is 365 days, a month 30. */
	static long days(Period period) {
		return period.getYears() * 365L + period.getMonths() * 30L + period.getDays();
	}
}
