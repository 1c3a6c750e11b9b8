package org.samtal.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
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
 * linked under one lock of the chain's head row, inserted in one batch and made durable by one commit, and only then
 * are its callers told. A staff read still waits until its entry is on disk, but a hundred reads share one WAL flush
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
		if (stopping) {
			return CompletableFuture.failedFuture(new IllegalStateException("The access log is shutting down"));
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
				write(group);
				group.forEach(pending -> pending.written().complete(null));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (Exception e) {
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

	private void write(List<Pending> group) throws SQLException {
		Connection db = connection();
		try {
			long seq;
			byte[] previous;
			// Across nodes too, appends queue on the head row, so the chain never forks.
			try (PreparedStatement head = db.prepareStatement(
					"SELECT seq, hash FROM access_log_head WHERE id = 1 FOR UPDATE");
					ResultSet rs = head.executeQuery()) {
				rs.next();
				seq = rs.getLong(1);
				previous = rs.getBytes(2);
			}
			try (PreparedStatement insert = db.prepareStatement("""
					INSERT INTO access_log (at, actor_id, actor_role, organisation_id, reception_id, subject,
					                        data_category, action, context, seq, prev_hash, hash)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
				for (Pending pending : group) {
					Access access = pending.access();
					seq++;
					byte[] hash = AccessLogChain.link(previous, seq, access.at(), access);
					insert.setTimestamp(1, Timestamp.from(access.at()));
					insert.setObject(2, access.actorId());
					insert.setString(3, access.actorRole());
					setUuid(insert, 4, access.organisationId());
					setUuid(insert, 5, access.receptionId());
					insert.setString(6, access.subject());
					insert.setString(7, access.category().name());
					insert.setString(8, access.action().name());
					insert.setString(9, access.context());
					insert.setLong(10, seq);
					insert.setBytes(11, previous);
					insert.setBytes(12, hash);
					insert.addBatch();
					previous = hash;
				}
				insert.executeBatch();
			}
			try (PreparedStatement moveHead = db.prepareStatement(
					"UPDATE access_log_head SET seq = ?, hash = ? WHERE id = 1")) {
				moveHead.setLong(1, seq);
				moveHead.setBytes(2, previous);
				moveHead.executeUpdate();
			}
			db.commit();
		}
		catch (SQLException | RuntimeException e) {
			try {
				db.rollback();
			}
			catch (SQLException ignored) {
				// The connection is discarded anyway.
			}
			throw e;
		}
	}

	private static void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.OTHER);
		}
		else {
			statement.setObject(index, value);
		}
	}

	private Connection connection() throws SQLException {
		if (connection == null) {
			connection = dataSource.getConnection();
			connection.setAutoCommit(false);
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
