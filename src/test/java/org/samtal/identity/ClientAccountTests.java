package org.samtal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
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
class ClientAccountTests {

	static final String GOOD_PASSWORD = "blåbär-cykel-fönster";

	@LocalServerPort
	int port;

	@Autowired
	ClientAccounts clients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void anAccountIsAUsernameAndAnArgon2idHashAndNothingElse() {
		ClientAccounts.ClientAccount account = clients.register(unique("Skogsmus"), GOOD_PASSWORD);

		Map<String, Object> row = jdbc.sql("SELECT * FROM client_account WHERE id = ?").param(account.id()).query()
			.singleRow();
		assertThat(row.keySet()).containsExactlyInAnyOrder("id", "username", "password_hash", "created_at",
				"last_login_at", "password_changed_at", "language", "inactivity_warned_at");
		assertThat((String) row.get("username")).isEqualTo(account.username()).isLowerCase();
		assertThat((String) row.get("password_hash")).startsWith("{argon2id}$argon2id$").doesNotContain(GOOD_PASSWORD);
	}

	@Test
	void aTakenUsernameIsRefusedWhateverItsCase() {
		String name = unique("Räven");
		clients.register(name, GOOD_PASSWORD);

		assertThatThrownBy(() -> clients.register(name.toUpperCase(), "annat-lösen-ord-99"))
			.isInstanceOfSatisfying(ClientAccounts.Refused.class, refused -> {
				assertThat(refused.field()).isEqualTo("username");
				assertThat(refused.isConflict()).isTrue();
			});
	}

	@Test
	void weakPasswordsAreRefusedWithTheReasonAndNothingIsStored() {
		String name = unique("uggla");
		assertThat(reason(name, "kort-ord")).isEqualTo("password.tooShort");
		assertThat(reason(name, "1234567890")).isEqualTo("password.common");
		assertThat(reason(name, "qwertyuiop")).isEqualTo("password.common");
		assertThat(reason(name, "Password2024!")).as("a common word with digits after it").isEqualTo("password.common");
		assertThat(reason(name, "lösenord12345")).as("the Swedish favourite").isEqualTo("password.common");
		assertThat(reason(name, "aaaaaaaaaaaa")).isEqualTo("password.common");
		assertThat(reason(name, "abcdefghijk")).as("a run").isEqualTo("password.common");
		assertThat(reason(name, "x" + name + "-123")).isEqualTo("password.containsUsername");
		assertThat(reason(name, "y".repeat(10_000))).isEqualTo("password.tooLong");
		assertThat(jdbc.sql("SELECT count(*) FROM client_account WHERE username = ?").param(name).query(Integer.class)
			.single()).isZero();
	}

	@Test
	void usernamesThatCouldCarryMarkupOrAreEmptyAreRefused() {
		assertThat(usernameReason("")).isEqualTo("username.tooShort");
		assertThat(usernameReason("   ")).isEqualTo("username.tooShort");
		assertThat(usernameReason("<script>alert(1)</script>")).isEqualTo("username.characters");
		assertThat(usernameReason("anna svensson")).isEqualTo("username.characters");
		assertThat(usernameReason("x".repeat(33))).isEqualTo("username.tooLong");
		assertThat(clients.register(unique("Ålesund_ø"), GOOD_PASSWORD).username()).startsWith("ålesund_ø");
	}

	@Test
	void twoPeopleChoosingTheSameNameAtOnceGetOneAccountBetweenThem() throws Exception {
		String name = unique("samtidig");
		int[] created = { 0 };
		int[] taken = { 0 };
		Thread[] threads = new Thread[4];
		for (int i = 0; i < threads.length; i++) {
			threads[i] = Thread.ofVirtual().start(() -> {
				try {
					clients.register(name, GOOD_PASSWORD);
					synchronized (created) {
						created[0]++;
					}
				}
				catch (ClientAccounts.Refused refused) {
					synchronized (created) {
						taken[0]++;
					}
				}
			});
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(created[0]).isEqualTo(1);
		assertThat(taken[0]).isEqualTo(3);
	}

	@Test
	void theRegisterFormSaysWhatIsWrongAndKeepsTheUsernameTyped() {
		Http http = new Http(port);
		String name = unique("kvast");
		HttpResponse<String> refused = register(http, name, "kort", "kort");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("Lösenordet måste ha minst 10 tecken.").contains("value=\"" + name + "\"")
			.doesNotContain("value=\"kort\"");

		HttpResponse<String> mismatch = register(http, name, GOOD_PASSWORD, GOOD_PASSWORD + "x");
		assertThat(mismatch.body()).contains("Lösenorden är inte likadana.");

		HttpResponse<String> markup = register(http, "<b>hej</b>", GOOD_PASSWORD, GOOD_PASSWORD);
		assertThat(markup.body()).contains("value=\"&lt;b&gt;hej&lt;/b&gt;\"").doesNotContain("<b>hej</b>");
		assertThat(jdbc.sql("SELECT count(*) FROM client_account WHERE username = ?").param(name).query(Integer.class)
			.single()).isZero();
	}

	@Test
	void registeringSignsTheClientInAndTheyCanLogOutAndBackIn() {
		Http http = new Http(port);
		String name = unique("hare");
		HttpResponse<String> created = register(http, name, GOOD_PASSWORD, GOOD_PASSWORD);
		assertThat(created.statusCode()).isEqualTo(302);
		assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/account?welcome");
		assertThat(http.get("/account?welcome").body()).contains(name).contains("Välkommen");

		String csrf = Http.csrfFrom(http.get("/account").body());
		assertThat(http.postForm("/account/logout", Map.of("_csrf", csrf)).headers().firstValue("Location")
			.orElseThrow()).endsWith("/account/login?logout");
		assertThat(http.get("/account").statusCode()).as("logged out: sent to the client login").isEqualTo(302);

		HttpResponse<String> login = logIn(http, name, GOOD_PASSWORD);
		assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/account");
		assertThat(http.get("/account").body()).contains(name);
	}

	@Test
	void aClientsPasswordOpensNeitherTheConsoleNorAStaffPage() {
		Http http = new Http(port);
		String name = unique("ekorre");
		register(http, name, GOOD_PASSWORD, GOOD_PASSWORD);

		assertThat(http.get("/console").statusCode()).isIn(302, 403);
		HttpResponse<String> staffLogin = http.postForm("/login",
				Map.of("username", name, "password", GOOD_PASSWORD, "_csrf", Http.csrfFrom(http.get("/login").body())));
		assertThat(staffLogin.headers().firstValue("Location").orElseThrow()).contains("/login?error");
	}

	@Test
	void changingThePasswordNeedsTheCurrentOneAndAStrongNewOne() {
		Http http = new Http(port);
		String name = unique("lo");
		register(http, name, GOOD_PASSWORD, GOOD_PASSWORD);
		String csrf = Http.csrfFrom(http.get("/account").body());

		HttpResponse<String> wrong = http.postForm("/account/password", Map.of("current", "inte-rätt-lösen",
				"password", "ny-stark-fras-42", "passwordRepeat", "ny-stark-fras-42", "_csrf", csrf));
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("Det nuvarande lösenordet stämmer inte.");
		HttpResponse<String> weak = http.postForm("/account/password", Map.of("current", GOOD_PASSWORD,
				"password", "qwertyuiop", "passwordRepeat", "qwertyuiop", "_csrf", csrf));
		assertThat(weak.body()).contains("för vanligt");

		HttpResponse<String> changed = http.postForm("/account/password", Map.of("current", GOOD_PASSWORD,
				"password", "ny-stark-fras-42", "passwordRepeat", "ny-stark-fras-42", "_csrf", csrf));
		assertThat(changed.headers().firstValue("Location").orElseThrow()).endsWith("/account?passwordChanged");
		Http other = new Http(port);
		assertThat(logIn(other, name, GOOD_PASSWORD).headers().firstValue("Location").orElseThrow())
			.contains("error");
		assertThat(logIn(other, name, "ny-stark-fras-42").headers().firstValue("Location").orElseThrow())
			.endsWith("/account");
	}

	@Test
	void guessingAClientsPasswordIsSlowedDownThenLocked() {
		Http http = new Http(port);
		String name = unique("bäver");
		register(new Http(port), name, GOOD_PASSWORD, GOOD_PASSWORD);
		for (int i = 0; i < 3; i++) {
			logIn(http, name, "fel-lösenord-" + i);
		}
		assertThat(logIn(http, name, GOOD_PASSWORD).headers().firstValue("Location").orElseThrow())
			.as("even the right password waits after three failures").contains("error");
		assertThat(http.get("/account/login?error").body()).contains("För många misslyckade försök")
			.contains("value=\"" + name + "\"");
		for (int i = 4; i <= 6; i++) {
			clock.advance(Duration.ofSeconds(1L << (i - 3)));
			logIn(http, name, "fel-lösenord-" + i);
		}
		clock.advance(Duration.ofMinutes(14));
		assertThat(logIn(http, name, GOOD_PASSWORD).headers().firstValue("Location").orElseThrow())
			.as("locked after six failures").contains("error");
		clock.advance(Duration.ofMinutes(2));
		assertThat(logIn(http, name, GOOD_PASSWORD).headers().firstValue("Location").orElseThrow())
			.endsWith("/account");
	}

	@Test
	void theForgottenPasswordPageSaysHonestlyThatAnAccountWithoutAVerifiedContactCannotBeRecovered() {
		HttpResponse<String> page = new Http(port).get("/account/forgotten?lang=en");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("the account cannot be recovered");
	}

	@Test
	void anAccountGoes365DaysAfterItsLastLogin() {
		ClientAccounts.ClientAccount idle = clients.register(unique("sovande"), GOOD_PASSWORD);
		ClientAccounts.ClientAccount active = clients.register(unique("vaken"), GOOD_PASSWORD);
		clock.advance(Duration.ofDays(300));
		clients.loggedIn(active.id());
		clock.advance(Duration.ofDays(66));

		sweep.run(false, "schedule");

		assertThat(clients.byId(idle.id())).isEmpty();
		assertThat(clients.byId(active.id())).isPresent();
	}

	@Autowired
	org.samtal.privacy.RetentionSweep sweep;

	private String reason(String username, String password) {
		try {
			clients.register(username, password);
			return "accepted";
		}
		catch (ClientAccounts.Refused refused) {
			return refused.reason();
		}
	}

	private String usernameReason(String username) {
		try {
			clients.register(username, GOOD_PASSWORD);
			return "accepted";
		}
		catch (ClientAccounts.Refused refused) {
			assertThat(refused.field()).isEqualTo("username");
			return refused.reason();
		}
	}

	private static HttpResponse<String> register(Http http, String username, String password, String repeat) {
		String csrf = Http.csrfFrom(http.get("/account/register").body());
		return http.postForm("/account/register",
				Map.of("username", username, "password", password, "passwordRepeat", repeat, "_csrf", csrf));
	}

	private static HttpResponse<String> logIn(Http http, String username, String password) {
		String csrf = Http.csrfFrom(http.get("/account/login").body());
		return http.postForm("/account/login", Map.of("username", username, "password", password, "_csrf", csrf));
	}

	private static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}
}
