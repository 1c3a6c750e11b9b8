package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A run under a duty cycle: it rests after each batch, between transactions, and still purges everything due. */
@SamtalTest
class RetentionPacedRunTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	Fixtures fixtures;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aPacedRunRestsAfterEveryBatchOutsideItsTransactionAndStillPurgesAllThatIsDue() {
		Reception reception = fixtures.openReception();
		fiveFeedbacksNowDue(reception);
		List<Duration> rests = new ArrayList<>();
		List<Boolean> restedInATransaction = new ArrayList<>();
		RetentionPace pace = new RetentionPace(clock, 0.5, Duration.ZERO, rest -> {
			rests.add(rest);
			restedInATransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
		});
		// Batches of 2: the 5 rows go in 3 batches (2, 2, 1).
		RetentionSweep paced = RetentionSweeps.with(context, 2, pace);

		RetentionSweep.Report report = paced.run(false, "test").orElseThrow();

		assertThat(report.status()).isEqualTo(RetentionSweep.Status.COMPLETED);
		assertThat(report.items())
			.filteredOn(i -> i.category() == DataCategory.FEEDBACK
					&& reception.organisation().id().equals(i.organisationId()))
			.singleElement()
			.satisfies(i -> assertThat(i.purged()).isEqualTo(5));
		assertThat(feedbackLeftIn(reception)).isZero();
		// Each batch and each count is followed by a rest; this organisation's feedback alone is a count and 3 batches.
		assertThat(rests).hasSizeGreaterThanOrEqualTo(4).allSatisfy(rest -> assertThat(rest).isPositive());
		assertThat(restedInATransaction).as("no rest holds a transaction open").containsOnly(false);
	}

	@Test
	void withAWalBudgetEachBatchRestsForTheWalItWroteAsPostgreSQLCountsIt() {
		Reception reception = fixtures.openReception();
		fiveFeedbacksNowDue(reception);
		List<Duration> rests = new ArrayList<>();
		// No proportional rest and a clock that stands still: every rest comes from the WAL budget, 100 bytes a
		// second, so each of the 3 batches, which deleted a row or two and committed (well over 10 bytes of WAL),
		// rests over 100 ms.
		RetentionPace pace = new RetentionPace(clock, 1, Duration.ZERO, 100,
				RetentionPace.WalPosition.of(jdbc), rests::add);

		RetentionSweep.Report report = RetentionSweeps.with(context, 2, pace).run(false, "test").orElseThrow();

		assertThat(report.status()).isEqualTo(RetentionSweep.Status.COMPLETED);
		assertThat(feedbackLeftIn(reception)).isZero();
		assertThat(rests).filteredOn(rest -> rest.compareTo(Duration.ofMillis(100)) > 0).hasSizeGreaterThanOrEqualTo(3);
	}

	@Test
	void housekeepingGoesOnABatchPerTransactionWhileBatchesComeBackFullWithoutWaitingForTheDisk() {
		fixtures.openReception(); // at least one organisation keeps feedback, whichever test runs first
		List<String> calls = new ArrayList<>();
		ExpiringRecords tidying = new FakeFeedback() {

			@Override
			public int purge(Scope scope, int limit) {
				calls.add("purge");
				return 0;
			}

			@Override
			public int tidy(Scope scope, int limit) {
				calls.add("tidy in a transaction " + TransactionSynchronizationManager.isActualTransactionActive()
						+ ", synchronous_commit " + jdbc.sql("SHOW synchronous_commit").query(String.class).single());
				// Three full batches of housekeeping for the first organisation, then less than a batch.
				return calls.stream().filter(c -> c.startsWith("tidy")).count() <= 3 ? limit : 1;
			}
		};
		List<Duration> rests = new ArrayList<>();
		RetentionSweep paced = RetentionSweeps.with(context, List.of(tidying), 10,
				new RetentionPace(clock, 0.5, Duration.ZERO, rests::add));

		paced.run(false, "test");

		String tidy = "tidy in a transaction true, synchronous_commit off";
		assertThat(calls).as("nothing due, but the housekeeping still runs: it may have become possible only now")
			.startsWith("purge", tidy, tidy, tidy, tidy);
		// Any other organisation keeping feedback: one purge, one housekeeping batch (less than full).
		List<String> others = calls.subList(5, calls.size());
		for (int i = 0; i < others.size(); i++) {
			assertThat(others.get(i)).isEqualTo(i % 2 == 0 ? "purge" : tidy);
		}
		assertThat(others).hasSize(others.size() / 2 * 2);
		assertThat(rests).as("a count, a purge and each housekeeping batch are each followed by a rest")
			.hasSizeGreaterThanOrEqualTo(calls.size());
	}

	@Test
	void aRunRestsAfterItsOwnReadsAndReportsTooNotOnlyAfterItsBatches() {
		fixtures.openReception(); // at least one organisation keeps feedback
		List<String> batches = new ArrayList<>();
		ExpiringRecords nothingDue = new FakeFeedback() {

			@Override
			public int purge(Scope scope, int limit) {
				batches.add("purge");
				return 0;
			}
		};
		List<Boolean> restedInATransaction = new ArrayList<>();
		RetentionSweep paced = RetentionSweeps.with(context, List.of(nothingDue), 10,
				new RetentionPace(clock, 0.5, Duration.ZERO,
						rest -> restedInATransaction.add(TransactionSynchronizationManager.isActualTransactionActive())));

		paced.run(false, "test");

		// Besides one rest per batch (a purge and a housekeeping batch per organisation): after the run's own row,
		// after reading who the organisations are, and after at least one register and one organisation's holds.
		assertThat(restedInATransaction).hasSizeGreaterThanOrEqualTo(2 * batches.size() + 4)
			.as("no rest holds a transaction open")
			.containsOnly(false);
	}

	/**
	 * Counting first reads the whole table once more per organisation: a run that purges, with no hold to tell apart,
	 * counts what it purges instead. A dry run still counts.
	 */
	@Test
	void aRunThatPurgesCountsWhatItPurgesInsteadOfReadingTheTableFirst() {
		// A restriction made to every controller (other tests leave some) holds records of every organisation; then
		// each organisation's held records are counted as well, after its purge.
		fixtures.openReception();
		List<String> calls = new ArrayList<>();
		int[] left = { 5 };
		ExpiringRecords counted = new FakeFeedback() {

			@Override
			public long countDue(Scope scope) {
				// Other tests may have left a legal hold on some organisation's feedback: that one is still counted,
				// with and without its holds.
				calls.add((scope.heldKeys().isEmpty() ? "count " : "count beside a hold ") + scope.organisationId());
				return left[0];
			}

			@Override
			public int purge(Scope scope, int limit) {
				calls.add("purge");
				return take(left, limit);
			}
		};
		RetentionSweep run = unpacedInBatchesOfTwo(counted);

		RetentionSweep.Report dry = run.run(true, "test").orElseThrow();
		assertThat(calls).as("a dry run counts").anyMatch(call -> call.startsWith("count"))
			.doesNotContain("purge");
		assertThat(dry.items()).extracting(RetentionSweep.Item::due).contains(5L);

		calls.clear();
		RetentionSweep.Report report = run.run(false, "test").orElseThrow();

		assertThat(calls).contains("purge")
			.filteredOn(call -> call.startsWith("count ") && !call.startsWith("count beside a hold "))
			.as("counted first only where a hold must be told apart")
			.allSatisfy(call -> assertThat(calls).contains("count beside a hold " + call.substring("count ".length())));
		assertThat(report.items()).filteredOn(item -> item.purged() > 0)
			.singleElement()
			.satisfies(item -> assertThat(item.due()).isEqualTo(5).isEqualTo(item.purged()));
	}

	@Test
	void aRunWithHeldRecordsPurgesFirstAndThenCountsOnlyTheHeldOnesThatAreDue() {
		Reception reception = fixtures.openReception();
		UUID organisation = reception.organisation().id();
		jdbc.sql("""
				INSERT INTO legal_hold (id, organisation_id, data_category, record_key, reason, placed_by, placed_at)
				VALUES (?, ?, 'FEEDBACK', 'held-feedback', 'a dispute', ?, ?)""")
			.params(UUID.randomUUID(), organisation, UUID.randomUUID(), java.sql.Timestamp.from(clock.instant()))
			.update();
		List<String> calls = new ArrayList<>();
		int[] left = { 3 };
		ExpiringRecords held = new FakeFeedback() {

			@Override
			public long countDue(Scope scope) {
				calls.add("count all");
				return 0;
			}

			@Override
			public long countHeld(Scope scope) {
				if (organisation.equals(scope.organisationId())) {
					assertThat(scope.heldKeys()).contains("held-feedback");
					calls.add("count held");
				}
				return organisation.equals(scope.organisationId()) ? 1 : 0;
			}

			@Override
			public int purge(Scope scope, int limit) {
				if (!organisation.equals(scope.organisationId())) {
					return 0;
				}
				calls.add("purge");
				return take(left, limit);
			}
		};
		RetentionSweep run = unpacedInBatchesOfTwo(held);

		RetentionSweep.Report report = run.run(false, "test").orElseThrow();

		assertThat(calls).doesNotContain("count all").containsExactly("purge", "purge", "count held");
		assertThat(report.items()).filteredOn(item -> organisation.equals(item.organisationId()))
			.singleElement()
			.satisfies(item -> {
				assertThat(item.purged()).isEqualTo(3).isEqualTo(item.due());
				assertThat(item.held()).isEqualTo(1);
			});
	}

	@Test
	void aDryRunTouchesNoRecordsKeptForTheWholeInstallation() {
		List<String> calls = new ArrayList<>();
		ExpiringRecords installationWide = new FakeFeedback() {

			@Override
			public boolean perOrganisation() {
				return false;
			}

			@Override
			public long countDue(Scope scope) {
				return 4;
			}

			@Override
			public int purge(Scope scope, int limit) {
				calls.add("purge");
				return 0;
			}
		};
		RetentionSweep run = unpacedInBatchesOfTwo(installationWide);

		RetentionSweep.Report dry = run.run(true, "test").orElseThrow();

		assertThat(calls).isEmpty();
		assertThat(dry.items()).singleElement().satisfies(item -> {
			assertThat(item.organisationId()).isNull();
			assertThat(item.due()).isEqualTo(4);
			assertThat(item.purged()).isZero();
			assertThat(item.sample()).as("keys of installation-wide records are not listed").isEmpty();
		});
	}

	/** Five ratings given today, and then the clock moved past the two years feedback is kept. */
	private void fiveFeedbacksNowDue(Reception reception) {
		for (int i = 0; i < 5; i++) {
			jdbc.sql("INSERT INTO feedback (reception_id, given_on, rating) VALUES (?, ?, 4)")
				.params(reception.id(), java.sql.Date.valueOf(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)))
				.update();
		}
		clock.advance(Duration.ofDays(2 * 365 + 1));
	}

	private int feedbackLeftIn(Reception reception) {
		return jdbc.sql("SELECT count(*) FROM feedback WHERE reception_id = ?").param(reception.id())
			.query(Integer.class)
			.single();
	}

	private RetentionSweep unpacedInBatchesOfTwo(ExpiringRecords records) {
		return RetentionSweeps.with(context, List.of(records), 2, new RetentionPace(clock, 1, Duration.ZERO, rest -> {
		}));
	}

	/** Feedback as the engine sees it, with nothing due unless a test says otherwise. */
	private abstract static class FakeFeedback implements ExpiringRecords {

		/** A batch of up to {@code limit} of the {@code left[0]} records still due, which it takes. */
		static int take(int[] left, int limit) {
			int batch = Math.min(limit, left[0]);
			left[0] -= batch;
			return batch;
		}

		@Override
		public DataCategory category() {
			return DataCategory.FEEDBACK;
		}

		@Override
		public long countDue(Scope scope) {
			return 0;
		}

		@Override
		public List<String> dueKeys(Scope scope, int limit) {
			return List.of();
		}
	}
}
