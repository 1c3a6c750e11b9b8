package org.samtal.privacy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.samtal.bench.CpuSampler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * BENCHMARK ONLY (bench/privacy.sh accesslog): the access log's append rate. Runs the app's own {@link AccessLog} and
 * {@link AccessLogWriter} (entries queued, linked in groups under the head row's lock, one batch insert and one durable
 * commit per group) with t threads calling {@link AccessLog#record} against a running app's durable PostgreSQL (each
 * call returns once its entry is committed), while a checkpoint is
 * signed (Ed25519, with the app's own key file, so the app still verifies the chain) every
 * {@code --checkpoint-ms} milliseconds: far more often than the app's hourly schedule, so signing is not left out.
 * <p>
 * Run with the app's classes, the bench's classes and HdrHistogram on the class path.
 */
public final class BenchChainAppend {

	public static void main(String[] args) throws Exception {
		int pgPort = 0;
		String keyFile = null;
		String threadList = "1,4,16";
		int seconds = 10;
		int warmup = 2;
		long checkpointMs = 1000;
		long appPid = 0;
		Path pgData = null;
		Path results = null;
		String label = "";
		for (String arg : args) {
			String value = arg.substring(arg.indexOf('=') + 1);
			switch (arg.substring(2, arg.indexOf('='))) {
				case "pg-port" -> pgPort = Integer.parseInt(value);
				case "key-file" -> keyFile = value;
				case "threads" -> threadList = value;
				case "seconds" -> seconds = Integer.parseInt(value);
				case "warmup" -> warmup = Integer.parseInt(value);
				case "checkpoint-ms" -> checkpointMs = Long.parseLong(value);
				case "app-pid" -> appPid = Long.parseLong(value);
				case "pg-data" -> pgData = Path.of(value);
				case "results" -> results = Path.of(value);
				case "label" -> label = value;
				default -> throw new IllegalArgumentException(arg);
			}
		}
		CheckpointSigner signer = new CheckpointSigner(keyFile);
		// The signature alone, without the database.
		byte[] someHash = new byte[32];
		for (int i = 0; i < 500; i++) {
			signer.sign(i, someHash, Instant.now());
		}
		long signStart = System.nanoTime();
		int signs = 2000;
		for (int i = 0; i < signs; i++) {
			signer.sign(i, someHash, Instant.now());
		}
		double signMicros = (System.nanoTime() - signStart) / 1e3 / signs;
		System.err.printf(Locale.ROOT, "[chain] Ed25519 checkpoint signature alone: %.0f us%n", signMicros);

		int maxThreads = 0;
		for (String t : threadList.split(",")) {
			maxThreads = Math.max(maxThreads, Integer.parseInt(t.trim()));
		}
		try (HikariDataSource ds = new HikariDataSource()) {
			ds.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres");
			ds.setUsername("postgres");
			ds.setMaximumPoolSize(maxThreads + 2);
			ds.setPoolName("bench-chain");
			JdbcClient jdbc = JdbcClient.create(ds);
			TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
			AccessLogChain chain = new AccessLogChain(jdbc, Clock.systemUTC(), signer);
			AccessLogWriter writer = new AccessLogWriter(ds, java.time.Duration.ofMillis(5)); // the app's default gather-at-most
			AccessLog accessLog = new AccessLog(jdbc, chain, writer, Clock.systemUTC(), java.time.Duration.ofSeconds(30));
			List<UUID[]> staff = jdbc.sql("""
					SELECT s.id, s.organisation_id, min(sr.reception_id::text)::uuid FROM staff_account s
					JOIN staff_reception sr ON sr.staff_id = s.id GROUP BY s.id, s.organisation_id ORDER BY s.id""")
				.query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
						rs.getObject(3, UUID.class) })
				.list();
			for (String t : threadList.split(",")) {
				int threads = Integer.parseInt(t.trim());
				run(accessLog, chain, tx, jdbc, staff, threads, warmup, seconds, checkpointMs, signMicros,
						new CpuSampler(appPid, pgData), results, label);
			}
		}
	}

	private static void run(AccessLog accessLog, AccessLogChain chain, TransactionTemplate tx, JdbcClient jdbc, List<UUID[]> staff,
			int threads, int warmup, int seconds, long checkpointMs, double signMicros, CpuSampler cpu, Path results,
			String label) throws Exception {
		long start = System.nanoTime() + 50_000_000L;
		long measureFrom = start + warmup * 1_000_000_000L;
		long end = measureFrom + seconds * 1_000_000_000L;
		AtomicLong appends = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		Histogram[] latency = new Histogram[threads];
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			int w = i;
			latency[i] = new Histogram(60_000_000L, 3);
			workers.add(Thread.ofPlatform().name("append-" + i).start(() -> {
				sleepUntil(start);
				long n = w;
				while (true) {
					long before = System.nanoTime();
					if (before >= end) {
						return;
					}
					UUID[] who = staff.get((int) (n++ % staff.size()));
					Access access = Access.of(who[0], "COUNSELOR", who[1], who[2], "besök-bench-" + (n % 1000),
							DataCategory.CHAT_CONTENT, AccessAction.READ, "console: conversation opened");
					try {
						accessLog.record(access);
					}
					catch (RuntimeException e) {
						errors.incrementAndGet();
						continue;
					}
					long after = System.nanoTime();
					if (before >= measureFrom && after <= end) {
						latency[w].recordValue((after - before) / 1000);
						appends.incrementAndGet();
					}
				}
			}));
		}
		Histogram checkpointLatency = new Histogram(60_000_000L, 3);
		AtomicBoolean stop = new AtomicBoolean();
		Thread checkpointer = Thread.ofPlatform().name("checkpointer").start(() -> {
			sleepUntil(measureFrom);
			while (!stop.get()) {
				long before = System.nanoTime();
				tx.executeWithoutResult(status -> chain.checkpoint());
				checkpointLatency.recordValue((System.nanoTime() - before) / 1000);
				LockSupport.parkNanos(checkpointMs * 1_000_000L);
			}
		});
		sleepUntil(measureFrom);
		long seqBefore = jdbc.sql("SELECT seq FROM access_log_head").query(Long.class).single();
		CpuSampler.Sample a = cpu.sample();
		sleepUntil(end);
		CpuSampler.Sample b = cpu.sample();
		long seqAfter = jdbc.sql("SELECT seq FROM access_log_head").query(Long.class).single();
		for (Thread worker : workers) {
			worker.join();
		}
		stop.set(true);
		checkpointer.join();
		Histogram all = new Histogram(60_000_000L, 3);
		for (Histogram h : latency) {
			all.add(h);
		}
		CpuSampler.Cores cores = CpuSampler.Cores.between(a, b);
		double rate = appends.get() / (double) seconds;
		double headRate = (seqAfter - seqBefore) / (double) seconds;
		System.err.printf(Locale.ROOT,
				"[chain] %2d threads: %7.1f appends/s (head moved %.1f/s) | append p50 %.2f ms | p99 %.2f | max %.2f | "
						+ "%d checkpoints, p50 %.2f ms | errors %d | %s%s%n",
				threads, rate, headRate, ms(all, 50), ms(all, 99), all.getMaxValue() / 1000.0,
				checkpointLatency.getTotalCount(), ms(checkpointLatency, 50), errors.get(), cores,
				cores.other() > 0.25 ? "  DISTURBED" : "");
		if (results != null) {
			Files.writeString(results, String.format(Locale.ROOT,
					"{\"type\":\"chain-append\",\"label\":\"%s\",\"threads\":%d,\"seconds\":%d,\"appendsPerSecond\":%.1f,"
							+ "\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"max\":%.3f,\"checkpoints\":%d,\"checkpointP50\":%.3f,"
							+ "\"checkpointMax\":%.3f,\"signMicros\":%.0f,\"errors\":%d,\"disturbed\":%s,%s}%n",
					label, threads, seconds, rate, ms(all, 50), ms(all, 90), ms(all, 99), all.getMaxValue() / 1000.0,
					checkpointLatency.getTotalCount(), ms(checkpointLatency, 50), checkpointLatency.getMaxValue() / 1000.0,
					signMicros, errors.get(), cores.other() > 0.25, cores.json("")), StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
	}

	private static double ms(Histogram h, double percentile) {
		return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
	}

	private static void sleepUntil(long nanoTime) {
		long left;
		while ((left = nanoTime - System.nanoTime()) > 0) {
			LockSupport.parkNanos(left);
		}
	}
}
