package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.samtal.privacy.AccessLogSubjects.commits;
import static org.samtal.privacy.AccessLogSubjects.subject;
import static org.samtal.privacy.AccessLogSubjects.written;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * By default a read is shown at once and its entry is committed with the reads of the next few milliseconds, in one
 * durable commit; changes still wait for theirs. What that could lose is bounded and made evident: a log that cannot
 * write makes reads wait again, a writer that stops drains its queue, and a node that died is shown as a possible gap.
 * Each test runs its own writer on the application's database.
 */
@SamtalTest
class ReadsAheadOfTheirEntriesTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	AccessLogChain chain;

	@Autowired
	Fixtures fixtures;

	@LocalServerPort
	int port;

	private final List<AccessLogWriter> writers = new ArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		for (AccessLogWriter writer : writers) {
			writer.destroy();
		}
	}

	@Test
	void aReadReturnsBeforeItsEntryIsWrittenAndTheReadsOfTheGatheringTimeShareOneCommit() {
		AccessLog accessLog = accessLog(dataSource, Duration.ofMillis(300), null);
		List<String> subjects = List.of(subject("AHEAD"), subject("AHEAD"), subject("AHEAD"));

		for (String subject : subjects) {
			assertThat(accessLog.recordWhile(entry(subject, AccessAction.READ), () -> "shown")).isEqualTo("shown");
		}

		assertThat(written(jdbc, subjects)).as("shown, and still gathering").isZero();
		accessLog.awaitWritten();
		assertThat(written(jdbc, subjects)).isEqualTo(3);
		assertThat(commits(jdbc, subjects)).as("one durable commit for the three").isEqualTo(1);
		assertThat(writers.getLast().inFlight()).isZero();
		assertThat(chain.verify().intact()).isTrue();
	}

	@Test
	void aChangeWaitsForItsEntryAndTakesTheGatheredReadsAlong() {
		AccessLog accessLog = accessLog(dataSource, Duration.ofSeconds(1), null);
		String read = subject("READ");
		String changed = subject("CHANGED");
		accessLog.recordWhile(entry(read, AccessAction.READ), () -> null);

		accessLog.recordWhile(entry(changed, AccessAction.UPDATE), () -> null);

		assertThat(written(jdbc, List.of(changed))).as("on disk before the change may commit").isEqualTo(1);
		assertThat(commits(jdbc, List.of(read, changed))).isEqualTo(1);
	}

	@Test
	void recordAlwaysWaitsForItsEntryEvenForARead() {
		AccessLog accessLog = accessLog(dataSource, Duration.ofSeconds(1), null);
		String pushed = subject("PUSHED");

		accessLog.record(entry(pushed, AccessAction.READ));

		assertThat(written(jdbc, List.of(pushed))).as("what goes elsewhere than the response waits").isEqualTo(1);
	}

	@Test
	void whileItsEntriesCannotBeWrittenTheyAreRetriedAndReadsWaitForTheirOwn() throws Exception {
		BreakableDataSource database = new BreakableDataSource(dataSource);
		database.broken.set(true);
		AccessLog accessLog = accessLog(database, Duration.ZERO, null);
		String shownBefore = subject("SHOWN-BEFORE");
		accessLog.recordWhile(entry(shownBefore, AccessAction.READ), () -> null);
		AccessLogWriter writer = writers.getLast();
		for (int i = 0; i < 250 && !writer.failing(); i++) {
			Thread.sleep(20);
		}
		assertThat(writer.failing()).isTrue();

		String waiting = subject("WAITING");
		CompletableFuture<String> read = CompletableFuture
			.supplyAsync(() -> accessLog.recordWhile(entry(waiting, AccessAction.READ), () -> "the messages"));
		Thread.sleep(500);
		assertThat(read).as("nothing is shown while the log cannot write").isNotDone();

		database.broken.set(false);
		assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("the messages");
		assertThat(written(jdbc, List.of(shownBefore, waiting))).as("the entry of the read shown before is not lost")
			.isEqualTo(2);
		assertThat(writer.failing()).isFalse();
	}

	@Test
	void aWriterThatStopsWritesWhatItHoldsAndEndsItsRun() throws Exception {
		AccessLogRuns runs = new AccessLogRuns(jdbc, Clock.systemUTC(), Duration.ofSeconds(10));
		AccessLog accessLog = accessLog(dataSource, Duration.ofSeconds(1), runs);
		runs.begin();
		String last = subject("LAST");
		accessLog.recordWhile(entry(last, AccessAction.READ), () -> null);

		writers.removeLast().destroy();

		assertThat(written(jdbc, List.of(last))).isEqualTo(1);
		assertThat(jdbc.sql("SELECT stopped_at IS NOT NULL FROM access_log_writer_run WHERE id = ?").param(runs.id())
			.query(Boolean.class).single()).isTrue();
	}

	@Test
	void aWriterThatCouldNotWriteWhatItHeldLeavesItsRunUnendedAndAnotherNodeShowsItAsAPossibleGap() throws Exception {
		// Long before any other run in this database, so only this one is old enough to be found unended here.
		Instant start = Instant.parse("2001-02-03T04:05:06Z");
		AccessLogRuns dying = new AccessLogRuns(jdbc, Clock.fixed(start, ZoneOffset.UTC), Duration.ofSeconds(10));
		BreakableDataSource database = new BreakableDataSource(dataSource);
		AccessLog accessLog = accessLog(database, Duration.ofSeconds(1), dying);
		dying.begin();
		database.broken.set(true);
		accessLog.recordWhile(entry(subject("LOST"), AccessAction.READ), () -> null);
		writers.removeLast().destroy();
		assertThat(jdbc.sql("SELECT stopped_at IS NULL FROM access_log_writer_run WHERE id = ?").param(dying.id())
			.query(Boolean.class).single()).as("a run that lost entries does not end").isTrue();

		AccessLogRuns other = new AccessLogRuns(jdbc, Clock.fixed(start.plusSeconds(29), ZoneOffset.UTC),
				Duration.ofSeconds(10));
		other.findUnended(start.plusSeconds(29));
		assertThat(other.possibleGaps()).as("not yet: it may only be slow").noneMatch(gap -> gap.run().equals(dying.id()));
		other.findUnended(start.plusSeconds(31));

		assertThat(other.possibleGaps()).anySatisfy(gap -> {
			assertThat(gap.run()).isEqualTo(dying.id());
			assertThat(gap.lastSeenAt()).isEqualTo(start);
			assertThat(gap.foundAt()).isEqualTo(start.plusSeconds(31));
			assertThat(gap.window()).isEqualTo(Duration.ofSeconds(1));
		});
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		Http http = new Http(port);
		http.logIn(admin.username(), admin.password());
		assertThat(http.get("/admin/access-log").body()).contains("Möjliga luckor i loggen")
			.contains("Servern hördes av senast 2001-02-03 05:05:06")
			.contains("under de sista 1000 ms innan den stoppade");
		jdbc.sql("DELETE FROM access_log_writer_run WHERE id = ?").param(dying.id()).update();
	}

	@Test
	void aRunWhoseReadsWaitedLostNothingShownAndIsNoGap() {
		UUID run = UUID.randomUUID();
		Instant longAgo = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("""
				INSERT INTO access_log_writer_run (id, started_at, last_seen_at, found_unended_at, reads_wait,
				                                   gather_reads_ms) VALUES (?, ?, ?, ?, true, 0)""")
			.params(run, Timestamp.from(longAgo), Timestamp.from(longAgo), Timestamp.from(longAgo)).update();

		assertThat(new AccessLogRuns(jdbc, Clock.systemUTC(), Duration.ofSeconds(10)).possibleGaps())
			.noneMatch(gap -> gap.run().equals(run));
		jdbc.sql("DELETE FROM access_log_writer_run WHERE id = ?").param(run).update();
	}

	private AccessLog accessLog(DataSource database, Duration gatherReadsFor, AccessLogRuns runs) {
		AccessLogWriter writer = new AccessLogWriter(database, Duration.ofMillis(5), false, gatherReadsFor, runs);
		writers.add(writer);
		return new AccessLog(jdbc, chain, writer, Clock.systemUTC(), Duration.ofSeconds(30));
	}

	private static Access entry(String subject, AccessAction action) {
		return Access.of(UUID.randomUUID(), "COUNSELOR", UUID.randomUUID(), UUID.randomUUID(), subject,
				DataCategory.CHAT_CONTENT, action, "test");
	}

	/** The application's database, unreachable while {@code broken} is set, as after a network cut. */
	private static final class BreakableDataSource implements DataSource {

		final AtomicBoolean broken = new AtomicBoolean();
		private final DataSource database;

		BreakableDataSource(DataSource database) {
			this.database = database;
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (broken.get()) {
				throw new SQLNonTransientConnectionException("the database cannot be reached", "08001");
			}
			return database.getConnection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public Logger getParentLogger() throws SQLFeatureNotSupportedException {
			throw new SQLFeatureNotSupportedException();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			throw new SQLException("not a wrapper");
		}

		@Override
		public boolean isWrapperFor(Class<?> type) {
			return false;
		}
	}
}
