package org.samtal.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Open-loop chat load driver for Samtal.
 *
 * <p>Opens N visitor/counselor pairs on one app node, then sends messages at a fixed aggregate rate, scheduled by the
 * clock and never waiting for replies. Message k goes through pair k mod N; its direction alternates per pair
 * (visitor to counselor, then counselor to visitor). Its clientMessageId is "m" + k and its text starts with the
 * intended send time (System.nanoTime of this JVM), so the receiving side computes the latency from the text alone.
 * Latency is taken from the intended send time, not the actual one, so a late driver cannot hide queueing
 * (no coordinated omission); the driver's own lateness is reported separately.
 */
public final class ChatBench {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
	private static final Pattern CSRF_META = Pattern.compile("data-csrf-token=\"([^\"]+)\"");
	private static final Pattern SESSION_COOKIE = Pattern.compile("samtal_session=([^;]+)");
	private static final Pattern JSON_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
	private static final Pattern JSON_TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
	private static final String PADDING = " hej, hur har veckan varit? jag tänkte på det du sa sist om kvällarna och spelet"
		.replace('ä', 'a');

	// ---- configuration ----
	private final String base;
	private final String wsUri;
	private final int pairs;
	private final int counselorCount;
	private final double rate;
	private final int seconds;
	private final int warmup;
	private final int drainSeconds;
	private final String password;
	private final int pgPort;
	private final long appPid;
	private final Path pgData;
	private final int textLength;
	private final String label;
	private final Path resultsFile;
	private final Path jfrFile;

	// ---- state ----
	private final HttpClient http;
	private final List<HttpClient> wsClients = new ArrayList<>();
	private final ExecutorService wsExecutor;
	private final List<Counselor> counselors = new ArrayList<>();
	private final List<Pair> pairList = new ArrayList<>();
	private final List<Conn> connections = new ConcurrentLinkedQueueList();

	private volatile long startNanos;
	private long periodNanosTimes1000; // period * 1000 for precision
	private int total;
	private int warmupCount;
	private int measureCount;
	private long[] actualSend;
	private AtomicLongArray recvAt;
	private AtomicLongArray ackAt;
	private final AtomicLong duplicates = new AtomicLong();
	private final AtomicLong timestampMismatch = new AtomicLong();
	private final AtomicLong errorFrames = new AtomicLong();
	private final AtomicLong connectionFailures = new AtomicLong();
	private final AtomicLong sendFailures = new AtomicLong();
	private final AtomicLong unexpectedCloses = new AtomicLong();
	private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
	private volatile boolean closing;

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Arguments are --name=value, got " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		ChatBench bench = new ChatBench(options);
		int exit;
		try {
			exit = bench.run();
		}
		finally {
			bench.shutdown();
		}
		System.exit(exit);
	}

	ChatBench(Map<String, String> o) {
		this.base = o.getOrDefault("base", "http://127.0.0.1:8080");
		if (!URI.create(base).getHost().equals("127.0.0.1") && !URI.create(base).getHost().equals("localhost")) {
			throw new IllegalArgumentException("The benchmark only talks to 127.0.0.1");
		}
		this.wsUri = base.replaceFirst("^http", "ws") + "/ws/chat";
		this.pairs = Integer.parseInt(o.getOrDefault("pairs", "1000"));
		this.counselorCount = Math.min(pairs, Integer.parseInt(o.getOrDefault("counselors", String.valueOf(pairs))));
		this.rate = Double.parseDouble(o.getOrDefault("rate", "900"));
		this.seconds = Integer.parseInt(o.getOrDefault("seconds", "60"));
		this.warmup = Integer.parseInt(o.getOrDefault("warmup", "15"));
		this.drainSeconds = Integer.parseInt(o.getOrDefault("drain", "15"));
		this.password = o.getOrDefault("password", "bench-password-1");
		this.pgPort = Integer.parseInt(o.getOrDefault("pg-port", "0"));
		this.appPid = Long.parseLong(o.getOrDefault("app-pid", "0"));
		this.pgData = o.containsKey("pg-data") ? Path.of(o.get("pg-data")) : null;
		this.textLength = Integer.parseInt(o.getOrDefault("text-length", "64"));
		this.label = o.getOrDefault("label", "");
		this.resultsFile = o.containsKey("results") ? Path.of(o.get("results")) : null;
		this.jfrFile = o.containsKey("jfr") ? Path.of(o.get("jfr")) : null;
		if (rate <= 0 || seconds <= 0 || pairs <= 0 || rate * (warmup + seconds) > 20_000_000) {
			throw new IllegalArgumentException("rate, seconds and pairs must be positive and bounded");
		}
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		this.wsExecutor = Executors.newFixedThreadPool(Integer.parseInt(o.getOrDefault("ws-threads", "2")),
				daemon("ws"));
		for (int i = 0; i < Integer.parseInt(o.getOrDefault("ws-clients", "2")); i++) {
			wsClients.add(HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.executor(wsExecutor)
				.connectTimeout(Duration.ofSeconds(10))
				.build());
		}
	}

	int run() throws Exception {
		log("config: pairs=%d counselors=%d rate=%.0f msg/s seconds=%d warmup=%d text=%d chars, %s", pairs,
				counselorCount, rate, seconds, warmup, textLength, base);
		long setupStart = System.nanoTime();
		seedCounselors();
		loginCounselors();
		openConversations();
		connectAll();
		log("setup done in %.1f s: %d connections", (System.nanoTime() - setupStart) / 1e9, connections.size());
		Thread.sleep(1000);

		total = (int) Math.round(rate * (warmup + seconds));
		warmupCount = (int) Math.round(rate * warmup);
		measureCount = total - warmupCount;
		actualSend = new long[total];
		recvAt = new AtomicLongArray(total);
		ackAt = new AtomicLongArray(total);
		periodNanosTimes1000 = Math.round(1e12 / rate);

		CpuSampler cpu = new CpuSampler(appPid, pgData);
		CpuSampler.Sample[] window = new CpuSampler.Sample[2];
		double[] load = new double[2];
		startNanos = System.nanoTime() + 200_000_000L;
		long windowStart = startNanos + warmup * 1_000_000_000L;
		long windowEnd = windowStart + seconds * 1_000_000_000L;
		Thread sampler = Thread.ofPlatform().daemon().name("cpu-sampler").start(() -> {
			if (jfrFile != null && appPid > 0) {
				// Profile the app over the measured window only (jcmd is started a little ahead: it needs a JVM).
				sleepUntil(windowStart - 3_000_000_000L);
				startFlightRecording(3);
			}
			sleepUntil(windowStart);
			window[0] = cpu.sample();
			load[0] = CpuSampler.loadAverage();
			sleepUntil(windowEnd);
			window[1] = cpu.sample();
			load[1] = CpuSampler.loadAverage();
		});
		Thread sender = Thread.ofPlatform().name("sender").start(this::sendLoop);
		log("sending %d messages (%d warm-up) over %d s", total, warmupCount, warmup + seconds);
		sender.join();
		sampler.join();
		log("all sent; draining up to %d s", drainSeconds);
		long drainDeadline = System.nanoTime() + drainSeconds * 1_000_000_000L;
		while (System.nanoTime() < drainDeadline && (missing(recvAt) > 0 || missing(ackAt) > 0)) {
			Thread.sleep(100);
		}
		closing = true;
		Report report = report(window[0], window[1], load, windowStart, windowEnd);
		report.print();
		if (resultsFile != null) {
			Files.writeString(resultsFile, report.json() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		return report.lost == 0 && report.errors == 0 && report.persistedOk ? 0 : 2;
	}

	private void startFlightRecording(int delaySeconds) {
		try {
			Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
			Process p = new ProcessBuilder(jcmd.toString(), Long.toString(appPid), "JFR.start", "name=bench",
					"settings=profile", "delay=" + delaySeconds + "s", "duration=" + seconds + "s",
					"filename=" + jfrFile.toAbsolutePath())
				.redirectErrorStream(true)
				.start();
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			p.waitFor(20, TimeUnit.SECONDS);
			log("JFR: %s", out.replace('\n', ' '));
		}
		catch (IOException | InterruptedException e) {
			log("JFR could not be started: %s", e);
		}
	}

	// ---------------------------------------------------------------- for drivers that run this one in-process

	/** System.nanoTime of the first scheduled send, once setup is done; 0 before. */
	long sendingStartsAt() {
		return startNanos;
	}

	/** Messages scheduled in all (warm-up included); valid once sending started. */
	int messageCount() {
		return total;
	}

	/** When message k was due to be sent (System.nanoTime of this JVM). */
	long intendedAt(int k) {
		return intended(k);
	}

	/** When message k was actually sent (System.nanoTime), or 0 if not yet. */
	long sentAt(int k) {
		return actualSend[k];
	}

	/** When message k reached the other side (System.nanoTime), or 0 if it never did. */
	long receivedAt(int k) {
		return recvAt.get(k);
	}

	// ---------------------------------------------------------------- sending

	private long intended(int k) {
		return startNanos + (k * periodNanosTimes1000) / 1000;
	}

	private void sendLoop() {
		StringBuilder text = new StringBuilder(textLength + 32);
		for (int k = 0; k < total; k++) {
			long due = intended(k);
			long now;
			while ((now = System.nanoTime()) < due) {
				long left = due - now;
				if (left > 60_000) {
					LockSupport.parkNanos(left - 50_000);
				}
				else {
					Thread.onSpinWait();
				}
			}
			Pair pair = pairList.get(k % pairs);
			boolean visitorSends = ((k / pairs) & 1) == 0;
			text.setLength(0);
			text.append('t').append(due);
			while (text.length() < textLength) {
				text.append(PADDING, 0, Math.min(PADDING.length(), textLength - text.length()));
			}
			String frame;
			if (visitorSends) {
				frame = "{\"type\":\"send\",\"clientMessageId\":\"m" + k + "\",\"text\":\"" + text + "\"}";
				actualSend[k] = System.nanoTime();
				pair.visitor.send(frame);
			}
			else {
				frame = "{\"type\":\"send\",\"conversationId\":\"" + pair.conversationId + "\",\"clientMessageId\":\"m" + k
						+ "\",\"text\":\"" + text + "\"}";
				actualSend[k] = System.nanoTime();
				pair.counselor.conn.send(frame);
			}
		}
	}

	// ---------------------------------------------------------------- receiving

	void onFrame(Conn conn, String frame, long now) {
		String type = field(frame, "\"type\":\"");
		if (type == null) {
			error(conn, "frame without type: " + frame);
			return;
		}
		switch (type) {
			case "message" -> {
				String author = field(frame, "\"author\":\"");
				boolean fromOtherSide = conn.visitor ? "COUNSELOR".equals(author) : "VISITOR".equals(author);
				if (!fromOtherSide) {
					return; // the sender's own copy
				}
				int k = messageIndex(field(frame, "\"clientMessageId\":\""));
				if (k < 0) {
					return;
				}
				String text = field(frame, "\"text\":\"");
				long sentNanos = parseTimestamp(text);
				if (sentNanos != intended(k)) {
					timestampMismatch.incrementAndGet();
				}
				if (!recvAt.compareAndSet(k, 0, now)) {
					duplicates.incrementAndGet();
				}
			}
			case "ack" -> {
				int k = messageIndex(field(frame, "\"clientMessageId\":\""));
				if (k >= 0) {
					ackAt.compareAndSet(k, 0, now);
				}
			}
			case "welcome" -> conn.welcome.complete(frame);
			case "error" -> error(conn, frame);
			default -> {
				// status, queue, assigned, pong: not measured
			}
		}
	}

	private int messageIndex(String clientMessageId) {
		if (clientMessageId == null || clientMessageId.length() < 2 || clientMessageId.charAt(0) != 'm') {
			return -1;
		}
		int k = Integer.parseInt(clientMessageId, 1, clientMessageId.length(), 10);
		return k < total ? k : -1;
	}

	private static long parseTimestamp(String text) {
		if (text == null || text.isEmpty() || text.charAt(0) != 't') {
			return -1;
		}
		int end = 1;
		while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '-')) {
			end++;
		}
		return Long.parseLong(text, 1, end, 10);
	}

	private void error(Conn conn, String what) {
		errorFrames.incrementAndGet();
		if (errorSamples.size() < 5) {
			errorSamples.add((conn.visitor ? "visitor: " : "counselor: ") + abbreviate(what));
		}
	}

	static String field(String json, String key) {
		int i = json.indexOf(key);
		if (i < 0) {
			return null;
		}
		i += key.length();
		int j = json.indexOf('"', i);
		return j < 0 ? null : json.substring(i, j);
	}

	// ---------------------------------------------------------------- setup

	/** Bench counselors beyond kurator.spel are inserted directly, with a cheap BCrypt hash so login is fast. */
	private void seedCounselors() throws SQLException {
		counselors.add(new Counselor("kurator.spel"));
		if (counselorCount <= 1) {
			return;
		}
		try (Connection db = database()) {
			UUID organisation;
			UUID reception;
			try (Statement s = db.createStatement();
					ResultSet rs = s.executeQuery("""
							SELECT s.organisation_id, r.id FROM staff_account s, reception r
							WHERE s.username = 'kurator.spel' AND r.slug = 'spelstodet'""")) {
				if (!rs.next()) {
					throw new IllegalStateException("demo data not loaded: kurator.spel or spelstodet missing");
				}
				organisation = rs.getObject(1, UUID.class);
				reception = rs.getObject(2, UUID.class);
			}
			String hash = "{bcrypt}" + BCrypt.hashpw(password, BCrypt.gensalt(4));
			db.setAutoCommit(false);
			try (PreparedStatement staff = db.prepareStatement("""
					INSERT INTO staff_account (id, username, display_name, password_hash, role, organisation_id, created_at)
					VALUES (?, ?, ?, ?, 'COUNSELOR', ?, now())""");
					PreparedStatement works = db.prepareStatement(
							"INSERT INTO staff_reception (staff_id, reception_id) VALUES (?, ?)")) {
				for (int i = 1; i < counselorCount; i++) {
					UUID id = UUID.randomUUID();
					String username = String.format(Locale.ROOT, "bench.kurator.%04d", i);
					staff.setObject(1, id);
					staff.setString(2, username);
					staff.setString(3, "Bench " + i);
					staff.setString(4, hash);
					staff.setObject(5, organisation);
					staff.addBatch();
					works.setObject(1, id);
					works.setObject(2, reception);
					works.addBatch();
					counselors.add(new Counselor(username));
				}
				staff.executeBatch();
				works.executeBatch();
			}
			db.commit();
		}
		log("seeded %d bench counselors", counselorCount - 1);
	}

	private void loginCounselors() throws Exception {
		parallel(4, counselors, counselor -> {
			login(counselor);
			return null;
		});
		log("%d counselors logged in", counselors.size());
	}

	private void login(Counselor c) throws IOException, InterruptedException {
		HttpResponse<String> page = http.send(request(URI.create(base + "/login")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		String cookie = sessionCookie(page, null);
		String csrf = match(CSRF_FIELD, page.body(), "login page _csrf");
		String form = "username=" + enc(c.username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf);
		HttpResponse<String> posted = http.send(request(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", "samtal_session=" + cookie)
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		String location = posted.headers().firstValue("Location").orElse("");
		if (posted.statusCode() != 302 || !location.endsWith("/console")) {
			throw new IllegalStateException("login of " + c.username + " failed: " + posted.statusCode() + " " + location);
		}
		cookie = sessionCookie(posted, cookie);
		HttpResponse<String> console = http.send(request(URI.create(base + "/console"))
			.header("Cookie", "samtal_session=" + cookie)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		if (console.statusCode() != 200) {
			throw new IllegalStateException("GET /console answered " + console.statusCode());
		}
		c.cookie = cookie;
		c.csrf = match(CSRF_META, console.body(), "console data-csrf-token");
	}

	/** Each visitor starts a conversation and its counselor takes it at once, so the queue stays short. */
	private void openConversations() throws Exception {
		List<Integer> indexes = new ArrayList<>();
		for (int i = 0; i < pairs; i++) {
			indexes.add(i);
			pairList.add(null);
		}
		parallel(8, indexes, i -> {
			HttpResponse<String> started = http.send(
					request(URI.create(base + "/api/v1/receptions/spelstodet/conversations"))
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString("{}"))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			if (started.statusCode() != 201) {
				throw new IllegalStateException("start conversation: " + started.statusCode() + " " + started.body());
			}
			String id = match(JSON_ID, started.body(), "conversation id");
			String token = match(JSON_TOKEN, started.body(), "conversation token");
			Counselor counselor = counselors.get(i % counselors.size());
			HttpResponse<String> taken = http.send(
					request(URI.create(base + "/console/api/conversations/" + id + "/take"))
						.header("Cookie", "samtal_session=" + counselor.cookie)
						.header("X-CSRF-TOKEN", counselor.csrf)
						.POST(HttpRequest.BodyPublishers.noBody())
						.build(),
					HttpResponse.BodyHandlers.ofString());
			if (taken.statusCode() != 200) {
				throw new IllegalStateException("take conversation: " + taken.statusCode() + " " + taken.body());
			}
			synchronized (pairList) {
				pairList.set(i, new Pair(id, token, counselor));
			}
			return null;
		});
		log("%d conversations started and taken", pairs);
	}

	/** Counselors connect after taking, so their hello joins every conversation they hold. */
	private void connectAll() throws Exception {
		Semaphore inFlight = new Semaphore(64);
		List<CompletableFuture<String>> welcomes = new ArrayList<>();
		int n = 0;
		for (Counselor c : counselors) {
			c.conn = new Conn(false, n++);
			welcomes.add(connect(c.conn, Map.of("Cookie", "samtal_session=" + c.cookie), "{\"type\":\"hello\"}", inFlight));
		}
		for (Pair p : pairList) {
			p.visitor = new Conn(true, n++);
			welcomes.add(connect(p.visitor, Map.of(), "{\"type\":\"hello\",\"conversationId\":\"" + p.conversationId
					+ "\",\"token\":\"" + p.token + "\"}", inFlight));
		}
		for (CompletableFuture<String> welcome : welcomes) {
			welcome.get(60, TimeUnit.SECONDS);
		}
		log("%d WebSocket connections said hello", welcomes.size());
	}

	private CompletableFuture<String> connect(Conn conn, Map<String, String> headers, String hello, Semaphore inFlight)
			throws InterruptedException {
		inFlight.acquire();
		WebSocket.Builder builder = wsClients.get(conn.number % wsClients.size()).newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(20));
		headers.forEach(builder::header);
		builder.buildAsync(URI.create(wsUri), conn).whenComplete((ws, failure) -> {
			if (failure != null) {
				inFlight.release();
				conn.welcome.completeExceptionally(failure);
				return;
			}
			conn.ws = ws;
			connections.add(conn);
			conn.send(hello);
		});
		return conn.welcome.whenComplete((w, f) -> inFlight.release());
	}

	// ---------------------------------------------------------------- report

	private Report report(CpuSampler.Sample cpuStart, CpuSampler.Sample cpuEnd, double[] load, long windowStart,
			long windowEnd) throws SQLException {
		Report r = new Report();
		r.label = label;
		r.pairs = pairs;
		r.counselors = counselors.size();
		r.rate = rate;
		r.seconds = seconds;
		r.warmup = warmup;
		Histogram latency = new Histogram(60_000_000L, 3);
		Histogram ack = new Histogram(60_000_000L, 3);
		Histogram lag = new Histogram(60_000_000L, 3);
		long deliveredInWindow = 0;
		for (int k = 0; k < total; k++) {
			long received = recvAt.get(k);
			if (received != 0) {
				r.deliveredTotal++;
				if (received >= windowStart && received < windowEnd) {
					deliveredInWindow++;
				}
			}
			if (ackAt.get(k) != 0) {
				r.ackedTotal++;
			}
			if (k < warmupCount) {
				continue;
			}
			r.sentMeasured++;
			lag.recordValue(Math.max(0, (actualSend[k] - intended(k)) / 1000));
			if (received == 0) {
				r.lost++;
			}
			else {
				latency.recordValue(Math.max(0, (received - intended(k)) / 1000));
			}
			long acked = ackAt.get(k);
			if (acked == 0) {
				r.unacked++;
			}
			else {
				ack.recordValue(Math.max(0, (acked - intended(k)) / 1000));
			}
		}
		r.sentTotal = total;
		r.deliveredPerSecond = deliveredInWindow / (double) seconds;
		r.p50 = latency.getValueAtPercentile(50) / 1000.0;
		r.p90 = latency.getValueAtPercentile(90) / 1000.0;
		r.p99 = latency.getValueAtPercentile(99) / 1000.0;
		r.p999 = latency.getValueAtPercentile(99.9) / 1000.0;
		r.max = latency.getMaxValue() / 1000.0;
		r.ackP50 = ack.getValueAtPercentile(50) / 1000.0;
		r.ackP99 = ack.getValueAtPercentile(99) / 1000.0;
		r.ackMax = ack.getMaxValue() / 1000.0;
		r.lagP99 = lag.getValueAtPercentile(99) / 1000.0;
		r.lagMax = lag.getMaxValue() / 1000.0;
		r.duplicates = duplicates.get();
		r.timestampMismatch = timestampMismatch.get();
		r.errors = errorFrames.get() + connectionFailures.get() + sendFailures.get() + unexpectedCloses.get();
		r.errorDetail = String.format(Locale.ROOT, "error frames %d, send failures %d, connection failures %d, closes %d",
				errorFrames.get(), sendFailures.get(), connectionFailures.get(), unexpectedCloses.get());
		r.errorSamples = List.copyOf(errorSamples);
		if (cpuStart != null && cpuEnd != null) {
			double wall = (cpuEnd.wallNanos() - cpuStart.wallNanos()) / 1e9;
			r.driverCores = (cpuEnd.driverTicks() - cpuStart.driverTicks()) / CpuSampler.TICKS / wall;
			r.appCores = (cpuEnd.appTicks() - cpuStart.appTicks()) / CpuSampler.TICKS / wall;
			r.pgCores = (cpuEnd.pgTicks() - cpuStart.pgTicks()) / CpuSampler.TICKS / wall;
			long busy = cpuEnd.machineBusy() - cpuStart.machineBusy();
			long all = cpuEnd.machineTotal() - cpuStart.machineTotal();
			r.machineCores = all == 0 ? 0 : busy / (double) all * CpuSampler.CORES;
			r.otherCores = Math.max(0, r.machineCores - r.driverCores - r.appCores - r.pgCores);
		}
		r.loadStart = load[0];
		r.loadEnd = load[1];
		if (pgPort > 0) {
			verifyPersistence(r);
		}
		return r;
	}

	/** Every acknowledged message must be stored exactly once; every delivered message must be stored. */
	private void verifyPersistence(Report r) throws SQLException {
		Set<Integer> stored = new HashSet<>();
		r.persisted = 0;
		try (Connection db = database();
				Statement s = db.createStatement();
				ResultSet rs = s.executeQuery("SELECT client_message_id FROM chat_message")) {
			while (rs.next()) {
				int k = messageIndex(rs.getString(1));
				r.persisted++;
				if (k >= 0 && !stored.add(k)) {
					r.persistedDuplicates++;
				}
			}
		}
		for (int k = 0; k < total; k++) {
			if ((ackAt.get(k) != 0 || recvAt.get(k) != 0) && !stored.contains(k)) {
				r.ackedNotPersisted++;
			}
		}
		r.persistedOk = r.persistedDuplicates == 0 && r.ackedNotPersisted == 0 && r.persisted == r.deliveredTotal
				&& r.persisted == r.ackedTotal;
	}

	private Connection database() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "");
	}

	// ---------------------------------------------------------------- plumbing

	private long missing(AtomicLongArray array) {
		long missing = 0;
		for (int k = 0; k < total; k++) {
			if (array.get(k) == 0) {
				missing++;
			}
		}
		return missing;
	}

	void shutdown() {
		closing = true;
		for (Conn conn : connections) {
			try {
				conn.ws.abort();
			}
			catch (RuntimeException ignored) {
				// already gone
			}
		}
		wsExecutor.shutdownNow();
	}

	private static <T> void parallel(int threads, List<T> items, ThrowingFunction<T> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads, daemon("setup"));
		try {
			List<Future<Void>> futures = new ArrayList<>();
			for (T item : items) {
				futures.add(pool.submit((Callable<Void>) () -> {
					task.apply(item);
					return null;
				}));
			}
			for (Future<Void> f : futures) {
				f.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	interface ThrowingFunction<T> {
		Object apply(T item) throws Exception;
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		AtomicInteger n = new AtomicInteger();
		return r -> {
			Thread t = new Thread(r, name + "-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
	}

	private static void sleepUntil(long nanoTime) {
		long left;
		while ((left = nanoTime - System.nanoTime()) > 0) {
			LockSupport.parkNanos(left);
		}
	}

	private static HttpRequest.Builder request(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
	}

	private static String sessionCookie(HttpResponse<?> response, String previous) {
		for (String header : response.headers().allValues("Set-Cookie")) {
			Matcher m = SESSION_COOKIE.matcher(header);
			if (m.find()) {
				return m.group(1);
			}
		}
		if (previous == null) {
			throw new IllegalStateException("no samtal_session cookie from " + response.uri());
		}
		return previous;
	}

	private static String match(Pattern pattern, String text, String what) {
		Matcher m = pattern.matcher(text);
		if (!m.find()) {
			throw new IllegalStateException("could not find " + what);
		}
		return m.group(1);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static String abbreviate(String s) {
		return s.length() <= 200 ? s : s.substring(0, 200) + "...";
	}

	static void log(String format, Object... args) {
		System.err.printf(Locale.ROOT, "[bench %tT] " + format + "%n", append(System.currentTimeMillis(), args));
	}

	private static Object[] append(Object first, Object[] rest) {
		Object[] all = new Object[rest.length + 1];
		all[0] = first;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}

	static final class Counselor {

		final String username;
		volatile String cookie;
		volatile String csrf;
		Conn conn;

		Counselor(String username) {
			this.username = username;
		}
	}

	static final class Pair {

		final String conversationId;
		final String token;
		final Counselor counselor;
		Conn visitor;

		Pair(String conversationId, String token, Counselor counselor) {
			this.conversationId = conversationId;
			this.token = token;
			this.counselor = counselor;
		}
	}

	/** One WebSocket. The JDK client allows one outstanding send per socket, so sends queue here. */
	final class Conn implements WebSocket.Listener {

		final boolean visitor;
		final int number;
		final CompletableFuture<String> welcome = new CompletableFuture<>();
		volatile WebSocket ws;
		private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
		private final AtomicInteger pending = new AtomicInteger();
		private StringBuilder partial;

		Conn(boolean visitor, int number) {
			this.visitor = visitor;
			this.number = number;
		}

		void send(String frame) {
			queue.add(frame);
			if (pending.getAndIncrement() == 0) {
				drain();
			}
		}

		/** Runs in exactly one thread at a time: whoever moved pending from 0, then each completion. */
		private void drain() {
			while (true) {
				String frame = queue.poll();
				CompletableFuture<WebSocket> sent = ws.sendText(frame, true);
				if (!sent.isDone()) {
					sent.whenComplete((w, failure) -> {
						if (failure != null) {
							sendFailed(failure);
						}
						if (pending.decrementAndGet() > 0) {
							drain();
						}
					});
					return;
				}
				if (sent.isCompletedExceptionally()) {
					sendFailed(sent.exceptionNow());
				}
				if (pending.decrementAndGet() == 0) {
					return;
				}
			}
		}

		private void sendFailed(Throwable failure) {
			sendFailures.incrementAndGet();
			if (errorSamples.size() < 5) {
				errorSamples.add("send failed: " + failure);
			}
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletableFuture<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			long now = System.nanoTime();
			if (!last) {
				if (partial == null) {
					partial = new StringBuilder();
				}
				partial.append(data);
			}
			else if (partial != null) {
				partial.append(data);
				String frame = partial.toString();
				partial = null;
				onFrame(this, frame, now);
			}
			else {
				onFrame(this, data.toString(), now);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletableFuture<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			if (!closing) {
				unexpectedCloses.incrementAndGet();
				if (errorSamples.size() < 5) {
					errorSamples.add("closed by server: " + statusCode + " " + reason);
				}
			}
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			if (!closing) {
				connectionFailures.incrementAndGet();
				if (errorSamples.size() < 5) {
					errorSamples.add("connection error: " + error);
				}
			}
			welcome.completeExceptionally(error);
		}
	}

	/** A list that tolerates concurrent adds from connect callbacks. */
	static final class ConcurrentLinkedQueueList extends java.util.AbstractList<Conn> {

		private final ConcurrentLinkedQueue<Conn> items = new ConcurrentLinkedQueue<>();

		@Override
		public boolean add(Conn conn) {
			return items.add(conn);
		}

		@Override
		public Conn get(int index) {
			throw new UnsupportedOperationException();
		}

		@Override
		public java.util.Iterator<Conn> iterator() {
			return items.iterator();
		}

		@Override
		public int size() {
			return items.size();
		}
	}
}
