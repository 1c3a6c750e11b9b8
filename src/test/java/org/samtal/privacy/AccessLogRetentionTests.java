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
