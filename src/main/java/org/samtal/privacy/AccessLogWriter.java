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
 * ({@code access_log_append}) and one durable commit per group, and only then are its callers told. A staff read still
 * waits until its entry is on disk, but many reads share one WAL flush.
 * <p>
 * <b>When a group is written.</b> A commit costs far more than an entry in it (on the reference VM ~200 µs of the
 * database's CPU against ~20 µs; docs/benchmarks.md), so while other logged reads are in flight, an entry waits for
 * company: its group is written once one of its callers needs it (the response that shows the read is ready), or it
 * is full, or it has gathered for {@code samtal.access-log.gather-at-most}. With nothing else in flight the entry is
 * written at once, so a lone read still overlaps its write. This is PostgreSQL's {@code commit_delay} and
 * {@code commit_siblings}, with the application's better knowledge of who is waiting. No read is shown before its
 * entry is committed either way.
 * <p>
 * The writer keeps one connection of its own. Callers wait for it while holding pooled connections, so taking its
 * connection from the pool at that moment could wait on themselves.
 */
@Component
class AccessLogWriter implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(AccessLogWriter.class);

	/** Entries per transaction; more only lengthen the time the head row is held. */
	static final int MAX_GROUP = 500;

	private final DataSource dataSource;
	private final long gatherNanos;
	private final Thread thread;
	private volatile boolean stopping;
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

	AccessLogWriter(DataSource dataSource,
			@Value("${samtal.access-log.gather-at-most:PT0.005S}") Duration gatherAtMost) {
		if (gatherAtMost.isNegative()) {
			throw new IllegalArgumentException("samtal.access-log.gather-at-most cannot be negative");
		}
		this.dataSource = dataSource;
		this.gatherNanos = gatherAtMost.toNanos();
		this.thread = Thread.ofPlatform().daemon().name("access-log-writer").start(this::writeUntilStopped);
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
			// Everyone still in flight may now be in the group, and no one else will come while they wait for it.
			if (!queue.isEmpty() && inFlight <= queue.size()) {
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
			long deadline = System.nanoTime() + gatherNanos;
			while (!needed && !stopping && queue.size() < MAX_GROUP && inFlight > queue.size()) {
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
			return group;
		}
		finally {
			lock.unlock();
		}
	}

	private void writeUntilStopped() {
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
				group.forEach(pending -> pending.complete(null));
			}
			catch (Throwable e) {
				// Nobody's read is shown without its entry: every caller of this group fails with the cause.
				log.error("Access-log entries could not be written: {}", e.getClass().getName());
				group.forEach(pending -> pending.completeExceptionally(e));
				discardConnection();
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
		discardConnection();
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
