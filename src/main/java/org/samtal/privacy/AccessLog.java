package org.samtal.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way every module records staff access to client data. Entries are never changed once written.
 * <p>
 * An entry is written by its own durable commit, not in the caller's transaction: an access that a later step rolls
 * back was still attempted, and stays logged. A change's entry is on disk before the change commits; a read's, by
 * default, is committed within {@code samtal.access-log.gather-reads-for} after the read (see {@link AccessLogWriter}
 * for why, and what that gives up). Whoever reads the log first waits for entries still on their way
 * ({@link #awaitWritten}), so every access made before is in what they see.
 */
@Service
public class AccessLog {

	private final JdbcClient jdbc;
	private final AccessLogChain chain;
	private final AccessLogWriter writer;
	private final Clock clock;
	private final Duration writeTimeout;

	AccessLog(JdbcClient jdbc, AccessLogChain chain, AccessLogWriter writer, Clock clock,
			@Value("${samtal.access-log.write-timeout:PT10S}") Duration writeTimeout) {
		this.jdbc = jdbc;
		this.chain = chain;
		this.writer = writer;
		this.clock = clock;
		this.writeTimeout = writeTimeout;
	}

	/** Records one entry, linked into the tamper-evident chain, and returns once it is on disk, also for a read. */
	public void record(Access access) {
		recordWhile(List.of(access), () -> null, true);
	}

	/** {@link #recordWhile(List, Supplier)} for one entry. */
	public <T> T recordWhile(Access access, Supplier<T> read) {
		return recordWhile(List.of(access), read);
	}

	/**
	 * Performs a read while the entries that account for it are written. When every entry is a
	 * {@link AccessAction#READ} and reads do not wait for their entries (the default), the result is returned at once
	 * and its entries are committed with the next group, unless the log is failing to write: then, and when
	 * {@code samtal.access-log.reads-wait-for-entries} is set, the result may be shown only once they are on disk. If
	 * an entry cannot be written, the result is withheld and this (or, for a response held by the
	 * {@link AccessLogResponseGate}, the request) fails.
	 * <p>
	 * When reads wait, every entry is a read and this thread serves a response that has not started to go out, the
	 * result is returned at once and the response is held until the entries are on disk, so the rest of the request
	 * overlaps the write. Any other entry (a change, an export) is awaited here, before the caller's
	 * transaction can commit what it accounts for. So a read's result may leave only through the response of the
	 * request it was made in: code that sends it anywhere else (a push to another connection, a mail) must call
	 * {@link #record} first, which always waits.
	 */
	public <T> T recordWhile(List<Access> accesses, Supplier<T> read) {
		return recordWhile(accesses, read, false);
	}

	/** @param waitAlways the caller hands the result on elsewhere than its response, or wants the entry on disk */
	private <T> T recordWhile(List<Access> accesses, Supplier<T> read, boolean waitAlways) {
		if (accesses.isEmpty()) {
			return read.get();
		}
		List<CompletableFuture<Void>> written = writer.submit(accesses.stream()
			.map(access -> new Access(clock.instant().truncatedTo(ChronoUnit.MICROS), access.actorId(),
					access.actorRole(), access.organisationId(), access.receptionId(), access.subject(),
					access.category(), access.action(), access.context()))
			.toList());
		T result;
		try {
			result = read.get();
		}
		catch (Throwable e) {
			AccessLogWriter.settle(written);
			throw e;
		}
		boolean reads = accesses.stream().allMatch(access -> access.action() == AccessAction.READ);
		if (reads && !waitAlways && !writer.readsWait() && !writer.failing()) {
			AccessLogWriter.settle(written);
			return result;
		}
		// A held response waits for them, and settles them once they are on disk or its request ends.
		if (reads && !waitAlways && AccessLogResponseGate.holdUntilWritten(written)) {
			return result;
		}
		CompletableFuture<Void> all = CompletableFuture.allOf(written.toArray(CompletableFuture[]::new));
		try {
			if (!all.isDone()) {
				AccessLogWriter.needNow(written);
				all.get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			all.join();
		}
		catch (ExecutionException | java.util.concurrent.CompletionException e) {
			throw new AccessNotLogged(e.getCause());
		}
		catch (TimeoutException e) {
			throw new AccessNotLogged(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AccessNotLogged(e);
		}
		finally {
			AccessLogWriter.settle(written);
		}
		return result;
	}

	/**
	 * Returns once every entry recorded before this call is in the log (or has failed), so that whoever reads the log
	 * next sees every access made so far; waits at most {@code samtal.access-log.write-timeout}.
	 */
	public void awaitWritten() {
		if (!writer.awaitWritten(writeTimeout)) {
			throw new AccessNotLogged(new java.util.concurrent.TimeoutException("entries still on their way"));
		}
	}

	/** Recomputes the chain and names the first entry that was changed, removed or reordered, if any. */
	public AccessLogVerification verify() {
		awaitWritten();
		AccessLogChain.Verification result = chain.verify();
		return new AccessLogVerification(result.intact(), result.entriesChecked(), result.firstBrokenSeq(),
				result.problem(), result.problemCode(), result.problemArgs());
	}

	/** The entries about one subject, newest first, including every access made before this call. */
	@Transactional(readOnly = true)
	public List<Access> entriesAbout(String subject) {
		awaitWritten();
		return jdbc.sql("""
				SELECT at, actor_id, actor_role, organisation_id, reception_id, subject, data_category, action, context
				FROM access_log WHERE subject = ? ORDER BY id DESC""")
			.param(subject)
			.query((rs, n) -> AccessLogChain.access(rs))
			.list();
	}

	/** A read whose access could not be logged; what it read is not shown. */
	public static class AccessNotLogged extends IllegalStateException {

		AccessNotLogged(Throwable cause) {
			super("The access could not be written to the access log, so nothing is shown", cause);
		}
	}
}
