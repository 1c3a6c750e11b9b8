package org.samtal.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The retention sweep under chat load. Fills the feedback table of a running app with expired rows (and some that
 * must stay), starts the chat driver ({@link ChatBench}) in this JVM, and once the chat has run idle for a while starts a
 * full retention run, as the hourly schedule would, and waits for it to finish.
 * Chat latency during the run is compared with an idle window of the same length just before it, from the same
 * driver's per-message figures; CPU is traced every 250 ms so every window has its shares.
 * <p>
 * The run itself is started through a bench-only hook in the app (bench/src/hooks BenchSweepTrigger, on the app's
 * class path only in bench/privacy.sh retention): an admin's run on the admin page sweeps only the admin's own
 * organisation, while the hourly schedule sweeps every organisation plus the installation-wide records. This class
 * creates the trigger file and waits for {@code <trigger>.done}, into which the hook writes the run's id once
 * {@code RetentionSweep.run(false, "schedule")} has returned. The admin session only verifies the access-log chain.
 * <p>
 * The expired access-log entries are written beforehand by bench/src/hooks BenchChainSeed, which needs the app's
 * classes; this class only counts them.
 */
public final class SweepBench {

	private static final Pattern VERIFICATION = Pattern.compile("\"intact\"\\s*:\\s*(true|false).*?\"entriesChecked\"\\s*:\\s*(\\d+)");

	private final Map<String, String> o;
	private final String base;
	private final int pgPort;
	private final long appPid;
	private final Path pgData;
	private final String password;
	private final int feedbackExpired;
	private final int feedbackKept;
	private final int warmup;
	private final int idle;
	private final int budget;
	private final Path results;
	private final Path jfr;
	private final String label;
	private final boolean waits;
	private final Path trigger;
	/** Opened before the chat starts and kept; see {@link #run}. */
	private Connection observer;
	private Connection progress;
	private final HttpClient http = StaffSession.client();
	/** The data directory's block device in /proc/diskstats, once found ("" when none). */
	private String disk;

	private record Tick(long nanos, CpuSampler.Sample sample) {
	}

	SweepBench(Map<String, String> o) {
		this.o = o;
		this.base = o.get("base");
		this.pgPort = Integer.parseInt(o.get("pg-port"));
		this.appPid = Long.parseLong(o.getOrDefault("app-pid", "0"));
		this.pgData = Path.of(o.get("pg-data"));
		this.password = o.get("password");
		this.feedbackExpired = Integer.parseInt(o.getOrDefault("feedback", "900000"));
		this.feedbackKept = Integer.parseInt(o.getOrDefault("feedback-kept", "100000"));
		this.warmup = Integer.parseInt(o.getOrDefault("warmup", "15"));
		this.idle = Integer.parseInt(o.getOrDefault("idle", "40"));
		this.budget = Integer.parseInt(o.getOrDefault("budget", "60"));
		this.results = o.containsKey("results") ? Path.of(o.get("results")) : null;
		this.jfr = o.containsKey("jfr") ? Path.of(o.get("jfr")) : null;
		this.label = o.getOrDefault("label", "");
		this.waits = Boolean.parseBoolean(o.getOrDefault("waits", "false"));
		this.trigger = Path.of(o.get("sweep-trigger"));
	}

	public static void main(String[] args) throws Exception {
		SweepBench bench = new SweepBench(StaffReadBench.options(args));
		System.exit(bench.o.containsKey("warm-only") ? bench.warmUp() : bench.run());
	}

	/**
	 * WARM_FEEDBACK (--warm-only=true): a small full run before the measured one, with no chat load, so the measured run
	 * is not also the JVM's first, as the hourly schedule's runs after a node's first are not. Cold and warm runs can
	 * then be compared: in a cold one the app's JIT compilers compile the run's code on the chat's two cores.
	 */
	int warmUp() throws Exception {
		seedFeedback();
		long t0 = System.nanoTime();
		String runId = runThroughHook(10);
		long left = count("SELECT count(*) FROM feedback WHERE given_on < current_date - interval '2 years'")
				+ count("SELECT count(*) FROM access_log WHERE at < now() - interval '5 years' AND purged_at IS NULL");
		ChatBench.log("warm-up run %s: %d expired feedback rows swept in %.1f s, %d expired records left", runId,
				feedbackExpired, (System.nanoTime() - t0) / 1e9, left);
		return runId.matches("[0-9a-f-]{36}") && left == 0 ? 0 : 2;
	}

	/**
	 * Starts a full run through the app's trigger hook, waits for the hook's answer and returns it: the run's id, or
	 * why there was none.
	 */
	private String runThroughHook(int minutes) throws IOException {
		Path answered = trigger.resolveSibling(trigger.getFileName() + ".done");
		Files.deleteIfExists(answered);
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
		Files.writeString(trigger, "run\n", StandardOpenOption.CREATE_NEW);
		while (!Files.exists(answered)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"no answer from the sweep trigger hook in " + minutes + " minutes: " + answered);
			}
			LockSupport.parkNanos(2_000_000L);
		}
		String answer = Files.readString(answered).trim();
		Files.delete(answered);
		return answer;
	}

	int run() throws Exception {
		seedFeedback();
		long accessLogExpired = count("SELECT count(*) FROM access_log WHERE at < now() - interval '5 years'");
		long feedbackDue = count("SELECT count(*) FROM feedback WHERE given_on < current_date - interval '2 years'");
		ChatBench.log("expired before the sweep: %d feedback rows, %d access-log entries; %d feedback rows must stay",
				feedbackDue, accessLogExpired, feedbackKept);
		StaffSession admin = StaffSession.login(http, base, "admin.spel", password);
		String before = verifyChain(admin);
		ChatBench.log("access-log chain before the sweep: %s", before);

		// The bench's own connections for what it reads while the chat runs (WAL positions, the run's progress), opened
		// now, so that no new PostgreSQL backend (a fork) starts beside the run; the app's pool opens none during a run.
		observer = database();
		progress = database();

		// The chat load, in this JVM, so its per-message times share one clock with the sweep's start and end.
		Map<String, String> chat = new LinkedHashMap<>();
		chat.put("base", base);
		chat.put("pairs", o.getOrDefault("pairs", "300"));
		chat.put("counselors", o.getOrDefault("pairs", "300"));
		chat.put("rate", o.getOrDefault("rate", "900"));
		chat.put("seconds", Integer.toString(idle + budget));
		chat.put("warmup", Integer.toString(warmup));
		chat.put("drain", "15");
		chat.put("password", password);
		chat.put("pg-port", Integer.toString(pgPort));
		chat.put("app-pid", Long.toString(appPid));
		chat.put("pg-data", pgData.toString());
		chat.put("label", label + "chat during sweep");
		ChatBench driver = new ChatBench(chat);
		int[] chatExit = { -1 };
		Thread chatThread = Thread.ofPlatform().name("chat").start(() -> {
			try {
				chatExit[0] = driver.run();
			}
			catch (Exception e) {
				ChatBench.log("chat driver failed: %s", e);
			}
		});
		CpuSampler cpu = new CpuSampler(appPid, pgData);
		List<Tick> trace = java.util.Collections.synchronizedList(new ArrayList<>());
		Thread tracer = Thread.ofPlatform().daemon().name("cpu-trace").start(() -> {
			while (true) {
				trace.add(new Tick(System.nanoTime(), cpu.sample()));
				LockSupport.parkNanos(250_000_000L);
			}
		});
		long sendStart;
		while ((sendStart = driver.sendingStartsAt()) == 0) {
			if (!chatThread.isAlive()) {
				throw new IllegalStateException("the chat driver stopped before sending");
			}
			Thread.sleep(50);
		}
		List<long[]> waitSamples = java.util.Collections.synchronizedList(new ArrayList<>());
		List<String> waitNames = java.util.Collections.synchronizedList(new ArrayList<>());
		if (waits) {
			Thread.ofPlatform().daemon().name("waits").start(() -> sampleWaits(waitSamples, waitNames));
		}
		long warmupEnd = sendStart + warmup * 1_000_000_000L;
		long chatEnd = warmupEnd + (idle + budget) * 1_000_000_000L;
		long sweepAt = warmupEnd + idle * 1_000_000_000L;
		StaffReadBench.sleepUntil(sweepAt - 10_000_000_000L);
		String lsnIdle = walLsn();
		long lsnIdleAt = System.nanoTime();
		StaffReadBench.sleepUntil(sweepAt - 3_000_000_000L);
		if (jfr != null) {
			jcmd("JFR.start", "name=sweep", "settings=profile", "filename=" + jfr.toAbsolutePath());
		}
		StaffReadBench.sleepUntil(sweepAt);
		ChatBench.log("the chat ran %d s past its warm-up; a full retention run starts (as the schedule's)", idle);
		// Each item's end, seen from its progress entry in the run's report (polled every 100 ms).
		List<Long> itemDone = java.util.Collections.synchronizedList(new ArrayList<>());
		java.util.concurrent.atomic.AtomicBoolean sweeping = new java.util.concurrent.atomic.AtomicBoolean(true);
		Thread poller = Thread.ofPlatform().daemon().name("progress").start(() -> pollProgress(itemDone, sweeping));
		String lsn0 = walLsn();
		long lsn0At = System.nanoTime();
		long t0 = System.nanoTime();
		long wall0 = System.currentTimeMillis();
		String runId = runThroughHook(30);
		long t1 = System.nanoTime();
		long wall1 = System.currentTimeMillis();
		String lsn1 = walLsn();
		sweeping.set(false);
		poller.join();
		progress.close();
		observer.close();
		if (jfr != null) {
			jcmd("JFR.stop", "name=sweep");
		}
		if (!runId.matches("[0-9a-f-]{36}")) {
			throw new IllegalStateException("the sweep trigger hook answered: " + runId);
		}
		// Epoch seconds too, to line the run up with the disk samplers (bench/diskstats.py, bench/fsync-trace.py).
		ChatBench.log("retention run %s done after %.1f s (trigger to answer; epoch %.3f to %.3f)", runId,
				(t1 - t0) / 1e9, wall0 / 1e3, wall1 / 1e3);
		if (t1 > chatEnd) {
			ChatBench.log("WARNING: the run outlasted the chat load by %.1f s (raise BUDGET)", (t1 - chatEnd) / 1e9);
		}
		chatThread.join();

		// ---- what the run did, from its own report
		double runSeconds;
		String status;
		List<String[]> items = new ArrayList<>();
		List<Double> itemSeconds = new ArrayList<>();
		int itemCount;
		try (Connection db = database(); PreparedStatement n = db.prepareStatement(
				"SELECT jsonb_array_length(items) FROM retention_run WHERE id = ?::uuid")) {
			n.setString(1, runId);
			try (ResultSet rs = n.executeQuery()) {
				rs.next();
				itemCount = rs.getInt(1);
			}
		}
		synchronized (itemDone) {
			// Items that ended after the last poll saw the run still running: they ended by t1 at the latest.
			while (itemDone.size() < itemCount) {
				itemDone.add(t1);
			}
			long previous = t0;
			for (long done : itemDone) {
				itemSeconds.add((done - previous) / 1e9);
				previous = done;
			}
		}
		long purged = 0;
		try (Connection db = database();
				PreparedStatement run = db.prepareStatement(
						"SELECT extract(epoch FROM finished_at - started_at), status FROM retention_run WHERE id = ?::uuid");
				PreparedStatement item = db.prepareStatement("""
						SELECT i->>'category', i->>'organisation', (i->>'due')::bigint, (i->>'purged')::bigint, i->>'error'
						FROM retention_run, jsonb_array_elements(items) i WHERE id = ?::uuid""")) {
			run.setString(1, runId);
			try (ResultSet rs = run.executeQuery()) {
				rs.next();
				runSeconds = rs.getDouble(1);
				status = rs.getString(2);
			}
			item.setString(1, runId);
			try (ResultSet rs = item.executeQuery()) {
				int index = 0;
				while (rs.next()) {
					double took = index < itemSeconds.size() ? itemSeconds.get(index) : Double.NaN;
					index++;
					if (rs.getLong(4) > 0 || rs.getString(5) != null || took >= 0.5) {
						items.add(new String[] { rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3)),
								Long.toString(rs.getLong(4)), String.valueOf(rs.getString(5)),
								String.format(Locale.ROOT, "%.1f", took) });
					}
					purged += rs.getLong(4);
				}
			}
		}
		double walIdleMBs = walBytes(lsnIdle, lsn0) / 1e6 / ((lsn0At - lsnIdleAt) / 1e9);
		double walSweepMB = walBytes(lsn0, lsn1) / 1e6;
		long feedbackLeft = count("SELECT count(*) FROM feedback WHERE given_on < current_date - interval '2 years'");
		long feedbackStayed = count("SELECT count(*) FROM feedback WHERE given_on >= current_date - interval '2 years'");
		// Since access-log retention went per organisation (fbde6fb), an expired entry first loses its personal data
		// (purged_at set) and keeps its link; only a fully purged prefix of the chain is deleted, up to a batch's worth
		// per purging batch, so content-less links may stay behind. The check is on personal data left.
		long accessLogLeft = count("SELECT count(*) FROM access_log WHERE at < now() - interval '5 years' AND purged_at IS NULL");
		long accessLogLinks = count("SELECT count(*) FROM access_log WHERE at < now() - interval '5 years' AND purged_at IS NOT NULL");
		String after = verifyChain(admin);

		// ---- chat latency: idle window just before the run, of the run's length, against the run's window
		long length = t1 - t0;
		long gap = 1_000_000_000L;
		long idleTo = t0 - gap;
		long idleFrom = Math.max(warmupEnd, idleTo - length);
		long duringTo = Math.min(t1, chatEnd);
		Window idleWindow = window(driver, idleFrom, idleTo, trace);
		Window duringWindow = window(driver, t0, duringTo, trace);
		// The window of the same length before the idle one: how far the idle p99 alone moves, with nothing changed.
		Window earlierWindow = window(driver, Math.max(warmupEnd, idleFrom - length), idleFrom, trace);
		if (waits) {
			timeline(driver, waitSamples, waitNames, idleFrom, Math.min(chatEnd, t1 + 10_000_000_000L), t0, t1, itemDone);
			System.out.printf(Locale.ROOT, "%nPostgreSQL backends other than the sweep's, sampled every 20 ms (active ones; what they wait on):%n");
			System.out.println("  idle:  " + waitSummary(waitSamples, waitNames, idleFrom, idleTo));
			System.out.println("  sweep: " + waitSummary(waitSamples, waitNames, t0, duringTo));
		}
		boolean disturbed = idleWindow.cores.other() > 0.25 || duringWindow.cores.other() > 0.25;
		double ratio = duringWindow.p99 / idleWindow.p99;
		boolean checks = feedbackLeft == 0 && accessLogLeft == 0 && feedbackStayed == feedbackKept
				&& after.startsWith("intact") && "COMPLETED".equals(status) && chatExit[0] == 0;

		StringBuilder itemText = new StringBuilder();
		for (String[] i : items) {
			itemText.append(String.format(Locale.ROOT, "  %-18s %-18s due %8s purged %8s in ~%5s s%s%n", i[0], i[1], i[2],
					i[3], i[5], "null".equals(i[4]) ? "" : " ERROR " + i[4]));
		}
		System.out.printf(Locale.ROOT, """

				== Samtal retention sweep under chat load %s ==
				run %s: %s in %.1f s (its report), %d rows purged => %.0f rows/s; trigger to answer %.1f s
				WAL written during the run %.0f MB (%.1f MB/s; %.2f MB/s in the 7 s before it: the chat's)
				%s  left after the run: expired feedback %d, expired access-log entries with personal data %d (content-less links %d); feedback kept %d of %d; chain %s
				chat %s pairs at %s msg/s; windows of %.1f s:
				  idle   p50 %.1f ms | p99 %.1f | max %.1f | %d msgs, %d lost | %s
				  sweep  p50 %.1f ms | p99 %.1f | max %.1f | %d msgs, %d lost | %s
				  p99 sweep/idle %.2fx (target <= 2x: %s); sweep duration target <= 20 s: %s%s
				  the machine's own noise: p99 %.1f ms in the idle window before the idle one (%.2fx the idle window's)
				checks %s
				""", label, runId, status, runSeconds, purged, purged / runSeconds, (t1 - t0) / 1e9, walSweepMB,
				walSweepMB / ((t1 - t0) / 1e9), walIdleMBs, itemText,
				feedbackLeft, accessLogLeft, accessLogLinks, feedbackStayed, feedbackKept, after, chat.get("pairs"), chat.get("rate"),
				length / 1e9, idleWindow.p50, idleWindow.p99, idleWindow.max, idleWindow.count, idleWindow.lost,
				idleWindow.cores, duringWindow.p50, duringWindow.p99, duringWindow.max, duringWindow.count,
				duringWindow.lost, duringWindow.cores, ratio, ratio <= 2 ? "met" : "MISSED",
				runSeconds <= 20 ? "met" : "MISSED", disturbed ? "  (DISTURBED: other work > 0.25 cores)" : "",
				earlierWindow.p99, earlierWindow.p99 / idleWindow.p99, checks ? "OK" : "FAILED");
		if (results != null) {
			StringBuilder json = new StringBuilder();
			json.append(String.format(Locale.ROOT,
					"{\"type\":\"sweep\",\"label\":\"%s\",\"status\":\"%s\",\"runSeconds\":%.2f,\"requestSeconds\":%.2f,"
							+ "\"purged\":%d,\"rowsPerSecond\":%.0f,\"feedbackPurged\":%d,\"accessLogPurged\":%d,\"accessLogLinksLeft\":%d,\"pgSettings\":\"%s\","
							+ "\"pairs\":%s,\"rate\":%s,\"windowSeconds\":%.1f,\"idleP50\":%.2f,\"idleP99\":%.2f,\"idleMax\":%.2f,"
							+ "\"idleLost\":%d,\"sweepP50\":%.2f,\"sweepP99\":%.2f,\"sweepMax\":%.2f,\"sweepLost\":%d,"
							+ "\"walMB\":%.0f,\"walIdleMBs\":%.2f,\"p99Ratio\":%.2f,\"earlierIdleP99\":%.2f,\"checksOk\":%s,\"chainAfter\":\"%s\",\"disturbed\":%s,%s,%s,\"items\":\"%s\"}",
					label, status, runSeconds, (t1 - t0) / 1e9, purged, purged / runSeconds, purgedOf(items, "FEEDBACK"),
					purgedOf(items, "ACCESS_LOG_ENTRY"), accessLogLinks,
					o.getOrDefault("pg-settings", "").replace(",", "; ").replace("\"", ""), chat.get("pairs"), chat.get("rate"), length / 1e9, idleWindow.p50,
					idleWindow.p99, idleWindow.max, idleWindow.lost, duringWindow.p50, duringWindow.p99, duringWindow.max,
					duringWindow.lost, walSweepMB, walIdleMBs, ratio, earlierWindow.p99, checks, after, disturbed, idleWindow.cores.json("idle"),
					duringWindow.cores.json("sweep"), itemSummary(items)));
			Files.writeString(results, json + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		driver.shutdown();
		return checks ? 0 : 2;
	}

	/** category/organisation=purged@seconds; ... (no commas: the results file's reader splits fields at them) */
	private static String itemSummary(List<String[]> items) {
		StringBuilder s = new StringBuilder();
		for (String[] i : items) {
			s.append(s.isEmpty() ? "" : "; ").append(i[0]).append('/').append(i[1]).append('=').append(i[3]).append('@')
				.append(i[5]).append('s');
		}
		return s.toString();
	}

	/** Diagnostics (--waits=true): what the app's other PostgreSQL backends wait on, every 20 ms. */
	private void sampleWaits(List<long[]> samples, List<String> names) {
		try (Connection db = database();
				PreparedStatement wal = db.prepareStatement("SELECT (pg_current_wal_insert_lsn() - '0/0')::bigint");
				PreparedStatement activity = db.prepareStatement("""
						SELECT CASE WHEN backend_type = 'client backend' THEN coalesce(wait_event_type || ':' || wait_event, 'CPU')
						            ELSE 'bg:' || replace(backend_type, ' ', '-') || ':' || coalesce(wait_event, 'CPU') END
						FROM pg_stat_activity
						WHERE (backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()
						       AND query NOT LIKE '%feedback%' AND query NOT LIKE '%access_log%' AND query NOT LIKE '%retention_run%')
						   OR (backend_type IN ('autovacuum worker', 'checkpointer', 'background writer', 'walwriter')
						       AND coalesce(wait_event, '') NOT IN ('AutovacuumMain', 'CheckpointerMain', 'BgwriterMain',
						                                          'BgwriterHibernate', 'WalWriterMain'))
						""")) {
			while (true) {
				long now = System.nanoTime();
				try (ResultSet rs = activity.executeQuery()) {
					while (rs.next()) {
						String name = rs.getString(1);
						int index;
						synchronized (names) {
							index = names.indexOf(name);
							if (index < 0) {
								names.add(name);
								index = names.size() - 1;
							}
						}
						samples.add(new long[] { now, index });
					}
				}
				samples.add(new long[] { now, -1 });
				try (ResultSet rs = wal.executeQuery()) {
					rs.next();
					samples.add(new long[] { now, -2, rs.getLong(1) });
				}
				long sectors = diskSectorsWritten();
				if (sectors >= 0) {
					samples.add(new long[] { now, -3, sectors });
				}
				Thread.sleep(20);
			}
		}
		catch (SQLException | InterruptedException e) {
			ChatBench.log("wait sampling stopped: %s", e);
		}
	}

	/**
	 * Sectors (512 bytes) written to the disk holding the data directory so far, from /proc/diskstats; -1 when unknown.
	 * Beside the WAL it shows data-file writes (checkpoints, the OS's writeback) that the chat's WAL flushes queue behind.
	 */
	private long diskSectorsWritten() {
		try {
			String device = diskOf(pgData);
			for (String line : Files.readAllLines(Path.of("/proc/diskstats"))) {
				String[] f = line.trim().split("\\s+");
				if (f.length > 9 && f[2].equals(device)) {
					return Long.parseLong(f[9]);
				}
			}
		}
		catch (IOException | RuntimeException e) {
			// Not Linux, or no such device: the column stays empty.
		}
		return -1;
	}

	/** The block device of the file system holding {@code dir} (from /proc/self/mountinfo's major:minor). */
	private String diskOf(Path dir) throws IOException {
		if (disk == null) {
			String best = "";
			String majorMinor = "";
			String real = dir.toRealPath().toString();
			for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
				String[] f = line.split(" ");
				if ((real.equals(f[4]) || real.startsWith(f[4].endsWith("/") ? f[4] : f[4] + "/")) && f[4].length() > best.length()) {
					best = f[4];
					majorMinor = f[2];
				}
			}
			disk = "";
			for (String line : Files.readAllLines(Path.of("/proc/diskstats"))) {
				String[] f = line.trim().split("\\s+");
				if ((f[0] + ":" + f[1]).equals(majorMinor)) {
					disk = f[2];
				}
			}
		}
		return disk;
	}

	/** Diagnostics: chat latency and the other backends' waits, second by second, around the run. */
	private static void timeline(ChatBench driver, List<long[]> samples, List<String> names, long from, long to, long t0,
			long t1, List<Long> itemDone) {
		System.out.printf(Locale.ROOT, "%nsecond by second (s from the run's start; waits: mean active other backends per sample)%n");
		for (long start = from; start < to; start += 1_000_000_000L) {
			long end = start + 1_000_000_000L;
			Histogram h = latencies(driver, start, end);
			String items = "";
			synchronized (itemDone) {
				for (int i = 0; i < itemDone.size(); i++) {
					if (itemDone.get(i) >= start && itemDone.get(i) < end) {
						items += " item" + (i + 1) + "-done";
					}
				}
			}
			System.out.printf(Locale.ROOT, "  %+6.1f  msgs %4d p50 %6.1f p99 %6.1f max %6.1f ms | WAL %5.1f MB | disk %5.1f MB | %s%s%s%s%n", (start - t0) / 1e9,
					h.getTotalCount(), StaffReadBench.ms(h, 50), StaffReadBench.ms(h, 99), h.getMaxValue() / 1000.0,
					growth(samples, -2, start, end) / 1e6, growth(samples, -3, start, end) * 512 / 1e6,
					waitSummary(samples, names, start, end).replace(" (mean active backends per sample)", ""),
					t0 >= start && t0 < end ? " RUN STARTS" : "", t1 >= start && t1 < end ? " RUN ENDS" : "", items);
		}
		// Finer around the start, where single bad seconds recur: which tenth of a second the slow messages were sent in.
		// "sent late" is this driver's own delay in sending (part of the latency, by design): a stall there is the
		// driver's JVM or the machine, not the app.
		System.out.printf(Locale.ROOT, "%naround the run's start, by tenths of a second (messages by when they were due)%n");
		for (long start = t0 - 1_500_000_000L; start < t0 + 1_500_000_000L; start += 100_000_000L) {
			Histogram h = latencies(driver, start, start + 100_000_000L);
			Histogram late = sendLateness(driver, start, start + 100_000_000L);
			System.out.printf(Locale.ROOT, "  %+5.1f  msgs %3d p50 %6.1f max %6.1f ms | sent late p50 %6.2f max %6.1f ms%n",
					(start - t0) / 1e9, h.getTotalCount(), StaffReadBench.ms(h, 50), h.getMaxValue() / 1000.0,
					StaffReadBench.ms(late, 50), late.getMaxValue() / 1000.0);
		}
	}

	/** Latencies (µs) of the chat messages that were due within [from, to) and arrived. */
	private static Histogram latencies(ChatBench driver, long from, long to) {
		return sinceDue(driver, from, to, driver::receivedAt);
	}

	/** How late (µs) the driver sent the chat messages that were due within [from, to). */
	private static Histogram sendLateness(ChatBench driver, long from, long to) {
		return sinceDue(driver, from, to, driver::sentAt);
	}

	/** For the messages due within [from, to): µs from when each was due to {@code at} (0: it never happened). */
	private static Histogram sinceDue(ChatBench driver, long from, long to, java.util.function.IntToLongFunction at) {
		Histogram h = new Histogram(60_000_000L, 3);
		for (int k = 0; k < driver.messageCount(); k++) {
			long due = driver.intendedAt(k);
			long then = at.applyAsLong(k);
			if (due >= from && due < to && then != 0) {
				h.recordValue(Math.max(0, (then - due) / 1000));
			}
		}
		return h;
	}

	/** How far a sampled counter (-2: WAL bytes inserted, -3: disk sectors written) moved within [from, to). */
	private static long growth(List<long[]> samples, int counter, long from, long to) {
		long first = -1;
		long last = -1;
		synchronized (samples) {
			for (long[] s : samples) {
				if (s[1] == counter && s[0] >= from && s[0] < to) {
					first = first < 0 ? s[2] : first;
					last = s[2];
				}
			}
		}
		return first < 0 ? 0 : last - first;
	}

	private static String waitSummary(List<long[]> samples, List<String> names, long from, long to) {
		Map<String, Integer> counts = new java.util.TreeMap<>();
		int ticks = 0;
		synchronized (samples) {
			for (long[] s : samples) {
				if (s[0] < from || s[0] >= to) {
					continue;
				}
				if (s[1] <= -2) {
					continue;
				}
				if (s[1] < 0) {
					ticks++;
				}
				else {
					counts.merge(names.get((int) s[1]), 1, Integer::sum);
				}
			}
		}
		StringBuilder out = new StringBuilder(ticks + " samples;");
		int finalTicks = Math.max(1, ticks);
		counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
			.forEach(e -> out.append(String.format(Locale.ROOT, " %s %.2f", e.getKey(), e.getValue() / (double) finalTicks)));
		return out + " (mean active backends per sample)";
	}

	/** Notes the time at which the running run's report grows by an item. */
	private void pollProgress(List<Long> itemDone, java.util.concurrent.atomic.AtomicBoolean sweeping) {
		try (PreparedStatement items = progress.prepareStatement(
				"SELECT jsonb_array_length(items) FROM retention_run WHERE status = 'RUNNING' AND NOT dry_run")) {
			int seen = 0;
			while (sweeping.get()) {
				try (ResultSet rs = items.executeQuery()) {
					if (rs.next()) {
						int n = rs.getInt(1);
						long now = System.nanoTime();
						while (seen < n) {
							itemDone.add(now);
							seen++;
						}
					}
				}
				Thread.sleep(100);
			}
		}
		catch (SQLException | InterruptedException e) {
			ChatBench.log("progress polling stopped: %s", e);
		}
	}

	private static long purgedOf(List<String[]> items, String category) {
		return items.stream().filter(i -> i[0].equals(category)).mapToLong(i -> Long.parseLong(i[3])).sum();
	}

	private record Window(double p50, double p99, double max, long count, long lost, CpuSampler.Cores cores) {
	}

	/** Chat messages due to be sent within [from, to), and the CPU between the trace's ticks nearest inside it. */
	private static Window window(ChatBench driver, long from, long to, List<Tick> trace) {
		Histogram h = new Histogram(60_000_000L, 3);
		long lost = 0;
		for (int k = 0; k < driver.messageCount(); k++) {
			long due = driver.intendedAt(k);
			if (due < from || due >= to) {
				continue;
			}
			long received = driver.receivedAt(k);
			if (received == 0) {
				lost++;
			}
			else {
				h.recordValue(Math.max(0, (received - due) / 1000));
			}
		}
		Tick first = null;
		Tick last = null;
		synchronized (trace) {
			for (Tick t : trace) {
				if (t.nanos() >= from && first == null) {
					first = t;
				}
				if (t.nanos() <= to) {
					last = t;
				}
			}
		}
		CpuSampler.Cores cores = first == null || last == null || last.nanos() <= first.nanos()
				? new CpuSampler.Cores(0, 0, 0, 0, 0) : CpuSampler.Cores.between(first.sample(), last.sample());
		return new Window(StaffReadBench.ms(h, 50), StaffReadBench.ms(h, 99), h.getMaxValue() / 1000.0,
				h.getTotalCount(), lost, cores);
	}

	// ------------------------------------------------------------------ data

	/**
	 * Expired feedback (given 3 to 4 years ago; the register keeps it 2 years) spread over every reception, and some
	 * recent feedback that must stay. FK checks are skipped while loading (session_replication_role = replica): the
	 * reception ids come from the reception table itself. Then VACUUM ANALYZE and CHECKPOINT, so the table is in the
	 * state a long-lived one is in and no autovacuum or checkpoint of the load falls into the measured windows.
	 */
	private void seedFeedback() throws SQLException {
		long started = System.nanoTime();
		try (Connection db = database(); Statement s = db.createStatement()) {
			// Experiments only (PG_SETTINGS): server settings changed at run time, e.g. wal_compression=pglz.
			for (String setting : o.getOrDefault("pg-settings", "").split(",")) {
				if (!setting.isBlank()) {
					String[] kv = setting.split("=", 2);
					s.execute("ALTER SYSTEM SET " + kv[0].replaceAll("[^a-z_]", "") + " = '" + kv[1].replace("'", "") + "'");
					s.execute("SELECT pg_reload_conf()");
					ChatBench.log("PostgreSQL setting for this run: %s", setting);
				}
			}
			// The month partitions the app made as the feedback was given (chat V3__feedback_by_month.sql), for every month
			// from four years and a month back until now. (An app from before V3 keeps feedback in one table; APP_JAR may
			// measure one.)
			boolean monthly;
			try (ResultSet rs = s.executeQuery("SELECT to_regproc('feedback_month') IS NOT NULL")) {
				monthly = rs.next() && rs.getBoolean(1);
			}
			if (monthly) {
				s.execute("""
						SELECT feedback_month(m::date)
						FROM generate_series(date_trunc('month', current_date - interval '4 years 1 month'), current_date, interval '1 month') m""");
			}
			s.execute("SET session_replication_role = replica");
			s.execute("""
					INSERT INTO feedback (reception_id, given_on, rating, comment)
					SELECT r.ids[1 + g % array_length(r.ids, 1)],
					       current_date - interval '3 years' - make_interval(days => g % 365),
					       1 + g % 5,
					       CASE WHEN g % 3 = 0 THEN 'Bra samtal, tack för hjälpen. Kuratorn lyssnade och jag fick tips om vad jag kan göra.' END
					FROM generate_series(1, {rows}) g, (SELECT array_agg(id ORDER BY id) ids FROM reception) r""".replace("{rows}", Integer.toString(feedbackExpired)));
			s.execute("""
					INSERT INTO feedback (reception_id, given_on, rating, comment)
					SELECT r.ids[1 + g % array_length(r.ids, 1)], current_date - make_interval(days => g % 600), 1 + g % 5,
					       CASE WHEN g % 4 = 0 THEN 'Skönt att kunna vara anonym.' END
					FROM generate_series(1, {rows}) g, (SELECT array_agg(id ORDER BY id) ids FROM reception) r""".replace("{rows}", Integer.toString(feedbackKept)));
			s.execute("SET session_replication_role = origin");
			double loaded = (System.nanoTime() - started) / 1e9;
			s.execute("VACUUM (ANALYZE) feedback");
			s.execute("VACUUM (ANALYZE) access_log");
			s.execute("CHECKPOINT");
			ChatBench.log("feedback: %d expired + %d recent rows loaded in %.1f s; vacuum, analyze and checkpoint done after %.1f s",
					feedbackExpired, feedbackKept, loaded, (System.nanoTime() - started) / 1e9);
		}
	}

	private String walLsn() throws SQLException {
		try (Statement s = observer.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
			rs.next();
			return rs.getString(1);
		}
	}

	private long walBytes(String from, String to) throws SQLException {
		try (Connection db = database();
				PreparedStatement s = db.prepareStatement("SELECT pg_wal_lsn_diff(?::pg_lsn, ?::pg_lsn)::bigint")) {
			s.setString(1, to);
			s.setString(2, from);
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private long count(String sql) throws SQLException {
		try (Connection db = database(); Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private Connection database() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "");
	}

	/** The app's own verification of the access-log chain (GET /actuator/accesslog, admins only). */
	private String verifyChain(StaffSession admin) throws IOException, InterruptedException {
		HttpResponse<String> r = admin.get("/actuator/accesslog");
		Matcher m = VERIFICATION.matcher(r.body());
		if (r.statusCode() != 200 || !m.find()) {
			return "unknown (" + r.statusCode() + ")";
		}
		return ("true".equals(m.group(1)) ? "intact, " : "BROKEN, ") + m.group(2) + " entries checked";
	}

	private void jcmd(String... command) {
		try {
			List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
					Long.toString(appPid)));
			args.addAll(List.of(command));
			Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			p.waitFor(30, TimeUnit.SECONDS);
			ChatBench.log("jcmd %s: %s", command[0], out.replace('\n', ' '));
		}
		catch (IOException | InterruptedException e) {
			ChatBench.log("jcmd failed: %s", e);
		}
	}
}
