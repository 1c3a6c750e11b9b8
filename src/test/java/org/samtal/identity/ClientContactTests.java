package org.samtal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** E-mail and mobile verified by one-time codes, and a password reset only through a verified one. */
@SamtalTest
class ClientContactTests {

	static final String PASSWORD = "korp-över-fjället";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void anEmailAddressIsUsedOnlyAfterTheCodeSentToItIsTypedBack() {
		Client client = registered();
		String email = client.username + "@exempel.se";
		assertThat(client.addContact("EMAIL", email).headers().firstValue("Location").orElseThrow()).contains("codeSent");
		assertThat(client.http.get("/account").body()).contains(email).contains("inte verifierad än");
		String code = lastCodeTo(email);

		HttpResponse<String> wrong = client.verify("EMAIL", code.equals("000000") ? "111111" : "000000");
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("Koden stämmer inte.");
		assertThat(client.verify("EMAIL", code).headers().firstValue("Location").orElseThrow()).contains("verified");
		assertThat(client.http.get("/account").body()).contains("(verifierad)");
		assertThat(client.verify("EMAIL", code).body()).as("a replayed code").contains("Koden är redan använd.");
	}

	@Test
	void malformedAddressesAreRefusedWithTheReasonAndKeptAsTyped() {
		Client client = registered();
		HttpResponse<String> email = client.addContact("EMAIL", "inte en adress<script>");
		assertThat(email.statusCode()).isEqualTo(400);
		assertThat(email.body()).contains("Det ser inte ut som en e-postadress.")
			.contains("value=\"inte en adress&lt;script&gt;\"");
		assertThat(client.addContact("SMS", "12").body()).contains("Det ser inte ut som ett mobilnummer.");
		assertThat(client.addContact("EMAIL", "").statusCode()).isEqualTo(400);
		assertThat(client.addContact("EMAIL", "a".repeat(300) + "@x.se").statusCode()).isEqualTo(400);

		client.addContact("SMS", "070-123 45 67");
		assertThat(client.http.get("/account").body()).as("a Swedish number typed nationally").contains("+46701234567");
	}

	@Test
	void aCodeExpiresAfterFifteenMinutesAndGivesOutAfterFiveWrongTries() {
		Client client = registered();
		String email = client.username + "@exempel.se";
		client.addContact("EMAIL", email);
		String code = lastCodeTo(email);
		clock.advance(Duration.ofMinutes(16));
		assertThat(client.verify("EMAIL", code).body()).contains("Koden har gått ut.");

		clock.advance(Duration.ofHours(1));
		client.http.postForm("/account/contact/resend", Map.of("channel", "EMAIL", "_csrf", client.csrf()));
		String fresh = lastCodeTo(email);
		String wrongCode = fresh.equals("123456") ? "654321" : "123456";
		for (int i = 0; i < 4; i++) {
			assertThat(client.verify("EMAIL", wrongCode).body()).contains("Koden stämmer inte.");
		}
		assertThat(client.verify("EMAIL", wrongCode).body()).contains("För många felaktiga försök");
		assertThat(client.verify("EMAIL", fresh).body()).as("even the right code is spent now")
			.contains("För många felaktiga försök");
	}

	@Test
	void atMostFiveCodesAnHourGoOutForOneAccountEvenWhenTheAddressIsRemovedAndAddedAgain() {
		Client client = registered();
		String email = client.username + "@exempel.se";
		client.addContact("EMAIL", email);
		client.http.postForm("/account/contact/resend", Map.of("channel", "EMAIL", "_csrf", client.csrf()));
		client.http.postForm("/account/contact/remove", Map.of("channel", "EMAIL", "_csrf", client.csrf()));
		client.addContact("EMAIL", email);
		client.addContact("SMS", "+46701234567");
		client.http.postForm("/account/contact/resend", Map.of("channel", "EMAIL", "_csrf", client.csrf()));
		HttpResponse<String> sixth = client.http.postForm("/account/contact/resend",
				Map.of("channel", "EMAIL", "_csrf", client.csrf()));
		assertThat(sixth.statusCode()).isEqualTo(400);
		assertThat(sixth.body()).contains("Vi har skickat fem koder den senaste timmen.");
		assertThat(codesTo(email)).isEqualTo(4);
		clock.advance(Duration.ofMinutes(61));
		assertThat(client.http.postForm("/account/contact/resend", Map.of("channel", "EMAIL", "_csrf", client.csrf()))
			.statusCode()).as("a new hour").isEqualTo(302);
	}

	@Test
	void addressesAMailCannotBeSentToAreRefusedNotFailedOn() {
		Client client = registered();
		for (String address : new String[] { "åsa@exempel.se", "anna@exämple.se", "a@x..se", "a,b@x.se" }) {
			assertThat(client.addContact("EMAIL", address).body()).as(address)
				.contains("Det ser inte ut som en e-postadress.");
		}
	}

	@Test
	void verifyingTheEmailStillWorksAfterAMobileNumberWasAdded() {
		Client client = registered();
		String email = client.username + "@exempel.se";
		client.addContact("EMAIL", email);
		String code = lastCodeTo(email);
		client.addContact("SMS", "+4791234567");
		assertThat(client.verify("EMAIL", code).headers().firstValue("Location").orElseThrow()).contains("verified");
	}

	@Test
	void aForgottenPasswordIsResetOnlyThroughAVerifiedContact() {
		Client client = registered();
		String email = client.username + "@exempel.se";
		client.addContact("EMAIL", email);
		client.verify("EMAIL", lastCodeTo(email));
		Http stranger = new Http(port);

		HttpResponse<String> mismatch = requestReset(stranger, client.username, "någon.annan@exempel.se");
		assertThat(mismatch.headers().firstValue("Location").orElseThrow()).endsWith("/account/reset?sent");
		assertThat(codesTo("någon.annan@exempel.se")).isZero();
		assertThat(requestReset(stranger, "finns-inte-" + client.username, email).headers().firstValue("Location")
			.orElseThrow()).as("the same answer for an unknown username").endsWith("/account/reset?sent");

		int before = codesTo(email);
		requestReset(stranger, client.username.toUpperCase(), email.toUpperCase());
		assertThat(codesTo(email)).isEqualTo(before + 1);
		String code = lastCodeTo(email);
		String csrf = Http.csrfFrom(stranger.get("/account/reset?sent").body());
		HttpResponse<String> weak = stranger.postForm("/account/reset", Map.of("username", client.username, "code", code,
				"password", "qwertyuiop", "passwordRepeat", "qwertyuiop", "_csrf", csrf));
		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(weak.body()).contains("för vanligt").contains("value=\"" + client.username + "\"");
		HttpResponse<String> reset = stranger.postForm("/account/reset", Map.of("username", client.username, "code", code,
				"password", "ny-fras-med-ord-9", "passwordRepeat", "ny-fras-med-ord-9", "_csrf", csrf));
		assertThat(reset.headers().firstValue("Location").orElseThrow()).endsWith("/account?passwordChanged");
		assertThat(stranger.get("/account").body()).contains(client.username);

		HttpResponse<String> replay = stranger.postForm("/account/reset", Map.of("username", client.username, "code", code,
				"password", "tredje-frasen-42", "passwordRepeat", "tredje-frasen-42", "_csrf", csrf));
		assertThat(replay.body()).contains("Koden är redan använd.");
	}

	@Test
	void withoutAVerifiedContactNoResetCodeIsSent() {
		Client client = registered();
		String email = client.username + "@exempel.se";
		client.addContact("EMAIL", email);
		int before = codesTo(email);
		requestReset(new Http(port), client.username, email);
		assertThat(codesTo(email)).as("the address was never verified").isEqualTo(before);
	}

	@Test
	void theExportListsTheContactsAndDeletingTheAccountErasesThem() {
		Client client = registered();
		String email = client.username + "@exempel.se";
		client.addContact("EMAIL", email);
		assertThat(client.http.get("/account/data.json").body()).contains("\"CONTACT_DETAIL\"").contains(email);
		String csrf = Http.csrfFrom(client.http.get("/account/data").body());
		client.http.postForm("/account/delete", Map.of("password", PASSWORD, "_csrf", csrf));
		assertThat(jdbc.sql("SELECT count(*) FROM client_contact WHERE address = ?").param(email).query(Integer.class)
			.single()).isZero();
	}

	private record Client(Http http, String username) {

		String csrf() {
			return Http.csrfFrom(http.get("/account").body());
		}

		HttpResponse<String> addContact(String channel, String address) {
			return http.postForm("/account/contact", Map.of("channel", channel, "address", address, "_csrf", csrf()));
		}

		HttpResponse<String> verify(String channel, String code) {
			return http.postForm("/account/contact/verify", Map.of("channel", channel, "code", code, "_csrf", csrf()));
		}
	}

	private Client registered() {
		Http http = new Http(port);
		String username = "kontakt" + UUID.randomUUID().toString().substring(0, 8);
		String csrf = Http.csrfFrom(http.get("/account/register").body());
		http.postForm("/account/register",
				Map.of("username", username, "password", PASSWORD, "passwordRepeat", PASSWORD, "_csrf", csrf));
		return new Client(http, username);
	}

	private HttpResponse<String> requestReset(Http http, String username, String address) {
		String csrf = Http.csrfFrom(http.get("/account/reset").body());
		return http.postForm("/account/reset/request", Map.of("username", username, "address", address, "_csrf", csrf));
	}

	/** What the development outbox would have sent: the newest message to this address. */
	private String lastCodeTo(String address) {
		String body = jdbc.sql("SELECT body FROM notification_message WHERE lower(recipient) = lower(?) ORDER BY created_at DESC LIMIT 1")
			.param(address).query(String.class).single();
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(body);
		assertThat(code.find()).as(body).isTrue();
		return code.group(1);
	}

	private int codesTo(String address) {
		return jdbc.sql("SELECT count(*) FROM notification_message WHERE lower(recipient) = lower(?)").param(address)
			.query(Integer.class).single();
	}
}
