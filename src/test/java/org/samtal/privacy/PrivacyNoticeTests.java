package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.samtal.platform.Problems;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;

@SamtalTest
class PrivacyNoticeTests {

	@LocalServerPort
	int port;

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

	@AfterEach
	void reset() {
		clock.reset();
		Publisher.signOut();
	}

	@Test
	void versionsAreNumberedPerOrganisationAfterTheImplicitFirstAndApplyFromTheirDay() {
		Reception reception = fixtures.openReception();
		UUID org = reception.organisation().id();
		Fixtures.Staff admin = fixtures.admin(reception);
		Publisher publisher = new Publisher(notices, authentication);
		NoticeVersion first = notices.currentVersion(org);
		assertThat(first.version()).isEqualTo(1);
		assertThat(first.implicit()).isTrue();
		assertThat(first.effectiveFrom()).isEqualTo(Instant.EPOCH);
		assertThat(notices.upcomingSignificant(org)).isEmpty();

		NoticeVersion second = publisher.publish(admin, org, false, publisher.today(org).plusDays(3), "Ny adress");
		assertThat(second.version()).isEqualTo(2);
		assertThat(notices.currentVersion(org).version()).as("not before its day").isEqualTo(1);
		assertThat(notices.upcomingSignificant(org)).as("not significant").isEmpty();
		clock.advance(Duration.ofDays(4));
		assertThat(notices.currentVersion(org).version()).isEqualTo(2);
		assertThat(notices.currentVersion(org).summaryIn(java.util.Locale.ENGLISH)).as("falls back to Swedish")
			.isEqualTo("Ny adress");

		Reception elsewhere = fixtures.openReception();
		NoticeVersion theirs = publisher.publish(fixtures.admin(elsewhere), elsewhere.organisation().id(), false,
				publisher.today(org), "Annat");
		assertThat(theirs.version()).as("numbered per organisation").isEqualTo(2);
		assertThat(notices.versions(org)).extracting(NoticeVersion::version).containsExactly(2, 1);
	}

	@Test
	void onlyTheOrganisationsOwnAdminsPublish() {
		Reception reception = fixtures.openReception();
		UUID org = reception.organisation().id();
		Publisher publisher = new Publisher(notices, authentication);
		LocalDate soon = publisher.today(org).plusDays(1);

		assertThatThrownBy(() -> publisher.publish(fixtures.counselor(reception), org, false, soon, "x"))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> publisher.publish(fixtures.admin(fixtures.openReception()), org, false, soon, "x"))
			.isInstanceOfSatisfying(Problems.class, problem -> {
				assertThat(problem.getStatusCode().value()).isEqualTo(403);
				assertThat(problem.slug()).isEqualTo("notice-admins-only");
			});
		assertThat(notices.versions(org)).hasSize(1);

		Fixtures.Staff counselor = fixtures.counselor(reception);
		Http http = new Http(port);
		String csrf = http.logIn(counselor.username(), counselor.password());
		assertThat(http.get("/admin/privacy-notice").statusCode()).isEqualTo(403);
		assertThat(http.postForm("/admin/privacy-notice", Map.of("_csrf", csrf, "effectiveOn", soon.toString(),
				"summarySv", "x")).statusCode()).isEqualTo(403);
		assertThat(notices.versions(org)).hasSize(1);
	}

	@Test
	void theDayMustNotHavePassedAndASignificantChangeIsAnnouncedFourteenDaysAhead() {
		Reception reception = fixtures.openReception();
		UUID org = reception.organisation().id();
		Fixtures.Staff admin = fixtures.admin(reception);
		Publisher publisher = new Publisher(notices, authentication);
		LocalDate today = publisher.today(org);

		assertRefused(() -> publisher.publish(admin, org, false, today.minusDays(1), "x"), "notice-effective-in-past");
		assertRefused(() -> publisher.publish(admin, org, true, today.plusDays(13), "x"), "notice-too-short-notice",
				today.plusDays(14).toString());
		assertRefused(() -> publisher.publish(admin, org, false, null, "x"), "notice-effective-date-missing");
		assertRefused(() -> publisher.publish(admin, org, false, today, " \n "), "notice-summary-missing");
		assertRefused(() -> publisher.publish(admin, org, false, today, "x".repeat(501)), "notice-summary-too-long");
		assertRefused(() -> notices.publish(publisher.signIn(admin), org,
				new PrivacyNotices.Draft(false, today, Map.of("de", "Neue Adresse"))), "notice-summary-language");
		assertThat(notices.versions(org)).as("nothing stored").hasSize(1);

		NoticeVersion significant = publisher.publish(admin, org, true, today.plusDays(14), "x".repeat(500));
		assertThat(significant.version()).isEqualTo(2);
		assertThat(notices.upcomingSignificant(org)).map(NoticeVersion::version).hasValue(2);
		assertRefused(() -> publisher.publish(admin, org, false, today.plusDays(1), "Rättning"), "notice-before-latest",
				"Version 2 applies from " + today.plusDays(14));
	}

	@Test
	void theAdminPageListsVersionsAndKeepsWhatWasTypedWithASpecificMessage() {
		Reception reception = fixtures.openReception();
		UUID org = reception.organisation().id();
		Fixtures.Staff admin = fixtures.admin(reception);
		LocalDate today = notices.today(org);
		Http http = new Http(port);
		http.logIn(admin.username(), admin.password());
		String page = http.get("/admin/privacy-notice").body();
		assertThat(page).contains("Policyn som gällde när organisationen började använda Samtal.")
			.contains("Gäller nu").contains("tidigast " + today.plusDays(14));
		String csrf = Http.csrfFrom(page);

		String script = "<script>alert('x')</script> Vi lämnar ut uppgifter till regionen";
		HttpResponse<String> tooSoon = http.postForm("/admin/privacy-notice", Map.of("_csrf", csrf, "significant", "1",
				"effectiveOn", today.plusDays(2).toString(), "summarySv", script, "summaryEn", "We share with the region"));
		assertThat(tooSoon.statusCode()).isEqualTo(400);
		assertThat(tooSoon.body()).contains("Den kan gälla tidigast " + today.plusDays(14) + ".")
			.contains("value=\"" + today.plusDays(2) + "\"")
			.containsPattern("id=\"significant\"[^>]*checked")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Vi lämnar ut uppgifter till regionen")
			.contains(">We share with the region</textarea>")
			.doesNotContain("<script>alert");

		assertThat(http.postForm("/admin/privacy-notice",
				Map.of("_csrf", csrf, "effectiveOn", "next week", "summarySv", "Ny adress")).body())
			.contains("Ange dagen som ÅÅÅÅ-MM-DD.").contains("value=\"next week\"").contains(">Ny adress</textarea>");
		assertThat(http.postForm("/admin/privacy-notice", Map.of("_csrf", csrf, "effectiveOn", today.toString())).body())
			.contains("Beskriv med några meningar vad som ändras, på minst ett språk.");
		HttpResponse<String> huge = http.postForm("/admin/privacy-notice",
				Map.of("_csrf", csrf, "effectiveOn", today.toString(), "summaryNb", "æ".repeat(100_000)));
		assertThat(huge.statusCode()).isEqualTo(400);
		assertThat(huge.body()).contains("Beskrivningen får vara högst 500 tecken per språk.");
		assertThat(notices.versions(org)).as("nothing stored").hasSize(1);

		Map<String, String> valid = new HashMap<>(Map.of("_csrf", csrf, "significant", "1", "effectiveOn",
				today.plusDays(14).toString(), "summarySv", script));
		HttpResponse<String> published = http.postForm("/admin/privacy-notice", valid);
		assertThat(published.statusCode()).isEqualTo(302);
		assertThat(published.headers().firstValue("Location").orElseThrow()).endsWith("/admin/privacy-notice?published=2");
		String listed = http.get("/admin/privacy-notice?published=2").body();
		assertThat(listed).contains("Version 2 är publicerad.").contains("Kommande")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script>alert");
	}

	@Test
	void aSignificantChangeIsAnnouncedOnTheOrganisationsPagesUntilItApplies() {
		Reception reception = fixtures.openReception();
		UUID org = reception.organisation().id();
		Fixtures.Staff admin = fixtures.admin(reception);
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Reception elsewhere = fixtures.openReception();
		Fixtures.Staff stranger = fixtures.counselor(elsewhere);
		Http visitor = new Http(port);
		assertThat(visitor.get("/r/" + reception.slug()).body()).doesNotContain("notice-banner");

		LocalDate effective = notices.today(org).plusDays(14);
		notices.publish(new Publisher(notices, authentication).signIn(admin), org, new PrivacyNotices.Draft(true,
				effective, Map.of("sv", "Vi lägger till <b>en mottagare</b>", "en", "We add a recipient")));
		Publisher.signOut();

		String receptionPage = visitor.get("/r/" + reception.slug()).body();
		assertThat(receptionPage).contains("class=\"notice-banner\"")
			.contains("Vår integritetspolicy ändras den " + effective.getDayOfMonth())
			.contains("Vi lägger till &lt;b&gt;en mottagare&lt;/b&gt;")
			.contains("href=\"/privacy/" + reception.organisation().slug() + "\"");
		assertThat(visitor.get("/r/" + reception.slug() + "?lang=en").body()).contains("We add a recipient")
			.contains("Our privacy notice changes on").contains("href=\"/privacy/" + reception.organisation().slug() + "?lang=en\"");
		assertThat(visitor.get("/r/" + elsewhere.slug()).body()).as("another organisation's page")
			.doesNotContain("notice-banner");
		assertThat(visitor.postForm("/r/" + reception.slug() + "/chat", Map.of()).statusCode()).isEqualTo(302);
		assertThat(visitor.get("/chat").body()).contains("Vi lägger till &lt;b&gt;en mottagare&lt;/b&gt;");

		Http staff = new Http(port);
		staff.logIn(counselor.username(), counselor.password());
		assertThat(staff.get("/console").body()).contains("Vi lägger till &lt;b&gt;en mottagare&lt;/b&gt;");
		Http adminPages = new Http(port);
		adminPages.logIn(admin.username(), admin.password());
		assertThat(adminPages.get("/admin/feedback").body()).contains("Vi lägger till &lt;b&gt;en mottagare&lt;/b&gt;");
		Http other = new Http(port);
		other.logIn(stranger.username(), stranger.password());
		assertThat(other.get("/console").body()).as("staff of another organisation").doesNotContain("notice-banner");

		clock.advance(Duration.ofDays(15));
		assertThat(visitor.get("/r/" + reception.slug()).body()).as("in force now").doesNotContain("notice-banner");
		assertThat(staff.get("/console").body()).doesNotContain("notice-banner");
	}

	private static void assertRefused(Runnable attempt, String slug, String... detail) {
		assertThatThrownBy(attempt::run).isInstanceOfSatisfying(Problems.class, problem -> {
			assertThat(problem.slug()).isEqualTo(slug);
			assertThat(problem.getStatusCode().value()).isEqualTo(400);
			assertThat(problem.detail()).isNotBlank();
			for (String expected : detail) {
				assertThat(problem.detail()).contains(expected);
			}
		});
	}
}
