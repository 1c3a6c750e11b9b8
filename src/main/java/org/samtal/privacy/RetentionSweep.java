package org.samtal.privacy;

import java.security.Principal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;
import org.samtal.platform.Ids;
import org.samtal.platform.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The retention engine. On a schedule and on demand it asks every module's {@link ExpiringRecords} what is due under
 * each organisation's register (trigger event, period, action) and the injected clock, and deletes or anonymises it in
 * batches of their own transactions, skipping legal holds. Each batch commits on its own, so a run cut off midway
 * leaves nothing half-done and the next run simply goes on where it stopped; running twice deletes nothing twice.
 * After each batch, and each read or report of its own, the run rests in proportion to how long it took
 * ({@link RetentionPace}), so that a large catch-up run leaves room for live traffic on a small machine.
 * <p>
 * Only one node sweeps at a time: a run holds a PostgreSQL session advisory lock, which the database releases by
 * itself if the node dies. A node that finds the lock taken skips its turn.
 */
@Service
public class RetentionSweep {

	/** "SamtalRS" in ASCII: the advisory lock key no other part of Samtal uses. */
	static final long LOCK_KEY = 0x53616d74616c5253L;

	private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
	private static final int DRY_RUN_SAMPLE = 20;

	private static final String STAFF = "staff:";

	public enum Status {
		RUNNING, COMPLETED, FAILED, INTERRUPTED
	}

	/**
	 * What one run did to one category of one organisation (or of the whole installation).
	 * @param due records past their period when the run looked, not counting held ones; a run that purges, where no
	 *        hold applies, counts them as it purges them, so a record a user was changing right then is left, and
	 *        counted, for the next run
	 * @param purged records deleted or anonymised (zero in a dry run)
	 * @param held records past their period that a legal hold keeps
	 * @param sample in a dry run, keys of some records that would go
	 * @param error what stopped this item, without personal data; null when it went well
	 */
	public record Item(UUID organisationId, String organisation, DataCategory category,
			RetentionRule.Trigger countedFrom, String keptFor, RetentionRule.Action action, long due, long purged,
			long held, List<String> sample, String error) {

		/** Nothing was due, held or wrong. */
		boolean quiet() {
			return due == 0 && purged == 0 && held == 0 && error == null;
		}
	}

	public record Report(UUID id, Instant startedAt, Duration duration, boolean dryRun, String startedBy,
			Status status, List<Item> items) {

		public long purged() {
			return items.stream().mapToLong(Item::purged).sum();
		}

		public long errors() {
			return items.stream().filter(i -> i.error() != null).count();
		}
	}

	private final ProcessingRegister register;
	private final List<ExpiringRecords> records;
	private final Controllers controllers;
	private final LegalHolds holds;
	private final RetentionRuns runs;
	private final DataSource dataSource;
	private final TransactionTemplate transactions;
	private final Admins admins;
	private final AccessLog accessLog;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final int batchSize;
	private final RetentionPace pace;

	@Autowired
	RetentionSweep(ProcessingRegister register, List<ExpiringRecords> records, Controllers controllers,
			LegalHolds holds, RetentionRuns runs, DataSource dataSource, TransactionTemplate transactions,
			Admins admins, AccessLog accessLog, JdbcClient jdbc, Clock clock,
			@Value("${samtal.retention.batch-size:1000}") int batchSize,
			@Value("${samtal.retention.batch-pause:PT0S}") Duration batchPause,
			@Value("${samtal.retention.duty-cycle:0.3}") double dutyCycle,
			@Value("${samtal.retention.wal-per-second:8MB}") DataSize walPerSecond) {
		this(register, records, controllers, holds, runs, dataSource, transactions, admins, accessLog, jdbc, clock,
				batchSize, new RetentionPace(clock, dutyCycle, batchPause, walPerSecond.toBytes(),
						RetentionPace.WalPosition.of(jdbc), Thread::sleep));
	}

	/** With a pace of the caller's, so tests can see when and how long a run rests. */
	RetentionSweep(ProcessingRegister register, List<ExpiringRecords> records, Controllers controllers,
			LegalHolds holds, RetentionRuns runs, DataSource dataSource, TransactionTemplate transactions,
			Admins admins, AccessLog accessLog, JdbcClient jdbc, Clock clock, int batchSize, RetentionPace pace) {
		this.register = register;
		this.records = records.stream().sorted(Comparator.comparing(ExpiringRecords::category)).toList();
		this.controllers = controllers;
		this.holds = holds;
		this.runs = runs;
		this.dataSource = dataSource;
		this.transactions = transactions;
		this.admins = admins;
		this.accessLog = accessLog;
		this.jdbc = jdbc;
		this.clock = clock;
		this.batchSize = batchSize;
		this.pace = pace;
		for (ExpiringRecords each : this.records) {
			RetentionRule.Action declared = register.declaration(each.category()).retention().action();
			if (each.action() != declared) {
				throw new IllegalStateException(each.category() + " records " + each.action()
						+ " when their retention rule says " + declared);
			}
		}
	}

	@Scheduled(fixedDelayString = "${samtal.retention.interval:PT1H}",
			initialDelayString = "${samtal.retention.initial-delay:PT1M}")
	void onSchedule() {
		run(false, "schedule");
	}

	/**
	 * Sweeps once, unless another node is sweeping right now.
	 * @param dryRun count and list what is due without touching it
	 * @param startedBy "schedule", or the staff id of the admin who asked
	 * @return the run's report, or empty when another node holds the lock
	 */
	public Optional<Report> run(boolean dryRun, String startedBy) {
		return run(dryRun, startedBy, null);
	}

	/** @param onlyOrganisation when set, only that organisation's records; installation-wide ones wait for the schedule */
	private Optional<Report> run(boolean dryRun, String startedBy, UUID onlyOrganisation) {
		// A closed staff account goes once no entry names its holder: entries still on their way count too.
		accessLog.awaitWritten();
		Connection lock;
		try {
			lock = dataSource.getConnection();
		}
		catch (SQLException e) {
			throw new IllegalStateException("No connection for the retention lock: SQL state " + e.getSQLState(), e);
		}
		boolean locked = false;
		try {
			locked = advisoryLock(lock, "pg_try_advisory_lock");
			if (!locked) {
				log.info("Retention sweep skipped: another node is sweeping");
				return Optional.empty();
			}
			return Optional.of(sweep(dryRun, startedBy, onlyOrganisation));
		}
		catch (SQLException e) {
			throw new IllegalStateException("Could not take the retention lock: SQL state " + e.getSQLState(), e);
		}
		finally {
			release(lock, locked);
		}
	}

	/**
	 * Unlocks and returns the connection to the pool; if the unlock fails, the connection must not go back still
	 * holding the lock (every later sweep on this node would skip), so the pool drops it instead.
	 */
	private void release(Connection lock, boolean locked) {
		boolean unlocked = !locked;
		try {
			unlocked = unlocked || advisoryLock(lock, "pg_advisory_unlock");
		}
		catch (SQLException e) {
			log.warn("Could not release the retention lock: SQL state {}", e.getSQLState());
		}
		if (!unlocked && dataSource instanceof HikariDataSource pool) {
			pool.evictConnection(lock);
			return;
		}
		try {
			lock.close();
		}
		catch (SQLException e) {
			log.warn("Could not close the retention lock's connection: SQL state {}", e.getSQLState());
		}
	}

	/** The latest reports, newest first. */
	public List<Report> latest(int limit) {
		return runs.latest(limit);
	}

	/**
	 * An admin asks for a run now, of their own organisation's records only: what other organisations keep, and what
	 * the installation keeps, is theirs or the schedule's to sweep.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public Report runAsAdmin(Principal principal, boolean dryRun) {
		StaffDirectory.Reviewer admin = admin(principal);
		Report report = run(dryRun, STAFF + admin.staffId(), admin.organisationId()).orElseThrow(() -> Problems.conflict(
				"retention-already-running", "A sweep is running",
				"Another node is sweeping right now. Its report appears here when it is done."));
		return visibleTo(admin, report);
	}

	/** The latest reports, with only what this admin's organisation may see. */
	@PreAuthorize("hasRole('ADMIN')")
	public List<Report> reportsFor(Principal principal, int limit) {
		StaffDirectory.Reviewer admin = admin(principal);
		return runs.latest(limit).stream().map(report -> visibleTo(admin, report)).toList();
	}

	/** One report, with only what this admin's organisation may see. */
	@PreAuthorize("hasRole('ADMIN')")
	public Optional<Report> reportFor(Principal principal, UUID id) {
		StaffDirectory.Reviewer admin = admin(principal);
		return runs.find(id).map(report -> visibleTo(admin, report));
	}

	private static Report visibleTo(StaffDirectory.Reviewer admin, Report report) {
		return new Report(report.id(), report.startedAt(), report.duration(), report.dryRun(), report.startedBy(),
				report.status(), report.items()
					.stream()
					.filter(i -> i.organisationId() == null || i.organisationId().equals(admin.organisationId()))
					.toList());
	}

	private StaffDirectory.Reviewer admin(Principal principal) {
		return admins.of(principal);
	}

	private Report sweep(boolean dryRun, String startedBy, UUID onlyOrganisation) {
		Instant started = clock.instant();
		UUID id = Ids.timeOrdered(clock);
		// Every piece of the run is paced, its reads and reports too, not only its batches: the first run after a
		// start loads and links its code as it goes, and on a small machine that burst alone delayed the chat.
		pace.work(() -> transactions.execute(tx -> {
			int interrupted = runs.markInterrupted(started);
			if (interrupted > 0) {
				log.warn("{} earlier retention run(s) had been cut off; this run goes on where they stopped", interrupted);
			}
			runs.start(id, started, dryRun, startedBy);
			return null;
		}));
		List<Item> items = new ArrayList<>();
		// An admin's run reads only that organisation's register; a full run reads every one, once.
		Registers registers = new Registers(pace.work(() -> onlyOrganisation == null ? controllers.all()
				: List.of(controllers.require(onlyOrganisation))));
		for (ExpiringRecords each : records) {
			if (onlyOrganisation != null && !each.perOrganisation()) {
				continue;
			}
			// Each target's scope (its cutoff and holds) is read once, for the joint purge and its own.
			Map<Target, ExpiringRecords.Scope> scopes = new LinkedHashMap<>();
			targets(each, registers)
				.forEach(target -> scopes.put(target, pace.work(() -> scope(each, target, started))));
			Joint joint = dryRun ? Joint.NONE : purgeTogether(each, scopes);
			for (Map.Entry<Target, ExpiringRecords.Scope> target : scopes.entrySet()) {
				Item item = sweep(each, target.getKey(), target.getValue(), dryRun, joint);
				if (item.quiet()) {
					continue;
				}
				// Only what happened goes into the report, so it grows with the work done, not with the register.
				items.add(item);
				pace.work(() -> transactions.execute(tx -> {
					runs.progress(id, items);
					logDeletion(id, startedBy, item);
					return null;
				}));
			}
		}
		Status status = items.stream().anyMatch(i -> i.error() != null) ? Status.FAILED : Status.COMPLETED;
		Instant finished = clock.instant();
		transactions.executeWithoutResult(tx -> runs.finish(id, finished, status, items));
		Report report = new Report(id, started, Duration.between(started, finished), dryRun, startedBy, status, items);
		log.info("Retention {} {}: {} record(s) {}, {} error(s)", dryRun ? "dry run" : "sweep", status,
				dryRun ? items.stream().mapToLong(Item::due).sum() : report.purged(), dryRun ? "due" : "purged",
				report.errors());
		return report;
	}

	/** One organisation's (or the installation's) records of a category, under the rule that applies to them. */
	private record Target(UUID organisationId, String organisation, RetentionRule.Trigger countedFrom,
			Period keptFor) {
	}

	/** Every organisation's register, read once per run. */
	private final class Registers {

		private final List<Controllers.DataController> organisations;
		private final Map<UUID, Map<DataCategory, RegisterEntry>> entries = new HashMap<>();

		Registers(List<Controllers.DataController> organisations) {
			this.organisations = organisations;
		}

		/** The organisations that keep the category, each with its entry for it. */
		Map<Controllers.DataController, RegisterEntry> keeping(DataCategory category) {
			Map<Controllers.DataController, RegisterEntry> keeping = new LinkedHashMap<>();
			for (Controllers.DataController organisation : organisations) {
				RegisterEntry entry = entries
					.computeIfAbsent(organisation.id(), id -> pace.work(() -> register.registerOf(id, organisation.country()))
						.stream()
						.collect(Collectors.toMap(RegisterEntry::category, e -> e)))
					.get(category);
				if (entry != null) {
					keeping.put(organisation, entry);
				}
			}
			return keeping;
		}
	}

	private List<Target> targets(ExpiringRecords each, Registers registers) {
		CategoryDeclaration declaration = register.declaration(each.category());
		Map<Controllers.DataController, RegisterEntry> keeping = registers.keeping(each.category());
		if (each.perOrganisation()) {
			return keeping.entrySet()
				.stream()
				.map(e -> new Target(e.getKey().id(), e.getKey().slug(), e.getValue().countedFrom(),
						e.getValue().keptFor()))
				.toList();
		}
		Period longest = declaration.retention().keptFor();
		if (declaration.controller() == CategoryDeclaration.Controller.ORGANISATION) {
			for (RegisterEntry entry : keeping.values()) {
				if (RetentionRule.days(entry.keptFor()) > RetentionRule.days(longest)) {
					longest = entry.keptFor();
				}
			}
		}
		return List.of(new Target(null, "installation", declaration.retention().trigger(), longest));
	}

	private ExpiringRecords.Scope scope(ExpiringRecords each, Target target, Instant now) {
		Instant cutoff = now.atZone(ZoneOffset.UTC).minus(target.keptFor()).toInstant();
		return new ExpiringRecords.Scope(target.organisationId(), target.countedFrom(), target.keptFor(), cutoff,
				holds.activeKeys(target.organisationId(), each.category()));
	}

	/** What a category's joint purge did before its organisations' own: their counts, or why it failed. */
	private record Joint(Map<UUID, Long> purged, String error) {

		static final Joint NONE = new Joint(Map.of(), null);
	}

	/**
	 * The joint purge of a store all organisations share ({@link ExpiringRecords#purgingTogether}), a paced batch per
	 * transaction until a batch comes back short. If it fails, each organisation's purge still does the work, and
	 * the failure is reported with them.
	 */
	private Joint purgeTogether(ExpiringRecords each, Map<Target, ExpiringRecords.Scope> targets) {
		List<ExpiringRecords.Scope> scopes = targets.values()
			.stream()
			.filter(scope -> scope.organisationId() != null)
			.toList();
		Map<UUID, Long> purged = new HashMap<>();
		Optional<ExpiringRecords.PurgingTogether> together = scopes.isEmpty() ? Optional.empty()
				: each.purgingTogether(scopes);
		if (together.isEmpty()) {
			return Joint.NONE;
		}
		try {
			ExpiringRecords.Together batch;
			do {
				batch = pace.work(() -> inBatch(() -> together.get().next(batchSize)));
				batch.purged().forEach((organisation, n) -> purged.merge(organisation, (long) n, Long::sum));
			}
			while (batch.rows() >= batchSize);
			return new Joint(purged, null);
		}
		catch (RuntimeException e) {
			log.error("The joint retention of {} failed: {}", each.category(), e.getClass().getName());
			return new Joint(purged, e instanceof IllegalStateException ? e.getMessage() : e.getClass().getSimpleName());
		}
	}

	private Item sweep(ExpiringRecords each, Target target, ExpiringRecords.Scope scope, boolean dryRun, Joint joint) {
		Set<String> held = scope.heldKeys();
		long together = target.organisationId() == null ? 0 : joint.purged().getOrDefault(target.organisationId(), 0L);
		long due = together;
		long heldDue = 0;
		long purged = together;
		List<String> sample = List.of();
		String error = joint.error();
		try {
			// Counting first reads the whole table once more per organisation (in a 1,000,000-row run, ~4 s and the
			// chat's worst stalls; docs/benchmarks.md), so a run that purges counts what it purges instead, and, where
			// holds apply (a legal hold, or a restriction of processing), only the held records that are due. A dry
			// run purges nothing, so it counts. A count is paced like a batch.
			if (dryRun) {
				due += pace.work(() -> each.countDue(scope));
				heldDue = held.isEmpty() ? 0 : pace.work(() -> each.countHeld(scope));
				if (target.organisationId() != null) {
					// Keys of installation-wide records (login attempts) would tell one organisation about another's.
					sample = each.dueKeys(scope, DRY_RUN_SAMPLE);
				}
			}
			else {
				ExpiringRecords.Purging purging = each.purging(scope);
				int batch;
				do {
					batch = pace.work(() -> inBatch(() -> purging.next(batchSize)));
					purged += batch;
					due = purged;
				}
				while (batch >= batchSize);
				if (!held.isEmpty()) {
					heldDue = pace.work(() -> each.countHeld(scope));
				}
				int tidied;
				do {
					tidied = pace.work(() -> inBatch(() -> each.tidy(scope, batchSize)));
				}
				while (tidied >= batchSize);
			}
		}
		catch (RuntimeException e) {
			// The message may quote data from the database: keep only what says what kind of failure it was.
			error = e instanceof IllegalStateException ? e.getMessage() : e.getClass().getSimpleName();
			log.error("Retention of {} for {} failed: {}", each.category(), target.organisation(),
					e.getClass().getName());
		}
		return new Item(target.organisationId(), target.organisation(), each.category(), target.countedFrom(),
				target.keptFor().toString(), each.action(), due, purged, heldDue, sample, error);
	}

	/** One batch of a run, in a transaction of its own. */
	private <T> T inBatch(Supplier<T> batch) {
		return transactions.execute(tx -> {
			// The batch commits without waiting for its WAL to reach the disk, so live traffic's commits do not queue
			// behind a flush of the run's WAL. A crash may lose the last batches, and that is safe: a batch only
			// deletes or anonymises what is due (or drops a prefix of the access log that is already purged), so what
			// it would have done is still to do and the next run does it; runs are idempotent and go on where the
			// last one stopped. Nothing that builds on a lost batch can outlive it either: WAL is flushed in order, so
			// any later durable commit (this run's progress report, an access-log append) puts the batch on disk
			// first, and a report never counts a purge that a crash undid. A prefix drop and its signed checkpoint
			// share one transaction, so they are kept or lost together.
			jdbc.sql("SET LOCAL synchronous_commit = off").update();
			return batch.get();
		});
	}

	/**
	 * A deletion of an organisation's data that an admin asked for is an access by that admin (HSLF-FS 2016:40): one
	 * entry per category and run. Scheduled runs are the system's own duty and are accounted for by their reports.
	 */
	private void logDeletion(UUID runId, String startedBy, Item item) {
		if (item.purged() == 0 || item.organisationId() == null || !startedBy.startsWith(STAFF)) {
			return;
		}
		accessLog.record(Access.of(UUID.fromString(startedBy.substring(STAFF.length())), "ADMIN",
				item.organisationId(), null, "(retention)", item.category(), AccessAction.DELETE,
				"retention run " + runId + ": " + item.purged() + " record(s) "
						+ (item.action() == RetentionRule.Action.ANONYMISE ? "anonymised" : "deleted")));
	}

	private static boolean advisoryLock(Connection connection, String function) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
			statement.setLong(1, LOCK_KEY);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}
}
