package org.samtal.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How hard a retention run may work. On a small machine the run's PostgreSQL backend takes a whole core and writes WAL
 * faster than anything else, and live traffic (the chat) pays for both: its commits flush the run's WAL along with
 * their own, and it gets less CPU. So after each piece of work the run rests in proportion to how long that work took:
 * with a duty cycle d it rests {@code took × (1 − d) / d}, working at most a share d of the time. A piece that took
 * longer because the machine was busy earns a longer rest, so the run backs off most when live traffic needs the room
 * most, and a large catch-up run still ends in a bounded multiple (1 / d) of its unpaced time. The fixed pause, if
 * any, comes on top.
 * <p>
 * Time alone does not say how hard a piece of work was on the WAL: the first batches over a table after a checkpoint
 * write every page they touch in full, several times the WAL of a later batch of the same size and duration, and it
 * is the WAL that live traffic's commits wait behind. So with a WAL budget the run also rests until its average WAL
 * rate, over the piece and its rest, is within that budget. The position is read from PostgreSQL around each piece,
 * so other sessions' WAL written meanwhile counts too: the run backs off when the database is busy anyway.
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

	/** The database's current WAL insert position, in bytes. */
	@FunctionalInterface
	interface WalPosition {

		long bytes();

		/** PostgreSQL's, read in a statement of its own (outside the run's transactions). */
		static WalPosition of(JdbcClient jdbc) {
			return () -> jdbc.sql("SELECT (pg_current_wal_insert_lsn() - '0/0')::bigint").query(Long.class).single();
		}
	}

	private final Clock clock;
	private final double dutyCycle;
	private final Duration fixedPause;
	private final long walBytesPerSecond;
	private final WalPosition wal;
	private final Sleeper sleeper;

	/**
	 * @param dutyCycle the share of wall time the run may work, more than 0 and at most 1 (1: no proportional rest)
	 * @param fixedPause a rest after every piece of work besides the proportional one; zero for none
	 */
	RetentionPace(Clock clock, double dutyCycle, Duration fixedPause, Sleeper sleeper) {
		this(clock, dutyCycle, fixedPause, 0, () -> 0, sleeper);
	}

	/**
	 * @param walBytesPerSecond the WAL the run may write per second on average, counting its rests; 0 for no budget
	 * @param wal where the database's WAL stands, read before and after each piece when there is a budget
	 */
	RetentionPace(Clock clock, double dutyCycle, Duration fixedPause, long walBytesPerSecond, WalPosition wal,
			Sleeper sleeper) {
		if (!(dutyCycle > 0 && dutyCycle <= 1)) {
			throw new IllegalArgumentException(
					"samtal.retention.duty-cycle must be more than 0 and at most 1, not " + dutyCycle);
		}
		if (fixedPause.isNegative()) {
			throw new IllegalArgumentException("samtal.retention.batch-pause must not be negative: " + fixedPause);
		}
		if (walBytesPerSecond < 0) {
			throw new IllegalArgumentException(
					"samtal.retention.wal-per-second must not be negative: " + walBytesPerSecond + " bytes");
		}
		this.clock = clock;
		this.dutyCycle = dutyCycle;
		this.fixedPause = fixedPause;
		this.walBytesPerSecond = walBytesPerSecond;
		this.wal = wal;
		this.sleeper = sleeper;
	}

	/** Does one piece of the run's work (one transaction, or one count), then rests as long as it earned. */
	<T> T work(Supplier<T> piece) {
		long walBefore = walBytesPerSecond > 0 ? wal.bytes() : 0;
		Instant start = clock.instant();
		T result = piece.get();
		Duration took = Duration.between(start, clock.instant());
		long walWritten = walBytesPerSecond > 0 ? Math.max(0, wal.bytes() - walBefore) : 0;
		rest(restAfter(took, walWritten));
		return result;
	}

	/** How long to rest after a piece of work that took {@code took} and wrote no WAL. */
	Duration restAfter(Duration took) {
		return restAfter(took, 0);
	}

	/** How long to rest after a piece of work that took {@code took} while {@code walWritten} bytes of WAL went in. */
	Duration restAfter(Duration took, long walWritten) {
		long nanos = 0;
		if (dutyCycle < 1 && took.isPositive()) {
			nanos = Math.round(took.toNanos() * (1 - dutyCycle) / dutyCycle);
		}
		if (walBytesPerSecond > 0 && walWritten > 0) {
			// Work and rest together must last walWritten / budget for the average to stay within it.
			long spread = Math.round(walWritten * 1e9 / walBytesPerSecond) - took.toNanos();
			nanos = Math.max(nanos, spread);
		}
		return fixedPause.plusNanos(nanos);
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
