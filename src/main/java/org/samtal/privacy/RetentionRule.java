package org.samtal.privacy;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How long a category is kept: from a trigger event, for a period, then deleted or anonymised; with the legal source
 * of the rule, and the bounds within which an organisation may set its own period.
 */
public record RetentionRule(Trigger trigger, Period keptFor, Action action, String legalSource, Period minimum,
		Period maximum, Set<Trigger> alternativeTriggers, Map<String, Period> countryPeriods,
		Map<String, Period> countryMinimums) {

	/** The event a retention period counts from. */
	public enum Trigger {
		CONVERSATION_ENDED, CREATED, LAST_FAILED_LOGIN, ACCOUNT_CLOSED, ORGANISATION_LEFT,
		/** The last login, and only while the client has no ongoing case. */
		LAST_LOGIN_WITHOUT_ONGOING_CASE, SENT, LAST_CONTACT,
		/**
		 * The end of the calendar year in which the record's fiscal year ended (bokföringslagen 7 kap. 2 § counts from
		 * there; for a fiscal year ending 30 June 2025 that is 31 December 2025).
		 */
		FISCAL_YEAR_ENDED, LAST_ENTRY, PACKAGE_COMPLETED, DISPATCHED, HANDLED, CONSENT_WITHDRAWN, CUSTOMER_LEFT,
		FOLLOW_UP_ENDED, APPOINTMENT_HELD,
		/**
		 * A staff account's closing, once no kept access-log entry or review names its holder: the log must say who read
		 * for as long as it keeps the entry (HSLF-FS 2016:40 4 kap. 9 §).
		 */
		ACCOUNT_CLOSED_AND_OUT_OF_ACCESS_LOG
	}

	public enum Action {
		DELETE, ANONYMISE
	}

	public RetentionRule(Trigger trigger, Period keptFor, Action action, String legalSource, Period minimum,
			Period maximum) {
		this(trigger, keptFor, action, legalSource, minimum, maximum, Set.of(), Map.of(), Map.of());
	}

	public RetentionRule {
		alternativeTriggers = Set.copyOf(alternativeTriggers);
		countryPeriods = Map.copyOf(countryPeriods);
		countryMinimums = Map.copyOf(countryMinimums);
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
		return new RetentionRule(trigger, keptFor, action, legalSource, minimum, maximum, alternatives, countryPeriods,
				countryMinimums);
	}

	/**
	 * The same rule, where the law of one country sets another default and floor (e.g. bookkeeping: 7 years in Sweden,
	 * 5 in Norway, with the declared bounds spanning both).
	 */
	public RetentionRule in(String country, Period period, Period floor) {
		if (!allows(period) || !allows(floor) || days(floor) > days(period)) {
			throw new IllegalArgumentException(country + ": " + floor + " ≤ " + period + " must lie within " + minimum
					+ "–" + maximum);
		}
		Map<String, Period> periods = new HashMap<>(countryPeriods);
		periods.put(country, period);
		Map<String, Period> floors = new HashMap<>(countryMinimums);
		floors.put(country, floor);
		return new RetentionRule(trigger, keptFor, action, legalSource, minimum, maximum, alternativeTriggers, periods,
				floors);
	}

	/** The shortest period an organisation in this country may choose. */
	public Period minimumIn(String country) {
		return countryMinimums.getOrDefault(country, minimum);
	}

	/** Whether an organisation in this country may keep the category this long. */
	public boolean allows(Period period, String country) {
		return allows(period) && days(minimumIn(country)) <= days(period);
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

	/**
	 * Periods compare by their length in days from one fixed day, so 60 months equal 5 years and 1,825 days fall a
	 * day short of them (the span holds a leap day), as the compliance lint counts too.
	 */
	static long days(Period period) {
		return ChronoUnit.DAYS.between(FROM, FROM.plus(period));
	}

	private static final LocalDate FROM = LocalDate.of(2001, 1, 1);
}
