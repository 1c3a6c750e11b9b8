package org.samtal.tenancy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A mottagning: where visitors start chats and counselors work. Opening hours are in the organisation's zone. */
public record Reception(UUID id, String slug, String name, Organisation organisation, boolean chatEnabled,
		boolean alwaysOpen, LocalizedText welcome, Optional<PreChatForm> preChatForm, List<OpeningHours> openingHours) {

	public Reception {
		openingHours = List.copyOf(openingHours);
	}

	public boolean isOpenAt(Instant instant) {
		if (alwaysOpen) {
			return true;
		}
		ZonedDateTime local = instant.atZone(organisation.timeZone());
		DayOfWeek day = local.getDayOfWeek();
		LocalTime time = local.toLocalTime();
		return openingHours.stream().anyMatch(hours -> hours.covers(day, time));
	}

	/** Chat can start now: it is switched on and the reception is open. */
	public boolean acceptsChatAt(Instant instant) {
		return chatEnabled && isOpenAt(instant);
	}
}
