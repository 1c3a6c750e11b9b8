package org.samtal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTests {

	@Test
	void idsAreVersionSevenAndSortByTime() {
		UUID earlier = Ids.timeOrdered(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
		UUID later = Ids.timeOrdered(Clock.fixed(Instant.parse("2026-11-22T10:00:00.001Z"), ZoneOffset.UTC));
		assertThat(earlier.version()).isEqualTo(7);
		assertThat(earlier.variant()).isEqualTo(2);
		assertThat(earlier.toString().compareTo(later.toString())).isNegative();
	}

	@Test
	void idsInTheSameMillisecondDiffer() {
		Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
		Set<UUID> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			ids.add(Ids.timeOrdered(clock));
		}
		assertThat(ids).hasSize(10_000);
	}
}
