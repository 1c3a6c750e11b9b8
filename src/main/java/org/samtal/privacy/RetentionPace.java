package org.samtal.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * How hard a retention run may work. On a small machine the run's PostgreSQL backend takes a whole core and writes WAL
 * faster than anything else, and live traffic (the chat) pays for both: its commits flush the run's WAL along with
 * their own, and it gets less CPU. So after each piece of work the run rests in proportion to how long that work took:
 * with a duty cycle d it rests {@code took × (1 − d) / d}, working at most a share d of the time. A piece that took
 * longer because the machine was busy earns a longer rest, so the run backs off most when live traffic needs the room
 * most, and a large catch-up run still ends in a bounded multiple (1 / d) of its unpaced time. The fixed pause, if
 * any, comes on top.
 * <p>
 * Rests happen between transactions, never inside one: a run holds no row lock and keeps no snapshot open while it
 * waits.
 */
final class RetentionPace {

	/** Waits; {@link Thread#sleep(Duration)} outside tests. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;
	}

	private final Clock clock;
	private final double dutyCycle;
	private final Duration fixedPause;
	private final Sleeper sleeper;

	/**
	 * @param dutyCycle the share of wall time the run may work, more than 0 and at most 1 (1: no proportional rest)
	 * @param fixedPause a rest after every piece of work besides the proportional one; zero for none
	 */
	RetentionPace(Clock clock, double dutyCycle, Duration fixedPause, Sleeper sleeper) {
		if (!(dutyCycle > 0 && dutyCycle <= 1)) {
			throw new IllegalArgumentException(
					"samtal.retention.duty-cycle must be more than 0 and at most 1, not " + dutyCycle);
		}
		if (fixedPause.isNegative()) {
			throw new IllegalArgumentException("samtal.retention.batch-pause must not be negative: " + fixedPause);
		}
		this.clock = clock;
		this.dutyCycle = dutyCycle;
		this.fixedPause = fixedPause;
		this.sleeper = sleeper;
	}

	/** Does one piece of the run's work (one transaction, or one count), then rests as long as it earned. */
	<T> T work(Supplier<T> piece) {
		Instant start = clock.instant();
		T result = piece.get();
		rest(restAfter(Duration.between(start, clock.instant())));
		return result;
	}

	/** How long to rest after a piece of work that took {@code took}. */
	Duration restAfter(Duration took) {
		Duration rest = fixedPause;
		if (dutyCycle < 1 && took.isPositive()) {
			long nanos = Math.round(took.toNanos() * (1 - dutyCycle) / dutyCycle);
			rest = rest.plusNanos(nanos);
		}
		return rest;
	}

	private void rest(Duration rest) {
		if (!rest.isPositive()) {
			return;
		}
		try {
			sleeper.sleep(rest);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			// What was committed stays; the next run goes on from there.
			throw new IllegalStateException("Retention sweep interrupted between batches");
		}
	}
}
