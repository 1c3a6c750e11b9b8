package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** How a table's records are purged batch after batch within one run (TableRecords#purging). */
@SamtalTest
class RetentionBatchesTests {

	@Autowired
	List<ExpiringRecords> records;

	@Autowired
	Fixtures fixtures;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void batchesReadOnFromTheLastRowAndARowPassedByWhileLockedGoesWhenTheScanStartsAgain() throws Exception {
		Reception reception = fixtures.openReception();
		fiveExpiredFeedbacks(reception);
		long first = jdbc.sql("SELECT id FROM feedback WHERE reception_id = ? ORDER BY ctid LIMIT 1")
			.param(reception.id())
			.query(Long.class)
			.single();
		ExpiringRecords.Purging purging = feedback().purging(scopeOf(reception));

		try (Connection user = dataSource.getConnection(); Statement statement = user.createStatement()) {
			// Someone holds the first row: the first batch waits for it only briefly, then passes it by, and the batches read
			// on behind the last row they took.
			user.setAutoCommit(false);
			statement.execute("SELECT 1 FROM feedback WHERE id = " + first + " FOR UPDATE");
			assertThat(batch(purging, 2)).isEqualTo(2);
			assertThat(batch(purging, 2)).isEqualTo(2);
			user.rollback();
		}
		// At the end of the table the scan starts again from the beginning, where the row now is free.
		assertThat(batch(purging, 2)).as("fewer than a batch: the purge is done").isEqualTo(1);

		assertThat(jdbc.sql("SELECT count(*) FROM feedback WHERE reception_id = ?").param(reception.id())
			.query(Integer.class).single()).isZero();
	}

	@Test
	void aBatchThatMeetsNoHeldRowDeletesWithoutLockingRowsFirstSoItWritesNoLockRecords() {
		Reception reception = fixtures.openReception();
		fiveExpiredFeedbacks(reception);
		ExpiringRecords.Purging purging = feedback().purging(scopeOf(reception));
		jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_walinspect").update();
		String from = jdbc.sql("SELECT pg_current_wal_insert_lsn()::text").query(String.class).single();

		assertThat(batch(purging, 10)).isEqualTo(5);

		// What the batch wrote to the WAL about the feedback table (the partition for months that have none of their own,
		// where feedback written by SQL lands): the deletions, and no row locks before them.
		List<String> records = jdbc.sql("""
				SELECT record_type FROM pg_get_wal_block_info(CAST(? AS pg_lsn), pg_current_wal_flush_lsn())
				WHERE relfilenode = pg_relation_filenode('feedback_other') AND resource_manager = 'Heap'""")
			.param(from)
			.query(String.class)
			.list();
		assertThat(records).filteredOn("DELETE"::equals).hasSize(5);
		assertThat(records).doesNotContain("LOCK");
	}

	/** Given three years ago: past the two years feedback is kept. */
	private void fiveExpiredFeedbacks(Reception reception) {
		LocalDate threeYearsAgo = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusYears(3);
		for (int i = 0; i < 5; i++) {
			jdbc.sql("INSERT INTO feedback (reception_id, given_on, rating) VALUES (?, ?, 4)")
				.params(reception.id(), java.sql.Date.valueOf(threeYearsAgo))
				.update();
		}
	}

	private ExpiringRecords feedback() {
		return records.stream().filter(r -> r.category() == DataCategory.FEEDBACK).findFirst().orElseThrow();
	}

	private ExpiringRecords.Scope scopeOf(Reception reception) {
		return new ExpiringRecords.Scope(reception.organisation().id(), RetentionRule.Trigger.CREATED,
				Period.ofYears(2), clock.instant().atZone(ZoneOffset.UTC).minusYears(2).toInstant(), Set.of());
	}

	/** One batch in a transaction of its own, as the engine runs it. */
	private int batch(ExpiringRecords.Purging purging, int limit) {
		Integer purged = transactions.execute(tx -> purging.next(limit));
		return purged;
	}
}
