package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.samtal.platform.Problems;
import org.samtal.tenancy.Organisation;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SamtalTest
class ConsentLedgerTests {

	static final ConsentRecord.Purpose FOLLOW_UP = new ConsentRecord.Purpose("follow-up-notes",
			"Spara minnesanteckningar inför nästa samtal");
	static final ConsentRecord.Purpose REMINDERS = new ConsentRecord.Purpose("sms-reminders",
			"Påminnelser om bokade tider per sms");

	@LocalServerPort
	int port;

	@Autowired
	ConsentLedger ledger;

	@Autowired
	RetentionSweep retention;

	@Autowired
	PrivacyNotices notices;

	@Autowired
	AuthenticationManager authentication;

	@Autowired
	Fixtures fixtures;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@AfterEach
	void reset() {
		clock.reset();
		Publisher.signOut();
	}

	@Test
	void givingAndWithdrawingAreOneActionEachAndAWithdrawalAppliesAtOnceAndOnlyOnce() {
		UUID org = organisation().id();
		ConsentLedger.Receipt receipt = ledger.give(org, "visitor:K7", FOLLOW_UP, DataCategory.MEMORY_NOTE,
				ConsentRecord.Method.CHAT, Locale.of("nb"));
		assertThat(ledger.isGiven(org, "visitor:K7", "follow-up-notes")).isTrue();
		assertThat(ledger.isGiven(org, "visitor:OTHER", "follow-up-notes")).isFalse();
		assertThat(jdbc.sql("SELECT withdrawal_key_hash FROM consent_record WHERE id = ?").param(receipt.recordId())
			.query(byte[].class).single()).as("only a hash of the key is kept")
			.isEqualTo(ConsentLedger.hash(receipt.withdrawalKey()))
			.isNotEqualTo(receipt.withdrawalKey().getBytes());

		Instant withdrawnAt = clock.instant();
		assertThat(ledger.withdraw(receipt.recordId(), receipt.withdrawalKey(), ConsentRecord.Method.WEB_FORM)).isTrue();
		assertThat(ledger.isGiven(org, "visitor:K7", "follow-up-notes")).as("at once").isFalse();
		ConsentRecord withdrawn = ledger.recordsOf(org, "visitor:K7").getFirst();
		assertThat(withdrawn.state()).isEqualTo(ConsentRecord.State.WITHDRAWN);
		assertThat(withdrawn.withdrawalMethod()).isEqualTo(ConsentRecord.Method.WEB_FORM);
		assertThat(withdrawn.withdrawnAt()).isBetween(withdrawnAt.minusSeconds(1), clock.instant());

		clock.advance(Duration.ofHours(2));
		assertThat(ledger.withdraw(receipt.recordId(), receipt.withdrawalKey(), ConsentRecord.Method.API))
			.as("the key still opens the record").isTrue();
		assertThat(ledger.recordsOf(org, "visitor:K7")).singleElement().satisfies(again -> {
			assertThat(again.withdrawnAt()).as("withdrawing again changes nothing").isEqualTo(withdrawn.withdrawnAt());
			assertThat(again.withdrawalMethod()).isEqualTo(ConsentRecord.Method.WEB_FORM);
		});
		assertThat(ledger.withdraw(receipt.recordId(), receipt.withdrawalKey() + "x", ConsentRecord.Method.WEB_FORM))
			.isFalse();

		ledger.give(org, "visitor:K7", FOLLOW_UP, DataCategory.MEMORY_NOTE, ConsentRecord.Method.CHAT, Locale.of("nb"));
		assertThat(ledger.isGiven(org, "visitor:K7", "follow-up-notes")).as("given anew").isTrue();
		assertThat(ledger.recordsOf(org, "visitor:K7")).extracting(ConsentRecord::state)
			.containsExactly(ConsentRecord.State.WITHDRAWN, ConsentRecord.State.GIVEN);
	}

	@Test
	void anOldReceiptWithdrawsTheConsentItRecordsEvenAfterItWasGivenAgain() {
		UUID org = organisation().id();
		ConsentLedger.Receipt first = ledger.give(org, "user:robin", FOLLOW_UP, DataCategory.MEMORY_NOTE,
				ConsentRecord.Method.WEB_FORM, Locale.of("sv"));
		ledger.give(org, "user:robin", FOLLOW_UP, DataCategory.MEMORY_NOTE, ConsentRecord.Method.WEB_FORM,
				Locale.of("sv"));
		ledger.give(org, "user:robin", REMINDERS, DataCategory.CONTACT_DETAIL, ConsentRecord.Method.WEB_FORM,
				Locale.of("sv"));

		ledger.withdraw(first.recordId(), first.withdrawalKey(), ConsentRecord.Method.WEB_FORM);
		assertThat(ledger.isGiven(org, "user:robin", "follow-up-notes")).isFalse();
		assertThat(ledger.isGiven(org, "user:robin", "sms-reminders")).as("another purpose stands").isTrue();
		assertThat(ledger.withdraw(org, "user:robin", "sms-reminders", ConsentRecord.Method.STAFF_RECORDED)).isEqualTo(1);
		assertThat(ledger.withdraw(org, "user:robin", "sms-reminders", ConsentRecord.Method.STAFF_RECORDED)).isZero();
		assertThat(ledger.isGiven(org, "user:robin", "sms-reminders")).isFalse();
	}

	@Test
	void theReceiptPageShowsTheSubjectsRecordsAndWithdrawsWithOneButton() {
		Organisation organisation = organisation();
		UUID org = organisation.id();
		ConsentLedger.Receipt receipt = ledger.give(org, "visitor:PAGE", FOLLOW_UP, DataCategory.MEMORY_NOTE,
				ConsentRecord.Method.CHAT, Locale.of("sv"));
		ledger.give(org, "visitor:PAGE", REMINDERS, DataCategory.CONTACT_DETAIL, ConsentRecord.Method.WEB_FORM,
				Locale.of("sv"));
		ledger.give(org, "visitor:SOMEONE-ELSE", new ConsentRecord.Purpose("newsletter", "Nyhetsbrev om kurser"),
				DataCategory.NEWSLETTER_SUBSCRIPTION, ConsentRecord.Method.WEB_FORM, Locale.of("sv"));

		Http subject = new Http(port);
		HttpResponse<String> page = subject.get(receipt.receiptPath());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains(organisation.name()).contains(FOLLOW_UP.text()).contains(REMINDERS.text())
			.doesNotContain("Nyhetsbrev om kurser").contains("Gäller").contains("I chatten");

		Instant before = clock.instant();
		HttpResponse<String> withdrawn = subject.postForm("/consent/" + receipt.recordId() + "/withdraw",
				Map.of("_csrf", Http.csrfFrom(page.body()), "key", receipt.withdrawalKey(), "purpose", "sms-reminders"));
		assertThat(withdrawn.statusCode()).isEqualTo(302);
		assertThat(ledger.isGiven(org, "visitor:PAGE", "sms-reminders")).as("at once").isFalse();
		assertThat(ledger.isGiven(org, "visitor:PAGE", "follow-up-notes")).isTrue();
		String location = withdrawn.headers().firstValue("Location").orElseThrow();
		String after = subject.get(location.substring(location.indexOf("/consent/"))).body();
		assertThat(after).contains("Samtycket är återkallat.").contains("Återkallat");

		Instant first = withdrawnAt(org, "visitor:PAGE", REMINDERS);
		assertThat(first).isAfterOrEqualTo(before.minusSeconds(1));
		clock.advance(Duration.ofMinutes(5));
		HttpResponse<String> replay = subject.postForm("/consent/" + receipt.recordId() + "/withdraw",
				Map.of("_csrf", Http.csrfFrom(page.body()), "key", receipt.withdrawalKey(), "purpose", "sms-reminders"));
		assertThat(replay.statusCode()).as("replaying the key is harmless").isEqualTo(302);
		assertThat(withdrawnAt(org, "visitor:PAGE", REMINDERS)).isEqualTo(first);
		assertThat(ledger.isGiven(org, "visitor:PAGE", "follow-up-notes")).isTrue();

		HttpResponse<String> unknown = subject.postForm("/consent/" + receipt.recordId() + "/withdraw",
				Map.of("_csrf", Http.csrfFrom(page.body()), "key", receipt.withdrawalKey(), "purpose", "<b>newsletter</b>"),
				"Accept", "text/html");
		assertThat(unknown.statusCode()).as("a purpose never consented to is not 'withdrawn'").isEqualTo(400);
		assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(unknown.body()).contains("Du har inte gett organisationen något samtycke för det ändamålet")
			.doesNotContain("<b>newsletter</b>");
		assertThat(ledger.isGiven(org, "visitor:PAGE", "follow-up-notes")).isTrue();
	}

	@Test
	void aWrongOrMissingKeyIsANotFoundLikeAnUnknownRecord() {
		UUID org = organisation().id();
		ConsentLedger.Receipt mine = ledger.give(org, "visitor:MINE", FOLLOW_UP, DataCategory.MEMORY_NOTE,
				ConsentRecord.Method.CHAT, Locale.of("sv"));
		ConsentLedger.Receipt theirs = ledger.give(org, "visitor:THEIRS", FOLLOW_UP, DataCategory.MEMORY_NOTE,
				ConsentRecord.Method.CHAT, Locale.of("sv"));
		Http stranger = new Http(port);
		for (String path : List.of("/consent/" + theirs.recordId(), "/consent/" + theirs.recordId() + "?key=",
				"/consent/" + theirs.recordId() + "?key=wrong",
				"/consent/" + theirs.recordId() + "?key=" + mine.withdrawalKey(),
				"/consent/" + UUID.randomUUID() + "?key=" + theirs.withdrawalKey(),
				"/consent/not-a-record?key=" + theirs.withdrawalKey(),
				"/consent/" + theirs.recordId() + "/receipt.json?key=" + mine.withdrawalKey(),
				"/consent/" + theirs.recordId() + "/receipt.json")) {
			HttpResponse<String> answer = stranger.get(path);
			assertThat(answer.statusCode()).as(path).isEqualTo(404);
			assertThat(answer.body()).as(path).doesNotContain(FOLLOW_UP.text()).doesNotContain("visitor:");
		}
		HttpResponse<String> inABrowser = stranger.get("/consent/" + theirs.recordId() + "?key=wrong", "Accept",
				"text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Language", "en");
		assertThat(inABrowser.statusCode()).isEqualTo(404);
		assertThat(inABrowser.headers().firstValue("Content-Type").orElseThrow()).as("a page, not raw JSON")
			.startsWith("text/html");
		assertThat(inABrowser.body()).contains("There is no consent receipt at this address.").doesNotContain("\"type\"");

		String csrf = Http.csrfFrom(stranger.get(mine.receiptPath()).body());
		HttpResponse<String> withdraw = stranger.postForm("/consent/" + theirs.recordId() + "/withdraw",
				Map.of("_csrf", csrf, "key", mine.withdrawalKey(), "purpose", "follow-up-notes"));
		assertThat(withdraw.statusCode()).isEqualTo(404);
		assertThat(ledger.isGiven(org, "visitor:THEIRS", "follow-up-notes")).isTrue();
		assertThat(stranger.postForm("/consent/" + mine.recordId() + "/withdraw",
				Map.of("key", mine.withdrawalKey())).statusCode()).as("no CSRF token").isEqualTo(403);
		assertThat(ledger.isGiven(org, "visitor:MINE", "follow-up-notes")).isTrue();
	}

	@Test
	void theSubjectDownloadsTheirRecordsAsKantaraConsentReceipts() {
		Organisation organisation = organisation();
		UUID org = organisation.id();
		ConsentLedger.Receipt notes = ledger.give(org, "visitor:JSON", FOLLOW_UP, DataCategory.MEMORY_NOTE,
				ConsentRecord.Method.CHAT, Locale.of("nb"));
		clock.advance(Duration.ofSeconds(1));
		ConsentLedger.Receipt feedback = ledger.give(org, "visitor:JSON",
				new ConsentRecord.Purpose("feedback-quotes", "Citera mitt omdöme"), DataCategory.FEEDBACK,
				ConsentRecord.Method.WEB_FORM, Locale.ENGLISH);
		ledger.withdraw(feedback.recordId(), feedback.withdrawalKey(), ConsentRecord.Method.WEB_FORM);
		List<ConsentRecord> records = ledger.recordsOf(org, "visitor:JSON");

		HttpResponse<String> download = new Http(port)
			.get("/consent/" + notes.recordId() + "/receipt.json?key=" + notes.withdrawalKey());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
		assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
			.isEqualTo("attachment; filename=\"consent-receipts.json\"");
		assertThat(download.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");

		JsonNode body = json.readTree(download.body());
		assertThat(body.get("piiPrincipalId").asString()).isEqualTo("visitor:JSON");
		JsonNode given = body.get("consentReceipts").get(0);
		assertThat(given.get("version").asString()).isEqualTo("KI-CR-v1.1.0");
		assertThat(given.get("jurisdiction").asString()).isEqualTo("SE");
		assertThat(given.get("consentTimestamp").asLong()).isEqualTo(records.getFirst().givenAt().getEpochSecond());
		assertThat(given.get("collectionMethod").asString()).isEqualTo("CHAT");
		assertThat(given.get("consentReceiptID").asString()).isEqualTo(notes.recordId().toString());
		assertThat(given.get("language").asString()).isEqualTo("nb");
		assertThat(given.get("piiPrincipalId").asString()).isEqualTo("visitor:JSON");
		JsonNode controller = given.get("piiControllers").get(0);
		assertThat(controller.get("piiController").asString()).isEqualTo(organisation.name());
		assertThat(controller.get("contact").asString()).isEqualTo(organisation.dpoName());
		assertThat(controller.get("email").asString()).isEqualTo(organisation.dpoEmail());
		assertThat(given.get("policyUrl").asString()).isEqualTo("http://localhost:" + port + "/privacy/" + organisation.slug());
		JsonNode purpose = given.get("services").get(0).get("purposes").get(0);
		assertThat(purpose.get("purpose").asString()).isEqualTo(FOLLOW_UP.text());
		assertThat(purpose.get("purposeCategory").get(0).asString()).isEqualTo("follow-up-notes");
		assertThat(purpose.get("consentType").asString()).isEqualTo("EXPLICIT");
		assertThat(purpose.get("piiCategory").get(0).asString()).isEqualTo("MEMORY_NOTE");
		assertThat(purpose.get("primaryPurpose").asBoolean()).isTrue();
		assertThat(purpose.get("termination").asString()).contains("withdrawn");
		assertThat(purpose.get("thirdPartyDisclosure").asBoolean()).isFalse();
		assertThat(given.get("sensitive").asBoolean()).as("memory notes are health data").isTrue();
		assertThat(given.get("spiCat").get(0).asString()).isEqualTo("health");
		assertThat(given.get("state").asString()).isEqualTo("given");
		assertThat(given.get("withdrawalTimestamp").isNull()).isTrue();
		assertThat(given.get("noticeVersion").asInt()).isEqualTo(1);
		assertThat(given.get("needsRenewal").asBoolean()).isFalse();

		JsonNode withdrawn = body.get("consentReceipts").get(1);
		assertThat(withdrawn.get("state").asString()).isEqualTo("withdrawn");
		assertThat(withdrawn.get("withdrawalTimestamp").asLong()).isEqualTo(records.get(1).withdrawnAt().getEpochSecond());
		assertThat(withdrawn.get("withdrawalMethod").asString()).isEqualTo("WEB_FORM");
		assertThat(withdrawn.get("language").asString()).isEqualTo("en");
		assertThat(withdrawn.get("sensitive").asBoolean()).as("feedback is not special-category data").isFalse();
		assertThat(withdrawn.get("spiCat")).isEmpty();
	}

	@Test
	void aConsentUnderAnOlderVersionIsNotCarriedOverOnceASignificantChangeApplies() {
		Reception reception = fixtures.openReception();
		UUID org = reception.organisation().id();
		Fixtures.Staff admin = fixtures.admin(reception);
		Publisher publisher = new Publisher(notices, authentication);
		ledger.give(org, "visitor:OLD", FOLLOW_UP, DataCategory.MEMORY_NOTE, ConsentRecord.Method.CHAT, Locale.of("sv"));

		publisher.publish(admin, org, true, publisher.today(org).plusDays(14), "Anteckningar delas med regionen");
		assertThat(ledger.isGiven(org, "visitor:OLD", "follow-up-notes")).as("announced, not yet in force").isTrue();

		clock.advance(Duration.ofDays(15));
		assertThat(notices.currentVersion(org).version()).isEqualTo(2);
		assertThat(ledger.isGiven(org, "visitor:OLD", "follow-up-notes")).isFalse();
		assertThat(ledger.recordsOf(org, "visitor:OLD")).singleElement().satisfies(old -> {
			assertThat(old.state()).isEqualTo(ConsentRecord.State.NEEDS_RENEWAL);
			assertThat(old.noticeVersion()).as("the record keeps its version").isEqualTo(1);
			assertThat(old.withdrawnAt()).isNull();
		});

		clock.advance(Duration.ofSeconds(1));
		ConsentLedger.Receipt renewed = ledger.give(org, "visitor:OLD", FOLLOW_UP, DataCategory.MEMORY_NOTE,
				ConsentRecord.Method.CHAT, Locale.of("sv"));
		assertThat(ledger.isGiven(org, "visitor:OLD", "follow-up-notes")).isTrue();
		assertThat(ledger.recordsOf(org, "visitor:OLD")).extracting(ConsentRecord::noticeVersion, ConsentRecord::state)
			.containsExactly(tuple(1, ConsentRecord.State.NEEDS_RENEWAL),
					tuple(2, ConsentRecord.State.GIVEN));
		JsonNode receipts = json.readTree(new Http(port).get(renewed.receiptPath().replace("?", "/receipt.json?")).body());
		assertThat(receipts.get("consentReceipts").get(0).get("needsRenewal").asBoolean()).isTrue();
		assertThat(new Http(port).get(renewed.receiptPath()).body()).contains("Måste förnyas");
	}

	@Test
	void aNonSignificantChangeKeepsConsentsValid() {
		Reception reception = fixtures.openReception();
		UUID org = reception.organisation().id();
		Fixtures.Staff admin = fixtures.admin(reception);
		Publisher publisher = new Publisher(notices, authentication);
		ledger.give(org, "visitor:KEPT", FOLLOW_UP, DataCategory.MEMORY_NOTE, ConsentRecord.Method.CHAT, Locale.of("sv"));

		publisher.publish(admin, org, false, publisher.today(org), "Nytt telefonnummer till dataskyddsombudet");
		assertThat(notices.currentVersion(org).version()).as("today means at once").isEqualTo(2);
		assertThat(ledger.isGiven(org, "visitor:KEPT", "follow-up-notes")).isTrue();
		assertThat(ledger.recordsOf(org, "visitor:KEPT").getFirst().state()).isEqualTo(ConsentRecord.State.GIVEN);
		ledger.give(org, "visitor:NEW", FOLLOW_UP, DataCategory.MEMORY_NOTE, ConsentRecord.Method.CHAT, Locale.of("sv"));
		assertThat(ledger.recordsOf(org, "visitor:NEW").getFirst().noticeVersion()).isEqualTo(2);
	}

	@Test
	void badInputIsRefusedWithAReasonAndStoresNothing() {
		UUID org = organisation().id();
		List<Runnable> bad = List.of(
				() -> ledger.give(org, " ", FOLLOW_UP, DataCategory.MEMORY_NOTE, ConsentRecord.Method.CHAT, Locale.ENGLISH),
				() -> ledger.give(org, "x".repeat(101), FOLLOW_UP, DataCategory.MEMORY_NOTE, ConsentRecord.Method.CHAT,
						Locale.ENGLISH),
				() -> ledger.give(org, "visitor:A\nB", FOLLOW_UP, DataCategory.MEMORY_NOTE, ConsentRecord.Method.CHAT,
						Locale.ENGLISH),
				() -> ledger.give(org, "visitor:A", new ConsentRecord.Purpose("Follow Up", "x"), DataCategory.MEMORY_NOTE,
						ConsentRecord.Method.CHAT, Locale.ENGLISH),
				() -> ledger.give(org, "visitor:A", new ConsentRecord.Purpose("follow-up", " "), DataCategory.MEMORY_NOTE,
						ConsentRecord.Method.CHAT, Locale.ENGLISH),
				() -> ledger.give(org, "visitor:A", new ConsentRecord.Purpose("follow-up", "x".repeat(501)),
						DataCategory.MEMORY_NOTE, ConsentRecord.Method.CHAT, Locale.ENGLISH),
				() -> ledger.give(org, "visitor:A", FOLLOW_UP, null, ConsentRecord.Method.CHAT, Locale.ENGLISH),
				() -> ledger.give(org, "visitor:A", FOLLOW_UP, DataCategory.MEMORY_NOTE, null, Locale.ENGLISH),
				() -> ledger.give(UUID.randomUUID(), "visitor:A", FOLLOW_UP, DataCategory.MEMORY_NOTE,
						ConsentRecord.Method.CHAT, Locale.ENGLISH));
		for (Runnable attempt : bad) {
			assertThatThrownBy(attempt::run).isInstanceOfSatisfying(Problems.class,
					problem -> assertThat(problem.detail()).isNotBlank());
		}
		assertThat(jdbc.sql("SELECT count(*) FROM consent_record WHERE organisation_id = ? OR subject = 'visitor:A'")
			.param(org).query(Integer.class).single()).isZero();

		ledger.give(org, "  visitor:B ", FOLLOW_UP, DataCategory.MEMORY_NOTE, ConsentRecord.Method.CHAT, Locale.GERMAN);
		assertThat(ledger.recordsOf(org, "visitor:B")).singleElement()
			.satisfies(record -> assertThat(record.language()).as("a language Samtal does not speak")
				.isEqualTo(Locale.of("sv")));
	}

	@Test
	void withdrawnRecordsGoThreeYearsAfterTheWithdrawalAndStandingOnesStay() {
		UUID org = organisation().id();
		ConsentLedger.Receipt withdrawn = ledger.give(org, "visitor:OLD", FOLLOW_UP, DataCategory.MEMORY_NOTE,
				ConsentRecord.Method.CHAT, Locale.of("sv"));
		ledger.give(org, "visitor:OLD", REMINDERS, DataCategory.CONTACT_DETAIL, ConsentRecord.Method.CHAT,
				Locale.of("sv"));
		ledger.withdraw(withdrawn.recordId(), withdrawn.withdrawalKey(), ConsentRecord.Method.WEB_FORM);

		clock.advance(Duration.ofDays(3 * 365 - 2));
		retention.run(false, "test");
		assertThat(ledger.recordsOf(org, "visitor:OLD")).hasSize(2);

		clock.advance(Duration.ofDays(4));
		retention.run(false, "test");
		assertThat(ledger.recordsOf(org, "visitor:OLD")).singleElement()
			.satisfies(standing -> assertThat(standing.purpose()).isEqualTo(REMINDERS));
		assertThat(new Http(port).get(withdrawn.receiptPath()).statusCode()).as("the receipt is gone with it")
			.isEqualTo(404);
	}

	private Instant withdrawnAt(UUID org, String subject, ConsentRecord.Purpose purpose) {
		return ledger.recordsOf(org, subject).stream().filter(r -> r.purpose().equals(purpose)).findFirst()
			.orElseThrow().withdrawnAt();
	}

	private Organisation organisation() {
		return fixtures.openReception().organisation();
	}
}
