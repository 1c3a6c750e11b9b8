package org.samtal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SamtalTest
class ClientApiTests {

	static final String PASSWORD = "vinter-äpple-lampa";

	@LocalServerPort
	int port;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void anAppOpensAnAccountGetsATokenAndReadsTheAccountWithIt() {
		Http http = new Http(port);
		String name = unique("app");
		HttpResponse<String> created = http.postJson("/api/v1/accounts", credentials(name, PASSWORD));
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/me");
		assertThat(created.body()).contains("\"username\":\"" + name + "\"").doesNotContain("password");

		String token = token(http, name, PASSWORD);
		HttpResponse<String> me = http.get("/api/v1/me", "Authorization", "Bearer " + token);
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains(name);
		assertThat(jdbc.sql("SELECT count(*) FROM client_token WHERE token_hash = sha256(convert_to(?, 'UTF8'))")
			.param(token).query(Integer.class).single()).as("only the hash is stored").isEqualTo(1);
	}

	@Test
	void aTakenUsernameIs409AndAWeakPasswordIs400WithTheReason() {
		Http http = new Http(port);
		String name = unique("dubbel");
		http.postJson("/api/v1/accounts", credentials(name, PASSWORD));

		HttpResponse<String> taken = http.postJson("/api/v1/accounts", credentials(name.toUpperCase(), PASSWORD));
		assertThat(taken.statusCode()).isEqualTo(409);
		assertThat(taken.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(taken.body()).contains("urn:samtal:problem:username.taken");

		HttpResponse<String> weak = http.postJson("/api/v1/accounts", credentials(unique("svag"), "password123"));
		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(weak.body()).contains("urn:samtal:problem:password.common").contains("too common");

		assertThat(http.postJson("/api/v1/accounts", "{}").statusCode()).isEqualTo(400);
		assertThat(http.postJson("/api/v1/accounts", "{\"username\": 42, \"password\": []}").statusCode())
			.isEqualTo(400);
		assertThat(http.postJson("/api/v1/accounts", "not json").statusCode()).isEqualTo(400);
		assertThat(http.postJson("/api/v1/accounts", credentials("<script>x</script>", PASSWORD)).body())
			.contains("username.characters");
	}

	@Test
	void aWrongPasswordIs401AndGuessingIsThrottledWith429() {
		Http http = new Http(port);
		String name = unique("gissa");
		http.postJson("/api/v1/accounts", credentials(name, PASSWORD));

		HttpResponse<String> wrong = http.postJson("/api/v1/auth/token", credentials(name, "fel-lösenord-1"));
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.body()).contains("login-failed");
		http.postJson("/api/v1/auth/token", credentials(name, "fel-lösenord-2"));
		http.postJson("/api/v1/auth/token", credentials(name, "fel-lösenord-3"));
		HttpResponse<String> throttled = http.postJson("/api/v1/auth/token", credentials(name, PASSWORD));
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
		assertThat(http.postJson("/api/v1/auth/token", credentials(unique("ingen"), PASSWORD)).statusCode())
			.as("an unknown username answers like a wrong password").isEqualTo(401);
	}

	@Test
	void aTokenStopsWorkingAtLogoutAndWhenItExpires() {
		Http http = new Http(port);
		String name = unique("kort");
		http.postJson("/api/v1/accounts", credentials(name, PASSWORD));

		String first = token(http, name, PASSWORD);
		assertThat(http.postJson("/api/v1/auth/logout", "", "Authorization", "Bearer " + first).statusCode())
			.isEqualTo(204);
		HttpResponse<String> revoked = http.get("/api/v1/me", "Authorization", "Bearer " + first);
		assertThat(revoked.statusCode()).isEqualTo(401);
		assertThat(revoked.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

		String second = token(http, name, PASSWORD);
		clock.advance(Duration.ofMinutes(16));
		assertThat(http.get("/api/v1/me", "Authorization", "Bearer " + second).statusCode()).isEqualTo(401);
		assertThat(http.get("/api/v1/me").statusCode()).isEqualTo(401);
		assertThat(http.get("/api/v1/me", "Authorization", "Bearer " + "x".repeat(5000)).statusCode()).isEqualTo(401);
	}

	@Test
	void theApiIsInTheOpenApiDocument() {
		String document = new Http(port).get("/v3/api-docs").body();
		assertThat(document).contains("/api/v1/accounts").contains("/api/v1/auth/token").contains("/api/v1/me");
	}

	private static String token(Http http, String name, String password) {
		HttpResponse<String> answer = http.postJson("/api/v1/auth/token", credentials(name, password));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).contains("\"tokenType\":\"Bearer\"").contains("\"expiresIn\":900");
		return answer.body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
	}

	private static String credentials(String username, String password) {
		return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
	}

	private static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}
}
