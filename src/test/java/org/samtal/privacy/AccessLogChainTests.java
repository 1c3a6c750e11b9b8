package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@SamtalTest
class AccessLogChainTests {

	@LocalServerPort
	int port;

	@Autowired
	AccessLog accessLog;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Fixtures fixtures;

	@Test
	void entriesFormAnIntactGapFreeChain() {
		for (int i = 0; i < 3; i++) {
			accessLog.record(entry("visitor:CHAIN" + i));
		}
		// The database links what the application verifies: the same bytes, whatever the characters.
		accessLog.record(Access.of(UUID.randomUUID(), "COUNSELOR", UUID.randomUUID(), null, "besökare:Åsa-😀",
				DataCategory.CHAT_CONTENT, AccessAction.READ, "läst i konsolen – «ø»"));
		AccessLogVerification verification = accessLog.verify();
		assertThat(verification.intact()).as(verification.problem()).isTrue();
		assertThat(verification.entriesChecked()).isGreaterThanOrEqualTo(3);
		assertThat(jdbc.sql("SELECT max(seq) - min(seq) + 1 = count(*) FROM access_log").query(Boolean.class).single())
			.as("no gaps").isTrue();
	}

	@Test
	void theApplicationCanNeitherChangeNorDeleteEntries() {
		accessLog.record(entry("visitor:APPEND"));
		assertThatThrownBy(() -> jdbc.sql("UPDATE access_log SET subject = 'visitor:OTHER' WHERE subject = 'visitor:APPEND'")
			.update()).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("DELETE FROM access_log WHERE subject = 'visitor:APPEND'").update())
			.isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("TRUNCATE access_log").update())
			.isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
	}

	@Test
	void aRowAlteredOrRemovedInSqlIsDetectedAndLocated() {
		Http admin = new Http(port);
		admin.logIn(fixtures.admin(fixtures.openReception()).username(), Fixtures.PASSWORD);
		accessLog.record(entry("visitor:BEFORE"));
		accessLog.record(entry("visitor:TARGET"));
		accessLog.record(entry("visitor:AFTER"));
		long target = jdbc.sql("SELECT seq FROM access_log WHERE subject = 'visitor:TARGET'").query(Long.class).single();

		// Someone with database superuser rights switches the trigger off and rewrites history.
		bypassingTriggers("UPDATE access_log SET subject = 'visitor:SOMEONE' WHERE seq = " + target);
		AccessLogVerification altered = accessLog.verify();
		assertThat(altered.intact()).isFalse();
		assertThat(altered.firstBrokenSeq()).isEqualTo(target);
		assertThat(altered.problem()).contains("changed");
		assertThat(admin.get("/admin/access-log/verify").body()).as("the admin page says it in the admin's language")
			.contains("Post " + target + " har ändrats efter att den skrevs.");
		bypassingTriggers("UPDATE access_log SET subject = 'visitor:TARGET' WHERE seq = " + target);
		assertThat(accessLog.verify().intact()).as("restored").isTrue();

		Map<String, Object> row = jdbc.sql("SELECT * FROM access_log WHERE seq = ?").param(target).query().singleRow();
		bypassingTriggers("DELETE FROM access_log WHERE seq = " + target);
		AccessLogVerification removed = accessLog.verify();
		assertThat(removed.intact()).isFalse();
		assertThat(removed.firstBrokenSeq()).isEqualTo(target);
		assertThat(removed.problem()).contains("missing");
		transactions.executeWithoutResult(tx -> jdbc.sql("""
				INSERT INTO access_log (id, at, actor_id, actor_role, organisation_id, reception_id, subject,
				                        data_category, action, context, seq, prev_hash, hash)
				OVERRIDING SYSTEM VALUE VALUES (:id, :at, :actor_id, :actor_role, :organisation_id, :reception_id,
				        :subject, :data_category, :action, :context, :seq, :prev_hash, :hash)""").params(row).update());
		assertThat(accessLog.verify().intact()).as("restored").isTrue();
	}

	@Test
	void adminsCanVerifyTheChainThroughActuator() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		Http http = new Http(port);
		http.logIn(admin.username(), admin.password());
		var answer = http.get("/actuator/accesslog");
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"intact\":true");
		Http counselor = new Http(port);
		Fixtures.Staff staff = fixtures.counselor(reception);
		counselor.logIn(staff.username(), staff.password());
		assertThat(counselor.get("/actuator/accesslog").statusCode()).isEqualTo(403);
	}

	@Autowired
	AccessLogChain chain;

	@Test
	void purgingOneOrganisationsEntriesLeavesTheirLinksAndTheChainStillVerifies() {
		Access expired = entry("visitor:GONE");
		accessLog.record(expired);
		Access kept = entry("visitor:KEPT");
		accessLog.record(kept);

		int purged = chain.purgeContent(expired.organisationId(), java.time.Instant.now().plusSeconds(1),
				java.util.Set.of(), 100);

		assertThat(purged).isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE subject = 'visitor:GONE'").query(Integer.class)
			.single()).isZero();
		assertThat(jdbc.sql("""
				SELECT count(*) FROM access_log
				WHERE organisation_id = ? AND purged_at IS NOT NULL AND actor_id IS NULL AND context IS NULL""")
			.param(expired.organisationId())
			.query(Integer.class)
			.single()).as("who, about whom and why are gone; the link stays").isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE subject = 'visitor:KEPT'").query(Integer.class)
			.single()).as("another organisation's entry").isEqualTo(1);
		AccessLogVerification verification = accessLog.verify();
		assertThat(verification.intact()).as(verification.problem()).isTrue();
	}

	@Test
	void aPurgedEntryCannotBeRewrittenUnnoticed() {
		Access entry = entry("visitor:TOMB");
		accessLog.record(entry);
		chain.purgeContent(entry.organisationId(), java.time.Instant.now().plusSeconds(1), java.util.Set.of(), 100);
		assertThatThrownBy(() -> jdbc.sql("UPDATE access_log SET data_category = 'FEEDBACK' WHERE organisation_id = ?")
			.param(entry.organisationId())
			.update()).as("even the purge may only blank the personal fields").hasMessageContaining("append-only");
	}

	@Test
	void blankingARecentEntryThroughThePurgeSwitchIsDetectedForWantOfASignedWarrant() {
		Access entry = entry("visitor:RECENT");
		accessLog.record(entry);
		long seq = jdbc.sql("SELECT seq FROM access_log WHERE subject = 'visitor:RECENT'").query(Long.class).single();
		Map<String, Object> row = jdbc.sql("SELECT actor_id, subject, context FROM access_log WHERE seq = ?").param(seq)
			.query().singleRow();

		blankThroughThePurgeSwitch(seq);
		AccessLogVerification blanked = accessLog.verify();
		assertThat(blanked.intact()).isFalse();
		assertThat(blanked.firstBrokenSeq()).isEqualTo(seq);
		assertThat(blanked.problemCode()).isEqualTo("purged-unwarranted");

		bypassingTriggers("UPDATE access_log SET actor_id = '" + row.get("actor_id") + "', subject = '" + row.get("subject")
				+ "', context = '" + row.get("context") + "', purged_at = NULL WHERE seq = " + seq);
		AccessLogVerification restored = accessLog.verify();
		assertThat(restored.intact()).as(restored.problem()).isTrue();
	}

	@Test
	void anEntryAHoldKeptCannotBeBlankedUnderTheWarrantOfThePurgeThatPassedItBy() {
		Access due = entry("visitor:DUE-WITH-HELD");
		accessLog.record(due);
		Access held = new Access(null, due.actorId(), due.actorRole(), due.organisationId(), due.receptionId(),
				"visitor:HELD-BY-COURT", due.category(), due.action(), "test");
		accessLog.record(held);
		long heldSeq = jdbc.sql("SELECT seq FROM access_log WHERE subject = 'visitor:HELD-BY-COURT'").query(Long.class)
			.single();
		Map<String, Object> row = jdbc.sql("SELECT actor_id, context FROM access_log WHERE seq = ?").param(heldSeq)
			.query().singleRow();
		assertThat(chain.purgeContent(due.organisationId(), java.time.Instant.now().plusSeconds(1),
				java.util.Set.of("visitor:HELD-BY-COURT"), 100)).isEqualTo(1);
		assertThat(accessLog.verify().intact()).isTrue();

		// Blanked as if that purge had taken it: the warrant's organisation, purge time and cutoff all fit.
		blankThroughThePurgeSwitch(heldSeq, jdbc.sql("SELECT purged_at FROM access_log_purge_warrant WHERE organisation_id = ?")
			.param(due.organisationId())
			.query(java.sql.Timestamp.class)
			.single());
		AccessLogVerification blanked = accessLog.verify();
		assertThat(blanked.intact()).isFalse();
		assertThat(blanked.firstBrokenSeq()).isEqualTo(heldSeq);
		assertThat(blanked.problemCode()).isEqualTo("purged-unwarranted");

		bypassingTriggers("UPDATE access_log_purge_warrant SET held = '{}' WHERE organisation_id = '"
				+ due.organisationId() + "'");
		assertThat(accessLog.verify().problemCode()).as("the held entries are signed with the rest")
			.isEqualTo("warrant-unsigned");

		bypassingTriggers("UPDATE access_log SET actor_id = '" + row.get("actor_id") + "', subject = 'visitor:HELD-BY-COURT', "
				+ "context = '" + row.get("context") + "', purged_at = NULL WHERE seq = " + heldSeq);
		bypassingTriggers("UPDATE access_log_purge_warrant SET held = '{" + heldSeq + "}' WHERE organisation_id = '"
				+ due.organisationId() + "'");
		AccessLogVerification restored = accessLog.verify();
		assertThat(restored.intact()).as(restored.problem()).isTrue();
	}

	@Test
	void anEntryBlankedWithoutAWarrantIsNeverDeletedBehindACheckpoint() {
		accessLog.record(entry("visitor:DUE"));
		for (UUID organisation : jdbc.sql("SELECT DISTINCT organisation_id FROM access_log WHERE purged_at IS NULL")
			.query(UUID.class)
			.list()) {
			chain.purgeContent(organisation, java.time.Instant.now().plusSeconds(1), java.util.Set.of(), 1_000_000);
		}
		accessLog.record(entry("visitor:BLANKED"));
		long seq = jdbc.sql("SELECT seq FROM access_log WHERE subject = 'visitor:BLANKED'").query(Long.class).single();
		Map<String, Object> row = jdbc.sql("SELECT actor_id, context FROM access_log WHERE seq = ?").param(seq)
			.query().singleRow();
		blankThroughThePurgeSwitch(seq);

		chain.dropPurgedPrefix(Long.MAX_VALUE);

		assertThat(jdbc.sql("SELECT min(seq) FROM access_log").query(Long.class).single())
			.as("the warranted prefix went; the blanked entry stays for verifying to see").isEqualTo(seq);
		AccessLogVerification verification = accessLog.verify();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenSeq()).isEqualTo(seq);
		assertThat(verification.problemCode()).isEqualTo("purged-unwarranted");
		bypassingTriggers("UPDATE access_log SET actor_id = '" + row.get("actor_id") + "', subject = 'visitor:BLANKED', context = '"
				+ row.get("context") + "', purged_at = NULL WHERE seq = " + seq);
		assertThat(accessLog.verify().intact()).as("restored").isTrue();
		assertThat(jdbc.sql("SELECT count(*) FROM access_log_purge_warrant").query(Integer.class).single())
			.as("the warrants of the deleted entries went with them").isZero();
	}

	@Test
	void whenEveryEntryBeforeAPointIsPurgedThatPrefixGoesBehindASignedCheckpoint() {
		accessLog.record(entry("visitor:OLD1"));
		accessLog.record(entry("visitor:OLD2"));
		for (UUID organisation : jdbc.sql("SELECT DISTINCT organisation_id FROM access_log WHERE purged_at IS NULL")
			.query(UUID.class)
			.list()) {
			chain.purgeContent(organisation, java.time.Instant.now().plusSeconds(1), java.util.Set.of(), 1_000_000);
		}

		assertThat(chain.dropPurgedPrefix(Long.MAX_VALUE)).isGreaterThanOrEqualTo(2);

		assertThat(jdbc.sql("SELECT count(*) FROM access_log").query(Integer.class).single()).isZero();
		assertThat(accessLog.verify().intact()).as("all purged: the checkpoint at the head vouches").isTrue();
		accessLog.record(entry("visitor:NEW"));
		AccessLogVerification verification = accessLog.verify();
		assertThat(verification.intact()).as(verification.problem()).isTrue();
		assertThat(verification.entriesChecked()).isEqualTo(1);
	}

	@Test
	void rewritingTheWholeChainAfterAChangeIsCaughtByTheSignedCheckpoint() {
		accessLog.record(entry("visitor:SIGNED"));
		chain.checkpoint();
		long signed = jdbc.sql("SELECT max(seq) FROM access_log_checkpoint").query(Long.class).single();
		long target = jdbc.sql("SELECT seq FROM access_log WHERE subject = 'visitor:SIGNED'").query(Long.class).single();

		rehashFrom(target, "visitor:FORGED");
		AccessLogVerification forged = accessLog.verify();
		assertThat(forged.intact()).isFalse();
		assertThat(forged.firstBrokenSeq()).isEqualTo(signed);
		assertThat(forged.problem()).contains("signed checkpoint");

		rehashFrom(target, "visitor:SIGNED");
		assertThat(accessLog.verify().intact()).as("restored").isTrue();
	}

	/** What an attacker with database rights but without the signing key can do: change an entry, recompute every link. */
	private void rehashFrom(long seq, String subject) {
		transactions.executeWithoutResult(tx -> {
			jdbc.sql("SET LOCAL session_replication_role = replica").update();
			jdbc.sql("UPDATE access_log SET subject = ? WHERE seq = ?").params(subject, seq).update();
			byte[] previous = jdbc.sql("SELECT prev_hash FROM access_log WHERE seq = ?").param(seq).query(byte[].class).single();
			long last = seq - 1;
			for (var row : jdbc.sql("SELECT * FROM access_log WHERE seq >= ? ORDER BY seq").param(seq).query().listOfRows()) {
				long current = ((Number) row.get("seq")).longValue();
				Access access = jdbc.sql("SELECT * FROM access_log WHERE seq = ?").param(current)
					.query((rs, n) -> AccessLogChain.access(rs)).single();
				byte[] hash = AccessLogChain.link(previous, current, access.at(), access);
				jdbc.sql("UPDATE access_log SET prev_hash = ?, hash = ? WHERE seq = ?").params(previous, hash, current).update();
				previous = hash;
				last = current;
			}
			jdbc.sql("UPDATE access_log_head SET seq = ?, hash = ? WHERE id = 1").params(last, previous).update();
		});
	}

	@Test
	void readsFromManyThreadsAtOnceShareCommitsAndLeaveNoGapInTheChain() throws Exception {
		long before = jdbc.sql("SELECT seq FROM access_log_head").query(Long.class).single();
		List<Thread> readers = new ArrayList<>();
		for (int t = 0; t < 16; t++) {
			int reader = t;
			readers.add(Thread.ofVirtual().start(() -> {
				for (int i = 0; i < 25; i++) {
					accessLog.recordWhile(entry("visitor:MANY" + reader + "-" + i), () -> "read");
				}
			}));
		}
		for (Thread reader : readers) {
			reader.join();
		}
		accessLog.awaitWritten();

		assertThat(jdbc.sql("SELECT seq FROM access_log_head").query(Long.class).single()).isEqualTo(before + 400);
		assertThat(jdbc.sql("SELECT count(DISTINCT subject) FROM access_log WHERE subject LIKE 'visitor:MANY%'")
			.query(Integer.class).single()).isEqualTo(400);
		AccessLogVerification verification = accessLog.verify();
		assertThat(verification.intact()).as(verification.problem()).isTrue();
	}

	@Autowired
	AccessLogWriter writer;

	@Autowired
	DataSource dataSource;

	@Test
	void aReadIsWithheldWhenTheLogIsHeldUpAndItsEntryIsNotOnDiskInTime() throws Exception {
		AccessLog impatient = new AccessLog(jdbc, chain, writer, java.time.Clock.systemUTC(), Duration.ofMillis(300));
		boolean[] read = { false };
		try (Connection blocker = dataSource.getConnection()) {
			// Someone holds the chain's head row, so no entry can be committed for now.
			blocker.setAutoCommit(false);
			blocker.createStatement().execute("SELECT * FROM access_log_head WHERE id = 1 FOR UPDATE");
			// A read shown ahead of its entry, whose group is then held up for longer than the log lets reads go ahead.
			assertThat(impatient.recordWhile(entry("visitor:AHEAD-OF-A-HELD-UP-LOG"), () -> "shown")).isEqualTo("shown");
			Thread.sleep(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(AccessLogWriter.STUCK_AFTER_NANOS) + 200);

			assertThatThrownBy(() -> impatient.recordWhile(entry("visitor:WITHHELD"), () -> {
				read[0] = true;
				return "the visitor's messages";
			})).isInstanceOf(AccessLog.AccessNotLogged.class).hasMessageContaining("nothing is shown");
			assertThat(read[0]).as("the read ran beside the append").isTrue();
			blocker.rollback();
		}
		// The attempt is still logged once the head is free: whoever tried, tried.
		for (int i = 0; i < 100 && jdbc.sql("SELECT count(*) FROM access_log WHERE subject = 'visitor:WITHHELD'")
			.query(Integer.class).single() == 0; i++) {
			Thread.sleep(50);
		}
		assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE subject = 'visitor:WITHHELD'").query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(accessLog.verify().intact()).isTrue();
	}

	@Test
	void anEntryThatCouldNeverBeStoredIsRefusedBeforeItIsQueued() {
		Access withoutSubject = Access.of(UUID.randomUUID(), "COUNSELOR", UUID.randomUUID(), null, " ",
				DataCategory.CHAT_CONTENT, AccessAction.READ, "test");
		Access longContext = Access.of(UUID.randomUUID(), "COUNSELOR", UUID.randomUUID(), null, "visitor:LONG",
				DataCategory.CHAT_CONTENT, AccessAction.READ, "x".repeat(201));
		boolean[] read = { false };

		assertThatThrownBy(() -> accessLog.recordWhile(withoutSubject, () -> read[0] = true))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject");
		assertThatThrownBy(() -> accessLog.record(longContext)).hasMessageContaining("context");
		assertThat(read[0]).as("nothing was read").isFalse();
		accessLog.record(entry("visitor:AFTER-REFUSAL"));
		assertThat(accessLog.verify().intact()).isTrue();
	}

	/** Any connection may turn the purge switch on; the trigger then lets it blank an entry once, as a purge does. */
	private void blankThroughThePurgeSwitch(long seq) {
		blankThroughThePurgeSwitch(seq, java.sql.Timestamp.from(java.time.Instant.now()));
	}

	private void blankThroughThePurgeSwitch(long seq, java.sql.Timestamp purgedAt) {
		transactions.executeWithoutResult(tx -> {
			jdbc.sql("SELECT set_config('samtal.access_log_purge', 'on', true)").query(String.class).single();
			jdbc.sql("UPDATE access_log SET actor_id = NULL, subject = NULL, context = NULL, purged_at = ? WHERE seq = ?")
				.params(purgedAt, seq).update();
		});
	}

	private void bypassingTriggers(String sql) {
		transactions.executeWithoutResult(tx -> {
			jdbc.sql("SET LOCAL session_replication_role = replica").update();
			jdbc.sql(sql).update();
		});
	}

	private static Access entry(String subject) {
		return Access.of(UUID.randomUUID(), "COUNSELOR", UUID.randomUUID(), UUID.randomUUID(), subject,
				DataCategory.CHAT_CONTENT, AccessAction.READ, "test");
	}
}
