package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long a retention run rests after each piece of its work (samtal.retention.duty-cycle, batch-pause). */
class RetentionPaceTests {

	private final SteppingClock clock = new SteppingClock();
	private final List<Duration> rests = new ArrayList<>();

	@Test
	void atAFullDutyCycleARunNeverRests() {
		RetentionPace pace = new RetentionPace(clock, 1, Duration.ZERO, rests::add);

		clock.step = Duration.ofMillis(80);
		assertThat(pace.work(() -> 42)).isEqualTo(42);

		assertThat(rests).isEmpty();
	}

	@Test
	void atHalfDutyCycleARunRestsAsLongAsEachPieceOfWorkTook() {
		RetentionPace pace = new RetentionPace(clock, 0.5, Duration.ZERO, rests::add);

		clock.step = Duration.ofMillis(80);
		pace.work(() -> 1);
		clock.step = Duration.ofMillis(30);
		pace.work(() -> 2);

		assertThat(rests).containsExactly(Duration.ofMillis(80), Duration.ofMillis(30));
	}

	@Test
	void theLowerTheDutyCycleTheLongerTheRestSoTheRunWorksAtMostThatShareOfTheTime() {
		RetentionPace pace = new RetentionPace(clock, 0.25, Duration.ZERO, rests::add);

		clock.step = Duration.ofMillis(40);
		pace.work(() -> 1);

		assertThat(rests).containsExactly(Duration.ofMillis(120));
	}

	@Test
	void workSlowedDownByABusyMachineEarnsALongerRest() {
		RetentionPace pace = new RetentionPace(clock, 0.5, Duration.ZERO, rests::add);

		assertThat(pace.restAfter(Duration.ofMillis(200))).isGreaterThan(pace.restAfter(Duration.ofMillis(20)));
	}

	@Test
	void theFixedPauseComesOnTopOfTheProportionalRest() {
		RetentionPace pace = new RetentionPace(clock, 0.5, Duration.ofMillis(5), rests::add);

		clock.step = Duration.ofMillis(10);
		pace.work(() -> 1);

		assertThat(rests).containsExactly(Duration.ofMillis(15));
		assertThat(new RetentionPace(clock, 1, Duration.ofMillis(5), rests::add).restAfter(Duration.ZERO))
			.isEqualTo(Duration.ofMillis(5));
	}

	@Test
	void aDutyCycleOutsideItsRangeIsRefusedAtStart() {
		for (double wrong : new double[] { 0, -0.5, 1.5, Double.NaN }) {
			assertThatThrownBy(() -> new RetentionPace(clock, wrong, Duration.ZERO, rests::add))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("samtal.retention.duty-cycle");
		}
		assertThatThrownBy(() -> new RetentionPace(clock, 1, Duration.ofMillis(-1), rests::add))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("samtal.retention.batch-pause");
	}

	@Test
	void aPieceThatWroteMoreWalThanItsTimeAllowsRestsUntilTheAverageIsWithinTheBudget() {
		long[] position = { 0 };
		RetentionPace pace = new RetentionPace(clock, 0.5, Duration.ZERO, 10_000_000, () -> position[0], rests::add);

		clock.step = Duration.ofMillis(10);
		pace.work(() -> position[0] += 2_000_000);

		// 2 MB at 10 MB/s: 200 ms in all, of which the work took 10.
		assertThat(rests).containsExactly(Duration.ofMillis(190));
	}

	@Test
	void aPieceWithinTheWalBudgetRestsOnlyForItsDutyCycle() {
		long[] position = { 0 };
		RetentionPace pace = new RetentionPace(clock, 0.5, Duration.ofMillis(1), 10_000_000, () -> position[0],
				rests::add);

		clock.step = Duration.ofMillis(10);
		pace.work(() -> position[0] += 50_000);

		assertThat(rests).containsExactly(Duration.ofMillis(11));
	}

	@Test
	void withoutAWalBudgetTheWalPositionIsNeverRead() {
		RetentionPace pace = new RetentionPace(clock, 0.5, Duration.ZERO, 0, () -> {
			throw new AssertionError("read the WAL position");
		}, rests::add);

		clock.step = Duration.ofMillis(10);
		pace.work(() -> 1);

		assertThat(rests).containsExactly(Duration.ofMillis(10));
		assertThatThrownBy(() -> new RetentionPace(clock, 1, Duration.ZERO, -1, () -> 0, rests::add))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("samtal.retention.wal-per-second");
	}

	@Test
	void anInterruptedRestEndsTheRunAndKeepsTheInterrupt() {
		RetentionPace pace = new RetentionPace(clock, 0.5, Duration.ZERO, rest -> {
			throw new InterruptedException();
		});
		clock.step = Duration.ofMillis(10);
		try {
			assertThatThrownBy(() -> pace.work(() -> 1)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("interrupted");
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	/** Moves on by {@code step} every time it is read, so a piece of work between two readings takes one step. */
	private static final class SteppingClock extends Clock {

		private Instant now = Instant.parse("2026-11-23T00:00:00Z");

		Duration step = Duration.ZERO;

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			Instant read = now;
			now = now.plus(step);
			return read;
		}
	}
}
