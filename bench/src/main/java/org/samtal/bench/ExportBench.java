package org.samtal.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * The data-subject export of a client with many records (issue 4 item 12), end to end through the API:
 * {@code GET /api/v1/me/export} as a client's app calls it.
 * <p>
 * For each subject ({@code --subjects=label:username:accessLogEntries:messages,...}; the script has already opened the
 * account through the API with {@code --client-password} and written the chained access-log entries under
 * {@code client:<account id>} with BenchChainSeed): gets a token ({@code POST /api/v1/auth/token}), and writes one
 * ongoing conversation of the client (ACTIVE, taken by a counselor of a demo reception, handle = username) holding the
 * messages, 50-300 characters each, with COPY. Then:
 * <ul>
 * <li><b>timed</b>: after {@code --warmup} exports per subject, {@code --reps} rounds, each exporting every subject once:
 * time to the first body byte, time to the last byte; the body is read as a stream and parsed with a streaming parser
 * as it comes (nothing kept), which checks that the JSON is well formed and complete and counts sections, access-log
 * entries, messages and other records against what was seeded. CPU of driver, app, PostgreSQL and other work per
 * export; an export during which other work took more than 0.25 cores is measured again ({@code --retry-busy}).
 * GC pauses of the app during each export are taken from its GC log ({@code --gc-log}, -Xlog:gc with utctime).</li>
 * <li><b>memory probes</b>: one more export per subject read through a socket with a small receive buffer, so the app
 * cannot run far ahead of the reader (at most what the kernel buffers, ~4 MB on loopback); the reader stops at points
 * in the stream (10 %, 50 %, 90 % of the access-log entries and of the messages), and while the app's export thread is
 * blocked in its write, asks the app's JVM for its stacks (where the export is), a full GC, and the heap used after
 * it: the live heap mid-export. The same before the export (idle) and after it.</li>
 * </ul>
 * One JSON line per subject goes to {@code --results}; {@code --table=<results>} prints them as Markdown.
 */
public final class ExportBench {

	private static final JsonFactory JSON = new JsonFactory();
	private static final String SCHEMA = "https://samtal.example/schemas/subject-export/v2";

	record Subject(String label, String username, int accessLog, int messages) {
	}

	/** What one pass over an export found. */
	static final class Counts {

		String schema;
		long sections;
		long accessLog;
		long accessLogFields;
		long messages;
		long conversations;
		long otherRecords;
		boolean complete;
		final Map<String, Long> byCategory = new LinkedHashMap<>();

		long records() {
			return accessLog + messages + otherRecords;
		}

		String check(Subject subject) {
			List<String> wrong = new ArrayList<>();
			if (!complete) {
				wrong.add("incomplete");
			}
			if (!SCHEMA.equals(schema)) {
				wrong.add("$schema " + schema);
			}
			if (accessLog != subject.accessLog()) {
				wrong.add("access-log entries " + accessLog + " != " + subject.accessLog());
			}
			if (accessLogFields != 6 * accessLog) {
				wrong.add("access-log fields " + accessLogFields + " != 6 per entry");
			}
			if (messages != subject.messages()) {
				wrong.add("messages " + messages + " != " + subject.messages());
			}
			if (conversations != (subject.messages() > 0 ? 1 : 0)) {
				wrong.add("conversations " + conversations);
			}
			return wrong.isEmpty() ? "ok" : String.join("; ", wrong);
		}
	}

	/** Called by the parser after each access-log entry and message; may block (the memory probes). */
	interface Probe {

		void at(Counts counts) throws Exception;
	}

	record Run(double ttfbMs, double totalMs, long bytes, Counts counts, CpuSampler.Cores cores, Instant start,
			Instant end, int retries) {
	}

	record Heap(long usedK, long committedK, long reservedK) {
	}

	record ProbePoint(String at, String where, Heap heap) {
	}

	record Pause(Instant at, String kind, long beforeM, long afterM, double ms) {
	}

	private final Map<String, String> o;
	private final String base;
	private final long appPid;
	private final CpuSampler cpu;
	private final HttpClient http = StaffSession.client();
	private final Map<String, String> tokens = new LinkedHashMap<>();
	private final Map<String, Instant> tokenAt = new LinkedHashMap<>();

	ExportBench(Map<String, String> o) {
		this.o = o;
		this.base = o.get("base");
		if (!URI.create(base).getHost().equals("127.0.0.1")) {
			throw new IllegalArgumentException("The benchmark only talks to 127.0.0.1");
		}
		this.appPid = Long.parseLong(o.get("app-pid"));
		this.cpu = new CpuSampler(appPid, Path.of(o.get("pg-data")));
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> o = StaffReadBench.options(args);
		if (o.containsKey("table")) {
			table(Path.of(o.get("table")));
			return;
		}
		System.exit(new ExportBench(o).run());
	}

	int run() throws Exception {
		List<Subject> subjects = new ArrayList<>();
		for (String spec : o.get("subjects").split(",")) {
			String[] f = spec.split(":");
			subjects.add(new Subject(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3])));
		}
		int reps = Integer.parseInt(o.getOrDefault("reps", "5"));
		int warmup = Integer.parseInt(o.getOrDefault("warmup", "2"));
		int retryBusy = Integer.parseInt(o.getOrDefault("retry-busy", "2"));
		boolean probes = Boolean.parseBoolean(o.getOrDefault("probes", "true"));

		try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + o.get("pg-port") + "/postgres",
				"postgres", "")) {
			int n = 0;
			for (Subject subject : subjects) {
				seedConversation(db, subject, n++);
			}
			try (Statement s = db.createStatement()) {
				s.execute("VACUUM (ANALYZE) access_log");
				s.execute("VACUUM (ANALYZE) chat_message");
				s.execute("CHECKPOINT");
			}
		}
		Heap startHeap = heapAfterGc();
		ChatBench.log("app heap after a full GC before the warm-up: %s", startHeap);

		Map<String, List<Run>> runs = new LinkedHashMap<>();
		String failed = null;
		for (Subject subject : subjects) {
			runs.put(subject.label(), new ArrayList<>());
			for (int i = 0; i < warmup; i++) {
				Run run = export(subject, 0);
				ChatBench.log("warm-up %s: %.0f ms, %,d bytes, %s", subject.label(), run.totalMs(), run.bytes(),
						run.counts().check(subject));
			}
		}
		for (int rep = 1; rep <= reps; rep++) {
			for (Subject subject : subjects) {
				Run run = export(subject, retryBusy);
				runs.get(subject.label()).add(run);
				String check = run.counts().check(subject);
				if (!"ok".equals(check)) {
					failed = subject.label() + ": " + check;
				}
				ChatBench.log("rep %d %s: first byte %.1f ms, last byte %.0f ms, %,d bytes, %,d records (%,d log + %,d messages + %,d other), %s | %s%s",
						rep, subject.label(), run.ttfbMs(), run.totalMs(), run.bytes(), run.counts().records(),
						run.counts().accessLog, run.counts().messages, run.counts().otherRecords, check, run.cores(),
						run.cores().other() > 0.25 ? " DISTURBED" : "");
				Thread.sleep(500);
			}
		}
		Map<String, List<ProbePoint>> probed = new LinkedHashMap<>();
		if (probes) {
			for (Subject subject : subjects) {
				probed.put(subject.label(), probe(subject));
			}
		}
		List<Pause> pauses = gcPauses();
		for (Subject subject : subjects) {
			writeResult(subject, runs.get(subject.label()), probed.getOrDefault(subject.label(), List.of()), pauses,
					startHeap);
		}
		if (failed != null) {
			ChatBench.log("CHECK FAILED: %s", failed);
			return 2;
		}
		return 0;
	}

	// ------------------------------------------------------------------------------------------------ seeding

	private String token(Subject subject) throws Exception {
		Instant at = tokenAt.get(subject.username());
		if (at != null && at.isAfter(Instant.now().minusSeconds(600))) {
			return tokens.get(subject.username());
		}
		HttpResponse<String> r = http.send(StaffSession.request(base + "/api/v1/auth/token")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(credentials(subject.username(), o.get("client-password"))))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() != 200) {
			throw new IllegalStateException("POST /api/v1/auth/token answered " + r.statusCode() + ": " + r.body());
		}
		String token = StaffSession.match(Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\""), r.body(), "accessToken");
		tokens.put(subject.username(), token);
		tokenAt.put(subject.username(), Instant.now());
		return token;
	}

	private static String credentials(String username, String password) {
		return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
	}

	private static final String[] WORDS = ("jag du vi hon han det som inte men och att med för på till om när hur varför "
			+ "mamma pappa skolan kompisar jobbet hemma kvällen natten helgen sova äta orkar känns tänker pratar "
			+ "ledsen orolig arg trött rädd glad lugnare ensam stressad svårt lätt bättre sämre ibland ofta aldrig "
			+ "alltid kanske verkligen faktiskt liksom typ också bara redan fortfarande igen samtal kurator läkare "
			+ "mottagningen tid bokat veckan månaden dagar timmar mår hjälp stöd berätta förstår låter viktigt "
			+ "modigt tack, ok, hmm, jo, nej, ja, precis. okej. absolut. självklart. vad tänker du? hur länge? "
			+ "hur mår du nu? vill du berätta mer?").split(" ");

	/** A chat line of 50-300 characters, from a fixed word list (deterministic per seed). */
	static String text(Random random) {
		int length = 50 + random.nextInt(251);
		StringBuilder s = new StringBuilder(length + 16);
		while (s.length() < length) {
			if (!s.isEmpty()) {
				s.append(' ');
			}
			s.append(WORDS[random.nextInt(WORDS.length)]);
		}
		s.setLength(length);
		return Character.toUpperCase(s.charAt(0)) + s.substring(1).stripTrailing() + ".";
	}

	private void seedConversation(Connection db, Subject subject, int index) throws Exception {
		long started = System.nanoTime();
		UUID account;
		try (PreparedStatement s = db.prepareStatement("SELECT id FROM client_account WHERE username = ?")) {
			s.setString(1, subject.username());
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				account = rs.getObject(1, UUID.class);
			}
		}
		if (subject.messages() == 0) {
			return;
		}
		List<UUID[]> pairs = new ArrayList<>();
		try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
				SELECT sr.reception_id, s.id FROM staff_reception sr JOIN staff_account s ON s.id = sr.staff_id
				WHERE s.role = 'COUNSELOR' ORDER BY sr.reception_id, s.username""")) {
			while (rs.next()) {
				pairs.add(new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) });
			}
		}
		UUID[] pair = pairs.get(index % pairs.size());
		UUID conversation = UUID.randomUUID();
		long spacingMillis = 3_000;
		Instant created = Instant.now().minusMillis(spacingMillis * (subject.messages() + 10L));
		db.setAutoCommit(false);
		try (PreparedStatement s = db.prepareStatement("""
				INSERT INTO conversation (id, reception_id, handle, token_hash, status, counselor_id, created_at, taken_at,
				                          visitor_seen_at, client_account_id)
				VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, now(), ?)""")) {
			byte[] tokenHash = new byte[32];
			new SecureRandom().nextBytes(tokenHash);
			s.setObject(1, conversation);
			s.setObject(2, pair[0]);
			s.setString(3, subject.username());
			s.setBytes(4, tokenHash);
			s.setObject(5, pair[1]);
			s.setTimestamp(6, Timestamp.from(created));
			s.setTimestamp(7, Timestamp.from(created.plusSeconds(20)));
			s.setObject(8, account);
			s.executeUpdate();
		}
		try (PreparedStatement s = db.prepareStatement(
				"INSERT INTO conversation_form_answer (conversation_id, field, answer) VALUES (?, ?, ?)")) {
			for (String[] answer : new String[][] { { "ageGroup", "16-19" }, { "topic", "Stress och sömn" } }) {
				s.setObject(1, conversation);
				s.setString(2, answer[0]);
				s.setString(3, answer[1]);
				s.executeUpdate();
			}
		}
		Random random = new Random(subject.username().hashCode());
		StringBuilder csv = new StringBuilder();
		long chars = 0;
		for (int i = 0; i < subject.messages(); i++) {
			String author = random.nextInt(5) < 3 ? "VISITOR" : "COUNSELOR";
			String body = text(random);
			chars += body.length();
			csv.append(UUID.randomUUID()).append(',').append(conversation).append(",m").append(i).append(',')
				.append(author).append(",\"").append(body.replace("\"", "\"\"")).append("\",")
				.append(created.plusMillis(spacingMillis * (i + 10L))).append('\n');
		}
		db.unwrap(PGConnection.class).getCopyAPI().copyIn("""
				COPY chat_message (id, conversation_id, client_message_id, author, body, sent_at)
				FROM STDIN WITH (FORMAT csv)""", new StringReader(csv.toString()));
		db.commit();
		db.setAutoCommit(true);
		ChatBench.log("conversation %s of %s (account %s) at reception %s: %,d messages, %,d characters (mean %.0f), written in %.1f s",
				conversation, subject.username(), account, pair[0], subject.messages(), chars,
				chars / (double) subject.messages(), (System.nanoTime() - started) / 1e9);
	}

	// ------------------------------------------------------------------------------------------------ timed export

	private Run export(Subject subject, int retryBusy) throws Exception {
		Run run = null;
		for (int attempt = 0; attempt <= retryBusy; attempt++) {
			String token = token(subject);
			CpuSampler.Sample before = cpu.sample();
			Instant start = Instant.now();
			long t0 = System.nanoTime();
			HttpResponse<InputStream> r = http.send(StaffSession.request(base + "/api/v1/me/export")
				.timeout(Duration.ofMinutes(10))
				.header("Authorization", "Bearer " + token)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofInputStream());
			if (r.statusCode() != 200) {
				String body;
				try (InputStream in = r.body()) {
					body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
				throw new IllegalStateException("GET /api/v1/me/export answered " + r.statusCode() + ": " + body);
			}
			Counts counts;
			long bytes;
			long firstByte;
			try (Metered in = new Metered(r.body())) {
				counts = parse(in, null);
				in.drain();
				bytes = in.bytes;
				firstByte = in.firstByteNanos;
			}
			long t1 = System.nanoTime();
			Instant end = Instant.now();
			CpuSampler.Cores cores = CpuSampler.Cores.between(before, cpu.sample());
			run = new Run((firstByte - t0) / 1e6, (t1 - t0) / 1e6, bytes, counts, cores, start, end, attempt);
			if (cores.other() <= 0.25) {
				break;
			}
			ChatBench.log("%s: other work took %.2f cores during the export (%s); measuring again", subject.label(),
					cores.other(), cores);
			Thread.sleep(3000);
		}
		return run;
	}

	/** Counts the bytes read and notes when the first one came. */
	static final class Metered extends FilterInputStream {

		long bytes;
		long firstByteNanos;

		Metered(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			if (bytes == 0) {
				firstByteNanos = System.nanoTime();
			}
			bytes += n;
		}

		void drain() throws IOException {
			byte[] buffer = new byte[8192];
			long extra = 0;
			int n;
			while ((n = read(buffer, 0, buffer.length)) != -1) {
				for (int i = 0; i < n; i++) {
					if (!Character.isWhitespace(buffer[i])) {
						extra++;
					}
				}
			}
			if (extra > 0) {
				throw new IllegalStateException(extra + " bytes after the end of the JSON document");
			}
		}
	}

	/**
	 * Parses the export as it arrives, keeping nothing but counts: throws on malformed JSON; {@code complete} when the
	 * root object closed. Layout (docs/export-schema.md): root {"$schema", "generatedAt", "subject", "sections": [
	 * {"controller", "category", ..., "records": [ {...} ]} ]}; a CHAT_CONTENT record is {"record": "conversation", ...}
	 * or {"record": "message", ...}. The app before 2026-11-23 instead wrote one record per conversation holding
	 * "messages": [ {...} ]; both are counted, so that the old app can be measured as well.
	 */
	static Counts parse(InputStream in, Probe probe) throws Exception {
		Counts counts = new Counts();
		Deque<String> open = new ArrayDeque<>(); // per open container: the name it was opened under ("[]" in an array)
		String name = null;
		String category = null;
		boolean chatRecord = false;
		boolean chatCounted = false;
		// The parser must not close the stream: the caller reads it to its end.
		try (JsonParser p = JSON.createParser(new FilterInputStream(in) {

			@Override
			public void close() {
			}
		})) {
			JsonToken t;
			while ((t = p.nextToken()) != null) {
				int depth = open.size();
				switch (t) {
					case PROPERTY_NAME -> {
						name = p.currentName();
						if (depth == 5 && "ACCESS_LOG_ENTRY".equals(category)) {
							counts.accessLogFields++;
						}
						continue;
					}
					case START_OBJECT, START_ARRAY -> {
						if (depth == 0 && counts.complete) {
							throw new IllegalStateException("a second JSON document after the export");
						}
						String under = depth == 0 ? "" : name == null ? "[]" : name;
						if (t == JsonToken.START_OBJECT) {
							if (depth == 2 && "sections".equals(open.peek())) {
								counts.sections++;
								category = null;
							}
							else if (depth == 4 && "records".equals(open.peek())) {
								counts.byCategory.merge(String.valueOf(category), 1L, Long::sum);
								chatRecord = "CHAT_CONTENT".equals(category);
								chatCounted = false;
								if ("ACCESS_LOG_ENTRY".equals(category)) {
									counts.accessLog++;
									if (probe != null) {
										probe.at(counts);
									}
								}
								else if (!chatRecord) {
									counts.otherRecords++;
								}
							}
							else if (depth == 6 && chatRecord && "messages".equals(open.peek())) {
								counts.messages++;
								if (probe != null) {
									probe.at(counts);
								}
							}
						}
						open.push(under);
					}
					case END_OBJECT, END_ARRAY -> {
						if (depth == 5 && chatRecord && !chatCounted) {
							counts.conversations++; // the old shape: a conversation with its messages inside
						}
						open.pop();
						if (open.isEmpty()) {
							counts.complete = true;
						}
					}
					default -> {
						if (depth == 1 && "$schema".equals(name)) {
							counts.schema = p.getString();
						}
						else if (depth == 3 && "category".equals(name)) {
							category = p.getString();
						}
						else if (depth == 5 && chatRecord && "record".equals(name)) {
							chatCounted = true;
							if ("message".equals(p.getString())) {
								counts.messages++;
								if (probe != null) {
									probe.at(counts);
								}
							}
							else {
								counts.conversations++;
							}
						}
					}
				}
				name = null;
			}
		}
		return counts;
	}

	// ------------------------------------------------------------------------------------------------ memory probes

	/**
	 * One export read slowly through a socket with a small receive buffer (HTTP/1.0, so the body ends when the
	 * connection closes): at each probe point the reader stops; the app's export thread then blocks in its write
	 * within a few kilobytes, and its JVM is asked where the export is and for the live heap (heap used after a full
	 * GC).
	 */
	private List<ProbePoint> probe(Subject subject) throws Exception {
		List<ProbePoint> points = new ArrayList<>();
		String token = token(subject);
		points.add(new ProbePoint("before", "idle", heapAfterGc()));
		List<long[]> due = new ArrayList<>(); // {access-log entries or -1, messages or -1}
		for (double f : new double[] { 0.1, 0.5, 0.9 }) {
			if (subject.accessLog() > 0) {
				due.add(new long[] { Math.max(1, Math.round(subject.accessLog() * f)), -1 });
			}
			if (subject.messages() > 0) {
				due.add(new long[] { -1, Math.max(1, Math.round(subject.messages() * f)) });
			}
		}
		long started = System.nanoTime();
		try (Socket socket = new Socket()) {
			socket.setReceiveBufferSize(8 * 1024);
			socket.connect(new InetSocketAddress(URI.create(base).getHost(), URI.create(base).getPort()), 10_000);
			socket.setSoTimeout(120_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /api/v1/me/export HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
					+ "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = new BufferedInputStream(socket.getInputStream(), 4096);
			String head = headers(in);
			if (!head.startsWith("HTTP/1.1 200") && !head.startsWith("HTTP/1.0 200")) {
				throw new IllegalStateException("export over HTTP/1.0 answered " + head.lines().findFirst().orElse(""));
			}
			if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
				throw new IllegalStateException("chunked answer to an HTTP/1.0 request");
			}
			Metered body = new Metered(in);
			Counts counts = parse(body, c -> {
				for (long[] point : due) {
					if ((point[0] > 0 && c.accessLog == point[0]) || (point[1] > 0 && c.messages == point[1])) {
						String at = point[0] > 0 ? String.format(Locale.ROOT, "log entry %,d of %,d", c.accessLog,
								subject.accessLog())
								: String.format(Locale.ROOT, "message %,d of %,d", c.messages, subject.messages());
						Thread.sleep(300); // let the app fill the socket and block
						String where = whereIsTheExport();
						Heap heap = heapAfterGc();
						points.add(new ProbePoint(at, where, heap));
						ChatBench.log("probe %s, reader at %s (%,d bytes read): app %s; live heap %,d KB", subject.label(),
								at, body.bytes, where, heap.usedK());
						point[0] = point[1] = -2;
					}
				}
			});
			body.drain();
			String check = counts.check(subject);
			ChatBench.log("probe export of %s done in %.1f s (with its pauses): %,d bytes, %s", subject.label(),
					(System.nanoTime() - started) / 1e9, body.bytes, check);
			if (!"ok".equals(check)) {
				throw new IllegalStateException("probe export of " + subject.label() + ": " + check);
			}
		}
		points.add(new ProbePoint("after", "idle", heapAfterGc()));
		return points;
	}

	private static String headers(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			head.write(b);
			byte[] h = head.toByteArray();
			int n = h.length;
			if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
				break;
			}
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	/** Which module the app's export thread is in, from its stack (jcmd Thread.print). */
	private String whereIsTheExport() throws Exception {
		// The app serves requests on virtual threads, which Thread.print leaves out; Thread.dump_to_file has them.
		Path file = Path.of(o.getOrDefault("dump-dir", System.getProperty("java.io.tmpdir")),
				"threads-" + System.nanoTime() + ".txt");
		jcmd("Thread.dump_to_file", "-format=text", file.toAbsolutePath().toString());
		String dump = Files.readString(file);
		if (!o.containsKey("dump-dir")) {
			Files.delete(file);
		}
		for (String thread : dump.split("\n\n")) {
			if (thread.contains("SubjectRights.exportJson")) {
				Matcher frame = Pattern.compile("org\\.samtal\\.\\w+\\.(\\w+PersonalData)\\.").matcher(thread);
				String module = frame.find() ? "in " + frame.group(1) : "in no module";
				String blocked = thread.contains("socketWrite") || thread.contains("NioChannel")
						|| thread.contains("SocketChannelImpl.write") || thread.contains("awaitBlocking")
						|| thread.contains("NioSocketWrapper") ? ", blocked writing" : "";
				return "mid-export " + module + blocked;
			}
		}
		return "export finished (no thread in SubjectRights.exportJson)";
	}

	private static final Pattern USED = Pattern.compile("total (?:reserved )?(\\d+)K, committed (\\d+)K, used (\\d+)K");

	private Heap heapAfterGc() throws Exception {
		jcmd("GC.run");
		String info = jcmd("GC.heap_info");
		Matcher m = Pattern.compile("reserved (\\d+)K, committed (\\d+)K, used (\\d+)K").matcher(info);
		if (!m.find()) {
			m = USED.matcher(info);
			if (!m.find()) {
				throw new IllegalStateException("cannot read GC.heap_info: " + info);
			}
		}
		return new Heap(Long.parseLong(m.group(3)), Long.parseLong(m.group(2)), Long.parseLong(m.group(1)));
	}

	private String jcmd(String... command) throws Exception {
		List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(appPid)));
		line.addAll(List.of(command));
		Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
			throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
		}
		return out;
	}

	// ------------------------------------------------------------------------------------------------ GC log

	private static final Pattern PAUSE = Pattern
		.compile("^\\[([^\\]]+)\\].*GC\\(\\d+\\) (Pause [^\\d]*?) ?(\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");
	private static final DateTimeFormatter UTCTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	private List<Pause> gcPauses() throws IOException {
		List<Pause> pauses = new ArrayList<>();
		String file = o.get("gc-log");
		if (file == null || !Files.exists(Path.of(file))) {
			return pauses;
		}
		for (String line : Files.readAllLines(Path.of(file))) {
			Matcher m = PAUSE.matcher(line);
			if (m.find()) {
				pauses.add(new Pause(OffsetDateTime.parse(m.group(1), UTCTIME).toInstant(), m.group(2).strip(),
						Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Double.parseDouble(m.group(6))));
			}
		}
		return pauses;
	}

	// ------------------------------------------------------------------------------------------------ results

	private void writeResult(Subject subject, List<Run> runs, List<ProbePoint> probes, List<Pause> pauses, Heap start)
			throws IOException {
		double[] total = runs.stream().mapToDouble(Run::totalMs).sorted().toArray();
		double[] ttfb = runs.stream().mapToDouble(Run::ttfbMs).sorted().toArray();
		Run last = runs.getLast();
		int gcs = 0;
		long maxAfter = 0;
		long maxBefore = 0;
		double pauseMs = 0;
		for (Run run : runs) {
			for (Pause pause : pauses) {
				if (!pause.at().isBefore(run.start()) && !pause.at().isAfter(run.end())) {
					gcs++;
					maxAfter = Math.max(maxAfter, pause.afterM());
					maxBefore = Math.max(maxBefore, pause.beforeM());
					pauseMs += pause.ms();
				}
			}
		}
		double app = runs.stream().mapToDouble(r -> r.cores().app()).average().orElse(0);
		double pg = runs.stream().mapToDouble(r -> r.cores().pg()).average().orElse(0);
		double driver = runs.stream().mapToDouble(r -> r.cores().driver()).average().orElse(0);
		double other = runs.stream().mapToDouble(r -> r.cores().other()).average().orElse(0);
		double otherMax = runs.stream().mapToDouble(r -> r.cores().other()).max().orElse(0);
		long disturbed = runs.stream().filter(r -> r.cores().other() > 0.25).count();
		int retries = runs.stream().mapToInt(Run::retries).sum();
		String checks = runs.stream().map(r -> r.counts().check(subject)).filter(c -> !"ok".equals(c)).findFirst()
			.orElse("ok");
		StringBuilder probeJson = new StringBuilder("[");
		for (ProbePoint point : probes) {
			if (probeJson.length() > 1) {
				probeJson.append(',');
			}
			probeJson.append(String.format(Locale.ROOT, "{\"at\":\"%s\",\"where\":\"%s\",\"usedK\":%d,\"committedK\":%d}",
					point.at(), point.where(), point.heap().usedK(), point.heap().committedK()));
		}
		probeJson.append(']');
		String line = String.format(Locale.ROOT, "{\"label\":\"%s\",\"heap\":\"%s\",\"subject\":\"%s\",\"username\":\"%s\","
				+ "\"records\":%d,\"accessLog\":%d,\"messages\":%d,\"otherRecords\":%d,\"sections\":%d,\"bytes\":%d,"
				+ "\"reps\":%d,\"ttfbP50Ms\":%.1f,\"ttfbMaxMs\":%.1f,\"totalP50Ms\":%.1f,\"totalMaxMs\":%.1f,\"totalMinMs\":%.1f,"
				+ "\"totalsMs\":%s,\"appCores\":%.2f,\"pgCores\":%.2f,\"driverCores\":%.2f,\"otherCores\":%.2f,"
				+ "\"otherMaxCores\":%.2f,\"disturbed\":%d,\"retries\":%d,\"gcPauses\":%d,\"gcPauseMs\":%.1f,"
				+ "\"maxHeapBeforeGcM\":%d,\"maxHeapAfterGcM\":%d,\"reservedK\":%d,\"startUsedK\":%d,\"probes\":%s,"
				+ "\"checks\":\"%s\",\"load\":%.2f}",
				o.getOrDefault("label", ""), o.getOrDefault("heap", ""), subject.label(), subject.username(),
				last.counts().records(), last.counts().accessLog, last.counts().messages, last.counts().otherRecords,
				last.counts().sections, last.bytes(), runs.size(), median(ttfb), ttfb[ttfb.length - 1], median(total),
				total[total.length - 1], total[0], Arrays.toString(Arrays.stream(total).map(Math::round).toArray()),
				app, pg, driver, other, otherMax, disturbed, retries, gcs, pauseMs, maxBefore, maxAfter,
				start.reservedK(), start.usedK(), probeJson, checks, CpuSampler.loadAverage());
		ChatBench.log("result: %s", line);
		if (o.containsKey("results")) {
			Path results = Path.of(o.get("results"));
			Files.createDirectories(results.toAbsolutePath().getParent());
			Files.writeString(results, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
	}

	private static double median(double[] sorted) {
		int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	/** The results file as Markdown tables. */
	static void table(Path results) throws IOException {
		System.out.println("| heap | subject | records (log + messages + other) | MB | first byte p50 ms | last byte p50 / max s | ≤ 2 s | app / PG / driver / other cores | GC pauses per export | heap before → after GC, max during exports (MB) | checks |");
		System.out.println("|---|---|---:|---:|---:|---:|---|---|---:|---:|---|");
		List<String> lines = Files.readAllLines(results).stream().filter(l -> l.startsWith("{")).toList();
		for (String l : lines) {
			System.out.printf(Locale.ROOT, "| %s | %s | %,d (%,d + %,d + %,d) | %.1f | %.1f | %.2f / %.2f | %s | %.2f / %.2f / %.2f / %.2f%s | %.1f | %d → %d | %s |%n",
					str(l, "heap"), str(l, "subject"), num(l, "records").longValue(), num(l, "accessLog").longValue(),
					num(l, "messages").longValue(), num(l, "otherRecords").longValue(), num(l, "bytes") / 1e6,
					num(l, "ttfbP50Ms"), num(l, "totalP50Ms") / 1000, num(l, "totalMaxMs") / 1000,
					num(l, "totalMaxMs") <= 2000 ? "yes" : num(l, "totalP50Ms") <= 2000 ? "p50 yes, max no" : "**no**",
					num(l, "appCores"), num(l, "pgCores"), num(l, "driverCores"), num(l, "otherCores"),
					num(l, "disturbed") > 0 ? " (" + num(l, "disturbed").intValue() + " disturbed)" : "",
					num(l, "gcPauses") / num(l, "reps"), num(l, "maxHeapBeforeGcM").longValue(),
					num(l, "maxHeapAfterGcM").longValue(), str(l, "checks"));
		}
		System.out.println();
		System.out.println("Live heap (used after a full GC, jcmd GC.run + GC.heap_info), before, mid-export with the reader stopped, after:");
		System.out.println();
		System.out.println("| heap | subject | before MB | mid-export MB (reader at; app) | after MB |");
		System.out.println("|---|---|---:|---|---:|");
		Pattern point = Pattern.compile("\\{\"at\":\"([^\"]*)\",\"where\":\"([^\"]*)\",\"usedK\":(\\d+)");
		for (String l : lines) {
			Matcher m = point.matcher(l);
			List<String> mid = new ArrayList<>();
			String before = "";
			String after = "";
			while (m.find()) {
				String mb = String.format(Locale.ROOT, "%.1f", Long.parseLong(m.group(3)) / 1024.0);
				switch (m.group(1)) {
					case "before" -> before = mb;
					case "after" -> after = mb;
					default -> mid.add(mb + " (" + m.group(1) + "; " + m.group(2) + ")");
				}
			}
			System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", str(l, "heap"), str(l, "subject"), before,
					String.join("<br>", mid), after);
		}
	}

	private static String str(String json, String field) {
		Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\":\"([^\"]*)\"").matcher(json);
		return m.find() ? m.group(1) : "";
	}

	private static Double num(String json, String field) {
		Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\":(-?[\\d.]+)").matcher(json);
		return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
	}
}
