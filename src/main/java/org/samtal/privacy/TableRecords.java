package org.samtal.privacy;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link ExpiringRecords} for a category kept in one table: the module names the table, its key, the column or
 * expression that tells the organisation, and the column each trigger event is recorded in; this class writes the
 * batched SQL. Deletion is a real {@code DELETE}; anonymisation sets the columns that identify a person to null (or
 * whatever the module says) and leaves the rest.
 * <p>
 * Names and expressions come from module code, never from input, so composing them into SQL is safe.
 */
public final class TableRecords implements ExpiringRecords {

	private final JdbcClient jdbc;
	private final DataCategory category;
	private final String table;
	private final String key;
	private final String organisation;
	private final Map<RetentionRule.Trigger, String> triggerColumns;
	private final String subject;
	private final String condition;
	private final String anonymise;
	private final String stillIdentifying;
	private final RetentionRule.Trigger partitionedOn;

	private TableRecords(Builder b) {
		this.jdbc = b.jdbc;
		this.category = b.category;
		this.table = b.table;
		this.key = b.key;
		this.organisation = b.organisation;
		this.triggerColumns = Map.copyOf(b.triggerColumns);
		this.subject = b.subject;
		this.condition = b.condition;
		this.anonymise = b.anonymise;
		this.stillIdentifying = b.stillIdentifying;
		this.partitionedOn = b.partitionedOn;
		if (triggerColumns.isEmpty()) {
			throw new IllegalArgumentException(table + ": name the column of at least one trigger event");
		}
		if ((anonymise == null) != (stillIdentifying == null)) {
			throw new IllegalArgumentException(table + ": anonymising needs both what to set and how to tell it is done");
		}
		// Parameters bind by position: the organisation's is the only one a module may write.
		if (!table.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?")) {
			throw new IllegalArgumentException("Not a table name: " + table);
		}
		if (partitionedOn != null && (!triggerColumns.containsKey(partitionedOn) || anonymise != null)) {
			throw new IllegalArgumentException(table
					+ ": a partition is dropped whole, so partitions must be by the column of a trigger event, and the records deleted, not anonymised");
		}
		if (organisation != null && organisation.chars().filter(c -> c == '?').count() != 1) {
			throw new IllegalArgumentException(table + ": the organisation condition needs exactly one ? for its id");
		}
		for (String fragment : new String[] { key, subject, condition, anonymise, stillIdentifying,
				String.join(" ", triggerColumns.values()) }) {
			if (fragment != null && fragment.indexOf('?') >= 0) {
				throw new IllegalArgumentException(table + ": only the organisation condition may hold a parameter");
			}
		}
	}

	public static Builder in(JdbcClient jdbc, DataCategory category, String table) {
		return new Builder(jdbc, category, table);
	}

	@Override
	public DataCategory category() {
		return category;
	}

	@Override
	public boolean perOrganisation() {
		return organisation != null;
	}

	@Override
	public RetentionRule.Action action() {
		return anonymise == null ? RetentionRule.Action.DELETE : RetentionRule.Action.ANONYMISE;
	}

	@Override
	public long countDue(Scope scope) {
		Query due = due(scope);
		return jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + due.where).params(due.params).query(Long.class)
			.single();
	}

	@Override
	public long countHeld(Scope scope) {
		if (scope.heldKeys().isEmpty()) {
			return 0;
		}
		Query due = due(scope.withoutHolds());
		Query held = held(scope);
		List<Object> params = new ArrayList<>(due.params);
		params.addAll(held.params);
		return jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + due.where + " AND (" + held.where + ")")
			.params(params)
			.query(Long.class)
			.single();
	}

	@Override
	public List<String> dueKeys(Scope scope, int limit) {
		Query due = due(scope);
		List<Object> params = new ArrayList<>(due.params);
		params.add(limit);
		return jdbc.sql("SELECT " + key + "::text FROM " + table + " WHERE " + due.where + " ORDER BY 1 LIMIT ?")
			.params(params)
			.query(String.class)
			.list();
	}

	@Override
	public int purge(Scope scope, int limit) {
		return purging(scope).next(limit);
	}

	/**
	 * Each batch reads on from the last row address the previous one took, so a large purge reads the table about
	 * once instead of once per batch. A batch that starts from the beginning must step over every row the earlier
	 * batches deleted; PostgreSQL's synchronised scans hid that only because they start where the last scan stopped,
	 * which they do only for tables larger than a quarter of shared_buffers (with shared_buffers at 512 MB instead of
	 * 128 MB, 900,000 feedback rows in batches of 1,000 took 82 s instead of 8; docs/benchmarks.md). Rows come in
	 * address order only when the plan scans the table itself, and a row a user holds (SKIP LOCKED) is passed by, so
	 * once the scan reaches the end it reads once more from the start: only a scan from the start that reaches the end
	 * finishes the purge.
	 */
	@Override
	public Purging purging(Scope scope) {
		if (partitionedOn == null) {
			return new ReadingOn(table, scope);
		}
		// A row address means something only within one partition, so a partitioned table is purged one partition after
		// another, each read on as a table of its own.
		return new Purging() {

			private List<String> partitions;
			private ReadingOn current;

			@Override
			public int next(int limit) {
				if (partitions == null) {
					partitions = new ArrayList<>(partitionsWithDue(scope));
				}
				int purged = 0;
				while (purged < limit) {
					if (current == null) {
						if (partitions.isEmpty()) {
							return purged;
						}
						current = new ReadingOn(partitions.removeFirst(), scope);
					}
					int wanted = limit - purged;
					int batch = current.next(wanted);
					purged += batch;
					if (batch < wanted) {
						current = null;
					}
				}
				return purged;
			}
		};
	}

	/**
	 * Drops the table's partitions whose every record is due (and not held), the oldest first, one partition per batch,
	 * before the organisations' own purges delete what is left row by row. Dropping writes next to nothing to the WAL;
	 * deleting a partition's rows one by one writes them all, and live traffic's commits wait behind that WAL
	 * (docs/benchmarks.md).
	 */
	@Override
	public Optional<PurgingTogether> purgingTogether(List<Scope> scopes) {
		if (partitionedOn == null || organisation == null) {
			return Optional.empty();
		}
		List<Scope> counted = scopes.stream().filter(scope -> scope.countedFrom() == partitionedOn).toList();
		if (counted.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new PurgingTogether() {

			private ArrayDeque<Partition> candidates;

			@Override
			public Together next(int limit) {
				if (candidates == null) {
					Instant latest = counted.stream().map(Scope::cutoff).max(Comparator.naturalOrder()).orElseThrow();
					candidates = partitions().stream()
						.filter(p -> p.until() != null && !p.until().isAfter(latest))
						.collect(Collectors.toCollection(ArrayDeque::new));
				}
				while (!candidates.isEmpty()) {
					Partition partition = candidates.removeFirst();
					// Every record of these organisations in the partition is due: it came before the partition's end.
					List<Scope> past = counted.stream()
						.filter(scope -> !partition.until().isAfter(scope.cutoff()))
						.toList();
					Optional<Together> dropped = dropIfAllDue(partition, past, limit);
					if (dropped.isPresent()) {
						return dropped.get();
					}
				}
				return Together.NOTHING;
			}
		});
	}

	/**
	 * Drops the partition if each of its records belongs to one of these organisations (so is due) and none is held.
	 * It is locked against writes first, so nothing can arrive between the count and the drop. A partition that someone
	 * is using is passed by after a brief wait; its records are then deleted row by row.
	 * @return what it dropped, counted per organisation, with at least the limit as rows, so that the engine goes on
	 */
	private Optional<Together> dropIfAllDue(Partition partition, List<Scope> past, int limit) {
		StringBuilder counts = new StringBuilder("SELECT count(*)");
		List<Object> params = new ArrayList<>();
		Set<String> held = new HashSet<>();
		past.forEach(scope -> held.addAll(scope.heldKeys()));
		if (held.isEmpty()) {
			counts.append(", 0");
		}
		else {
			Query holds = held(new Scope(null, partitionedOn, null, null, held));
			counts.append(", count(*) FILTER (WHERE ").append(holds.where).append(')');
			params.addAll(holds.params);
		}
		for (Scope scope : past) {
			counts.append(", count(*) FILTER (WHERE (").append(organisation).append(')');
			params.add(scope.organisationId());
			if (condition != null) {
				counts.append(" AND (").append(condition).append(')');
			}
			counts.append(')');
		}
		counts.append(" FROM ").append(partition.name());
		return briefly(() -> {
			jdbc.sql("LOCK TABLE " + partition.name() + " IN SHARE MODE").update();
			Counted counted = jdbc.sql(counts.toString()).params(params).query((rs, n) -> {
				Map<UUID, Integer> perOrganisation = new HashMap<>();
				for (int i = 0; i < past.size(); i++) {
					int each = rs.getInt(i + 3);
					if (each > 0) {
						perOrganisation.put(past.get(i).organisationId(), each);
					}
				}
				return new Counted(rs.getLong(1), rs.getLong(2), perOrganisation);
			}).single();
			boolean allDue = counted.held() == 0
					&& counted.perOrganisation().values().stream().mapToLong(Integer::longValue).sum() == counted.rows();
			if (!allDue) {
				return Optional.<Together>empty();
			}
			jdbc.sql("DROP TABLE " + partition.name()).update();
			return Optional.of(new Together((int) Math.max(limit, counted.rows()), counted.perOrganisation()));
		}).flatMap(dropped -> dropped);
	}

	/** What a partition holds: all its rows, the held ones, and those of each organisation that are due. */
	private record Counted(long rows, long held, Map<UUID, Integer> perOrganisation) {
	}

	/**
	 * A partition of the table, with the range of its trigger column as PostgreSQL reads the bounds in this session;
	 * both null for the default partition.
	 */
	private record Partition(String name, Instant from, Instant until) {
	}

	/** The table's partitions, those that end first first, the default partition last. */
	private List<Partition> partitions() {
		return jdbc.sql("""
				SELECT p.oid::regclass::text,
				       CAST((regexp_match(pg_get_expr(p.relpartbound, p.oid), 'FROM \\(''([^'']+)''\\)'))[1] AS timestamptz),
				       CAST((regexp_match(pg_get_expr(p.relpartbound, p.oid), 'TO \\(''([^'']+)''\\)'))[1] AS timestamptz)
				FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid
				WHERE i.inhparent = CAST(? AS regclass)
				ORDER BY 3 NULLS LAST, 1""")
			.param(table)
			.query((rs, n) -> new Partition(rs.getString(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3))))
			.list();
	}

	/** The partitions that may hold records due under the scope: not those that begin after its cutoff. */
	private List<String> partitionsWithDue(Scope scope) {
		return partitions().stream()
			.filter(p -> scope.countedFrom() != partitionedOn || p.from() == null || p.from().isBefore(scope.cutoff()))
			.map(Partition::name)
			.toList();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/** The purge of one table (or one partition), batch after batch, each reading on from where the last stopped. */
	private final class ReadingOn implements Purging {

		private final String from;
		private final Scope scope;
		private String after = START;

		ReadingOn(String from, Scope scope) {
			this.from = from;
			this.scope = scope;
		}

		@Override
		public int next(int limit) {
			int purged = 0;
			while (true) {
				int wanted = limit - purged;
				boolean fromStart = START.equals(after);
				Batch batch = purgeAfter(from, scope, after, wanted);
				purged += batch.purged();
				if (batch.found() >= wanted) {
					after = batch.last();
					return purged;
				}
				if (fromStart) {
					return purged;
				}
				// The end of the table: once more from the start, for rows the scan passed by.
				after = START;
			}
		}
	}

	/** Before the first row address of any table. */
	private static final String START = "(0,0)";

	/**
	 * @param found rows the batch took (and locked)
	 * @param purged rows it deleted or anonymised
	 * @param last the highest row address it took, where the next batch reads on
	 */
	private record Batch(int found, int purged, String last) {
	}

	private Batch purgeAfter(String from, Scope scope, String after, int limit) {
		Query due = due(scope);
		List<Object> params = new ArrayList<>();
		params.add(after);
		params.addAll(due.params);
		params.add(limit);
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			return batch(from, true, due.where, params);
		}
		// First without row locks: locking a row writes a WAL record of its own, about a quarter of what deleting it
		// writes, and live traffic's commits wait behind the run's WAL. A row a user holds would make that statement
		// wait, so it may wait only briefly; then the batch is taken again, passing such rows by (SKIP LOCKED).
		return briefly(() -> batch(from, false, due.where, params)).orElseGet(() -> batch(from, true, due.where, params));
	}

	/**
	 * Does the work in the caller's transaction, waiting at most {@link #ROW_WAIT} for any lock it needs; if a lock is
	 * not to be had by then, undoes the work (to a savepoint, so the rest of the transaction stays) and returns empty.
	 * Each statement is sent on its own: two in one string reach pgjdbc as a composite query, a type live traffic's
	 * statements never have, and the driver's code they share, compiled for the one type, was deoptimised at every
	 * run's start (docs/benchmarks.md, tenth session).
	 */
	private <T> Optional<T> briefly(Supplier<T> work) {
		jdbc.sql("SAVEPOINT retention_briefly").update();
		jdbc.sql("SET LOCAL lock_timeout = '" + ROW_WAIT + "'").update();
		try {
			T done = work.get();
			jdbc.sql("RELEASE SAVEPOINT retention_briefly").update();
			jdbc.sql("SET LOCAL lock_timeout TO DEFAULT").update();
			return Optional.of(done);
		}
		catch (DataAccessException e) {
			if (!(NestedExceptionUtils.getMostSpecificCause(e) instanceof SQLException cause)
					|| !LOCK_NOT_AVAILABLE.equals(cause.getSQLState())) {
				throw e;
			}
			// Rolling back to the savepoint also undoes the SET LOCAL made after it.
			jdbc.sql("ROLLBACK TO SAVEPOINT retention_briefly").update();
			return Optional.empty();
		}
	}

	/** How long a batch taken without row locks may wait for a row a user holds. */
	private static final String ROW_WAIT = "50ms";

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	/**
	 * One batch by row address, so the statement is a TID scan whatever the limit: an IN (...) join let PostgreSQL
	 * choose a scan of the whole table for the first executions on each connection (docs/benchmarks.md).
	 * <p>
	 * Unlocked, a row that someone changes between the batch's scan and its change has a new address by then (every
	 * update writes a new row version), so the change, which PostgreSQL re-checks against the newest version, passes
	 * it by rather than purging what was not found due. Locked (SKIP LOCKED), a row a user holds is passed by, and the
	 * addresses the batch took cannot change before the statement uses them.
	 */
	private Batch batch(String from, boolean locked, String due, List<Object> params) {
		String change = anonymise == null ? "DELETE FROM " + from : "UPDATE " + from + " SET " + anonymise;
		String sql = "WITH batch AS MATERIALIZED (SELECT ctid FROM " + from + " WHERE ctid > CAST(? AS tid) AND "
				+ due + " LIMIT ?" + (locked ? " FOR UPDATE SKIP LOCKED" : "") + "), changed AS (" + change
				+ " WHERE ctid = ANY (ARRAY(SELECT ctid FROM batch)) RETURNING 1)"
				+ " SELECT (SELECT count(*) FROM batch), (SELECT count(*) FROM changed), (SELECT max(ctid) FROM batch)::text";
		return jdbc.sql(sql)
			.params(params)
			.query((rs, n) -> new Batch(rs.getInt(1), rs.getInt(2), rs.getString(3)))
			.single();
	}

	private Query due(Scope scope) {
		String triggerColumn = triggerColumns.get(scope.countedFrom());
		if (triggerColumn == null) {
			throw new IllegalStateException(category + " records do not record when " + scope.countedFrom()
					+ " happens; they record " + triggerColumns.keySet());
		}
		List<Object> params = new ArrayList<>();
		// Typed, or PostgreSQL would read the parameter as a date when the column is one, dropping the time of day.
		StringBuilder where = new StringBuilder(triggerColumn).append(" < CAST(? AS timestamptz)");
		params.add(Timestamp.from(scope.cutoff()));
		if (organisation != null) {
			where.append(" AND (").append(organisation).append(')');
			params.add(scope.organisationId());
		}
		if (condition != null) {
			where.append(" AND (").append(condition).append(')');
		}
		if (stillIdentifying != null) {
			where.append(" AND (").append(stillIdentifying).append(')');
		}
		if (!scope.heldKeys().isEmpty()) {
			Query held = held(scope);
			where.append(" AND NOT (").append(held.where).append(')');
			params.addAll(held.params);
		}
		return new Query(where.toString(), params);
	}

	/** True of a record the scope's holds keep: its key is held, or its subject is. */
	private Query held(Scope scope) {
		String[] keys = scope.heldKeys().toArray(String[]::new);
		StringBuilder where = new StringBuilder(key).append("::text = ANY (?)");
		List<Object> params = new ArrayList<>(List.of((Object) keys));
		if (subject != null) {
			where.append(" OR ").append(subject).append(" = ANY (?)");
			params.add(keys);
		}
		return new Query(where.toString(), params);
	}

	private record Query(String where, List<Object> params) {
	}

	public static final class Builder {

		private final JdbcClient jdbc;
		private final DataCategory category;
		private final String table;
		private String key = "id";
		private String organisation;
		private final Map<RetentionRule.Trigger, String> triggerColumns = new EnumMap<>(RetentionRule.Trigger.class);
		private String subject;
		private String condition;
		private String anonymise;
		private String stillIdentifying;
		private RetentionRule.Trigger partitionedOn;

		private Builder(JdbcClient jdbc, DataCategory category, String table) {
			this.jdbc = jdbc;
			this.category = category;
			this.table = table;
		}

		/** The column that identifies a record, for legal holds and dry-run lists; {@code id} unless set. */
		public Builder key(String column) {
			this.key = column;
			return this;
		}

		/** The column giving the organisation a record belongs to; none for installation-wide data. */
		public Builder organisation(String column) {
			return organisationWhere(column + " = ?");
		}

		/**
		 * A condition, with one {@code ?} for the organisation's id, that its records meet, for records that know
		 * their organisation only through another table (e.g. {@code reception_id IN (SELECT ... = ?)}).
		 */
		public Builder organisationWhere(String condition) {
			this.organisation = condition;
			return this;
		}

		/** The column that records when the trigger event happened. */
		public Builder trigger(RetentionRule.Trigger trigger, String column) {
			triggerColumns.put(trigger, column);
			return this;
		}

		/**
		 * The table is partitioned by range of the column of this trigger event (as {@code feedback} is by month), so a
		 * partition whose every record is due is dropped whole instead of deleted row by row. Only for records that are
		 * deleted, not anonymised.
		 */
		public Builder partitionedOn(RetentionRule.Trigger trigger) {
			this.partitionedOn = trigger;
			return this;
		}

		/** The column holding the subject's pseudonym, so a legal hold on a subject keeps all their records. */
		public Builder subject(String column) {
			this.subject = column;
			return this;
		}

		/** A further condition a record must meet to be due (e.g. no ongoing case). */
		public Builder onlyWhere(String condition) {
			this.condition = condition;
			return this;
		}

		/**
		 * Anonymise instead of delete.
		 * @param assignments the SET clause that removes what identifies a person, e.g. {@code email = NULL}
		 * @param stillIdentifying true of a record not yet anonymised, e.g. {@code email IS NOT NULL}
		 */
		public Builder anonymiseBy(String assignments, String stillIdentifying) {
			this.anonymise = assignments;
			this.stillIdentifying = stillIdentifying;
			return this;
		}

		public TableRecords build() {
			return new TableRecords(this);
		}
	}
}
