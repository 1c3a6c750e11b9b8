package org.samtal.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Appends access-log entries to the chain in groups: one lock of the chain's head row, one round trip to the database
 * ({@code access_log_append}) and one durable commit per group, and only then are its callers told. Many entries share
 * one WAL flush.
 * <p>
 * <b>Who waits.</b> Changes, exports and deletions always wait until their entries are on disk. A read's entry is, by
 * default, committed just after the read is shown ({@code samtal.access-log.reads-wait-for-entries=false}): its group
 * gathers for {@code samtal.access-log.gather-reads-for} (20 ms) and is then written durably. A commit per read cost a
 * lone staff read +36 to +80 % on the reference VM, ten reads per commit +9 % (docs/benchmarks.md). What this gives
 * up: a crash of the application (not of the database) in the last moments of a gathering loses the entries of the
 * reads shown in them. That window is made evident, not silent: {@link AccessLogRuns} records every writer's run, and
 * a run that ended without draining its queue is shown in the log review as a possible gap. While a group cannot be
 * written it is retried, and every read waits for its own entry again ({@link #failing()}), so a log that cannot
 * write shows nothing. With {@code reads-wait-for-entries=true}, reads wait too, as below.
 * <p>
 * <b>When a group is written, when reads wait.</b> A commit costs far more than an entry in it (on the reference VM
 * ~200 µs of the database's CPU against ~20 µs; docs/benchmarks.md), so while other logged reads are in flight, an
 * entry waits for company: its group is written once one of its callers needs it (the response that shows the read
 * is ready), or it is full, or it has gathered for {@code samtal.access-log.gather-at-most}. With nothing else in
 * flight the entry is written at once, so a lone read still overlaps its write. This is PostgreSQL's
 * {@code commit_delay} and {@code commit_siblings}, with the application's better knowledge of who is waiting. In
 * this mode no read is shown before its entry is committed.
 * <p>
 * The writer keeps one connection of its own. Callers wait for it while holding pooled connections, so taking its
 * connection from the pool at that moment could wait on themselves.
 */
@Component
class AccessLogWriter implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(AccessLogWriter.class);

	/** Entries per transaction; more only lengthen the time the head row is held. */
	static final int MAX_GROUP = 500;

	/**
	 * A group still being written after this long counts as {@link #failing()}: reads then wait again, so a log held
	 * up (a lock, a stalled disk) does not let reads pile up unlogged in memory for longer than this.
	 */
	static final long STUCK_AFTER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

	/** The longest pause between attempts to write a group that failed. */
	private static final long MAX_BACKOFF_MILLIS = 5_000;

	private static final long NOT_WRITING = Long.MIN_VALUE;

	private final DataSource dataSource;
	private final long gatherNanos;
	private final boolean readsWait;
	private final long gatherReadsNanos;
	private final AccessLogRuns runs;
	private final Thread thread;
	private volatile boolean stopping;
	/** The last group could not be written and is being retried: reads wait for their entries meanwhile. */
	private volatile boolean failing;
	/** When the group being written was taken ({@link System#nanoTime()}), or {@link #NOT_WRITING}. */
	private volatile long writingSince = NOT_WRITING;
	/** Entries of reads already shown could not be written before the writer stopped. */
	private boolean lostOnStop;
	private Connection connection;

	private final ReentrantLock lock = new ReentrantLock();
	/** Signalled when the writer may have to act: a first entry, a full group, a caller in need, fewer in flight. */
	private final Condition changed = lock.newCondition();
	/** Guarded by {@link #lock}: entries not yet taken into a group. */
	private final ArrayDeque<Pending> queue = new ArrayDeque<>();
	/** Guarded by {@link #lock}: entries submitted whose callers have not settled them yet, written or not. */
	private int inFlight;
	/** Guarded by {@link #lock}: a caller waits for an entry that is still queued. */
	private boolean needed;
	/** Guarded by {@link #lock}: the writer has stopped taking entries; set once the last ones are drained. */
	private boolean closed;
	/** Guarded by {@link #lock}: the group being written, if any. */
	private List<Pending> writing = List.of();

	/**
	 * One entry on its way to the chain, and the future its caller waits on. The caller says when it needs the entry
	 * ({@link #needNow}) and when it is done with it ({@link #settle}), which is how the writer knows who is in flight.
	 */
	static final class Pending extends CompletableFuture<Void> {

		private final Access access;
		private final AccessLogWriter writer;
		private volatile boolean taken;
		private final AtomicBoolean settled = new AtomicBoolean();

		private Pending(Access access, AccessLogWriter writer) {
			this.access = access;
			this.writer = writer;
		}

		Access access() {
			return access;
		}
	}

	@org.springframework.beans.factory.annotation.Autowired
	AccessLogWriter(DataSource dataSource,
			@Value("${samtal.access-log.gather-at-most:PT0.005S}") Duration gatherAtMost,
			@Value("${samtal.access-log.reads-wait-for-entries:false}") boolean readsWait,
			@Value("${samtal.access-log.gather-reads-for:PT0.02S}") Duration gatherReadsFor, AccessLogRuns runs) {
		if (gatherAtMost.isNegative()) {
			throw new IllegalArgumentException("samtal.access-log.gather-at-most cannot be negative");
		}
		if (gatherReadsFor.isNegative() || gatherReadsFor.compareTo(Duration.ofSeconds(1)) > 0) {
			// It is the window a crash may cost: kept short by rule, not only by default.
			throw new IllegalArgumentException("samtal.access-log.gather-reads-for must be between 0 and 1 second");
		}
		this.dataSource = dataSource;
		this.gatherNanos = gatherAtMost.toNanos();
		this.readsWait = readsWait;
		this.gatherReadsNanos = gatherReadsFor.toNanos();
		this.runs = runs;
		this.thread = Thread.ofPlatform().daemon().name("access-log-writer").start(this::writeUntilStopped);
		if (runs != null) {
			runs.writerConfigured(readsWait, gatherReadsFor);
		}
	}

	/** A writer whose readers wait for their entries, outside the application (tests of the gathering). */
	AccessLogWriter(DataSource dataSource, Duration gatherAtMost) {
		this(dataSource, gatherAtMost, true, Duration.ZERO, null);
	}

	/** Whether reads wait for their entries by setting; when not, they still do while {@link #failing()}. */
	boolean readsWait() {
		return readsWait;
	}

	/**
	 * A group could not be written and is being retried, or has been held up for over a second; until it is written,
	 * nobody should be shown a read before its entry.
	 */
	boolean failing() {
		long since = writingSince;
		return failing || since != NOT_WRITING && System.nanoTime() - since > STUCK_AFTER_NANOS;
	}

	/**
	 * Waits until every entry submitted before this call is committed (or has failed), so whoever reads the log next
	 * sees every access made so far. Returns false if that took longer than {@code timeout}.
	 */
	boolean awaitWritten(Duration timeout) {
		List<Pending> before;
		lock.lock();
		try {
			before = new ArrayList<>(writing);
			before.addAll(queue);
			if (!queue.isEmpty()) {
				needed = true;
				changed.signal();
			}
		}
		finally {
			lock.unlock();
		}
		try {
			CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
				.exceptionally(failed -> null)
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (java.util.concurrent.TimeoutException e) {
			return false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (java.util.concurrent.ExecutionException impossible) {
			return true;
		}
	}

	/**
	 * Queues one caller's entries, whose times are already set; each future completes once its entry is committed, or
	 * fails with why not. They are queued together, so that a caller's own entries never wait for each other as
	 * company. The caller must {@link #settle} them when done with them, also when it never waited.
	 */
	List<CompletableFuture<Void>> submit(List<Access> accesses) {
		for (Access access : accesses) {
			// Checked before any is queued, so that one bad entry cannot fail the group it would have been written with.
			require(access.at() != null, "its time before it is queued");
			require(access.actorId() != null && access.organisationId() != null, "an actor and an organisation");
			require(access.actorRole() != null && access.actorRole().length() <= 16,
					"an actor role of at most 16 characters");
			require(access.subject() != null && !access.subject().isBlank() && access.subject().length() <= 100,
					"a subject of 1 to 100 characters");
			require(access.category() != null && access.action() != null, "a category and an action");
			require(access.context() != null && access.context().length() <= 200,
					"a context of at most 200 characters");
		}
		List<CompletableFuture<Void>> futures = new ArrayList<>(accesses.size());
		lock.lock();
		try {
			if (closed || !thread.isAlive()) {
				accesses.forEach(access -> futures
					.add(CompletableFuture.failedFuture(new IllegalStateException("The access log is not writing"))));
				return futures;
			}
			boolean wasEmpty = queue.isEmpty();
			for (Access access : accesses) {
				Pending pending = new Pending(access, this);
				queue.add(pending);
				futures.add(pending);
			}
			inFlight += accesses.size();
			// More entries do not end a gathering group unless they fill it.
			if (wasEmpty || queue.size() >= MAX_GROUP) {
				changed.signal();
			}
		}
		finally {
			lock.unlock();
		}
		return futures;
	}

	/** The caller is about to wait for these entries: a group holding one of them is written without more delay. */
	static void needNow(Collection<? extends CompletableFuture<?>> futures) {
		for (CompletableFuture<?> future : futures) {
			if (future instanceof Pending pending && !pending.taken && !pending.isDone()) {
				pending.writer.markNeeded();
			}
		}
	}

	/** The caller is done with these entries (shown, failed or abandoned): they are no longer in flight. */
	static void settle(Collection<? extends CompletableFuture<?>> futures) {
		for (CompletableFuture<?> future : futures) {
			if (future instanceof Pending pending && pending.settled.compareAndSet(false, true)) {
				pending.writer.settled();
			}
		}
	}

	/** Entries submitted and not yet settled by their callers; zero when no logged read is under way. */
	int inFlight() {
		lock.lock();
		try {
			return inFlight;
		}
		finally {
			lock.unlock();
		}
	}

	private void markNeeded() {
		lock.lock();
		try {
			needed = true;
			changed.signal();
		}
		finally {
			lock.unlock();
		}
	}

	private void settled() {
		lock.lock();
		try {
			inFlight--;
			// Everyone still in flight may now be in the group, and no one else will come while they wait for it. Reads
			// that do not wait settle at once: their groups gather for the full time, so waking the writer is no use.
			if (readsWait && !queue.isEmpty() && inFlight <= queue.size()) {
				changed.signal();
			}
		}
		finally {
			lock.unlock();
		}
	}

	private static void require(boolean valid, String what) {
		if (!valid) {
			throw new IllegalArgumentException("An access-log entry needs " + what);
		}
	}

	/**
	 * Waits for the next group and takes it: at once when nothing else is in flight, else until a caller needs it, it
	 * is full, or it has gathered long enough. Empty only when stopping.
	 */
	private List<Pending> nextGroup() throws InterruptedException {
		lock.lock();
		try {
			while (queue.isEmpty()) {
				if (stopping) {
					return List.of();
				}
				changed.await(200, TimeUnit.MILLISECONDS);
			}
			// Reads that do not wait gather for the whole time, unless someone needs the group; else an entry waits
			// for company only while others are in flight.
			long deadline = System.nanoTime() + (readsWait ? gatherNanos : gatherReadsNanos);
			while (!needed && !stopping && queue.size() < MAX_GROUP && (!readsWait || inFlight > queue.size())) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					break;
				}
				changed.awaitNanos(left);
			}
			List<Pending> group = new ArrayList<>(Math.min(queue.size(), MAX_GROUP));
			while (!queue.isEmpty() && group.size() < MAX_GROUP) {
				Pending pending = queue.poll();
				pending.taken = true;
				group.add(pending);
			}
			// What is left of a full queue may hold the entry someone needs: it goes next, without gathering.
			needed = needed && !queue.isEmpty();
			writing = group;
			writingSince = System.nanoTime();
			return group;
		}
		finally {
			lock.unlock();
		}
	}

	private void writeUntilStopped() {
		long backoff = 100;
		while (true) {
			List<Pending> group;
			try {
				group = nextGroup();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
			if (group.isEmpty()) {
				break;
			}
			try {
				try {
					write(group);
				}
				catch (SQLException lost) {
					if (lost.getSQLState() == null || !lost.getSQLState().startsWith("08")) {
						throw lost;
					}
					// The connection went (a database restart, an idle cut): once more on a fresh one.
					discardConnection();
					write(group);
				}
				failing = false;
				backoff = 100;
				doneWriting();
				group.forEach(pending -> pending.complete(null));
			}
			catch (Throwable e) {
				log.error("Access-log entries could not be written: {}", e.getClass().getName());
				discardConnection();
				if (readsWait || stopping) {
					// Everyone who could have been shown a read waited for it: each caller fails with the cause.
					doneWriting();
					group.forEach(pending -> pending.completeExceptionally(e));
					if (!readsWait) {
						log.error("{} access-log entries were not written before the log stopped", group.size());
						lostOnStop = true;
					}
					continue;
				}
				// Reads were shown before this group was written: it is kept and tried again, and reads wait meanwhile.
				failing = true;
				retryFirst(group);
				try {
					Thread.sleep(backoff);
				}
				catch (InterruptedException stop) {
					Thread.currentThread().interrupt();
					break;
				}
				backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
			}
		}
		List<Pending> left;
		lock.lock();
		try {
			closed = true;
			left = List.copyOf(queue);
			queue.clear();
		}
		finally {
			lock.unlock();
		}
		left.forEach(pending -> pending.completeExceptionally(
				new IllegalStateException("The access log shut down before this entry was written")));
		if (!left.isEmpty()) {
			log.error("{} access-log entries were not written before the log stopped", left.size());
		}
		discardConnection();
		if (runs != null && left.isEmpty() && !lostOnStop) {
			// Only a writer that wrote everything it took ends its run; otherwise the run shows as a possible gap.
			runs.writerStopped();
		}
	}

	private void doneWriting() {
		lock.lock();
		try {
			writing = List.of();
			writingSince = NOT_WRITING;
		}
		finally {
			lock.unlock();
		}
	}

	/** Puts a group that could not be written back at the head of the queue, in its order. */
	private void retryFirst(List<Pending> group) {
		lock.lock();
		try {
			writing = List.of();
			writingSince = NOT_WRITING;
			for (int i = group.size() - 1; i >= 0; i--) {
				Pending pending = group.get(i);
				pending.taken = false;
				queue.addFirst(pending);
			}
		}
		finally {
			lock.unlock();
		}
	}

	/** One statement in auto-commit: the database function locks the head, links and inserts the group, and commits. */
	private void write(List<Pending> group) throws SQLException {
		Connection db = connection();
		int size = group.size();
		String[][] columns = new String[10][size];
		for (int i = 0; i < size; i++) {
			Access access = group.get(i).access();
			columns[0][i] = access.at().toString();
			columns[1][i] = text(access.actorId());
			columns[2][i] = access.actorRole();
			columns[3][i] = text(access.organisationId());
			columns[4][i] = text(access.receptionId());
			columns[5][i] = access.subject();
			columns[6][i] = access.category().name();
			columns[7][i] = access.action().name();
			columns[8][i] = access.context();
			columns[9][i] = AccessLogChain.canonicalTail(access.at(), access);
		}
		try (PreparedStatement append = db.prepareStatement(
				"SELECT access_log_append(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
			for (int c = 0; c < columns.length; c++) {
				append.setArray(c + 1, db.createArrayOf("text", columns[c]));
			}
			append.executeQuery().close();
		}
	}

	private static String text(UUID value) {
		return value == null ? null : value.toString();
	}

	private Connection connection() throws SQLException {
		if (connection == null) {
			connection = dataSource.getConnection();
			connection.setAutoCommit(true);
		}
		return connection;
	}

	private void discardConnection() {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ignored) {
				// Already broken; the pool replaces it.
			}
			connection = null;
		}
	}

	/** Writes what is queued, then stops; runs before the data source closes, since this bean depends on it. */
	@Override
	public void destroy() throws InterruptedException {
		lock.lock();
		try {
			stopping = true;
			changed.signal();
		}
		finally {
			lock.unlock();
		}
		thread.join(TimeUnit.SECONDS.toMillis(30));
	}
}
