package org.samtal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.privacy.ConsentLedger;
import org.samtal.privacy.ConsentRecord;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.DataSubject;
import org.samtal.privacy.PersonalDataOwner;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A signed-in client's chat, their own data page, the download and the deletion of the account. */
@SamtalTest
class MyDataTests {

	@Autowired
	ConsentLedger consents;

	static final String PASSWORD = "tallkotte-i-snön";

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.samtal.privacy.AccessLog accessLog;

	@Autowired
	List<PersonalDataOwner> owners;

	@Test
	void aSignedInClientChatsUnderTheirUsernameAndTheCounselorSeesIt() {
		Scene scene = clientChatsAndCounselorReads("Tranan");

		String queueOrConversation = scene.counselor.get("/console/api/conversations/" + scene.conversationId).body();
		assertThat(queueOrConversation).contains(scene.username);
		accessLog.awaitWritten();
		assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE subject = ?")
			.param(DataSubject.clientKey(accountId(scene.username))).query(Integer.class).single())
			.as("the counselor's read is logged under the client's username").isGreaterThanOrEqualTo(1);
	}

	@Test
	void myDataShowsTheAccountTheOngoingConversationAndWhoReadItButNoSecrets() {
		Scene scene = clientChatsAndCounselorReads("Ugglan");

		String page = scene.client.get("/account/data").body();
		assertThat(page).contains(scene.username).contains("Hej från kontot").contains("Loggar över vem som tagit del")
			.contains("COUNSELOR").doesNotContain("argon2");

		HttpResponse<String> download = scene.client.get("/account/data.json");
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
		assertThat(download.body()).contains("\"$schema\"").contains("\"CLIENT_ACCOUNT\"").contains("\"CHAT_CONTENT\"")
			.contains("\"ACCESS_LOG_ENTRY\"").contains("Hej från kontot").doesNotContain("argon2")
			.doesNotContain("password_hash");
	}

	@Test
	void aConsentGivenToAnOrganisationIsWithdrawnFromMyDataInOneActionAndOnlyByItsOwnSubject() {
		Scene scene = clientChatsAndCounselorReads("Orren");
		Scene other = clientChatsAndCounselorReads("Sparven");
		String key = DataSubject.clientKey(accountId(scene.username));
		UUID organisation = jdbc.sql("""
				SELECT r.organisation_id FROM conversation c JOIN reception r ON r.id = c.reception_id WHERE c.id = ?""")
			.param(scene.conversationId).query(UUID.class).single();
		UUID record = consents.give(organisation, key, new ConsentRecord.Purpose("follow-up-notes", "Minnesanteckningar"),
				DataCategory.MEMORY_NOTE, ConsentRecord.Method.CHAT, java.util.Locale.of("sv")).recordId();
		String page = scene.client.get("/account/data").body();
		assertThat(page).contains("Minnesanteckningar").contains("Återkalla");

		String csrf = Http.csrfFrom(other.client.get("/account/data").body());
		other.client.postForm("/account/consents/withdraw", Map.of("record", record.toString(), "_csrf", csrf));
		assertThat(consents.isGiven(organisation, key, "follow-up-notes")).as("someone else's consent").isTrue();
		other.client.postForm("/account/consents/withdraw", Map.of("record", "inte-ett-id", "_csrf", csrf));

		csrf = Http.csrfFrom(page);
		HttpResponse<String> withdrawn = scene.client.postForm("/account/consents/withdraw",
				Map.of("record", record.toString(), "_csrf", csrf));
		assertThat(withdrawn.headers().firstValue("Location").orElseThrow()).contains("withdrawn");
		assertThat(consents.isGiven(organisation, key, "follow-up-notes")).isFalse();
		assertThat(scene.client.get("/account/data?withdrawn").body()).contains("Samtycket är återkallat")
			.contains("Du har inga samtycken som gäller.");
	}

	@Test
	void aSignificantNoticeChangeIsAnnouncedOnTheAccountPagesByTheOrganisationsHoldingTheClientsDataOnly() {
		Scene scene = clientChatsAndCounselorReads("Lommen");
		Reception theirs = receptionOf(scene.conversationId);
		Reception elsewhere = fixtures.openReception();
		assertThat(scene.client.get("/account").body()).doesNotContain("notice-banner");

		announceSignificantChange(theirs, "Vi lägger till <b>en mottagare</b>");
		announceSignificantChange(elsewhere, "En ändring hos en annan mottagning");

		String account = scene.client.get("/account").body();
		assertThat(account).contains("class=\"notice-banner\"")
			.contains(theirs.organisation().name() + ": integritetspolicyn ändras den")
			.contains("Vi lägger till &lt;b&gt;en mottagare&lt;/b&gt;")
			.contains("href=\"/privacy/" + theirs.organisation().slug() + "\"")
			.doesNotContain("En ändring hos en annan mottagning");
		assertThat(scene.client.get("/account/data?lang=en").body())
			.contains(theirs.organisation().name() + ": the privacy notice changes on");
	}

	private Reception receptionOf(UUID conversationId) {
		UUID id = jdbc.sql("SELECT reception_id FROM conversation WHERE id = ?").param(conversationId).query(UUID.class)
			.single();
		return receptions.byId(id).orElseThrow();
	}

	/** Published as an admin would; the page's forms and their checks are tested with the notices. */
	private void announceSignificantChange(Reception reception, String summary) {
		jdbc.sql("""
				INSERT INTO privacy_notice_version
				    (organisation_id, version, published_at, effective_from, significant, summary_sv)
				VALUES (?, 2, ?, ?, true, ?)""")
			.params(reception.organisation().id(), java.sql.Timestamp.from(clock.instant()),
					java.sql.Timestamp.from(clock.instant().plus(java.time.Duration.ofDays(30))), summary)
			.update();
	}

	@Autowired
	org.samtal.tenancy.Receptions receptions;

	@Autowired
	java.time.Clock clock;

	@Test
	void theDownloadHoldsEachMessageAsARecordOfItsOwnAfterItsConversationAndFilesApart() {
		Scene scene = clientChatsAndCounselorReads("Tjädern");
		jdbc.sql("""
				INSERT INTO chat_message (id, conversation_id, client_message_id, author, body, sent_at)
				VALUES (?, ?, '2', 'COUNSELOR', 'Välkommen hit', now() + interval '1 second')""")
			.params(UUID.randomUUID(), scene.conversationId).update();
		UUID file = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO chat_file (id, conversation_id, name, media_type, size, content, uploaded_at)
				VALUES (?, ?, 'plan.pdf', 'application/pdf', 3, '\\x010203'::bytea, now())""")
			.params(file, scene.conversationId).update();
		jdbc.sql("""
				INSERT INTO chat_message (id, conversation_id, client_message_id, author, body, file_id, sent_at)
				VALUES (?, ?, '3', 'VISITOR', 'plan.pdf', ?, now() + interval '2 seconds')""")
			.params(UUID.randomUUID(), scene.conversationId, file).update();

		JsonNode export = JsonMapper.builder().build().readTree(scene.client.get("/account/data.json").body());

		List<JsonNode> chat = records(export, "CHAT_CONTENT");
		assertThat(chat).extracting(record -> record.path("record").asString())
			.containsExactly("conversation", "message", "message");
		assertThat(chat).extracting(record -> record.path("conversationId").asString())
			.containsOnly(scene.conversationId.toString());
		assertThat(chat.subList(1, 3)).extracting(message -> message.path("from").asString() + ": "
				+ message.path("text").asString())
			.as("in the order sent; the file is not a message").containsExactly("VISITOR: Hej från kontot",
					"COUNSELOR: Välkommen hit");
		assertThat(records(export, "CHAT_FILE")).singleElement().satisfies(shared -> {
			assertThat(shared.path("fileName").asString()).isEqualTo("plan.pdf");
			assertThat(shared.path("from").asString()).isEqualTo("VISITOR");
			assertThat(shared.path("bytes").asInt()).isEqualTo(3);
		});
		assertThat(scene.client.get("/account/data").body()).contains("Hej från kontot").contains("Välkommen hit")
			.contains("plan.pdf");
	}

	private static List<JsonNode> records(JsonNode export, String category) {
		List<JsonNode> records = new ArrayList<>();
		export.path("sections").forEach(section -> {
			if (category.equals(section.path("category").asString())) {
				section.path("records").forEach(records::add);
			}
		});
		return records;
	}

	@Test
	void deletingTheAccountTakesEffectAtOnceAndSaysWhatIsKeptAndWhy() {
		Scene scene = clientChatsAndCounselorReads("Lodjuret");
		UUID account = accountId(scene.username);
		String csrf = Http.csrfFrom(scene.client.get("/account/data").body());

		HttpResponse<String> wrong = scene.client.postForm("/account/delete", Map.of("password", "fel-lösen-ord", "_csrf", csrf));
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("Det nuvarande lösenordet stämmer inte.");
		assertThat(accounts(scene.username)).as("nothing deleted on a wrong password").isEqualTo(1);

		HttpResponse<String> deleted = scene.client.postForm("/account/delete", Map.of("password", PASSWORD, "_csrf", csrf));
		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(deleted.body()).contains("Ditt konto är raderat").contains("Loggar över vem som tagit del")
			.contains("HSLF-FS 2016:40");
		assertThat(accounts(scene.username)).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM conversation WHERE id = ?").param(scene.conversationId)
			.query(Integer.class).single()).as("the ongoing conversation ended and its content went").isZero();
		accessLog.awaitWritten();
		assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE subject = ?")
			.param(DataSubject.clientKey(account)).query(Integer.class).single())
			.as("kept: the access log names only the account's pseudonymous key").isGreaterThanOrEqualTo(1);
		assertThat(scene.client.get("/account").statusCode()).as("signed out").isEqualTo(302);
		Http again = new Http(port);
		String loginCsrf = Http.csrfFrom(again.get("/account/login").body());
		assertThat(again.postForm("/account/login", Map.of("username", scene.username, "password", PASSWORD,
				"_csrf", loginCsrf)).headers().firstValue("Location").orElseThrow()).contains("error");
	}

	@Test
	void someoneWhoTakesADeletedAccountsUsernameSeesNothingOfTheFirstHolder() {
		Scene scene = clientChatsAndCounselorReads("Mården");
		String csrf = Http.csrfFrom(scene.client.get("/account/data").body());
		scene.client.postForm("/account/delete", Map.of("password", PASSWORD, "_csrf", csrf));

		Http next = new Http(port);
		next.postForm("/account/register", Map.of("username", scene.username, "password", PASSWORD,
				"passwordRepeat", PASSWORD, "_csrf", Http.csrfFrom(next.get("/account/register").body())));
		String export = next.get("/account/data.json").body();
		assertThat(export).contains(scene.username).doesNotContain("ACCESS_LOG_ENTRY").doesNotContain("CARE_CONTACT");
	}

	@Test
	void theApiExportsTheSameDocumentAndDeletesTheAccountWithItsToken() {
		Http app = new Http(port);
		String name = "api" + UUID.randomUUID().toString().substring(0, 8);
		app.postJson("/api/v1/accounts", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
		String token = app.postJson("/api/v1/auth/token", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")
			.body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");

		HttpResponse<String> export = app.get("/api/v1/me/export", "Authorization", "Bearer " + token);
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.body()).contains("\"$schema\"").contains(name).contains("api access token")
			.doesNotContain(token);

		HttpResponse<String> delete = app.delete("/api/v1/me", "Authorization", "Bearer " + token);
		assertThat(delete.statusCode()).isEqualTo(204);
		assertThat(app.get("/api/v1/me", "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
		assertThat(accounts(name)).isZero();
	}

	@Test
	void everyModuleThatKeepsPersonalDataCanFindAndEraseItBySubject() throws Exception {
		for (PersonalDataOwner owner : owners) {
			if (owner.personalTables().isEmpty()) {
				continue;
			}
			Class<?> type = org.springframework.aop.support.AopUtils.getTargetClass(owner);
			Method find = type.getMethod("find", DataSubject.class, org.samtal.privacy.SubjectRecordSink.class);
			Method erase = type.getMethod("erase", DataSubject.class, Set.class);
			assertThat(find.getDeclaringClass()).as(type.getSimpleName() + " answers what it keeps about a subject")
				.isEqualTo(type);
			assertThat(erase.getDeclaringClass()).as(type.getSimpleName() + " answers an erasure").isEqualTo(type);
		}
	}

	private record Scene(Http client, Http counselor, String username, UUID conversationId) {
	}

	/** A client registers, starts a chat signed in and writes; a counselor takes and opens it. */
	private Scene clientChatsAndCounselorReads(String prefix) {
		Reception reception = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Http client = new Http(port);
		String username = (prefix + UUID.randomUUID().toString().substring(0, 6)).toLowerCase();
		String csrf = Http.csrfFrom(client.get("/account/register").body());
		client.postForm("/account/register",
				Map.of("username", username, "password", PASSWORD, "passwordRepeat", PASSWORD, "_csrf", csrf));
		HttpResponse<String> started = client.postForm("/r/" + reception.slug() + "/chat", Map.of(), "Origin", client.base());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
		UUID conversationId = jdbc.sql("SELECT id FROM conversation WHERE handle = ? AND client_account_id IS NOT NULL")
			.param(username).query(UUID.class).single();
		jdbc.sql("INSERT INTO chat_message (id, conversation_id, client_message_id, author, body, sent_at) VALUES (?, ?, '1', 'VISITOR', 'Hej från kontot', now())")
			.params(UUID.randomUUID(), conversationId).update();
		Http staff = new Http(port);
		String staffCsrf = staff.logIn(counselor.username(), counselor.password());
		assertThat(staff.post("/console/api/conversations/" + conversationId + "/take", "X-CSRF-TOKEN", staffCsrf)
			.statusCode()).isLessThan(300);
		assertThat(staff.get("/console/api/conversations/" + conversationId).statusCode()).isEqualTo(200);
		return new Scene(client, staff, username, conversationId);
	}

	private UUID accountId(String username) {
		return jdbc.sql("SELECT id FROM client_account WHERE username = ?").param(username).query(UUID.class).single();
	}

	private int accounts(String username) {
		return jdbc.sql("SELECT count(*) FROM client_account WHERE username = ?").param(username).query(Integer.class)
			.single();
	}
}
