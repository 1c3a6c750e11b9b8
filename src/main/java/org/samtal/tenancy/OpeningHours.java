package org.samtal.tenancy;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** One opening interval on a weekday, in the organisation's time zone. */
public record OpeningHours(DayOfWeek day, LocalTime opens, LocalTime closes) {

	public OpeningHours {
		if (!closes.isAfter(opens)) {
			throw new IllegalArgumentException("Opening hours must close after they open: " + opens + "-" + closes);
		}
	}

	boolean covers(DayOfWeek day, LocalTime time) {
		return this.day == day && !time.isBefore(opens) && time.isBefore(closes);
	}
}
