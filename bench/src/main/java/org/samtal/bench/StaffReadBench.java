package org.samtal.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The access log's cost on a staff read: GET /console/api/conversations/{id} (a counselor opens a conversation: its
 * messages and form answers, one access-log entry per request) on two app instances started side by side from the same
 * jar, one as built ("logged") and one whose AccessLog is a no-op through a bench-only classpath hook ("unlogged", see
 * bench/src/hooks). Closed loop: each of c client threads sends its next request when the previous answer arrived.
 * <p>
 * The two instances are measured in alternating slices (logged, unlogged, unlogged, logged, ...), so that other work
 * on the machine, which comes and goes, falls on both alike. A slice in which other work used more than 0.25 cores is
 * measured again (both variants), and kept in the results marked as disturbed.
 */
public final class StaffReadBench {

	private static final Pattern JSON_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

	record Instance(String variant, String base, int pgPort, long appPid, Path pgData) {

		static Instance parse(String variant, String spec) {
			String[] p = spec.split(",");
			return new Instance(variant, p[0], Integer.parseInt(p[1]), Long.parseLong(p[2]), Path.of(p[3]));
		}

		Connection database() throws SQLException {
			return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "");
		}
	}

	/** One instance, set up: a counselor session holding conversations with messages in them. */
	static final class Target {

		final Instance instance;
		StaffSession counselor;
		final List<String> conversations = new ArrayList<>();

		Target(Instance instance) {
			this.instance = instance;
		}
	}

	record Slice(String variant, int concurrency, int round, int attempt, long requests, long errors, double seconds,
			Histogram latency, long entries, long commits, long requestsAll, CpuSampler.Cores cores, double jit) {

		boolean disturbed() {
			return cores.other() > 0.25;
		}

		double rps() {
			return requests / seconds;
		}
	}

	private final Map<String, String> o;
	private final String password;
	private final int conversationCount;
	private final int messagesPerConversation;
	private final int seconds;
	private final int warmup;
	private final int rounds;
	private final int retryBusy;
	private final Path results;
	private final String label;
	private final HttpClient http = StaffSession.client();
	private String[] names = { "logged", "unlogged" };

	StaffReadBench(Map<String, String> o) {
		this.o = o;
		this.password = o.get("password");
		this.conversationCount = Integer.parseInt(o.getOrDefault("conversations", "20"));
		this.messagesPerConversation = Integer.parseInt(o.getOrDefault("messages", "30"));
		this.seconds = Integer.parseInt(o.getOrDefault("seconds", "10"));
		this.warmup = Integer.parseInt(o.getOrDefault("warmup", "3"));
		this.rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
		this.retryBusy = Integer.parseInt(o.getOrDefault("retry-busy", "2"));
		this.results = o.containsKey("results") ? Path.of(o.get("results")) : null;
		this.label = o.getOrDefault("label", "");
	}

	public static void main(String[] args) throws Exception {
		System.exit(new StaffReadBench(options(args)).run());
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Arguments are --name=value, got " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		return options;
	}

	int run() throws Exception {
		// --names and --expect-entries let the same alternation compare two builds that both log (COMPARE_JAR).
		String[] names = o.getOrDefault("names", "logged,unlogged").split(",");
		String[] expect = o.getOrDefault("expect-entries", "1,0").split(",");
		Target logged = new Target(Instance.parse(names[0], o.get("logged")));
		Target unlogged = new Target(Instance.parse(names[1], o.get("unlogged")));
		this.names = names;
		List<Integer> levels = new ArrayList<>();
		for (String c : o.getOrDefault("concurrency", "1,8").split(",")) {
			levels.add(Integer.parseInt(c.trim()));
		}
		for (Target t : List.of(logged, unlogged)) {
			setUp(t);
		}
		int maxLevel = levels.stream().max(Integer::compare).orElse(1);
		for (Target t : List.of(logged, unlogged)) {
			warmUntilCompiled(t, maxLevel);
		}
		int status = 0;
		List<Slice> all = new ArrayList<>();
		for (int c : levels) {
			for (int round = 1; round <= rounds; round++) {
				// ABBA order over rounds: neither variant always comes first.
				List<Target> order = round % 2 == 1 ? List.of(logged, unlogged) : List.of(unlogged, logged);
				for (int attempt = 0; attempt <= retryBusy; attempt++) {
					boolean disturbed = false;
					for (Target t : order) {
						Slice s = slice(t, c, round, attempt, seconds, false);
						all.add(s);
						write(s);
						disturbed |= s.disturbed();
						if (s.errors() > 0) {
							status = 2;
						}
						long expected = s.requestsAll() * Integer.parseInt(expect[t == logged ? 0 : 1]);
						if (s.entries() != expected) {
							ChatBench.log("MISMATCH: %s: %d requests but %d access-log entries (expected %d)", s.variant(),
									s.requestsAll(), s.entries(), expected);
							status = 2;
						}
					}
					if (!disturbed) {
						break;
					}
					ChatBench.log("other work took more than 0.25 cores during round %d: measuring it again", round);
				}
			}
		}
		summarise(all, levels);
		return status;
	}

	// ------------------------------------------------------------------ setup

	private void setUp(Target t) throws Exception {
		Instance in = t.instance;
		// Diagnostics only (PG_SETTINGS), on both instances alike: e.g. synchronous_commit=off shows what the WAL
		// flush of the entry's commit costs. The default measures the app's own durable configuration.
		for (String setting : o.getOrDefault("pg-settings", "").split(",")) {
			if (!setting.isBlank()) {
				String[] kv = setting.split("=", 2);
				try (Connection db = in.database(); Statement s = db.createStatement()) {
					s.execute("ALTER SYSTEM SET " + kv[0].replaceAll("[^a-z_]", "") + " = '" + kv[1].replace("'", "") + "'");
					s.execute("SELECT pg_reload_conf()");
				}
				ChatBench.log("%s: PostgreSQL setting %s", in.variant(), setting);
			}
		}
		t.counselor = StaffSession.login(http, in.base(), "kurator.spel", password);
		String csrf = t.counselor.consoleCsrf();
		for (int i = 0; i < conversationCount; i++) {
			HttpResponse<String> started = http.send(StaffSession.request(in.base() + "/api/v1/receptions/spelstodet/conversations")
				.header("Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			StaffSession.expect(started, 201);
			String id = StaffSession.match(JSON_ID, started.body(), "conversation id");
			StaffSession.expect(t.counselor.postJson("/console/api/conversations/" + id + "/take", csrf, ""), 200);
			t.conversations.add(id);
		}
		// The conversations' messages go in directly: the endpoint reads them, how they got there does not matter.
		try (Connection db = in.database();
				PreparedStatement insert = db.prepareStatement("""
						INSERT INTO chat_message (id, conversation_id, client_message_id, author, body, sent_at)
						SELECT gen_random_uuid(), ?, 'seed' || g, CASE WHEN g % 2 = 0 THEN 'VISITOR' ELSE 'COUNSELOR' END,
						       'Meddelande ' || g || ': hej, hur har veckan varit? jag tänkte på det du sa sist om kvällarna.',
						       now() - make_interval(secs => ? - g)
						FROM generate_series(1, ?) g""")) {
			for (String id : t.conversations) {
				insert.setObject(1, UUID.fromString(id));
				insert.setInt(2, messagesPerConversation);
				insert.setInt(3, messagesPerConversation);
				insert.addBatch();
			}
			insert.executeBatch();
		}
		HttpResponse<String> one = t.counselor.get("/console/api/conversations/" + t.conversations.get(0));
		StaffSession.expect(one, 200);
		ChatBench.log("%s: %s, %d conversations of %d messages each taken by kurator.spel; one answer is %d bytes",
				in.variant(), in.base(), conversationCount, messagesPerConversation, one.body().length());
	}

	// ------------------------------------------------------------------ measuring

	private Slice slice(Target t, int concurrency, int round, int attempt, int measuredSeconds, boolean warmupOnly)
			throws Exception {
		Instance in = t.instance;
		CpuSampler cpu = new CpuSampler(in.appPid(), in.pgData());
		long entriesBefore = headSeq(in);
		long start = System.nanoTime() + 100_000_000L;
		long measureFrom = start + warmup * 1_000_000_000L;
		long end = measureFrom + measuredSeconds * 1_000_000_000L;
		Histogram[] histograms = new Histogram[concurrency];
		AtomicLong errors = new AtomicLong();
		AtomicLong requestsAll = new AtomicLong();
		AtomicLong measured = new AtomicLong();
		List<Thread> threads = new ArrayList<>();
		CpuSampler.Sample[] window = new CpuSampler.Sample[2];
		for (int i = 0; i < concurrency; i++) {
			int thread = i;
			histograms[i] = new Histogram(60_000_000L, 3);
			threads.add(Thread.ofPlatform().name("reader-" + i).start(() -> {
				sleepUntil(start);
				int n = thread;
				while (true) {
					long before = System.nanoTime();
					if (before >= end) {
						return;
					}
					String id = t.conversations.get(n++ % t.conversations.size());
					try {
						HttpResponse<String> r = t.counselor.get("/console/api/conversations/" + id);
						if (r.statusCode() != 200) {
							errors.incrementAndGet();
						}
					}
					catch (Exception e) {
						errors.incrementAndGet();
					}
					long after = System.nanoTime();
					requestsAll.incrementAndGet();
					if (before >= measureFrom && after <= end) {
						histograms[thread].recordValue(Math.max(0, (after - before) / 1000));
						measured.incrementAndGet();
					}
				}
			}));
		}
		sleepUntil(measureFrom);
		window[0] = cpu.sample();
		long jitBefore = CpuSampler.compilerTicks(in.appPid());
		sleepUntil(end);
		window[1] = cpu.sample();
		double jit = (CpuSampler.compilerTicks(in.appPid()) - jitBefore) / CpuSampler.TICKS / measuredSeconds;
		for (Thread thread : threads) {
			thread.join();
		}
		Histogram latency = new Histogram(60_000_000L, 3);
		for (Histogram h : histograms) {
			latency.add(h);
		}
		// The last reads' entries may still be gathering (samtal.access-log.gather-reads-for, 20 ms by default); this
		// pause is outside the measured window.
		Thread.sleep(250);
		long entriesAfter = headSeq(in);
		long entries = entriesAfter - entriesBefore;
		long commits = commits(in, entriesBefore, entriesAfter);
		Slice s = new Slice(in.variant(), concurrency, round, attempt, measured.get(), errors.get(), measuredSeconds,
				latency, entries, commits, requestsAll.get(), CpuSampler.Cores.between(window[0], window[1]), jit);
		if (!warmupOnly) {
			ChatBench.log("%-8s c=%-3d round %d%s: %6.1f req/s | p50 %.2f ms | p90 %.2f | p99 %.2f | max %.2f | entries %d for %d requests in %d commits | %s | JIT %.2f%s",
					s.variant(), concurrency, round, attempt > 0 ? " (again)" : "", s.rps(), ms(latency, 50),
					ms(latency, 90), ms(latency, 99), latency.getMaxValue() / 1000.0, entries, s.requestsAll(), commits,
					s.cores(), jit, s.disturbed() ? "  DISTURBED" : "");
		}
		return s;
	}

	/**
	 * Drives one JVM until its JIT compilers are (nearly) idle: on two cores a compiler thread still at work takes the
	 * CPU that the entry's write would overlap with, and the first runs measured a JVM compiling through every slice.
	 * Stops when two 5-second slices in a row spent under {@code --jit-quiet} cores (default 0.05) compiling, or after
	 * {@code --jit-settle} seconds (default 240), and says which.
	 */
	private void warmUntilCompiled(Target t, int concurrency) throws Exception {
		int limit = Integer.parseInt(o.getOrDefault("jit-settle", "240"));
		double quiet = Double.parseDouble(o.getOrDefault("jit-quiet", "0.05"));
		long pid = t.instance.appPid();
		long began = System.nanoTime();
		int quietInARow = 0;
		double compiling = 0;
		while (quietInARow < 2 && System.nanoTime() - began < limit * 1_000_000_000L) {
			long ticks = CpuSampler.compilerTicks(pid);
			long from = System.nanoTime();
			slice(t, concurrency, 0, 0, 5, true);
			compiling = (CpuSampler.compilerTicks(pid) - ticks) / CpuSampler.TICKS / ((System.nanoTime() - from) / 1e9);
			quietInARow = compiling < quiet ? quietInARow + 1 : 0;
		}
		ChatBench.log("warmed up %s for %.0f s at concurrency %d: JIT compilers at %.2f cores in the last slice%s",
				t.instance.variant(), (System.nanoTime() - began) / 1e9, concurrency, compiling,
				quietInARow < 2 ? " (still compiling: --jit-settle reached)" : "");
	}

	private static long headSeq(Instance in) throws SQLException {
		try (Connection db = in.database(); Statement s = db.createStatement();
				ResultSet rs = s.executeQuery("SELECT seq FROM access_log_head WHERE id = 1")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** How many transactions wrote the entries after {@code from} up to {@code to}: the writer's group commits. */
	private static long commits(Instance in, long from, long to) throws SQLException {
		try (Connection db = in.database(); PreparedStatement s = db.prepareStatement(
				"SELECT count(DISTINCT xmin::text) FROM access_log WHERE seq > ? AND seq <= ?")) {
			s.setLong(1, from);
			s.setLong(2, to);
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	// ------------------------------------------------------------------ report

	private void summarise(List<Slice> all, List<Integer> levels) throws Exception {
		System.out.printf(Locale.ROOT, "%n== Access log: staff read GET /console/api/conversations/{id}, logged vs no-op %s ==%n", label);
		for (int c : levels) {
			Histogram[] merged = new Histogram[2];
			double[] rps = new double[2];
			int[] slices = new int[2];
			boolean[] fellBack = new boolean[2];
			CpuSampler.Cores[] cores = new CpuSampler.Cores[2];
			for (int v = 0; v < 2; v++) {
				String variant = names[v];
				List<Slice> mine = all.stream().filter(s -> s.concurrency() == c && s.variant().equals(variant)).toList();
				List<Slice> quiet = mine.stream().filter(s -> !s.disturbed()).toList();
				fellBack[v] = quiet.isEmpty();
				List<Slice> used = fellBack[v] ? mine : quiet;
				merged[v] = new Histogram(60_000_000L, 3);
				double app = 0, pg = 0, other = 0, driver = 0, machine = 0;
				for (Slice s : used) {
					merged[v].add(s.latency());
					rps[v] += s.rps() / used.size();
					app += s.cores().app() / used.size();
					pg += s.cores().pg() / used.size();
					other += s.cores().other() / used.size();
					driver += s.cores().driver() / used.size();
					machine += s.cores().machine() / used.size();
				}
				slices[v] = used.size();
				cores[v] = new CpuSampler.Cores(driver, app, pg, machine, other);
			}
			double p50Overhead = ms(merged[0], 50) / ms(merged[1], 50) - 1;
			double p99Overhead = ms(merged[0], 99) / ms(merged[1], 99) - 1;
			double appUsPerRequest = (cores[0].app() + cores[0].pg()) / rps[0] * 1e6;
			double appUsPerRequestUnlogged = (cores[1].app() + cores[1].pg()) / rps[1] * 1e6;
			System.out.printf(Locale.ROOT, """
					concurrency %d (%d + %d slices of %d s%s; first line %s, second %s)
					  logged    %7.1f req/s | p50 %.2f ms | p90 %.2f | p99 %.2f | max %.2f | app+PG CPU %.0f us/request | %s
					  unlogged  %7.1f req/s | p50 %.2f ms | p90 %.2f | p99 %.2f | max %.2f | app+PG CPU %.0f us/request | %s
					  overhead  p50 %+.1f %% | p99 %+.1f %% | throughput %+.1f %%  (target: p50 <= +10 %%: %s)
					""", c, slices[0], slices[1], seconds, fellBack[0] || fellBack[1] ? ", ALL DISTURBED: noisy" : "",
					names[0], names[1],
					rps[0], ms(merged[0], 50), ms(merged[0], 90), ms(merged[0], 99), merged[0].getMaxValue() / 1000.0,
					appUsPerRequest, cores[0], rps[1], ms(merged[1], 50), ms(merged[1], 90), ms(merged[1], 99),
					merged[1].getMaxValue() / 1000.0, appUsPerRequestUnlogged, cores[1], 100 * p50Overhead,
					100 * p99Overhead, 100 * (rps[0] / rps[1] - 1), p50Overhead <= 0.10 ? "met" : "MISSED");
			if (results != null) {
				String json = String.format(Locale.ROOT,
						"{\"type\":\"staff-read\",\"label\":\"%s\",\"names\":\"%s/%s\",\"concurrency\":%d,\"slicesLogged\":%d,\"slicesUnlogged\":%d,"
								+ "\"seconds\":%d,\"noisy\":%s,\"loggedRps\":%.1f,\"loggedP50\":%.3f,\"loggedP90\":%.3f,"
								+ "\"loggedP99\":%.3f,\"unloggedRps\":%.1f,\"unloggedP50\":%.3f,\"unloggedP90\":%.3f,"
								+ "\"unloggedP99\":%.3f,\"p50Overhead\":%.4f,\"p99Overhead\":%.4f,\"loggedUsPerRequest\":%.0f,"
								+ "\"unloggedUsPerRequest\":%.0f,%s,%s}",
						label, names[0], names[1], c, slices[0], slices[1], seconds, fellBack[0] || fellBack[1], rps[0], ms(merged[0], 50),
						ms(merged[0], 90), ms(merged[0], 99), rps[1], ms(merged[1], 50), ms(merged[1], 90),
						ms(merged[1], 99), p50Overhead, p99Overhead, appUsPerRequest, appUsPerRequestUnlogged,
						cores[0].json("logged"), cores[1].json("unlogged"));
				Files.writeString(results, json + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			}
		}
	}

	private void write(Slice s) throws Exception {
		if (results == null) {
			return;
		}
		String json = String.format(Locale.ROOT,
				"{\"type\":\"staff-read-slice\",\"label\":\"%s\",\"variant\":\"%s\",\"concurrency\":%d,\"round\":%d,"
						+ "\"attempt\":%d,\"requests\":%d,\"rps\":%.1f,\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"max\":%.3f,"
						+ "\"errors\":%d,\"entries\":%d,\"commits\":%d,\"requestsAll\":%d,\"disturbed\":%s,%s}",
				label, s.variant(), s.concurrency(), s.round(), s.attempt(), s.requests(), s.rps(), ms(s.latency(), 50),
				ms(s.latency(), 90), ms(s.latency(), 99), s.latency().getMaxValue() / 1000.0, s.errors(), s.entries(),
				s.commits(), s.requestsAll(), s.disturbed(), s.cores().json(""));
		Files.writeString(results, json + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	static double ms(Histogram h, double percentile) {
		return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
	}

	static void sleepUntil(long nanoTime) {
		long left;
		while ((left = nanoTime - System.nanoTime()) > 0) {
			java.util.concurrent.locks.LockSupport.parkNanos(left);
		}
	}
}
