package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.samtal.privacy.RetentionRule.Trigger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The reference organisations' retention rules, each shown by moving the clock. The modules that will keep client
 * accounts, referrals, analytics, marketing contacts, recordings, invoices, journals and session notes arrive in their
 * own issues; until then these tables (in their own schema, outside the register's reach) stand in for theirs, and
 * the records go through the same {@link TableRecords}, register rules and engine the modules will use.
 */
@SamtalTest
@Import(ReferenceRetentionRulesTests.ReferenceRecords.class)
@TestPropertySource(properties = "samtal.retention.batch-size=3")
class ReferenceRetentionRulesTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class ReferenceRecords {

		static final AtomicBoolean failNextRecordingBatch = new AtomicBoolean();

		@Bean
		Schema referenceSchema(JdbcClient jdbc) {
			jdbc.sql("""
					CREATE SCHEMA IF NOT EXISTS reference;
					CREATE TABLE reference.client_account (id uuid PRIMARY KEY, username text NOT NULL,
					    last_login_at timestamptz NOT NULL, ongoing_case boolean NOT NULL);
					CREATE TABLE reference.referral (id uuid PRIMARY KEY, organisation_id uuid NOT NULL,
					    sent_at timestamptz NOT NULL, need text NOT NULL, email text, phone text);
					CREATE TABLE reference.analytics_event (id uuid PRIMARY KEY, organisation_id uuid NOT NULL,
					    recorded_at timestamptz NOT NULL, page text NOT NULL);
					CREATE TABLE reference.marketing_contact (id uuid PRIMARY KEY, organisation_id uuid NOT NULL,
					    last_contact_at timestamptz NOT NULL);
					CREATE TABLE reference.recording (id uuid PRIMARY KEY, organisation_id uuid NOT NULL,
					    recorded_at timestamptz NOT NULL);
					CREATE TABLE reference.invoice (id uuid PRIMARY KEY, organisation_id uuid NOT NULL,
					    fiscal_year_end date NOT NULL);
					CREATE TABLE reference.journal (id uuid PRIMARY KEY, organisation_id uuid NOT NULL,
					    last_entry_at timestamptz NOT NULL);
					CREATE TABLE reference.session_note (id uuid PRIMARY KEY, organisation_id uuid NOT NULL,
					    last_entry_at timestamptz NOT NULL, package_completed_at timestamptz);
					""").update();
			return new Schema();
		}

		record Schema() {
		}

		@Bean
		ExpiringRecords referenceClientAccounts(JdbcClient jdbc, Schema schema) {
			return TableRecords.in(jdbc, DataCategory.CLIENT_ACCOUNT, "reference.client_account")
				.trigger(Trigger.LAST_LOGIN_WITHOUT_ONGOING_CASE, "last_login_at")
				.onlyWhere("NOT ongoing_case")
				.subject("username")
				.build();
		}

		@Bean
		ExpiringRecords referrals(JdbcClient jdbc, Schema schema) {
			return TableRecords.in(jdbc, DataCategory.REFERRAL, "reference.referral")
				.organisation("organisation_id")
				.trigger(Trigger.SENT, "sent_at")
				.anonymiseBy("email = NULL, phone = NULL", "email IS NOT NULL OR phone IS NOT NULL")
				.build();
		}

		@Bean
		ExpiringRecords analytics(JdbcClient jdbc, Schema schema) {
			return simple(jdbc, DataCategory.ANALYTICS_EVENT, "reference.analytics_event", Trigger.CREATED,
					"recorded_at");
		}

		@Bean
		ExpiringRecords marketing(JdbcClient jdbc, Schema schema) {
			return simple(jdbc, DataCategory.MARKETING_CONTACT, "reference.marketing_contact", Trigger.LAST_CONTACT,
					"last_contact_at");
		}

		/** Recordings, with a switch that makes one batch fail as a crash midway through a run would. */
		@Bean
		ExpiringRecords recordings(JdbcClient jdbc, Schema schema) {
			ExpiringRecords table = simple(jdbc, DataCategory.RECORDING, "reference.recording", Trigger.CREATED,
					"recorded_at");
			return new ExpiringRecords() {

				@Override
				public DataCategory category() {
					return table.category();
				}

				@Override
				public long countDue(Scope scope) {
					return table.countDue(scope);
				}

				@Override
				public List<String> dueKeys(Scope scope, int limit) {
					return table.dueKeys(scope, limit);
				}

				@Override
				public int purge(Scope scope, int limit) {
					int purged = table.purge(scope, limit);
					if (failNextRecordingBatch.getAndSet(false)) {
						throw new IllegalStateException("the node stopped in the middle of a batch");
					}
					return purged;
				}
			};
		}

		@Bean
		ExpiringRecords invoices(JdbcClient jdbc, Schema schema) {
			// The end of the calendar year in which the fiscal year ended: the first moment after it.
			return simple(jdbc, DataCategory.INVOICE, "reference.invoice", Trigger.FISCAL_YEAR_ENDED,
					"make_date(extract(year FROM fiscal_year_end)::int + 1, 1, 1)");
		}

		@Bean
		ExpiringRecords journals(JdbcClient jdbc, Schema schema) {
			return simple(jdbc, DataCategory.JOURNAL_ENTRY, "reference.journal", Trigger.LAST_ENTRY, "last_entry_at");
		}

		@Bean
		ExpiringRecords sessionNotes(JdbcClient jdbc, Schema schema) {
			return TableRecords.in(jdbc, DataCategory.SESSION_NOTE, "reference.session_note")
				.organisation("organisation_id")
				.trigger(Trigger.LAST_ENTRY, "last_entry_at")
				.trigger(Trigger.PACKAGE_COMPLETED, "package_completed_at")
				.build();
		}

		private static ExpiringRecords simple(JdbcClient jdbc, DataCategory category, String table, Trigger trigger,
				String column) {
			return TableRecords.in(jdbc, category, table).organisation("organisation_id").trigger(trigger, column)
				.build();
		}
	}

	@Autowired
	RetentionSweep retention;

	@Autowired
	ProcessingRegister register;

	@Autowired
	Fixtures fixtures;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aClientAccountIsDeleted365DaysAfterTheLastLoginWhenNoCaseIsOngoing() {
		UUID idle = account(false);
		UUID withCase = account(true);

		clock.advance(Duration.ofDays(364));
		sweep();
		assertThat(exists("client_account", idle)).isTrue();

		clock.advance(Duration.ofDays(2));
		sweep();
		assertThat(exists("client_account", idle)).isFalse();
		assertThat(exists("client_account", withCase)).as("a case is ongoing").isTrue();
	}

	@Test
	void aReferralsContactDetailsAreDeletedFiveMonthsAfterSendingAndTheRestIsKeptAnonymised() {
		UUID organisation = organisationKeeping(DataCategory.REFERRAL);
		UUID referral = UUID.randomUUID();
		jdbc.sql("INSERT INTO reference.referral VALUES (?, ?, ?, 'Ångest, vill ha KBT', 'kari@example.no', '+4799999999')")
			.params(referral, organisation, now())
			.update();

		clock.advance(Duration.ofDays(5 * 30 - 5));
		sweep();
		assertThat(contactOf(referral)).isEqualTo("kari@example.no");

		clock.advance(Duration.ofDays(10));
		RetentionSweep.Item item = itemFor(sweep(), organisation, DataCategory.REFERRAL);
		assertThat(item.action()).isEqualTo(RetentionRule.Action.ANONYMISE);
		assertThat(item.purged()).isEqualTo(1);
		assertThat(contactOf(referral)).isNull();
		assertThat(jdbc.sql("SELECT need FROM reference.referral WHERE id = ?").param(referral).query(String.class)
			.single()).as("the anonymous rest is kept as proof").isEqualTo("Ångest, vill ha KBT");

		assertThat(itemFor(sweep(), organisation, DataCategory.REFERRAL).purged()).as("anonymised once").isZero();
	}

	@Test
	void analyticsGoAfterThreeMonths() {
		UUID organisation = organisationKeeping(DataCategory.ANALYTICS_EVENT);
		UUID event = insert("analytics_event", organisation, "recorded_at", now(), ", '/start'");
		assertKeptThenGone("analytics_event", event, Duration.ofDays(89), Duration.ofDays(3));
	}

	@Test
	void marketingDataGoes12MonthsAfterTheLastContact() {
		UUID organisation = organisationKeeping(DataCategory.MARKETING_CONTACT);
		UUID contact = insert("marketing_contact", organisation, "last_contact_at", now(), "");
		assertKeptThenGone("marketing_contact", contact, Duration.ofDays(364), Duration.ofDays(2));
	}

	@Test
	void recordingsGoAfterTwoDays() {
		UUID organisation = organisationKeeping(DataCategory.RECORDING);
		UUID recording = insert("recording", organisation, "recorded_at", now(), "");
		assertKeptThenGone("recording", recording, Duration.ofHours(47), Duration.ofHours(2));
	}

	@Test
	void invoicesGoAtTheEndOfTheSeventhYearAfterTheFiscalYearInSwedenAndTheFifthInNorway() {
		UUID swedish = organisationKeeping(DataCategory.INVOICE);
		UUID norwegian = fixtures.norwegianReception().organisation().id();
		register.switchOn(norwegian, DataCategory.INVOICE);
		LocalDate fiscalYearEnd = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).withDayOfYear(1)
			.minusDays(1);
		UUID swedishInvoice = UUID.randomUUID();
		UUID norwegianInvoice = UUID.randomUUID();
		for (Object[] row : List.of(new Object[] { swedishInvoice, swedish }, new Object[] { norwegianInvoice, norwegian })) {
			jdbc.sql("INSERT INTO reference.invoice VALUES (?, ?, ?)")
				.params(row[0], row[1], java.sql.Date.valueOf(fiscalYearEnd))
				.update();
		}
		assertThat(register.entry(norwegian, DataCategory.INVOICE).keptFor()).isEqualTo(Period.ofYears(5));

		clockTo(fiscalYearEnd.plusYears(5).atTime(23, 0));
		sweep();
		assertThat(exists("invoice", norwegianInvoice)).as("the last day of the 5th year").isTrue();
		clockTo(fiscalYearEnd.plusYears(5).plusDays(1).atTime(1, 0));
		sweep();
		assertThat(exists("invoice", norwegianInvoice)).isFalse();
		assertThat(exists("invoice", swedishInvoice)).isTrue();

		clockTo(fiscalYearEnd.plusYears(7).atTime(23, 0));
		sweep();
		assertThat(exists("invoice", swedishInvoice)).as("the last day of the 7th year").isTrue();
		clockTo(fiscalYearEnd.plusYears(7).plusDays(1).atTime(1, 0));
		sweep();
		assertThat(exists("invoice", swedishInvoice)).isFalse();
	}

	@Test
	void aSwedishInvoiceOfAFiscalYearEndingInJuneIsKeptToTheEndOfTheSeventhCalendarYearAfter() {
		UUID swedish = organisationKeeping(DataCategory.INVOICE);
		LocalDate june = LocalDate.of(LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).getYear(), 6, 30);
		UUID invoice = UUID.randomUUID();
		jdbc.sql("INSERT INTO reference.invoice VALUES (?, ?, ?)").params(invoice, swedish, java.sql.Date.valueOf(june))
			.update();

		clockTo(june.plusYears(7).plusDays(2).atTime(12, 0));
		sweep();
		assertThat(exists("invoice", invoice)).as("seven years after the fiscal year's end is not enough").isTrue();
		clockTo(june.withDayOfYear(1).plusYears(8).minusDays(1).atTime(23, 0));
		sweep();
		assertThat(exists("invoice", invoice)).as("the last day of the 7th calendar year after").isTrue();
		clockTo(june.withDayOfYear(1).plusYears(8).atTime(1, 0));
		sweep();
		assertThat(exists("invoice", invoice)).isFalse();
	}

	@Test
	void aJournalGoesTenYearsAfterItsLastEntry() {
		UUID organisation = organisationKeeping(DataCategory.JOURNAL_ENTRY);
		UUID journal = insert("journal", organisation, "last_entry_at", now(), "");
		clock.advance(Duration.ofDays(3 * 365));
		jdbc.sql("UPDATE reference.journal SET last_entry_at = ? WHERE id = ?").params(now(), journal).update();
		assertKeptThenGone("journal", journal, Duration.ofDays(10 * 365 - 5), Duration.ofDays(10));
	}

	@Test
	void sessionNotesGoWhenThePackageIsCompletedWhereTheOrganisationChoseSo() {
		UUID solo = organisationKeeping(DataCategory.SESSION_NOTE);
		register.countFrom(solo, DataCategory.SESSION_NOTE, Trigger.PACKAGE_COMPLETED);
		register.overrideRetention(solo, DataCategory.SESSION_NOTE, Period.ZERO);
		UUID clinic = organisationKeeping(DataCategory.SESSION_NOTE);
		UUID soloNote = UUID.randomUUID();
		UUID clinicNote = UUID.randomUUID();
		jdbc.sql("INSERT INTO reference.session_note VALUES (?, ?, ?, NULL), (?, ?, ?, NULL)")
			.params(soloNote, solo, now(), clinicNote, clinic, now())
			.update();

		clock.advance(Duration.ofDays(30));
		sweep();
		assertThat(exists("session_note", soloNote)).as("the package goes on").isTrue();

		jdbc.sql("UPDATE reference.session_note SET package_completed_at = ?").param(now()).update();
		clock.advance(Duration.ofMinutes(1));
		sweep();
		assertThat(exists("session_note", soloNote)).isFalse();
		assertThat(exists("session_note", clinicNote)).as("kept 10 years after the last entry").isTrue();
	}

	@Autowired
	AccessLog accessLog;

	@Test
	void accessLogEntriesGoAfterFiveYearsAndTheRestStillVerifies() {
		String subject = "visitor:FIVE-" + UUID.randomUUID();
		accessLog.record(Access.of(UUID.randomUUID(), "COUNSELOR", organisationKeeping(DataCategory.ACCESS_LOG_ENTRY),
				UUID.randomUUID(), subject, DataCategory.CHAT_CONTENT, AccessAction.READ, "test"));
		clock.advance(Duration.ofDays(5 * 365 - 2));
		sweep();
		assertThat(entriesAbout(subject)).isEqualTo(1);
		clock.advance(Duration.ofDays(4));
		sweep();
		assertThat(entriesAbout(subject)).isZero();
		assertThat(accessLog.verify().intact()).isTrue();
	}

	private int entriesAbout(String subject) {
		return jdbc.sql("SELECT count(*) FROM access_log WHERE subject = ?").param(subject).query(Integer.class).single();
	}

	@Test
	void aRunCutOffMidwayLeavesWholeBatchesAndTheNextRunGoesOnWhereItStopped() {
		UUID organisation = organisationKeeping(DataCategory.RECORDING);
		for (int i = 0; i < 7; i++) {
			insert("recording", organisation, "recorded_at", now(), "");
		}
		clock.advance(Duration.ofDays(3));
		ReferenceRecords.failNextRecordingBatch.set(true);

		RetentionSweep.Report cutOff = sweep();
		RetentionSweep.Item failed = itemFor(cutOff, organisation, DataCategory.RECORDING);
		assertThat(cutOff.status()).isEqualTo(RetentionSweep.Status.FAILED);
		assertThat(failed.error()).contains("stopped in the middle");
		assertThat(recordingsOf(organisation)).as("the failed batch rolled back whole").isEqualTo(7);

		RetentionSweep.Item next = itemFor(sweep(), organisation, DataCategory.RECORDING);
		assertThat(next.purged()).isEqualTo(7);
		assertThat(recordingsOf(organisation)).isZero();
		assertThat(itemFor(sweep(), organisation, DataCategory.RECORDING).purged()).isZero();
	}

	private void assertKeptThenGone(String table, UUID id, Duration stillKept, Duration thenGone) {
		clock.advance(stillKept);
		sweep();
		assertThat(exists(table, id)).as("still within its period").isTrue();
		clock.advance(thenGone);
		sweep();
		assertThat(exists(table, id)).as("past its period").isFalse();
	}

	private RetentionSweep.Report sweep() {
		return retention.run(false, "test").orElseThrow();
	}

	private UUID organisationKeeping(DataCategory category) {
		UUID organisation = fixtures.openReception().organisation().id();
		register.switchOn(organisation, category);
		return organisation;
	}

	private UUID account(boolean ongoingCase) {
		UUID id = UUID.randomUUID();
		jdbc.sql("INSERT INTO reference.client_account VALUES (?, ?, ?, ?)")
			.params(id, "user-" + id, now(), ongoingCase)
			.update();
		return id;
	}

	private UUID insert(String table, UUID organisation, String column, Timestamp at, String rest) {
		UUID id = UUID.randomUUID();
		jdbc.sql("INSERT INTO reference." + table + " VALUES (?, ?, ?" + rest + ")").params(id, organisation, at).update();
		return id;
	}

	private boolean exists(String table, UUID id) {
		return jdbc.sql("SELECT count(*) FROM reference." + table + " WHERE id = ?").param(id).query(Integer.class)
			.single() > 0;
	}

	private String contactOf(UUID referral) {
		return jdbc.sql("SELECT email FROM reference.referral WHERE id = ?").param(referral).query(String.class)
			.optional().orElse(null);
	}

	private int recordingsOf(UUID organisation) {
		return jdbc.sql("SELECT count(*) FROM reference.recording WHERE organisation_id = ?").param(organisation)
			.query(Integer.class).single();
	}

	private Timestamp now() {
		return Timestamp.from(clock.instant());
	}

	private void clockTo(java.time.LocalDateTime utc) {
		clock.advance(Duration.between(clock.instant(), utc.toInstant(java.time.ZoneOffset.UTC)));
	}

	private static RetentionSweep.Item itemFor(RetentionSweep.Report report, UUID organisation, DataCategory category) {
		return report.items()
			.stream()
			.filter(i -> i.category() == category && organisation.equals(i.organisationId()))
			.findFirst()
			// A quiet item (nothing due, held or wrong) is left out of the report.
			.orElse(new RetentionSweep.Item(null, null, category, null, null, null, 0, 0, 0, List.of(), null));
	}
}
