package org.samtal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.privacy.Access;
import org.samtal.privacy.AccessAction;
import org.samtal.privacy.AccessLog;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.DataSubject;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Rectification (Art. 16) of the one thing an account says about its holder: the username. */
@SamtalTest
class RenameTests {

	static final String PASSWORD = "mås-på-bryggan-3";

	@LocalServerPort
	int port;

	@Autowired
	AccessLog accessLog;

	@Autowired
	Fixtures fixtures;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void aNewUsernameTakesTheAccountAlongAndTheOldNameIsKeptNowhere() {
		Reception reception = fixtures.openReception();
		Http http = new Http(port);
		String old = "anna" + UUID.randomUUID().toString().substring(0, 6);
		register(http, old);
		UUID account = jdbc.sql("SELECT id FROM client_account WHERE username = ?").param(old).query(UUID.class).single();
		accessLog.record(Access.of(UUID.randomUUID(), "COUNSELOR", reception.organisation().id(), reception.id(),
				DataSubject.clientKey(account), DataCategory.CHAT_CONTENT, AccessAction.READ, "console: conversation opened"));
		String csrf = Http.csrfFrom(http.get("/account/data").body());
		http.postForm("/account/restriction", Map.of("restrict", "on", "_csrf", csrf));

		String fresh = "skogsmus" + UUID.randomUUID().toString().substring(0, 6);
		HttpResponse<String> renamed = http.postForm("/account/username",
				Map.of("username", fresh, "password", PASSWORD, "_csrf", Http.csrfFrom(http.get("/account").body())));
		assertThat(renamed.headers().firstValue("Location").orElseThrow()).endsWith("/account?renamed");
		assertThat(http.get("/account?renamed").body()).contains(fresh).contains("Användarnamnet är bytt.");

		String export = http.get("/account/data.json").body();
		assertThat(export).as("what was read under the former name is still the client's").contains("ACCESS_LOG_ENTRY")
			.contains("console: conversation opened").as("the old name is kept nowhere").doesNotContain(old);
		assertThat(jdbc.sql("SELECT count(*) FROM client_account WHERE username = ?").param(old).query(Integer.class)
			.single()).isZero();
		assertThat(http.get("/account/data").body()).as("the restriction followed the account")
			.containsPattern("name=\"restrict\"[^>]*checked");

		assertThat(logIn(old).headers().firstValue("Location").orElseThrow()).contains("error");
		assertThat(logIn(fresh).headers().firstValue("Location").orElseThrow()).endsWith("/account");
	}

	@Test
	void aRenameNeedsThePasswordAFreeNameAndADifferentOneAndKeepsWhatWasTyped() {
		Http http = new Http(port);
		String name = "ren" + UUID.randomUUID().toString().substring(0, 6);
		String taken = "tagen" + UUID.randomUUID().toString().substring(0, 6);
		register(new Http(port), taken);
		register(http, name);

		HttpResponse<String> wrong = rename(http, "nytt-namn-" + name, "fel-lösenord-1");
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("Det nuvarande lösenordet stämmer inte.").contains("value=\"nytt-namn-" + name + "\"");
		assertThat(rename(http, taken.toUpperCase(), PASSWORD).body()).contains("Användarnamnet är redan taget.");
		assertThat(rename(http, name, PASSWORD).body()).contains("Det är redan ditt användarnamn.");
		assertThat(rename(http, "<script>", PASSWORD).body()).contains("får bara innehålla")
			.doesNotContain("value=\"<script>\"");
	}

	private HttpResponse<String> rename(Http http, String username, String password) {
		return http.postForm("/account/username",
				Map.of("username", username, "password", password, "_csrf", Http.csrfFrom(http.get("/account").body())));
	}

	private void register(Http http, String username) {
		http.postForm("/account/register", Map.of("username", username, "password", PASSWORD, "passwordRepeat", PASSWORD,
				"_csrf", Http.csrfFrom(http.get("/account/register").body())));
	}

	private HttpResponse<String> logIn(String username) {
		Http http = new Http(port);
		return http.postForm("/account/login", Map.of("username", username, "password", PASSWORD,
				"_csrf", Http.csrfFrom(http.get("/account/login").body())));
	}
}
