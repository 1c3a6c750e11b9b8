package org.samtal.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The reports the retention engine leaves for admins: one row per run, its items as JSON. */
@Repository
class RetentionRuns {

	private static final TypeReference<List<RetentionSweep.Item>> ITEMS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final JsonMapper json;

	RetentionRuns(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** A run still marked running when a new one holds the lock was cut off by a crash or a stop. */
	int markInterrupted(Instant now) {
		return jdbc.sql("UPDATE retention_run SET status = 'INTERRUPTED', finished_at = ? WHERE status = 'RUNNING'")
			.param(Timestamp.from(now))
			.update();
	}

	void start(UUID id, Instant at, boolean dryRun, String startedBy) {
		jdbc.sql("INSERT INTO retention_run (id, started_at, dry_run, started_by, status) VALUES (?, ?, ?, ?, 'RUNNING')")
			.params(id, Timestamp.from(at), dryRun, startedBy)
			.update();
	}

	/** Saves the items so far, so a run cut off midway still tells what it did. */
	void progress(UUID id, List<RetentionSweep.Item> items) {
		jdbc.sql("UPDATE retention_run SET items = ?::jsonb WHERE id = ?").params(json.writeValueAsString(items), id)
			.update();
	}

	void finish(UUID id, Instant at, RetentionSweep.Status status, List<RetentionSweep.Item> items) {
		jdbc.sql("UPDATE retention_run SET finished_at = ?, status = ?, items = ?::jsonb WHERE id = ?")
			.params(Timestamp.from(at), status.name(), json.writeValueAsString(items), id)
			.update();
	}

	List<RetentionSweep.Report> latest(int limit) {
		return jdbc.sql("SELECT * FROM retention_run ORDER BY started_at DESC, id DESC LIMIT ?").param(limit)
			.query(this::report)
			.list();
	}

	Optional<RetentionSweep.Report> find(UUID id) {
		return jdbc.sql("SELECT * FROM retention_run WHERE id = ?").param(id).query(this::report).optional();
	}

	private RetentionSweep.Report report(ResultSet rs, int row) throws SQLException {
		Instant started = rs.getTimestamp("started_at").toInstant();
		Timestamp finished = rs.getTimestamp("finished_at");
		return new RetentionSweep.Report(rs.getObject("id", UUID.class), started,
				finished == null ? null : Duration.between(started, finished.toInstant()), rs.getBoolean("dry_run"),
				rs.getString("started_by"), RetentionSweep.Status.valueOf(rs.getString("status")),
				json.readValue(rs.getString("items"), ITEMS));
	}
}
