package org.samtal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SamtalTest
class LoginTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	TestClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aWrongPasswordSaysSoAndKeepsTheUsernameTyped() {
		Fixtures.Staff staff = fixtures.counselor(fixtures.openReception());
		Http http = new Http(port);
		String page = attempt(http, staff.username(), "wrong-password");
		assertThat(page).contains("Fel användarnamn eller lösenord.").contains("value=\"" + staff.username() + "\"");
	}

	@Test
	void repeatedFailuresFirstSlowDownThenLockTheUsernameForAWhile() {
		Fixtures.Staff staff = fixtures.counselor(fixtures.openReception());
		Http http = new Http(port);
		for (int i = 0; i < 3; i++) {
			attempt(http, staff.username(), "wrong-" + i);
		}
		assertThat(attempt(http, staff.username(), staff.password()))
			.as("even the right password must wait after three failures").contains("För många misslyckade försök");
		clock.advance(Duration.ofSeconds(2));
		assertThat(attempt(http, staff.username(), "wrong-4")).contains("Fel användarnamn eller lösenord.");
		clock.advance(Duration.ofSeconds(3));
		attempt(http, staff.username(), "wrong-5");
		clock.advance(Duration.ofSeconds(5));
		attempt(http, staff.username(), "wrong-6");
		clock.advance(Duration.ofMinutes(14));
		assertThat(attempt(http, staff.username(), staff.password())).as("locked after six failures")
			.contains("För många misslyckade försök");
		clock.advance(Duration.ofMinutes(2));
		assertThat(new Http(port).logIn(staff.username(), staff.password())).isNotBlank();
	}

	@Test
	void unknownUsernamesAreThrottledAlikeSoTheAnswersRevealNothing() {
		Http http = new Http(port);
		for (int i = 0; i < 3; i++) {
			assertThat(attempt(http, "nobody.here", "x")).contains("Fel användarnamn eller lösenord.");
		}
		assertThat(attempt(http, "nobody.here", "x")).contains("För många misslyckade försök");
	}

	@Test
	void staffPagesNeedALoginAndLogoutEndsTheSession() {
		Fixtures.Staff staff = fixtures.counselor(fixtures.openReception());
		Http http = new Http(port);
		assertThat(http.get("/console").statusCode()).isEqualTo(302);
		String csrf = http.logIn(staff.username(), staff.password());
		assertThat(http.get("/console").statusCode()).isEqualTo(200);
		HttpResponse<String> logout = http.postForm("/logout", Map.of("_csrf", csrf));
		assertThat(logout.headers().firstValue("Location").orElse("")).endsWith("/login?logout");
		assertThat(http.get("/console").statusCode()).isEqualTo(302);
	}

	@Test
	void aLoginWithoutTheCsrfTokenIsRefused() {
		Fixtures.Staff staff = fixtures.counselor(fixtures.openReception());
		Http http = new Http(port);
		http.get("/login");
		HttpResponse<String> forged = http.postForm("/login", Map.of("username", staff.username(), "password", staff.password()));
		assertThat(forged.statusCode()).isEqualTo(403);
	}

	private String attempt(Http http, String username, String password) {
		String csrf = Http.csrfFrom(http.get("/login").body());
		HttpResponse<String> response = http.postForm("/login",
				Map.of("username", username, "password", password, "_csrf", csrf));
		String location = response.headers().firstValue("Location").orElse("");
		if (location.endsWith("/console")) {
			return "logged in";
		}
		assertThat(location).endsWith("/login?error");
		return http.get("/login?error").body();
	}
}
