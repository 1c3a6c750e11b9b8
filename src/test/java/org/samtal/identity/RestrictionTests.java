package org.samtal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.samtal.privacy.RetentionSweep;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Restriction of processing (Art. 18) and objection (Art. 21), from the client's own data page, and their effects. */
@SamtalTest
class RestrictionTests {

	static final String PASSWORD = "björk-vid-sjön-12";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	RetentionSweep sweep;

	@Autowired
	Fixtures fixtures;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aRestrictedAccountIsOnlyStoredNotDeletedUntilTheRestrictionIsLifted() {
		Client client = registered();
		assertThat(client.http.get("/account/data").body()).contains("Begränsa behandlingen (artikel 18)")
			.contains("sparas dina uppgifter bara");
		client.restrict(true);
		assertThat(client.http.get("/account/data.json").body()).contains("\"RIGHTS_REQUEST\"").contains("restrictedAt");

		clock.advance(Duration.ofDays(400));
		sweep.run(false, "schedule");
		assertThat(accounts(client.username)).as("restricted: kept").isEqualTo(1);

		client.restrict(false);
		sweep.run(false, "schedule");
		assertThat(accounts(client.username)).as("lifted: the year had passed").isZero();
	}

	@Test
	void aRestrictedClientStartsNoConversationUnderTheirAccountAndIsToldWhy() {
		Reception reception = fixtures.openReception();
		Client client = registered();
		client.restrict(true);

		HttpResponse<String> refused = client.http.postForm("/r/" + reception.slug() + "/chat", Map.of(), "Origin",
				client.http.base());
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("Du har begränsat behandlingen av dina uppgifter");
		assertThat(jdbc.sql("SELECT count(*) FROM conversation WHERE handle = ?").param(client.username)
			.query(Integer.class).single()).isZero();
	}

	@Test
	void anObjectionIsRecordedShownAndCanBeWithdrawn() {
		Client client = registered();
		client.object(true);
		assertThat(client.http.get("/account/data.json").body()).contains("objectedAt");
		assertThat(client.http.get("/account/data").body()).containsPattern("name=\"object\"[^>]*checked");
		client.object(false);
		assertThat(jdbc.sql("SELECT count(*) FROM subject_restriction WHERE subject_key = ?")
			.param("client:" + accountId(client.username)).query(Integer.class).single()).as("nothing left standing").isZero();
	}

	@Test
	void restrictionAndObjectionGoWithTheAccount() {
		Client client = registered();
		client.restrict(true);
		client.object(true);
		UUID account = accountId(client.username);
		String csrf = Http.csrfFrom(client.http.get("/account/data").body());
		client.http.postForm("/account/delete", Map.of("password", PASSWORD, "_csrf", csrf));
		assertThat(jdbc.sql("SELECT count(*) FROM subject_restriction WHERE subject_key = ?")
			.param("client:" + account).query(Integer.class).single()).isZero();
	}

	private record Client(Http http, String username) {

		void restrict(boolean on) {
			String csrf = Http.csrfFrom(http.get("/account/data").body());
			http.postForm("/account/restriction", on ? Map.of("restrict", "on", "_csrf", csrf) : Map.of("_csrf", csrf));
		}

		void object(boolean on) {
			String csrf = Http.csrfFrom(http.get("/account/data").body());
			http.postForm("/account/objection", on ? Map.of("object", "on", "_csrf", csrf) : Map.of("_csrf", csrf));
		}
	}

	private Client registered() {
		Http http = new Http(port);
		String username = "begr" + UUID.randomUUID().toString().substring(0, 8);
		http.postForm("/account/register", Map.of("username", username, "password", PASSWORD, "passwordRepeat", PASSWORD,
				"_csrf", Http.csrfFrom(http.get("/account/register").body())));
		return new Client(http, username);
	}

	private UUID accountId(String username) {
		return jdbc.sql("SELECT id FROM client_account WHERE username = ?").param(username).query(UUID.class).single();
	}

	private int accounts(String username) {
		return jdbc.sql("SELECT count(*) FROM client_account WHERE username = ?").param(username).query(Integer.class)
			.single();
	}
}
