package org.samtal.privacy;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * BENCHMARK ONLY (bench/privacy.sh retention): writes expired access-log entries, validly chained, straight into a
 * fresh installation's database, so that the retention sweep has old entries to purge.
 * <p>
 * The entries are linked with the app's own {@link AccessLogChain#link} under the head row's lock, exactly as
 * {@link AccessLogChain#append} links one entry, only many per transaction and sent with COPY. They must be the start
 * of the chain (the retention purge removes only a prefix), so this refuses a database whose chain is not empty.
 * After the sweep, the app's own verification (GET /actuator/accesslog) checks that what is left still verifies.
 * <p>
 * Run with the app's classes on the class path: {@code --pg-port=N --entries=100000 --years-back=6}.
 * <p>
 * bench/export.sh uses it for one subject's recent entries instead: {@code --subject=client:<username> --append
 * --years-back=0} files every entry under that subject, dated over the 300 days before now, and continues the chain
 * from its head (whatever the app has already written), so the app's verification still passes afterwards.
 */
public final class BenchChainSeed {

	public static void main(String[] args) throws Exception {
		int pgPort = 0;
		int entries = 100_000;
		int yearsBack = 6;
		String subject = null;
		boolean append = false;
		for (String arg : args) {
			String value = arg.substring(arg.indexOf('=') + 1);
			if (arg.startsWith("--pg-port=")) {
				pgPort = Integer.parseInt(value);
			}
			else if (arg.startsWith("--entries=")) {
				entries = Integer.parseInt(value);
			}
			else if (arg.startsWith("--years-back=")) {
				yearsBack = Integer.parseInt(value);
			}
			else if (arg.startsWith("--subject=")) {
				subject = value;
			}
			else if (arg.equals("--append")) {
				append = true;
			}
			else {
				throw new IllegalArgumentException(arg);
			}
		}
		long started = System.nanoTime();
		try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres",
				"")) {
			db.setAutoCommit(false);
			long headSeq;
			byte[] previous;
			try (Statement s = db.createStatement();
					ResultSet rs = s.executeQuery("SELECT seq, hash FROM access_log_head WHERE id = 1 FOR UPDATE")) {
				rs.next();
				headSeq = rs.getLong(1);
				previous = headSeq == 0 ? new byte[32] : rs.getBytes(2);
			}
			if (headSeq != 0 && !append) {
				throw new IllegalStateException("the chain already has " + headSeq
						+ " entries; expired entries must be its start, so seed a fresh installation");
			}
			// Real staff and receptions of the demo installation, so the entries look like the real ones.
			List<UUID[]> staff = new ArrayList<>();
			try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
					SELECT s.id, s.organisation_id, min(sr.reception_id::text)::uuid FROM staff_account s
					JOIN staff_reception sr ON sr.staff_id = s.id GROUP BY s.id, s.organisation_id ORDER BY s.id""")) {
				while (rs.next()) {
					staff.add(new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
							rs.getObject(3, UUID.class) });
				}
			}
			if (staff.isEmpty()) {
				throw new IllegalStateException("no staff: start the app with the demo profile first");
			}
			// Spread over 300 days, starting yearsBack years (and leap days) ago: with yearsBack = 6, every entry is well
			// past the longest period any organisation keeps them (5 years).
			// (yearsBack = 0: the 300 days up to about now.)
			Instant first = Instant.now().minus(Duration.ofDays(yearsBack == 0 ? 301 : 365L * yearsBack + 2))
				.truncatedTo(ChronoUnit.MICROS);
			long stepMicros = Math.max(1, 300L * 24 * 3600 * 1_000_000 / Math.max(1, entries));
			StringBuilder csv = new StringBuilder();
			int chunk = 50_000;
			long written = 0;
			for (int i = 0; i < entries; i++) {
				long seq = headSeq + i + 1;
				Instant at = first.plus(i * stepMicros, ChronoUnit.MICROS);
				UUID[] who = staff.get(i % staff.size());
				Access access = new Access(at, who[0], i % 10 == 0 ? "ADMIN" : "COUNSELOR", who[1], who[2],
						subject != null ? subject : String.format(Locale.ROOT, "besök-%06x", (i * 2654435761L) & 0xffffffL),
						DataCategory.CHAT_CONTENT,
						AccessAction.READ, "console: conversation opened");
				byte[] hash = AccessLogChain.link(previous, seq, at, access);
				csv.append(at).append(',').append(access.actorId()).append(',').append(access.actorRole()).append(',')
					.append(access.organisationId()).append(',').append(access.receptionId()).append(',')
					.append(access.subject()).append(',').append(access.category().name()).append(',')
					.append(access.action().name()).append(",\"").append(access.context()).append("\",").append(seq)
					.append(",\\x").append(hex(previous)).append(",\\x").append(hex(hash)).append('\n');
				previous = hash;
				if ((i + 1) % chunk == 0 || i + 1 == entries) {
					written += db.unwrap(PGConnection.class).getCopyAPI().copyIn("""
							COPY access_log (at, actor_id, actor_role, organisation_id, reception_id, subject, data_category,
							                 action, context, seq, prev_hash, hash) FROM STDIN WITH (FORMAT csv)""",
							new StringReader(csv.toString()));
					csv.setLength(0);
				}
			}
			try (PreparedStatement head = db.prepareStatement("UPDATE access_log_head SET seq = ?, hash = ? WHERE id = 1")) {
				head.setLong(1, headSeq + entries);
				head.setBytes(2, previous);
				head.executeUpdate();
			}
			db.commit();
			System.err.printf(Locale.ROOT, "[seed] %d chained access-log entries written (seq %d .. %d, %s%s .. %s) in %.1f s%n",
					written, headSeq + 1, headSeq + entries, subject == null ? "" : subject + ", ", first, first.plus((entries - 1) * stepMicros, ChronoUnit.MICROS), (System.nanoTime() - started) / 1e9);
		}
	}

	private static String hex(byte[] bytes) {
		StringBuilder s = new StringBuilder(bytes.length * 2);
		for (byte b : bytes) {
			s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
		}
		return s.toString();
	}
}
