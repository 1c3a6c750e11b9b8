package org.samtal.privacy;

import java.time.Period;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How long a category is kept: from a trigger event, for a period, then deleted or anonymised; with the legal source
 * of the rule, and the bounds within which an organisation may set its own period.
 */
public record RetentionRule(Trigger trigger, Period keptFor, Action action, String legalSource, Period minimum,
		Period maximum, Set<Trigger> alternativeTriggers, Map<String, Period> countryPeriods) {

	/** The event a retention period counts from. */
	public enum Trigger {
		CONVERSATION_ENDED, CREATED, LAST_FAILED_LOGIN, ACCOUNT_CLOSED, ORGANISATION_LEFT,
		/** The last login, and only while the client has no ongoing case. */
		LAST_LOGIN_WITHOUT_ONGOING_CASE, SENT, LAST_CONTACT,
		/** The end of the fiscal year the record belongs to. */
		FISCAL_YEAR_ENDED, LAST_ENTRY, PACKAGE_COMPLETED, DISPATCHED, HANDLED, CONSENT_WITHDRAWN, CUSTOMER_LEFT,
		FOLLOW_UP_ENDED, APPOINTMENT_HELD
	}

	public enum Action {
		DELETE, ANONYMISE
	}

	public RetentionRule(Trigger trigger, Period keptFor, Action action, String legalSource, Period minimum,
			Period maximum) {
		this(trigger, keptFor, action, legalSource, minimum, maximum, Set.of(), Map.of());
	}

	public RetentionRule {
		alternativeTriggers = Set.copyOf(alternativeTriggers);
		countryPeriods = Map.copyOf(countryPeriods);
		if (keptFor.isNegative() || days(minimum) > days(keptFor) || days(keptFor) > days(maximum)) {
			throw new IllegalArgumentException("A retention period must lie within its own bounds: " + minimum
					+ " ≤ " + keptFor + " ≤ " + maximum);
		}
	}

	/** A rule no organisation may change. */
	public static RetentionRule fixed(Trigger trigger, Period keptFor, Action action, String legalSource) {
		return new RetentionRule(trigger, keptFor, action, legalSource, keptFor, keptFor);
	}

	/** The same rule, letting an organisation count from another event instead (e.g. a completed package). */
	public RetentionRule orFrom(Trigger alternative) {
		Set<Trigger> alternatives = new HashSet<>(alternativeTriggers);
		alternatives.add(alternative);
		return new RetentionRule(trigger, keptFor, action, legalSource, minimum, maximum, alternatives, countryPeriods);
	}

	/** The same rule, with another default period where the law of one country says so (e.g. NO bookkeeping). */
	public RetentionRule in(String country, Period period) {
		if (!allows(period)) {
			throw new IllegalArgumentException(country + ": " + period + " lies outside " + minimum + "–" + maximum);
		}
		Map<String, Period> periods = new HashMap<>(countryPeriods);
		periods.put(country, period);
		return new RetentionRule(trigger, keptFor, action, legalSource, minimum, maximum, alternativeTriggers, periods);
	}

	/** The default period for an organisation in this country (ISO 3166 code). */
	public Period keptForIn(String country) {
		return countryPeriods.getOrDefault(country, keptFor);
	}

	public boolean allowsTrigger(Trigger chosen) {
		return trigger == chosen || alternativeTriggers.contains(chosen);
	}

	public boolean allows(Period period) {
		return !period.isNegative() && days(minimum) <= days(period) && days(period) <= days(maximum);
	}

	/** Periods compare by their approximate length in days: a year is 365 days, a month 30. */
	static long days(Period period) {
		return period.getYears() * 365L + period.getMonths() * 30L + period.getDays();
	}
}
