package org.samtal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.samtal.privacy.RetentionSweep;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** 365 days without login delete an account; a client who asked for it is warned 14 days before. */
@SamtalTest
class InactiveAccountTests {

	static final String PASSWORD = "ljung-på-heden-7";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	InactiveAccounts inactive;

	@Autowired
	RetentionSweep sweep;

	@Autowired
	Fixtures fixtures;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aClientWhoSwitchedTheWarningOnIsWarnedOnceFourteenDaysBeforeTheAccountGoes() {
		Client client = withVerifiedEmail();
		String page = client.http.get("/account").body();
		assertThat(page).contains("Varna mig med e-post eller sms 14 dagar");
		client.http.postForm("/account/notifications", Map.of("inactivityWarning", "on", "_csrf", Http.csrfFrom(page)));
		assertThat(client.http.get("/account/data.json").body()).as("the consent is in the ledger, held by the operator")
			.contains("\"CONSENT_RECORD\"").contains("inactivity-warning");
		LocalDate lastLogin = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

		clock.advance(Duration.ofDays(350));
		inactive.warn();
		assertThat(warningsTo(client.email)).as("not yet: 15 days left").isZero();
		clock.advance(Duration.ofDays(1));
		inactive.warn();
		inactive.warn();
		assertThat(warningsTo(client.email)).as("once").isEqualTo(1);
		assertThat(lastMessageTo(client.email)).contains(lastLogin.plusDays(365).toString());

		clock.advance(Duration.ofDays(15));
		sweep.run(false, "schedule");
		assertThat(accounts(client.username)).isZero();
		assertThat(jdbc.sql("""
				SELECT count(*) FROM consent_record WHERE purpose_code = 'inactivity-warning' AND withdrawn_at IS NULL
				AND subject LIKE 'client:%' AND subject NOT IN (SELECT 'client:' || id::text FROM client_account)""")
			.query(Integer.class).single()).as("no consent stands for an account that is gone").isZero();
	}

	@Test
	void withoutTheClientsConsentNoWarningIsSent() {
		Client client = withVerifiedEmail();
		clock.advance(Duration.ofDays(352));
		inactive.warn();
		assertThat(warningsTo(client.email)).isZero();
	}

	@Test
	void switchingTheWarningOffWithdrawsTheConsentAtOnce() {
		Client client = withVerifiedEmail();
		String csrf = Http.csrfFrom(client.http.get("/account").body());
		client.http.postForm("/account/notifications", Map.of("inactivityWarning", "on", "_csrf", csrf));
		client.http.postForm("/account/notifications", Map.of("_csrf", csrf));
		assertThat(client.http.get("/account").body()).doesNotContainPattern("name=\"inactivityWarning\"[^>]*checked");
		clock.advance(Duration.ofDays(352));
		inactive.warn();
		assertThat(warningsTo(client.email)).isZero();
	}

	@Test
	void anOngoingConversationKeepsAnAccountPastItsYear() {
		Reception reception = fixtures.openReception();
		Client client = withVerifiedEmail();
		client.http.postForm("/r/" + reception.slug() + "/chat", Map.of(), "Origin", client.http.base());
		clock.advance(Duration.ofDays(400));
		sweep.run(false, "schedule");
		assertThat(accounts(client.username)).as("a case is ongoing").isEqualTo(1);
	}

	private record Client(Http http, String username, String email) {
	}

	private Client withVerifiedEmail() {
		Http http = new Http(port);
		String username = "inaktiv" + UUID.randomUUID().toString().substring(0, 8);
		String email = username + "@exempel.se";
		http.postForm("/account/register", Map.of("username", username, "password", PASSWORD, "passwordRepeat", PASSWORD,
				"_csrf", Http.csrfFrom(http.get("/account/register").body())));
		http.postForm("/account/contact", Map.of("channel", "EMAIL", "address", email,
				"_csrf", Http.csrfFrom(http.get("/account").body())));
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(lastMessageTo(email));
		assertThat(code.find()).isTrue();
		http.postForm("/account/contact/verify", Map.of("channel", "EMAIL", "code", code.group(1),
				"_csrf", Http.csrfFrom(http.get("/account").body())));
		return new Client(http, username, email);
	}

	private String lastMessageTo(String address) {
		return jdbc.sql("SELECT body FROM notification_message WHERE recipient = ? ORDER BY created_at DESC LIMIT 1")
			.param(address).query(String.class).single();
	}

	private int warningsTo(String address) {
		return jdbc.sql("SELECT count(*) FROM notification_message WHERE recipient = ? AND template = 'inactivity-warning'")
			.param(address).query(Integer.class).single();
	}

	private int accounts(String username) {
		return jdbc.sql("SELECT count(*) FROM client_account WHERE username = ?").param(username).query(Integer.class)
			.single();
	}
}
