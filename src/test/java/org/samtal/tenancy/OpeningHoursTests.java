package org.samtal.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.samtal.platform.Problems;

class OpeningHoursTests {

	static final Organisation OSLO = new Organisation(UUID.randomUUID(), "o", "O", Organisation.Country.NO, "1",
			ZoneId.of("Europe/Oslo"), "d", "d@o.example", "Datatilsynet");

	@Test
	void aReceptionIsOpenWithinItsHoursInTheOrganisationsTimeZone() {
		Reception weekdays = reception(false, List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(16, 0))));
		// 2026-11-23 is a Monday; Oslo is UTC+1 in November.
		assertThat(weekdays.isOpenAt(Instant.parse("2026-11-23T08:00:00Z"))).as("09:00 in Oslo").isTrue();
		assertThat(weekdays.isOpenAt(Instant.parse("2026-11-23T07:59:59Z"))).as("08:59 in Oslo").isFalse();
		assertThat(weekdays.isOpenAt(Instant.parse("2026-11-23T14:59:59Z"))).as("15:59 in Oslo").isTrue();
		assertThat(weekdays.isOpenAt(Instant.parse("2026-11-23T15:00:00Z"))).as("16:00 closes").isFalse();
		assertThat(weekdays.isOpenAt(Instant.parse("2026-11-24T10:00:00Z"))).as("Tuesday").isFalse();
	}

	@Test
	void anAlwaysOpenReceptionIsOpenAtNightAndChatNeedsChatSwitchedOn() {
		assertThat(reception(true, List.of()).isOpenAt(Instant.parse("2026-11-22T02:30:00Z"))).isTrue();
		Reception noChat = new Reception(UUID.randomUUID(), "r", "R", OSLO, false, true, LocalizedText.of("", "", ""),
				Optional.empty(), List.of());
		assertThat(noChat.acceptsChatAt(Instant.now())).isFalse();
	}

	@Test
	void openingHoursMustCloseAfterTheyOpen() {
		assertThatThrownBy(() -> new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(16, 0), LocalTime.of(9, 0)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void formAnswersMustBeChoicesTheFormOffers() {
		PreChatForm form = new PreChatForm(List.of(new PreChatForm.Field("age", LocalizedText.of("Ålder", "Alder", "Age"),
				true, List.of(new PreChatForm.Option("13-15", LocalizedText.of("13–15", "13–15", "13–15"))))));
		assertThat(form.validate(Map.of("age", " 13-15 "))).containsExactly(Map.entry("age", "13-15"));
		assertThatThrownBy(() -> form.validate(Map.of())).isInstanceOf(Problems.class).hasMessageContaining("age");
		assertThatThrownBy(() -> form.validate(Map.of("age", "<script>"))).isInstanceOf(Problems.class);
		assertThatThrownBy(() -> form.validate(Map.of("age", "13-15", "x".repeat(500), "y"))).isInstanceOf(Problems.class)
			.hasMessageContaining("…");
	}

	@Test
	void localizedTextFallsBackToWhatTheOrganisationWrote() {
		assertThat(new LocalizedText(Map.of("sv", "Hej")).in(Locale.ENGLISH)).isEqualTo("Hej");
		assertThat(LocalizedText.of("Hej", "Hei", "Hi").in(Locale.of("nb"))).isEqualTo("Hei");
	}

	private static Reception reception(boolean alwaysOpen, List<OpeningHours> hours) {
		return new Reception(UUID.randomUUID(), "r", "R", OSLO, true, alwaysOpen, LocalizedText.of("", "", ""),
				Optional.empty(), hours);
	}
}
