package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.samtal.privacy.AccessLogSubjects.commits;
import static org.samtal.privacy.AccessLogSubjects.subject;
import static org.samtal.privacy.AccessLogSubjects.written;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.SamtalTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * While other logged reads are in flight, an entry waits for company and its group shares one commit; it is written
 * as soon as a caller needs it, and a lone read's entries are written at once. Each test runs its own writer; except
 * where the gathering limit is under test, it is far longer than the test, so only the rule under test can have
 * written a group.
 */
@SamtalTest
class AccessLogGroupCommitTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	AccessLogChain chain;

	private final List<AccessLogWriter> writers = new ArrayList<>();

	private final List<Thread> readers = new ArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		for (Thread reader : readers) {
			reader.interrupt();
			reader.join(5_000);
		}
		for (AccessLogWriter writer : writers) {
			writer.destroy();
		}
	}

	@Test
	void aLoneReadsEntriesAreWrittenTogetherAtOnceWhileTheReadRuns() {
		AccessLog accessLog = accessLog(Duration.ofMinutes(5));
		List<String> subjects = List.of(subject("LONE"), subject("LONE"), subject("LONE"));

		boolean writtenDuringTheRead = accessLog.recordWhile(subjects.stream().map(s -> entry(s)).toList(),
				() -> eventuallyWritten(subjects));

		assertThat(writtenDuringTheRead).as("nothing else was in flight, so they did not wait for company").isTrue();
		assertThat(commits(jdbc, subjects)).isEqualTo(1);
	}

	@Test
	void entriesOfReadsInFlightTogetherShareOneCommitWrittenWhenTheFirstIsNeeded() throws Exception {
		AccessLog accessLog = accessLog(Duration.ofMinutes(5));
		CountDownLatch siblingDone = new CountDownLatch(1);
		// Another read is in flight, with its entry already written: more reads are likely to come.
		siblingInFlight(accessLog, siblingDone);

		CountDownLatch submitted = new CountDownLatch(4);
		CountDownLatch readsDone = new CountDownLatch(1);
		List<String> together = new ArrayList<>();
		List<Thread> four = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String subject = subject("TOGETHER");
			together.add(subject);
			// Half of them without a reception, which the chain's canonical text leaves empty.
			Access entry = i % 2 == 0 ? entry(subject) : Access.of(UUID.randomUUID(), "COUNSELOR", UUID.randomUUID(),
					null, subject, DataCategory.CHAT_CONTENT, AccessAction.READ, "test");
			four.add(Thread.ofVirtual().start(() -> accessLog.recordWhile(entry, () -> {
				submitted.countDown();
				await(readsDone);
				return null;
			})));
		}
		readers.addAll(four);
		assertThat(submitted.await(10, TimeUnit.SECONDS)).isTrue();
		Thread.sleep(300);
		assertThat(written(jdbc, together)).as("they wait for company while nobody needs them").isZero();

		readsDone.countDown();
		for (Thread reader : four) {
			reader.join(10_000);
			assertThat(reader.isAlive()).as("the first to need its entry had the group written").isFalse();
		}

		assertThat(written(jdbc, together)).isEqualTo(4);
		assertThat(commits(jdbc, together)).as("one transaction, so one commit").isEqualTo(1);
		siblingDone.countDown();
		assertThat(chain.verify().intact()).isTrue();
	}

	@Test
	void aGroupIsWrittenOnceEveryoneInFlightIsInIt() throws Exception {
		AccessLog accessLog = accessLog(Duration.ofMinutes(5));
		CountDownLatch siblingDone = new CountDownLatch(1);
		Thread siblingRead = siblingInFlight(accessLog, siblingDone);
		String late = subject("LATE");
		read(accessLog, late, new CountDownLatch(1));
		for (int i = 0; i < 250 && writers.getLast().inFlight() < 2; i++) {
			Thread.sleep(20);
		}
		assertThat(writers.getLast().inFlight()).isEqualTo(2);
		Thread.sleep(300);
		assertThat(written(jdbc, List.of(late))).as("waiting for company while the sibling is in flight").isZero();

		// The sibling is shown and settled; the only read still in flight is the one whose entry waits.
		siblingDone.countDown();
		siblingRead.join(10_000);

		assertThat(eventuallyWritten(late)).isTrue();
	}

	@Test
	void anEntryWaitsForCompanyNoLongerThanTheGatheringLimit() throws Exception {
		AccessLog accessLog = accessLog(Duration.ofMillis(200));
		siblingInFlight(accessLog, new CountDownLatch(1));
		String waiting = subject("WAITING");

		read(accessLog, waiting, new CountDownLatch(1));

		assertThat(eventuallyWritten(waiting)).as("written though nobody needed it yet").isTrue();
	}

	@Test
	void aHeldResponseHasItsGroupWrittenOnceItIsReadyToGo() throws Exception {
		AccessLog accessLog = accessLog(Duration.ofMinutes(5));
		siblingInFlight(accessLog, new CountDownLatch(1));
		String shown = subject("SHOWN");
		MockHttpServletResponse response = new MockHttpServletResponse();

		new AccessLogResponseGate(Duration.ofSeconds(20)).doFilter(new MockHttpServletRequest("GET", "/console"),
				response, (req, res) -> res.getWriter().write(accessLog.recordWhile(entry(shown), () -> "the messages")));

		assertThat(response.getContentAsString()).isEqualTo("the messages");
		assertThat(written(jdbc, List.of(shown))).as("written when the response was ready, not after five minutes")
			.isEqualTo(1);
		assertThat(writers.getLast().inFlight()).as("only the sibling is still in flight").isEqualTo(1);
	}

	@Test
	void aRequestThatFailsAfterItsReadLeavesNothingInFlight() {
		AccessLog accessLog = accessLog(Duration.ofMinutes(5));
		String subject = subject("FAILED");

		assertThatThrownBy(() -> new AccessLogResponseGate(Duration.ofSeconds(20)).doFilter(
				new MockHttpServletRequest("GET", "/console"), new MockHttpServletResponse(), (req, res) -> {
					accessLog.recordWhile(entry(subject), () -> "the messages");
					throw new IllegalStateException("rendering failed");
				})).hasMessageContaining("rendering failed");
		assertThatThrownBy(() -> accessLog.recordWhile(entry(subject("FAILED")), () -> {
			throw new IllegalStateException("the read failed");
		})).hasMessageContaining("the read failed");

		assertThat(writers.getLast().inFlight()).isZero();
		assertThat(eventuallyWritten(subject)).as("the attempt is logged all the same").isTrue();
	}

	private AccessLog accessLog(Duration gatherAtMost) {
		AccessLogWriter writer = new AccessLogWriter(dataSource, gatherAtMost);
		writers.add(writer);
		return new AccessLog(jdbc, chain, writer, Clock.systemUTC(), Duration.ofSeconds(30));
	}

	/** Another read in flight, whose entry is written and which goes on reading until {@code done}. */
	private Thread siblingInFlight(AccessLog accessLog, CountDownLatch done) {
		String sibling = subject("SIBLING");
		Thread reader = read(accessLog, sibling, done);
		assertThat(eventuallyWritten(sibling)).isTrue();
		return reader;
	}

	/** A staff read on its own thread that submits its entry, then reads until {@code done}, then waits for it. */
	private Thread read(AccessLog accessLog, String subject, CountDownLatch done) {
		Thread reader = Thread.ofVirtual().start(() -> accessLog.recordWhile(entry(subject), () -> {
			await(done);
			return null;
		}));
		readers.add(reader);
		return reader;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean eventuallyWritten(String subject) {
		return eventuallyWritten(List.of(subject));
	}

	private boolean eventuallyWritten(List<String> subjects) {
		for (int i = 0; i < 250; i++) {
			if (written(jdbc, subjects) == subjects.size()) {
				return true;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return false;
	}

	private static Access entry(String subject) {
		return Access.of(UUID.randomUUID(), "COUNSELOR", UUID.randomUUID(), UUID.randomUUID(), subject,
				DataCategory.CHAT_CONTENT, AccessAction.READ, "test");
	}
}
