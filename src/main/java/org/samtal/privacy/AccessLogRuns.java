package org.samtal.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The runs of every node's access-log writer, so that a run which ended without writing everything it took is not a
 * silent loss. Each run beats every {@code samtal.access-log.heartbeat}; one that stops beating for three beats without
 * having ended is recorded as found unended, by any node's next beat or start. When reads do not wait for their
 * entries, such a run is a possible gap: reads shown in its last moments may have no entries. The log review shows it.
 */
@Component
class AccessLogRuns {

	/** Ended runs are kept this long, for whoever looks into a node's restarts; they say nothing about a person. */
	static final Duration KEEP_ENDED = Duration.ofDays(30);

	private final JdbcClient jdbc;
	private final Clock clock;
	private final Duration heartbeat;
	private final UUID id = UUID.randomUUID();
	private volatile boolean readsWait = true;
	private volatile Duration gatherReadsFor = Duration.ZERO;
	private volatile boolean begun;
	private volatile boolean ended;

	AccessLogRuns(JdbcClient jdbc, Clock clock, @Value("${samtal.access-log.heartbeat:PT10S}") Duration heartbeat) {
		if (heartbeat.isNegative() || heartbeat.isZero()) {
			throw new IllegalArgumentException("samtal.access-log.heartbeat must be positive");
		}
		this.jdbc = jdbc;
		this.clock = clock;
		this.heartbeat = heartbeat;
	}

	/**
	 * A run of a writer that ended without writing all it took. {@code window} is how long reads' entries gathered
	 * before they were written: the reads shown in that last span before the node stopped may have no entries.
	 */
	record Unended(UUID run, Instant startedAt, Instant lastSeenAt, Instant foundAt, Duration window) {
	}

	void writerConfigured(boolean readsWait, Duration gatherReadsFor) {
		this.readsWait = readsWait;
		this.gatherReadsFor = gatherReadsFor;
	}

	UUID id() {
		return id;
	}

	/** Records this run once the schema is in place, and looks for runs that died since. */
	@EventListener(ApplicationReadyEvent.class)
	public void begin() {
		Instant now = now();
		jdbc.sql("""
				INSERT INTO access_log_writer_run (id, started_at, last_seen_at, reads_wait, gather_reads_ms)
				VALUES (?, ?, ?, ?, ?)""")
			.params(id, Timestamp.from(now), Timestamp.from(now), readsWait, (int) gatherReadsFor.toMillis())
			.update();
		begun = true;
		findUnended(now);
		// An unended run is kept while the log still holds entries from its time; an ended one for a month. The oldest
		// entry is found by its sequence number, which is indexed, instead of scanning the whole log at every start.
		jdbc.sql("""
				DELETE FROM access_log_writer_run
				WHERE (stopped_at IS NOT NULL AND stopped_at < ?)
				   OR (found_unended_at IS NOT NULL
				       AND last_seen_at < (SELECT at FROM access_log ORDER BY seq LIMIT 1))""")
			.param(Timestamp.from(now.minus(KEEP_ENDED)))
			.update();
	}

	@Scheduled(fixedDelayString = "${samtal.access-log.heartbeat:PT10S}")
	public void beat() {
		if (!begun || ended) {
			return;
		}
		Instant now = now();
		jdbc.sql("UPDATE access_log_writer_run SET last_seen_at = ? WHERE id = ?").params(Timestamp.from(now), id).update();
		findUnended(now);
	}

	/** The writer wrote everything it took and stopped. */
	void writerStopped() {
		if (!begun || ended) {
			return;
		}
		ended = true;
		jdbc.sql("UPDATE access_log_writer_run SET stopped_at = ? WHERE id = ?").params(Timestamp.from(now()), id).update();
	}

	/** @return how many runs were newly found unended */
	int findUnended(Instant now) {
		return jdbc.sql("""
				UPDATE access_log_writer_run SET found_unended_at = ?
				WHERE stopped_at IS NULL AND found_unended_at IS NULL AND id <> ? AND last_seen_at < ?""")
			.params(Timestamp.from(now), id, Timestamp.from(now.minus(heartbeat.multipliedBy(3))))
			.update();
	}

	/**
	 * Runs found unended whose reads did not wait for their entries, newest first: the log may lack the entries of
	 * reads shown in their last moments. A run whose reads waited lost nothing anybody was shown.
	 */
	List<Unended> possibleGaps() {
		return jdbc.sql("""
				SELECT id, started_at, last_seen_at, found_unended_at, gather_reads_ms FROM access_log_writer_run
				WHERE found_unended_at IS NOT NULL AND NOT reads_wait ORDER BY last_seen_at DESC LIMIT 20""")
			.query((rs, n) -> new Unended(rs.getObject("id", UUID.class), rs.getTimestamp("started_at").toInstant(),
					rs.getTimestamp("last_seen_at").toInstant(), rs.getTimestamp("found_unended_at").toInstant(),
					Duration.ofMillis(rs.getInt("gather_reads_ms"))))
			.list();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}
}
