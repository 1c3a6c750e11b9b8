package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SamtalTest
class AccessLogRetentionTests {

	@LocalServerPort
	int port;

	@Autowired
	AccessLog accessLog;

	@Autowired
	RetentionSweep retention;

	@Autowired
	ProcessingRegister register;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Fixtures fixtures;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void eachOrganisationsEntriesGoAfterItsOwnPeriodAndTheChainStillVerifies() {
		String retain10 = "visitor:RETAIN-10-" + UUID.randomUUID();
		String retain5 = "visitor:RETAIN-5-" + UUID.randomUUID();
		UUID keepsTenYears = fixtures.openReception().organisation().id();
		UUID keepsFive = fixtures.openReception().organisation().id();
		register.overrideRetention(keepsTenYears, DataCategory.ACCESS_LOG_ENTRY, Period.ofYears(10));
		accessLog.record(Access.of(UUID.randomUUID(), "COUNSELOR", keepsTenYears, UUID.randomUUID(),
				retain10, DataCategory.CHAT_CONTENT, AccessAction.READ, "test"));
		accessLog.record(Access.of(UUID.randomUUID(), "COUNSELOR", keepsFive, UUID.randomUUID(),
				retain5, DataCategory.CHAT_CONTENT, AccessAction.READ, "test"));

		clock.advance(Duration.ofDays(5 * 365 + 5));
		retention.run(false, "test");
		assertThat(entries(retain5)).as("the register's 5 years").isZero();
		assertThat(entries(retain10)).as("this organisation keeps its log 10 years").isEqualTo(1);

		clock.advance(Duration.ofDays(5 * 365));
		retention.run(false, "test");
		assertThat(entries(retain10)).isZero();
		AccessLogVerification verification = accessLog.verify();
		assertThat(verification.intact()).as(verification.problem()).isTrue();
	}

	@Autowired
	ApplicationContext context;

	/**
	 * The purged prefix goes a batch per transaction until none is left, however small the batches: a run once dropped
	 * at most 21 batches of it per call and left the rest behind as links.
	 */
	@Test
	void aRunInSmallBatchesLeavesNoFullyPurgedPrefixBehind() {
		UUID one = fixtures.openReception().organisation().id();
		UUID two = fixtures.openReception().organisation().id();
		for (int i = 0; i < 100; i++) {
			for (UUID organisation : List.of(one, two)) {
				accessLog.record(Access.of(UUID.randomUUID(), "COUNSELOR", organisation, UUID.randomUUID(),
						"visitor:SMALL-BATCH-" + i, DataCategory.CHAT_CONTENT, AccessAction.READ, "test"));
			}
		}
		clock.advance(Duration.ofDays(5 * 365 + 5));
		RetentionSweep inPairs = RetentionSweeps.with(context, 2, new RetentionPace(clock, 1, Duration.ZERO, rest -> {
		}));

		inPairs.run(false, "test");

		assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE subject LIKE 'visitor:SMALL-BATCH-%'")
			.query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("""
				SELECT count(*) FROM access_log
				WHERE purged_at IS NOT NULL
				  AND seq < coalesce((SELECT min(seq) FROM access_log WHERE purged_at IS NULL), 9223372036854775807)""")
			.query(Integer.class)
			.single()).as("purged entries before the first whole one: links the run should have dropped").isZero();
		AccessLogVerification verification = accessLog.verify();
		assertThat(verification.intact()).as(verification.problem()).isTrue();
	}

	@Autowired
	AccessLogChain chain;

	/**
	 * The oldest entries are usually all expired, whatever organisation they belong to: they are deleted in one go
	 * behind a checkpoint, not first stripped one organisation at a time and deleted later. The first entry that stays
	 * (a longer period, a hold) ends the prefix; what expired after it is stripped in place as before.
	 */
	@Test
	void anExpiredPrefixOfSeveralOrganisationsGoesInOneDeleteUpToTheFirstEntryThatStays() {
		UUID a = fixtures.openReception().organisation().id();
		UUID b = fixtures.openReception().organisation().id();
		UUID keepsTenYears = fixtures.openReception().organisation().id();
		register.overrideRetention(keepsTenYears, DataCategory.ACCESS_LOG_ENTRY, Period.ofYears(10));
		String run = UUID.randomUUID().toString();
		for (String[] entry : new String[][] { { "A1", "a" }, { "B1", "b" }, { "A2", "a" }, { "B2", "b" },
				{ "C1", "c" }, { "A3", "a" }, { "B3", "b" } }) {
			UUID organisation = switch (entry[1]) {
				case "a" -> a;
				case "b" -> b;
				default -> keepsTenYears;
			};
			accessLog.record(Access.of(UUID.randomUUID(), "COUNSELOR", organisation, UUID.randomUUID(),
					"visitor:" + entry[0] + "-" + run, DataCategory.CHAT_CONTENT, AccessAction.READ, "test"));
		}
		clock.advance(Duration.ofDays(5 * 365 + 5));
		// Every other organisation's entries (earlier tests') count as expired too, so the prefix reaches ours.
		List<ExpiringRecords.Scope> scopes = jdbc.sql("SELECT DISTINCT organisation_id FROM access_log")
			.query(UUID.class)
			.list()
			.stream()
			.map(organisation -> new ExpiringRecords.Scope(organisation, RetentionRule.Trigger.CREATED,
					Period.ofYears(5), organisation.equals(keepsTenYears) ? clock.instant().minus(Duration.ofDays(3650))
							: clock.instant(), java.util.Set.of()))
			.toList();

		java.util.Map<UUID, Integer> deleted = new java.util.HashMap<>();
		ExpiringRecords.Together batch;
		do {
			batch = chain.dropExpiredPrefix(scopes, 3);
			batch.purged().forEach((organisation, n) -> deleted.merge(organisation, n, Integer::sum));
		}
		while (batch.rows() >= 3);

		assertThat(deleted).containsEntry(a, 2).containsEntry(b, 2).doesNotContainKey(keepsTenYears);
		assertThat(jdbc.sql("SELECT min(seq) FROM access_log").query(Long.class).single())
			.as("the first entry that stays begins the chain now")
			.isEqualTo(seqOf("visitor:C1-" + run));
		for (String after : List.of("A3", "B3")) {
			assertThat(entries("visitor:" + after + "-" + run)).as(after + ": after the entry that stays").isEqualTo(1);
		}
		AccessLogVerification verification = accessLog.verify();
		assertThat(verification.intact()).as(verification.problem()).isTrue();

		RetentionSweep.Report report = retention.run(false, "test").orElseThrow();
		assertThat(entries("visitor:A3-" + run) + entries("visitor:B3-" + run)).as("stripped in place").isZero();
		assertThat(entries("visitor:C1-" + run)).isEqualTo(1);
		assertThat(report.items().stream()
			.filter(item -> item.category() == DataCategory.ACCESS_LOG_ENTRY && a.equals(item.organisationId()))
			.mapToLong(RetentionSweep.Item::purged)
			.sum()).isEqualTo(1);
		assertThat(accessLog.verify().intact()).isTrue();
	}

	/** Through the engine: each organisation's report counts what the joint delete and its own purge did. */
	@Test
	void theReportCountsEntriesDeletedTogetherAgainstTheirOwnOrganisation() {
		UUID a = fixtures.openReception().organisation().id();
		UUID b = fixtures.openReception().organisation().id();
		String run = UUID.randomUUID().toString();
		for (int i = 0; i < 5; i++) {
			for (UUID organisation : List.of(a, b)) {
				accessLog.record(Access.of(UUID.randomUUID(), "COUNSELOR", organisation, UUID.randomUUID(),
						"visitor:TOGETHER-" + run, DataCategory.CHAT_CONTENT, AccessAction.READ, "test"));
			}
		}
		clock.advance(Duration.ofDays(5 * 365 + 5));

		RetentionSweep.Report report = retention.run(false, "test").orElseThrow();

		assertThat(entries("visitor:TOGETHER-" + run)).isZero();
		for (UUID organisation : List.of(a, b)) {
			RetentionSweep.Item item = report.items().stream()
				.filter(i -> i.category() == DataCategory.ACCESS_LOG_ENTRY && organisation.equals(i.organisationId()))
				.findFirst()
				.orElseThrow();
			assertThat(item.due()).isEqualTo(5);
			assertThat(item.purged()).isEqualTo(5);
			assertThat(item.error()).isNull();
		}
		assertThat(accessLog.verify().intact()).isTrue();
	}

	private long seqOf(String subject) {
		return jdbc.sql("SELECT seq FROM access_log WHERE subject = ?").param(subject).query(Long.class).single();
	}

	@Test
	void adminsSeeTheChainVerifiedOnAPage() {
		Fixtures.Staff admin = fixtures.admin(fixtures.openReception());
		Http http = new Http(port);
		http.logIn(admin.username(), admin.password());
		assertThat(http.get("/admin/access-log/verify").body()).contains("Loggen är obruten");
	}

	private int entries(String subject) {
		return jdbc.sql("SELECT count(*) FROM access_log WHERE subject = ?").param(subject).query(Integer.class).single();
	}
}
