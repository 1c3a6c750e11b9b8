package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A table kept in partitions by the day its records were made (feedback, one partition per month) loses a month whole
 * once every record in it is due (TableRecords#purgingTogether). Each test uses a month of its own, years back, so
 * that no other test's records share its partition.
 */
@SamtalTest
class RetentionDropsWholeMonthsTests {

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

	@Autowired
	RetentionSweep retention;

	@Test
	void aMonthEveryOrganisationsPeriodHasPassedIsDroppedWholeAndCountedPerOrganisation() {
		Reception one = fixtures.openReception();
		Reception other = fixtures.openReception();
		LocalDate day = monthsAgo(121);
		String month = month(day);
		give(one, day, 2);
		give(other, day, 1);

		Map<UUID, Integer> purged = dropWholeMonths(keptTwoYears(one), keptTwoYears(other));

		assertThat(exists(month)).as(month + " dropped").isFalse();
		assertThat(purged).containsEntry(one.organisation().id(), 2).containsEntry(other.organisation().id(), 1);
		assertThat(feedbackAt(one) + feedbackAt(other)).isZero();
	}

	@Test
	void aMonthWithARecordNotYetDueIsKeptAndTheDueOnesGoRowByRow() {
		Reception one = fixtures.openReception();
		Reception keepsLonger = fixtures.openReception();
		LocalDate day = monthsAgo(122);
		String month = month(day);
		give(one, day, 2);
		give(keepsLonger, day, 1);
		ExpiringRecords.Scope twelveYears = kept(keepsLonger, Period.ofYears(12), Set.of());

		Map<UUID, Integer> purged = dropWholeMonths(keptTwoYears(one), twelveYears);
		assertThat(exists(month)).isTrue();
		assertThat(purged).doesNotContainKeys(one.organisation().id(), keepsLonger.organisation().id());

		assertThat(purgeRowByRow(keptTwoYears(one))).isEqualTo(2);
		assertThat(purgeRowByRow(twelveYears)).isZero();
		assertThat(feedbackAt(one)).isZero();
		assertThat(feedbackAt(keepsLonger)).isEqualTo(1);
	}

	@Test
	void aHeldRecordKeepsItsMonthAndTheOthersGoRowByRow() {
		Reception reception = fixtures.openReception();
		LocalDate day = monthsAgo(123);
		String month = month(day);
		List<Long> ids = give(reception, day, 3);
		ExpiringRecords.Scope held = kept(reception, Period.ofYears(2), Set.of(String.valueOf(ids.get(1))));

		dropWholeMonths(held);
		assertThat(exists(month)).isTrue();
		assertThat(purgeRowByRow(held)).isEqualTo(2);

		assertThat(jdbc.sql("SELECT id FROM feedback WHERE reception_id = ?").param(reception.id()).query(Long.class)
			.list()).containsExactly(ids.get(1));
	}

	@Test
	void aMonthSomeoneIsWritingToIsPassedByAfterABriefWaitAndDroppedByALaterRun() throws Exception {
		Reception reception = fixtures.openReception();
		LocalDate day = monthsAgo(124);
		String month = month(day);
		give(reception, day, 1);

		try (Connection writer = dataSource.getConnection();
				PreparedStatement insert = writer
					.prepareStatement("INSERT INTO feedback (reception_id, given_on, rating) VALUES (?, ?, 5)")) {
			writer.setAutoCommit(false);
			insert.setObject(1, reception.id());
			insert.setDate(2, Date.valueOf(day));
			insert.executeUpdate();

			dropWholeMonths(keptTwoYears(reception));
			assertThat(exists(month)).as("not waited for longer than a moment").isTrue();
			writer.commit();
		}
		assertThat(dropWholeMonths(keptTwoYears(reception))).containsEntry(reception.organisation().id(), 2);
		assertThat(exists(month)).isFalse();
	}

	@Test
	void aRunReportsTheRecordsOfADroppedMonthUnderTheirOrganisation() {
		Reception reception = fixtures.openReception();
		LocalDate day = monthsAgo(125);
		String month = month(day);
		give(reception, day, 4);

		RetentionSweep.Report report = retention.run(false, "test").orElseThrow();

		assertThat(exists(month)).isFalse();
		assertThat(report.items())
			.filteredOn(item -> reception.organisation().id().equals(item.organisationId())
					&& item.category() == DataCategory.FEEDBACK)
			.singleElement()
			.satisfies(item -> {
				assertThat(item.purged()).isEqualTo(4);
				assertThat(item.error()).isNull();
			});
	}

	/** The joint purge, a batch per transaction as the engine runs it, until it says nothing is left. */
	private Map<UUID, Integer> dropWholeMonths(ExpiringRecords.Scope... scopes) {
		ExpiringRecords.PurgingTogether together = feedback().purgingTogether(List.of(scopes)).orElseThrow();
		Map<UUID, Integer> purged = new HashMap<>();
		ExpiringRecords.Together batch;
		do {
			batch = transactions.execute(tx -> together.next(1000));
			batch.purged().forEach((organisation, n) -> purged.merge(organisation, n, Integer::sum));
		}
		while (batch.rows() >= 1000);
		return purged;
	}

	/** An organisation's own purge, one batch, as the engine runs it after the joint one. */
	private int purgeRowByRow(ExpiringRecords.Scope scope) {
		return transactions.execute(tx -> feedback().purging(scope).next(1000));
	}

	private List<Long> give(Reception reception, LocalDate day, int count) {
		jdbc.sql("SELECT feedback_month(?)").param(Date.valueOf(day)).query(String.class).single();
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(jdbc.sql("INSERT INTO feedback (reception_id, given_on, rating) VALUES (?, ?, 4) RETURNING id")
				.params(reception.id(), Date.valueOf(day.plusDays(i)))
				.query(Long.class)
				.single());
		}
		return ids;
	}

	private LocalDate monthsAgo(int months) {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusMonths(months).withDayOfMonth(3);
	}

	private static String month(LocalDate day) {
		return String.format("feedback_%04d_%02d", day.getYear(), day.getMonthValue());
	}

	private boolean exists(String table) {
		return jdbc.sql("SELECT to_regclass(?) IS NOT NULL").param(table).query(Boolean.class).single();
	}

	private int feedbackAt(Reception reception) {
		return jdbc.sql("SELECT count(*) FROM feedback WHERE reception_id = ?").param(reception.id())
			.query(Integer.class).single();
	}

	private ExpiringRecords.Scope keptTwoYears(Reception reception) {
		return kept(reception, Period.ofYears(2), Set.of());
	}

	/** The reception's organisation keeps feedback this long from the day it was given; the held keys stay. */
	private ExpiringRecords.Scope kept(Reception reception, Period keptFor, Set<String> held) {
		return new ExpiringRecords.Scope(reception.organisation().id(), RetentionRule.Trigger.CREATED, keptFor,
				clock.instant().atZone(ZoneOffset.UTC).minus(keptFor).toInstant(), held);
	}

	private ExpiringRecords feedback() {
		return records.stream().filter(r -> r.category() == DataCategory.FEEDBACK).findFirst().orElseThrow();
	}
}
