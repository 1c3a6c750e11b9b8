package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The retention engine on the records modules keep today: feedback, the access log, care contacts, login attempts. */
@SamtalTest
class RetentionEngineTests {

	@LocalServerPort
	int port;

	@Autowired
	RetentionSweep retention;

	@Autowired
	Fixtures fixtures;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	AccessLog accessLog;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aDryRunListsWhatWouldGoAndTouchesNothing() {
		Reception reception = fixtures.openReception();
		long id = giveFeedback(reception);
		clock.advance(Duration.ofDays(2 * 365 + 1));

		RetentionSweep.Report report = retention.run(true, "test").orElseThrow();

		RetentionSweep.Item item = itemFor(report, reception, DataCategory.FEEDBACK);
		assertThat(report.dryRun()).isTrue();
		assertThat(item.due()).isEqualTo(1);
		assertThat(item.purged()).isZero();
		assertThat(item.sample()).containsExactly(Long.toString(id));
		assertThat(feedbackAt(reception)).isEqualTo(1);
		assertThat(retention.latest(100)).as("the dry run leaves a report too").extracting(RetentionSweep.Report::id)
			.contains(report.id());
	}

	@Test
	void aLegalHoldKeepsARecordPastItsPeriodAndTheReportSaysSoUntilItIsLifted() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		long held = giveFeedback(reception);
		giveFeedback(reception);
		Http http = adminOf(admin);
		placeHold(http, DataCategory.FEEDBACK, Long.toString(held), "Complaint to IMY, case 2026-123");
		clock.advance(Duration.ofDays(2 * 365 + 1));

		RetentionSweep.Item item = itemFor(retention.run(false, "test").orElseThrow(), reception, DataCategory.FEEDBACK);
		assertThat(item.purged()).isEqualTo(1);
		assertThat(item.held()).isEqualTo(1);
		assertThat(feedbackAt(reception)).isEqualTo(1);

		liftHolds(http, reception);
		item = itemFor(retention.run(false, "test").orElseThrow(), reception, DataCategory.FEEDBACK);
		assertThat(item.purged()).isEqualTo(1);
		assertThat(item.held()).isZero();
		assertThat(feedbackAt(reception)).isZero();
	}

	@Test
	void aLegalHoldOnASubjectStopsTheAccessLogPurgeBeforeTheirFirstEntry() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		UUID organisation = reception.organisation().id();
		String subject = "visitor:HOLD-" + UUID.randomUUID();
		accessLog.record(Access.of(admin.id(), "ADMIN", organisation, reception.id(), subject,
				DataCategory.CHAT_CONTENT, AccessAction.READ, "test"));
		Http http = adminOf(admin);
		placeHold(http, DataCategory.ACCESS_LOG_ENTRY, subject, "Court order");
		clock.advance(Duration.ofDays(11 * 365));

		retention.run(false, "test");
		assertThat(chatReadsAbout(subject)).isEqualTo(1);
		assertThat(accessLog.verify().intact()).isTrue();

		liftHolds(http, reception);
		retention.run(false, "test");
		assertThat(chatReadsAbout(subject)).isZero();
		assertThat(accessLog.verify().intact()).isTrue();
	}

	@Test
	void showingTheLegalHoldsLogsAReadOfEachKeyShown() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		String subject = "visitor:SHOWN-" + UUID.randomUUID();
		Http http = adminOf(admin);
		placeHold(http, DataCategory.ACCESS_LOG_ENTRY, subject, "Tvist om en anmälan");
		assertThat(holdReadsOf(admin, subject)).isZero();

		assertThat(http.get("/admin/retention").body()).contains(subject).contains("Tvist om en anmälan");

		assertThat(holdReadsOf(admin, subject)).isEqualTo(1);
	}

	private int holdReadsOf(Fixtures.Staff admin, String subject) {
		accessLog.awaitWritten();
		return jdbc.sql("""
				SELECT count(*) FROM access_log
				WHERE actor_id = ? AND subject = ? AND data_category = 'REGISTER_CHANGE' AND action = 'READ'""")
			.params(admin.id(), subject)
			.query(Integer.class)
			.single();
	}

	@Test
	void onlyOneNodeSweepsAtATime() throws Exception {
		try (Connection otherNode = dataSource.getConnection();
				PreparedStatement lock = otherNode.prepareStatement("SELECT pg_advisory_lock(?)")) {
			lock.setLong(1, RetentionSweep.LOCK_KEY);
			lock.executeQuery().close();

			assertThat(retention.run(false, "test")).as("another node holds the lock").isEmpty();

			try (PreparedStatement unlock = otherNode.prepareStatement("SELECT pg_advisory_unlock(?)")) {
				unlock.setLong(1, RetentionSweep.LOCK_KEY);
				unlock.executeQuery().close();
			}
		}
		assertThat(retention.run(false, "test")).isPresent();
	}

	@Test
	void aRunCutOffByACrashIsReportedAsInterruptedByTheNext() {
		UUID crashed = UUID.randomUUID();
		jdbc.sql("INSERT INTO retention_run (id, started_at, dry_run, started_by, status) VALUES (?, now(), false, 'schedule', 'RUNNING')")
			.param(crashed)
			.update();

		retention.run(false, "test");

		assertThat(jdbc.sql("SELECT status FROM retention_run WHERE id = ?").param(crashed).query(String.class).single())
			.isEqualTo("INTERRUPTED");
	}

	@Test
	void sweepingTwiceDeletesNothingTwiceAndEveryRunReportsCountsPerCategoryAndOrganisation() {
		Reception reception = fixtures.openReception();
		giveFeedback(reception);
		clock.advance(Duration.ofDays(2 * 365 + 1));

		RetentionSweep.Report first = retention.run(false, "test").orElseThrow();
		RetentionSweep.Report second = retention.run(false, "test").orElseThrow();

		assertThat(itemFor(first, reception, DataCategory.FEEDBACK).purged()).isEqualTo(1);
		assertThat(itemFor(second, reception, DataCategory.FEEDBACK).purged()).isZero();
		assertThat(second.status()).isEqualTo(RetentionSweep.Status.COMPLETED);
		assertThat(second.duration()).isNotNull();
		assertThat(retention.latest(100)).extracting(RetentionSweep.Report::id).contains(first.id(), second.id());
	}

	@Test
	void failedLoginsAreForgottenADayAfterTheLastOne() {
		byte[] hash = java.nio.ByteBuffer.allocate(16).putLong(System.nanoTime()).putLong(42).array();
		jdbc.sql("INSERT INTO login_throttle (username_hash, failures, last_failure_at) VALUES (?, 2, ?)")
			.params(hash, java.sql.Timestamp.from(clock.instant()))
			.update();
		clock.advance(Duration.ofHours(23));
		retention.run(false, "test");
		assertThat(throttled(hash)).isTrue();
		clock.advance(Duration.ofHours(2));
		retention.run(false, "test");
		assertThat(throttled(hash)).isFalse();
	}

	private boolean throttled(byte[] hash) {
		return jdbc.sql("SELECT count(*) FROM login_throttle WHERE username_hash = ?").param(hash).query(Integer.class)
			.single() > 0;
	}

	@AfterEach
	void liftEveryHoldLeftBehind() {
		// A hold a failed test left would keep other tests' records past their period.
		jdbc.sql("UPDATE legal_hold SET lifted_at = now(), lifted_by = placed_by WHERE lifted_at IS NULL").update();
	}

	@Test
	void adminsRunADryRunFromTheRetentionPageAndCounselorsCannot() {
		Reception reception = fixtures.openReception();
		jdbc.sql("INSERT INTO feedback (reception_id, given_on, rating) VALUES (?, ?, 3)")
			.params(reception.id(), java.sql.Date.valueOf(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusYears(3)))
			.update();
		Http admin = adminOf(fixtures.admin(reception));
		String csrf = Http.csrfFrom(admin.get("/admin/retention").body());

		HttpResponse<String> ran = admin.postForm("/admin/retention/run", Map.of("_csrf", csrf, "dryRun", "1"));
		assertThat(ran.statusCode()).isEqualTo(302);
		String page = admin.get(ran.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""))
			.body();
		assertThat(page).contains("Provkörning: detta skulle gallras").contains("Betyg och synpunkter");

		Http counselor = new Http(port);
		Fixtures.Staff staff = fixtures.counselor(reception);
		counselor.logIn(staff.username(), staff.password());
		assertThat(counselor.get("/admin/retention").statusCode()).isEqualTo(403);
	}

	@Test
	void aRunAnAdminAsksForIsInTheAccessLogAsTheirDeletion() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff staff = fixtures.admin(reception);
		jdbc.sql("INSERT INTO feedback (reception_id, given_on, rating) VALUES (?, ?, 2)")
			.params(reception.id(), java.sql.Date.valueOf(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusYears(3)))
			.update();
		Http admin = adminOf(staff);
		String csrf = Http.csrfFrom(admin.get("/admin/retention").body());

		assertThat(admin.postForm("/admin/retention/run", Map.of("_csrf", csrf)).statusCode()).isEqualTo(302);

		assertThat(feedbackAt(reception)).isZero();
		accessLog.awaitWritten();
		assertThat(jdbc.sql("""
				SELECT actor_id FROM access_log
				WHERE organisation_id = ? AND action = 'DELETE' AND data_category = 'FEEDBACK' AND subject = '(retention)'""")
			.param(reception.organisation().id())
			.query(UUID.class)
			.list()).containsExactly(staff.id());
	}

	@Test
	void aLegalHoldWithoutAReasonIsRefusedAndTheFormKeepsWhatWasTyped() {
		Http admin = adminOf(fixtures.admin(fixtures.openReception()));
		String csrf = Http.csrfFrom(admin.get("/admin/retention").body());

		HttpResponse<String> refused = refusedHold(admin, csrf, "FEEDBACK", "<script>alert(1)</script>", " ");

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("Ett bevarandebeslut behöver ett skäl")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)</script>");
		assertThat(jdbc.sql("SELECT count(*) FROM legal_hold WHERE record_key LIKE '<script>%'").query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aLegalHoldOnChatContentIsRefusedSinceItIsDeletedTheMomentTheConversationEnds() {
		Http admin = adminOf(fixtures.admin(fixtures.openReception()));
		String csrf = Http.csrfFrom(admin.get("/admin/retention").body());

		HttpResponse<String> refused = refusedHold(admin, csrf, "CHAT_CONTENT", "visitor:blue-fox", "Polisanmälan");
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("raderas i samma stund som samtalet avslutas")
			.contains("value=\"visitor:blue-fox\"");

		HttpResponse<String> notKept = refusedHold(admin, csrf, "INVOICE", "invoice:1", "Tvist");
		assertThat(notKept.body()).contains("Er organisation sparar inga uppgifter i den kategorin");
		assertThat(jdbc.sql("SELECT count(*) FROM legal_hold WHERE record_key IN ('visitor:blue-fox', 'invoice:1')")
			.query(Integer.class).single()).isZero();
	}

	private long giveFeedback(Reception reception) {
		return jdbc.sql("INSERT INTO feedback (reception_id, given_on, rating) VALUES (?, ?, 4) RETURNING id")
			.params(reception.id(), java.sql.Date.valueOf(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)))
			.query(Long.class)
			.single();
	}

	private int feedbackAt(Reception reception) {
		return jdbc.sql("SELECT count(*) FROM feedback WHERE reception_id = ?").param(reception.id())
			.query(Integer.class).single();
	}

	/** The counselor's reads only: the admin's views of the hold on the subject are logged about them too. */
	private int chatReadsAbout(String subject) {
		accessLog.awaitWritten();
		return jdbc.sql("SELECT count(*) FROM access_log WHERE subject = ? AND data_category = 'CHAT_CONTENT'")
			.param(subject)
			.query(Integer.class)
			.single();
	}

	private static RetentionSweep.Item itemFor(RetentionSweep.Report report, Reception reception,
			DataCategory category) {
		return report.items()
			.stream()
			.filter(i -> i.category() == category && reception.organisation().id().equals(i.organisationId()))
			.findFirst()
			// A quiet item (nothing due, held or wrong) is left out of the report.
			.orElse(new RetentionSweep.Item(null, null, category, null, null, null, 0, 0, 0, List.of(), null));
	}

	private Http adminOf(Fixtures.Staff admin) {
		Http http = new Http(port);
		http.logIn(admin.username(), admin.password());
		return http;
	}

	private static void placeHold(Http http, DataCategory category, String key, String reason) {
		String csrf = Http.csrfFrom(http.get("/admin/retention").body());
		assertThat(askForHold(http, csrf, category.name(), key, reason).statusCode()).isEqualTo(302);
	}

	private static HttpResponse<String> askForHold(Http admin, String csrf, String category, String key, String reason) {
		return admin.postForm("/admin/retention/holds",
				Map.of("_csrf", csrf, "category", category, "recordKey", key, "reason", reason));
	}

	/** A refused hold goes back to the page, where the message and what was typed wait. */
	private static HttpResponse<String> refusedHold(Http admin, String csrf, String category, String key, String reason) {
		HttpResponse<String> refused = askForHold(admin, csrf, category, key, reason);
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/admin/retention");
		return admin.get("/admin/retention");
	}

	private void liftHolds(Http http, Reception reception) {
		String csrf = Http.csrfFrom(http.get("/admin/retention").body());
		for (UUID hold : jdbc.sql("SELECT id FROM legal_hold WHERE organisation_id = ? AND lifted_at IS NULL")
			.param(reception.organisation().id())
			.query(UUID.class)
			.list()) {
			assertThat(http.postForm("/admin/retention/holds/" + hold + "/lift", Map.of("_csrf", csrf)).statusCode())
				.isEqualTo(302);
		}
	}
}
