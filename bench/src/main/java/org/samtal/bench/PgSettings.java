package org.samtal.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/**
 * Experiments only (PG_SETTINGS of bench/privacy.sh retention): applies PostgreSQL settings to a running app's embedded
 * server with ALTER SYSTEM (kept in the data directory's postgresql.auto.conf) and a reload, and prints what each one
 * is now. Exits 3 when one of them only takes effect after a restart (e.g. wal_buffers): the script then restarts the
 * app on the same data directory, and the server reads postgresql.auto.conf as it starts.
 * <p>
 * {@code --pg-port=<port> --pg-settings=name=value,name=value [--check-only=true]}
 */
public final class PgSettings {

	public static void main(String[] args) throws Exception {
		Map<String, String> o = StaffReadBench.options(args);
		boolean checkOnly = Boolean.parseBoolean(o.getOrDefault("check-only", "false"));
		boolean pending = false;
		try (Connection db = DriverManager.getConnection(
				"jdbc:postgresql://127.0.0.1:" + o.get("pg-port") + "/postgres", "postgres", "");
				Statement s = db.createStatement();
				PreparedStatement show = db.prepareStatement(
						"SELECT setting, coalesce(unit, ''), context, pending_restart FROM pg_settings WHERE name = ?")) {
			for (String setting : o.getOrDefault("pg-settings", "").split(",")) {
				if (setting.isBlank()) {
					continue;
				}
				String[] kv = setting.split("=", 2);
				String name = kv[0].trim().replaceAll("[^a-z_]", "");
				if (!checkOnly) {
					s.execute("ALTER SYSTEM SET " + name + " = '" + kv[1].trim().replace("'", "") + "'");
				}
			}
			s.execute("SELECT pg_reload_conf()");
			Thread.sleep(500);
			for (String setting : o.getOrDefault("pg-settings", "").split(",")) {
				if (setting.isBlank()) {
					continue;
				}
				String name = setting.split("=", 2)[0].trim().replaceAll("[^a-z_]", "");
				show.setString(1, name);
				try (ResultSet rs = show.executeQuery()) {
					if (!rs.next()) {
						throw new IllegalArgumentException("no PostgreSQL setting " + name);
					}
					boolean waits = rs.getBoolean(4);
					pending |= waits;
					System.out.printf("[pg-settings] %s: asked %s; now %s%s (context %s)%s%n", name, setting.split("=", 2)[1],
							rs.getString(1), rs.getString(2).isEmpty() ? "" : " x " + rs.getString(2), rs.getString(3),
							waits ? "; PENDING RESTART" : "");
				}
			}
		}
		System.exit(pending ? 3 : 0);
	}
}
