package org.samtal.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Appends access-log entries to the chain in groups: whatever queued while the previous group was committing is
 * linked under one lock of the chain's head row and made durable by one commit, in one round trip to the database
 * ({@code access_log_append}), and only then are its callers told. A staff read still waits until its entry is on disk, but a hundred reads share one WAL flush
 * instead of queueing for the head row one flush at a time.
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
	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
	private final Thread thread;
	private volatile boolean stopping;
	private Connection connection;

	/** One entry on its way to the chain, and the future its caller waits on. */
	record Pending(Access access, CompletableFuture<Void> written) {
	}

	AccessLogWriter(DataSource dataSource) {
		this.dataSource = dataSource;
		this.thread = Thread.ofPlatform().daemon().name("access-log-writer").start(this::writeUntilStopped);
	}

	/** Queues an entry whose time is already set; the future completes once it is committed, or fails with why not. */
	CompletableFuture<Void> submit(Access access) {
		if (access.at() == null) {
			throw new IllegalArgumentException("An access-log entry needs its time before it is queued");
		}
		// Checked here, so that one bad entry cannot fail the group it would have been written with.
		require(access.actorId() != null && access.organisationId() != null, "an actor and an organisation");
		require(access.actorRole() != null && access.actorRole().length() <= 16, "an actor role of at most 16 characters");
		require(access.subject() != null && !access.subject().isBlank() && access.subject().length() <= 100,
				"a subject of 1 to 100 characters");
		require(access.category() != null && access.action() != null, "a category and an action");
		require(access.context() != null && access.context().length() <= 200, "a context of at most 200 characters");
		if (stopping || !thread.isAlive()) {
			return CompletableFuture.failedFuture(new IllegalStateException("The access log is not writing"));
		}
		Pending pending = new Pending(access, new CompletableFuture<>());
		queue.add(pending);
		return pending.written();
	}

	private static void require(boolean valid, String what) {
		if (!valid) {
			throw new IllegalArgumentException("An access-log entry needs " + what);
		}
	}

	private void writeUntilStopped() {
		List<Pending> group = new ArrayList<>(MAX_GROUP);
		while (!stopping || !queue.isEmpty()) {
			try {
				Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				group.add(first);
				queue.drainTo(group, MAX_GROUP - 1);
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
				group.forEach(pending -> pending.written().complete(null));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (Throwable e) {
				// Nobody's read is shown without its entry: every caller of this group fails with the cause.
				log.error("Access-log entries could not be written: {}", e.getClass().getName());
				group.forEach(pending -> pending.written().completeExceptionally(e));
				discardConnection();
			}
			finally {
				group.clear();
			}
		}
		queue.forEach(pending -> pending.written()
			.completeExceptionally(new IllegalStateException("The access log shut down before this entry was written")));
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
		stopping = true;
		thread.join(TimeUnit.SECONDS.toMillis(30));
	}
}
