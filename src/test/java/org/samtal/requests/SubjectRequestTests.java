package org.samtal.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.samtal.privacy.Restrictions;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A request from someone without an account, or about data self-service cannot reach: made on the public form,
 * proved by a code sent to the contact detail, queued for the right controller's admins with its due date, and
 * answered with what was found, erased or kept and why.
 */
@SamtalTest
class SubjectRequestTests {

	static final String PASSWORD = "korp-över-fjället";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.samtal.privacy.AccessLog accessLog;

	@Autowired
	TestClock clock;

	@Autowired
	Fixtures fixtures;

	@Autowired
	RequestExpiry expiry;

	@Autowired
	Restrictions restrictions;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aRequestReachesTheQueueOnlyOnceTheCodeSentToTheContactIsTypedBackAndIsDueInAMonth() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		String email = "fraga" + UUID.randomUUID().toString().substring(0, 8) + "@exempel.se";
		Http asker = new Http(port);
		UUID id = submit(asker, reception.organisation().slug(), "ACCESS", email, "");

		Http staff = new Http(port);
		staff.logIn(admin.username(), admin.password());
		assertThat(staff.get("/admin/requests").body()).doesNotContain(id.toString());
		String code = lastCodeTo(email);
		HttpResponse<String> wrong = verify(asker, id, code.equals("000000") ? "111111" : "000000");
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("Koden är fel.");
		assertThat(verify(asker, id, code).headers().firstValue("Location").orElseThrow()).endsWith("?verified");
		assertThat(verify(asker, id, code).body()).as("a replayed code").contains("Begäran är redan bekräftad.");

		Instant verified = jdbc.sql("SELECT verified_at FROM subject_request WHERE id = ?").param(id).query(Instant.class)
			.single();
		Instant due = jdbc.sql("SELECT due_at FROM subject_request WHERE id = ?").param(id).query(Instant.class).single();
		assertThat(due).isEqualTo(verified.atZone(ZoneOffset.UTC).plusMonths(1).toInstant());
		assertThat(asker.get("/requests/" + id).body()).contains("Du får svaret senast " + due.toString().substring(0, 10))
			.doesNotContain(email);
		assertThat(staff.get("/admin/requests").body()).contains(id.toString());
	}

	@Test
	void anAccessRequestIsAnsweredWithWhatTheControllerHoldsAndEveryLookIsLogged() {
		Scene scene = clientWithVerifiedEmailChatting("insyn");
		UUID id = verifiedRequest(scene.reception().organisation().slug(), "ACCESS", scene.email());

		HttpResponse<String> opened = scene.admin().get("/admin/requests/" + id);
		assertThat(opened.statusCode()).isEqualTo(200);
		assertThat(opened.body()).contains("Chattmeddelanden").doesNotContain(scene.email());
		assertThat(entries(scene.adminId(), "READ", scene.accountKey())).isPositive();

		HttpResponse<String> answered = answer(scene.admin(), id, Map.of("note", "Här är allt vi har."));
		assertThat(answered.headers().firstValue("Location").orElseThrow()).endsWith("?answered");
		assertThat(entries(scene.adminId(), "EXPORT", scene.accountKey())).isPositive();

		String link = lastLinkTo(scene.email());
		Http asker = new Http(port);
		String page = asker.get(link).body();
		assertThat(page).contains("Hej från kontot").contains("Här är allt vi har.")
			.as("the account is the operator's, not this organisation's: named as another controller, not shown")
			.doesNotContain("passwordChangedAt").contains("Andra som har uppgifter om dig");
		String json = asker.get(link + ".json").body();
		assertThat(json).contains("\"$schema\"").contains("Hej från kontot").contains("\"outcome\":\"ANSWERED\"");
		assertThat(scene.admin().get("/admin/requests/" + id).body()).contains("Besvarad");
	}

	@Test
	void anErasureRequestErasesOnlyWhatTheControllerAskedHoldsAndSaysWhatIsKeptAndWhy() {
		Scene scene = clientWithVerifiedEmailChatting("radera");
		UUID id = verifiedRequest(scene.reception().organisation().slug(), "ERASURE", scene.email());

		answer(scene.admin(), id, Map.of());
		assertThat(jdbc.sql("SELECT count(*) FROM conversation WHERE id = ?").param(scene.conversationId())
			.query(Integer.class).single()).as("the conversation and its messages went").isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM client_account WHERE id = ?").param(scene.accountId())
			.query(Integer.class).single()).as("the account is the operator's to erase, not the clinic's").isOne();
		assertThat(entries(scene.adminId(), "DELETE", scene.accountKey())).isPositive();

		String page = new Http(port).get(lastLinkTo(scene.email())).body();
		assertThat(page).contains("Det här raderades").contains("Chattmeddelanden: 1 raderade")
			.contains("Det här sparas, och varför").contains("HSLF-FS 2016:40")
			.as("the register's recipients of what was erased (Art. 19)")
			.contains("Mottagare av de raderade uppgifterna").contains("kuratorn som tar emot konversationen");
	}

	@Test
	void aRestrictionMadeToOneOrganisationStopsOnlyThatOrganisationsProcessing() {
		Scene scene = clientWithVerifiedEmailChatting("begrans");
		UUID id = verifiedRequest(scene.reception().organisation().slug(), "RESTRICTION", scene.email());
		answer(scene.admin(), id, Map.of());

		UUID elsewhere = fixtures.openReception().organisation().id();
		assertThat(restrictions.isRestrictedFor(scene.accountKey(), scene.reception().organisation().id())).isTrue();
		assertThat(restrictions.isRestrictedFor(scene.accountKey(), elsewhere)).isFalse();
		assertThat(restrictions.isRestrictedFor(scene.accountKey(), null)).as("the operator's notices").isFalse();
		assertThat(new Http(port).get(lastLinkTo(scene.email())).body())
			.contains("Behandlingen av dina uppgifter är begränsad");

		String stranger = "okand" + UUID.randomUUID().toString().substring(0, 6) + "@exempel.se";
		UUID nothing = verifiedRequest(scene.reception().organisation().slug(), "RESTRICTION", stranger);
		answer(scene.admin(), nothing, Map.of());
		assertThat(new Http(port).get(lastLinkTo(stranger)).body())
			.contains("Inget sparas om dig som kunde begränsas");
		assertThat(jdbc.sql("SELECT count(*) FROM subject_restriction WHERE subject_key LIKE ?").param("%" + stranger)
			.query(Integer.class).single()).as("no contact detail kept as a restriction's key").isZero();
	}

	@Test
	void aRequestIsAnsweredOnceEvenWhenTwoAdminsAnswerAtOnce() throws Exception {
		Reception reception = fixtures.openReception();
		Fixtures.Staff first = fixtures.admin(reception);
		Fixtures.Staff second = fixtures.admin(reception);
		String email = "samtidig" + UUID.randomUUID().toString().substring(0, 6) + "@exempel.se";
		UUID id = verifiedRequest(reception.organisation().slug(), "ACCESS", email);
		Http one = new Http(port);
		one.logIn(first.username(), first.password());
		Http two = new Http(port);
		two.logIn(second.username(), second.password());
		String csrfOne = Http.csrfFrom(one.get("/admin/requests/" + id).body());
		String csrfTwo = Http.csrfFrom(two.get("/admin/requests/" + id).body());

		var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		var a = pool.submit(() -> one.postForm("/admin/requests/" + id + "/answer", Map.of("note", "Ett", "_csrf", csrfOne)));
		var b = pool.submit(() -> two.postForm("/admin/requests/" + id + "/answer", Map.of("note", "Två", "_csrf", csrfTwo)));
		assertThat(java.util.List.of(a.get().statusCode(), b.get().statusCode())).containsExactlyInAnyOrder(302, 400);
		pool.shutdown();
		assertThat(jdbc.sql("SELECT count(*) FROM notification_message WHERE lower(recipient) = lower(?) AND template = 'request-answer'")
			.param(email).query(Integer.class).single()).as("one link, and it works").isOne();
		assertThat(new Http(port).get(lastLinkTo(email)).statusCode()).isEqualTo(200);
	}

	@Test
	void theAdminsOfOneOrganisationNeitherSeeNorOpenAnothersRequests() {
		Scene scene = clientWithVerifiedEmailChatting("annan");
		UUID id = verifiedRequest(scene.reception().organisation().slug(), "ACCESS", scene.email());
		Reception other = fixtures.openReception();
		Http otherAdmin = new Http(port);
		Fixtures.Staff admin = fixtures.admin(other);
		otherAdmin.logIn(admin.username(), admin.password());
		assertThat(otherAdmin.get("/admin/requests").body()).doesNotContain(id.toString());
		assertThat(otherAdmin.get("/admin/requests/" + id).statusCode()).isEqualTo(404);

		Http counselor = new Http(port);
		Fixtures.Staff staff = fixtures.counselor(scene.reception());
		counselor.logIn(staff.username(), staff.password());
		assertThat(counselor.get("/admin/requests/" + id).statusCode()).isEqualTo(403);
	}

	@Test
	void anErasureRequestToThePlatformOperatorIsHandledByTheAdminsActingForItAndDeletesTheAccount() {
		Scene scene = clientWithVerifiedEmailChatting("operatorn");
		Reception operator = fixtures.operatorReception();
		Http operatorAdmin = new Http(port);
		Fixtures.Staff staff = fixtures.admin(operator);
		operatorAdmin.logIn(staff.username(), staff.password());
		assertThat(new Http(port).get("/requests").body()).contains("value=\"operator\"");
		UUID id = verifiedRequest("operator", "ERASURE", scene.email());

		assertThat(scene.admin().get("/admin/requests").body()).as("not the clinic's to answer")
			.doesNotContain(id.toString());
		assertThat(operatorAdmin.get("/admin/requests").body()).contains(id.toString());
		String email = scene.email();
		answer(operatorAdmin, id, Map.of());
		assertThat(jdbc.sql("SELECT count(*) FROM client_account WHERE id = ?").param(scene.accountId())
			.query(Integer.class).single()).as("the account, login and contact data are the operator's").isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM conversation WHERE id = ?").param(scene.conversationId())
			.query(Integer.class).single()).as("the conversation is the clinic's").isOne();
		String answer = new Http(port).get(lastLinkTo(email)).body();
		assertThat(answer).contains("Användarkonto och profil: 1 raderade").contains("Andra som har uppgifter om dig")
			.contains(scene.reception().organisation().name());
	}

	@Test
	void theTimeCanBeExtendedOnceWithinTheFirstMonthAndTheRequesterIsToldWhy() {
		Reception reception = fixtures.openReception();
		Http admin = new Http(port);
		Fixtures.Staff staff = fixtures.admin(reception);
		admin.logIn(staff.username(), staff.password());
		String email = "mer-tid" + UUID.randomUUID().toString().substring(0, 6) + "@exempel.se";
		UUID id = verifiedRequest(reception.organisation().slug(), "ACCESS", email);
		Instant due = jdbc.sql("SELECT due_at FROM subject_request WHERE id = ?").param(id).query(Instant.class).single();

		HttpResponse<String> noReason = extend(admin, id, "  ");
		assertThat(noReason.statusCode()).isEqualTo(400);
		assertThat(noReason.body()).contains("Ange skälet till förlängningen");
		assertThat(extend(admin, id, "Många begäranden just nu").headers().firstValue("Location").orElseThrow())
			.endsWith("?extended");
		assertThat(jdbc.sql("SELECT extended_due_at FROM subject_request WHERE id = ?").param(id).query(Instant.class)
			.single()).isEqualTo(due.atZone(ZoneOffset.UTC).plusMonths(2).toInstant());
		assertThat(lastMessageTo(email)).contains("Du får svaret senast").contains("Många begäranden just nu");
		assertThat(extend(admin, id, "Igen").body()).contains("Tiden har redan förlängts en gång.");

		UUID late = verifiedRequest(reception.organisation().slug(), "ACCESS", "sen" + email);
		clock.advance(Duration.ofDays(32));
		assertThat(extend(admin, late, "För sent").body()).contains("Den första månaden har gått");
		assertThat(admin.get("/admin/requests").body()).contains("Försenad");
	}

	@Test
	void aRequestAskedOfTheWrongControllerIsForwardedToTheOneHoldingTheData() {
		Scene scene = clientWithVerifiedEmailChatting("vidare");
		Reception elsewhere = fixtures.openReception();
		Http asker = new Http(port);
		UUID id = submit(asker, elsewhere.organisation().slug(), "ACCESS", scene.email(), "", true);
		verify(asker, id, lastCodeTo(scene.email()));

		assertThat(asker.get("/requests/" + id).body()).contains("Den skickades också till: ")
			.as("the clinic holds the conversation, the operator the account")
			.contains(scene.reception().organisation().name()).contains("the operator of this Samtal installation");
		assertThat(scene.admin().get("/admin/requests").body()).contains("Tillgång");
		assertThat(jdbc.sql("SELECT count(*) FROM subject_request WHERE forwarded_from = ? AND organisation_id = ?")
			.params(id, scene.reception().organisation().id()).query(Integer.class).single()).isOne();
	}

	@Test
	void someoneWithNoDataGetsAnHonestAnswerThatNothingIsKept() {
		Reception reception = fixtures.openReception();
		Http admin = new Http(port);
		Fixtures.Staff staff = fixtures.admin(reception);
		admin.logIn(staff.username(), staff.password());
		String email = "ingen" + UUID.randomUUID().toString().substring(0, 6) + "@exempel.se";
		UUID id = verifiedRequest(reception.organisation().slug(), "ACCESS", email);
		answer(admin, id, Map.of());
		assertThat(new Http(port).get(lastLinkTo(email)).body())
			.contains("Inget sparas om dig under den här e-postadressen eller det här numret.");
	}

	@Test
	void aRefusalNeedsAnExplanationAndTheAnswerGivesItsLegalGround() {
		Reception reception = fixtures.openReception();
		Http admin = new Http(port);
		Fixtures.Staff staff = fixtures.admin(reception);
		admin.logIn(staff.username(), staff.password());
		String email = "avslag" + UUID.randomUUID().toString().substring(0, 6) + "@exempel.se";
		UUID id = verifiedRequest(reception.organisation().slug(), "ERASURE", email);

		HttpResponse<String> bare = answer(admin, id, Map.of("refuse", "on", "note", "<b>behålls</b>"));
		assertThat(bare.statusCode()).isEqualTo(400);
		assertThat(bare.body()).contains("Förklara varför begäran avslås").contains("&lt;b&gt;behålls&lt;/b&gt;");
		answer(admin, id, Map.of("refuse", "on", "explanation", "Samma begäran för tjugonde gången i dag."));
		assertThat(new Http(port).get(lastLinkTo(email)).body()).contains("Din begäran avslogs")
			.contains("GDPR Art. 12(5)").contains("tjugonde gången");
	}

	@Test
	void theFormRefusesBadInputWithTheReasonAndKeepsWhatWasTyped() {
		Reception reception = fixtures.openReception();
		String slug = reception.organisation().slug();
		Http asker = new Http(port);
		HttpResponse<String> empty = post(asker, Map.of());
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("Välj vem din begäran gäller.");
		assertThat(post(asker, Map.of("controller", "finns-inte", "kind", "ACCESS")).body())
			.contains("Välj en av organisationerna i listan.");
		assertThat(post(asker, Map.of("controller", slug)).body()).contains("Välj vad du begär.");
		HttpResponse<String> script = post(asker, Map.of("controller", slug, "kind", "ACCESS", "channel", "EMAIL",
				"address", "<script>alert(1)</script>", "details", "<script>x</script>"));
		assertThat(script.body()).contains("Det är inte en e-postadress vi kan skicka till")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;script&gt;x&lt;/script&gt;")
			.doesNotContain("<script>alert(1)");
		assertThat(post(asker, Map.of("controller", slug, "kind", "RECTIFICATION", "channel", "EMAIL", "address",
				"a@exempel.se")).body()).contains("Skriv vad som är fel och vad som är rätt");
		assertThat(post(asker, Map.of("controller", slug, "kind", "ACCESS", "channel", "EMAIL", "address",
				"a@exempel.se", "details", "x".repeat(5000))).body()).contains("Skriv högst 2000 tecken.");
		assertThat(post(asker, Map.of("controller", slug, "kind", "ACCESS", "channel", "SMS", "address", "12")).body())
			.contains("Det är inte ett mobilnummer");
		assertThat(jdbc.sql("SELECT count(*) FROM subject_request WHERE organisation_id = ?")
			.param(reception.organisation().id()).query(Integer.class).single()).as("nothing half-saved").isZero();
	}

	@Test
	void codesExpireGiveOutAfterFiveWrongTriesAndAtMostFiveAnHourGoToOneAddress() {
		String slug = fixtures.openReception().organisation().slug();
		String email = "koder" + UUID.randomUUID().toString().substring(0, 6) + "@exempel.se";
		Http asker = new Http(port);
		UUID id = submit(asker, slug, "ACCESS", email, "");
		String code = lastCodeTo(email);
		clock.advance(Duration.ofMinutes(16));
		assertThat(verify(asker, id, code).body()).contains("Koden har gått ut.");

		String csrf = Http.csrfFrom(asker.get("/requests/" + id).body());
		asker.postForm("/requests/" + id + "/resend", Map.of("_csrf", csrf));
		String fresh = lastCodeTo(email);
		String wrong = fresh.equals("123456") ? "654321" : "123456";
		for (int i = 0; i < 4; i++) {
			assertThat(verify(asker, id, wrong).body()).contains("Koden är fel.");
		}
		assertThat(verify(asker, id, wrong).body()).contains("För många felaktiga försök.");
		assertThat(verify(asker, id, fresh).body()).as("even the right code is spent").contains("För många felaktiga försök.");

		for (int i = 0; i < 3; i++) {
			submit(asker, slug, "ACCESS", email, "");
		}
		HttpResponse<String> sixth = post(asker, Map.of("controller", slug, "kind", "ACCESS", "channel", "EMAIL",
				"address", email));
		assertThat(sixth.statusCode()).isEqualTo(400);
		assertThat(sixth.body()).contains("För många koder har skickats till den här adressen");
	}

	@Test
	void anUnconfirmedRequestGoesAfterADayAndAnAnswerWithItsAddressThirtyDaysAfterIt() {
		Reception reception = fixtures.openReception();
		Http admin = new Http(port);
		Fixtures.Staff staff = fixtures.admin(reception);
		admin.logIn(staff.username(), staff.password());
		String email = "glom" + UUID.randomUUID().toString().substring(0, 6) + "@exempel.se";
		UUID unconfirmed = submit(new Http(port), reception.organisation().slug(), "ACCESS", "x" + email, "");
		UUID answered = verifiedRequest(reception.organisation().slug(), "ACCESS", email);
		answer(admin, answered, Map.of("note", "Svar"));
		String link = lastLinkTo(email);

		clock.advance(Duration.ofDays(2));
		expiry.run();
		assertThat(jdbc.sql("SELECT count(*) FROM subject_request WHERE id = ?").param(unconfirmed).query(Integer.class)
			.single()).isZero();
		assertThat(new Http(port).get(link).statusCode()).isEqualTo(200);

		clock.advance(Duration.ofDays(29));
		expiry.run();
		assertThat(new Http(port).get(link).statusCode()).isEqualTo(404);
		Map<String, Object> kept = jdbc.sql("SELECT address, answer, details, outcome, answered_at FROM subject_request WHERE id = ?")
			.param(answered).query().singleRow();
		assertThat(kept.get("address")).isNull();
		assertThat(kept.get("answer")).isNull();
		assertThat(kept.get("outcome")).as("what was done stays, as proof").isEqualTo("ANSWERED");
	}

	// ------------------------------------------------------------------ fixtures

	private record Scene(Reception reception, Http admin, UUID adminId, String email, UUID accountId,
			UUID conversationId) {

		String accountKey() {
			return "client:" + accountId;
		}
	}

	/**
	 * A client with a verified e-mail address chats, signed in, at a reception, and says hello; the reception's
	 * organisation has an admin, signed in.
	 */
	private Scene clientWithVerifiedEmailChatting(String prefix) {
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		Http client = new Http(port);
		String username = (prefix + UUID.randomUUID().toString().substring(0, 6)).toLowerCase();
		String email = username + "@exempel.se";
		String csrf = Http.csrfFrom(client.get("/account/register").body());
		client.postForm("/account/register",
				Map.of("username", username, "password", PASSWORD, "passwordRepeat", PASSWORD, "_csrf", csrf));
		csrf = Http.csrfFrom(client.get("/account").body());
		client.postForm("/account/contact", Map.of("channel", "EMAIL", "address", email, "_csrf", csrf));
		client.postForm("/account/contact/verify", Map.of("channel", "EMAIL", "code", lastCodeTo(email), "_csrf", csrf));
		UUID accountId = jdbc.sql("SELECT id FROM client_account WHERE username = ?").param(username).query(UUID.class)
			.single();
		assertThat(jdbc.sql("SELECT count(*) FROM client_contact WHERE account_id = ? AND verified_at IS NOT NULL")
			.param(accountId).query(Integer.class).single()).isOne();
		client.postForm("/r/" + reception.slug() + "/chat", Map.of(), "Origin", client.base());
		UUID conversationId = jdbc.sql("SELECT id FROM conversation WHERE client_account_id = ?").param(accountId)
			.query(UUID.class).single();
		jdbc.sql("""
				INSERT INTO chat_message (id, conversation_id, client_message_id, author, body, sent_at)
				VALUES (?, ?, '1', 'VISITOR', 'Hej från kontot', now())""")
			.params(UUID.randomUUID(), conversationId).update();
		Http staff = new Http(port);
		staff.logIn(admin.username(), admin.password());
		return new Scene(reception, staff, admin.id(), email, accountId, conversationId);
	}

	private UUID verifiedRequest(String controller, String kind, String email) {
		Http asker = new Http(port);
		UUID id = submit(asker, controller, kind, email, "");
		assertThat(verify(asker, id, lastCodeTo(email)).statusCode()).isEqualTo(302);
		return id;
	}

	private UUID submit(Http asker, String controller, String kind, String address, String details) {
		return submit(asker, controller, kind, address, details, false);
	}

	private UUID submit(Http asker, String controller, String kind, String address, String details, boolean forward) {
		Map<String, String> form = new HashMap<>(Map.of("controller", controller, "kind", kind, "channel", "EMAIL",
				"address", address, "details", details));
		if (forward) {
			form.put("forward", "on");
		}
		HttpResponse<String> sent = post(asker, form);
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
		String location = sent.headers().firstValue("Location").orElseThrow();
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	private HttpResponse<String> post(Http asker, Map<String, String> form) {
		Map<String, String> withCsrf = new HashMap<>(form);
		withCsrf.put("_csrf", Http.csrfFrom(asker.get("/requests").body()));
		return asker.postForm("/requests", withCsrf);
	}

	private HttpResponse<String> verify(Http asker, UUID id, String code) {
		String csrf = Http.csrfFrom(asker.get("/requests").body());
		return asker.postForm("/requests/" + id + "/verify", Map.of("code", code, "_csrf", csrf));
	}

	private HttpResponse<String> answer(Http admin, UUID id, Map<String, String> form) {
		Map<String, String> withCsrf = new HashMap<>(form);
		withCsrf.put("_csrf", Http.csrfFrom(admin.get("/admin/requests/" + id).body()));
		return admin.postForm("/admin/requests/" + id + "/answer", withCsrf);
	}

	private HttpResponse<String> extend(Http admin, UUID id, String reason) {
		String csrf = Http.csrfFrom(admin.get("/admin/requests/" + id).body());
		return admin.postForm("/admin/requests/" + id + "/extend", Map.of("reason", reason, "_csrf", csrf));
	}

	private int entries(UUID actor, String action, String subject) {
		accessLog.awaitWritten();
		return jdbc.sql("SELECT count(*) FROM access_log WHERE actor_id = ? AND action = ? AND subject = ?")
			.params(actor, action, subject).query(Integer.class).single();
	}

	private String lastMessageTo(String address) {
		return jdbc.sql("""
				SELECT body FROM notification_message WHERE lower(recipient) = lower(?)
				ORDER BY created_at DESC, id DESC LIMIT 1""")
			.param(address).query(String.class).single();
	}

	private String lastCodeTo(String address) {
		String body = lastMessageTo(address);
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(body);
		assertThat(code.find()).as(body).isTrue();
		return code.group(1);
	}

	/** The path of the answer's link in the newest message to the address. */
	private String lastLinkTo(String address) {
		String body = lastMessageTo(address);
		Matcher link = Pattern.compile("https?://[^/\\s]+(/requests/answer/[A-Za-z0-9_-]{43})").matcher(body);
		assertThat(link.find()).as(body).isTrue();
		return link.group(1);
	}
}
