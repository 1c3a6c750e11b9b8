package org.samtal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.samtal.ChatSocketClient;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SamtalTest
@ExtendWith(OutputCaptureExtension.class)
class PrivacyByDefaultTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void noCookieIsSetBeforeTheVisitorStartsAChatAndThenOnlyASessionCookie() {
		Reception reception = fixtures.openReception();
		Http http = new Http(port);
		assertThat(http.get("/").headers().allValues("Set-Cookie")).isEmpty();
		assertThat(http.get("/r/" + reception.slug()).headers().allValues("Set-Cookie")).isEmpty();
		assertThat(http.get("/r/" + reception.slug() + "?lang=en").headers().allValues("Set-Cookie")).isEmpty();
		assertThat(http.get("/api/v1/receptions").headers().allValues("Set-Cookie")).isEmpty();

		HttpResponse<String> started = http.postForm("/r/" + reception.slug() + "/chat", Map.of());
		List<String> cookies = started.headers().allValues("Set-Cookie");
		assertThat(cookies).hasSize(1);
		String cookie = cookies.get(0);
		assertThat(cookie).startsWith("samtal_session=").contains("HttpOnly").contains("SameSite=Lax")
			.doesNotContainIgnoringCase("Expires").doesNotContainIgnoringCase("Max-Age").doesNotContain("Secure");
	}

	@Test
	void behindAnHttpsProxyTheSessionCookieIsSecure() {
		Http http = new Http(port);
		HttpResponse<String> started = http.postForm("/r/" + fixtures.openReception().slug() + "/chat", Map.of(),
				"X-Forwarded-Proto", "https");
		assertThat(started.headers().firstValue("Set-Cookie").orElse("")).contains("Secure");
	}

	@Test
	void aChatCannotBeStartedFromAnotherSite() {
		Reception reception = fixtures.openReception();
		HttpResponse<String> forged = new Http(port).postForm("/r/" + reception.slug() + "/chat", Map.of(),
				"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.body()).contains("Chatten kan bara startas från mottagningens egen sida.");
		assertThat(forged.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(jdbc.sql("SELECT count(*) FROM conversation WHERE reception_id = ?").param(reception.id())
			.query(Integer.class).single()).isZero();
	}

	@Test
	void pagesCarryAStrictContentSecurityPolicyAndNoReferrer() {
		HttpResponse<String> page = new Http(port).get("/r/" + fixtures.openReception().slug());
		String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
		assertThat(csp).contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-inline").doesNotContain("http");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=\"").doesNotContain("https://");
	}

	@Test
	void noIpAddressIsStoredInTheDatabaseOrWrittenToTheLog(CapturedOutput output) {
		Reception reception = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Http visitor = new Http(port);
		visitor.postForm("/r/" + reception.slug() + "/chat", Map.of(), "X-Forwarded-For", "203.0.113.77");
		HttpResponse<String> api = visitor.postJson("/api/v1/receptions/" + reception.slug() + "/conversations", "{}",
				"X-Forwarded-For", "203.0.113.78");
		String token = api.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
		String id = api.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
		try (ChatSocketClient socket = ChatSocketClient.connect(visitor)) {
			socket.send(Map.of("type", "hello", "conversationId", id, "token", token));
			socket.await("welcome");
			socket.send(Map.of("type", "send", "clientMessageId", "ip-1", "text", "hej"));
			socket.await("ack");
		}
		Http staff = new Http(port);
		staff.logIn(counselor.username(), counselor.password());
		staff.get("/console/api/queue", "X-Forwarded-For", "203.0.113.79");
		Http.csrfFrom(new Http(port).get("/login").body());
		new Http(port).postForm("/login", Map.of("username", "x", "password", "y"));

		List<String> textColumns = jdbc.sql("""
				SELECT table_name || '.' || column_name FROM information_schema.columns
				WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'inet', 'cidr')
				""").query(String.class).list();
		assertThat(jdbc.sql("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' "
				+ "AND data_type IN ('inet', 'cidr')").query(Integer.class).single()).isZero();
		for (String column : textColumns) {
			String[] parts = column.split("\\.");
			int hits = jdbc.sql("SELECT count(*) FROM " + parts[0] + " WHERE CAST(" + parts[1]
					+ " AS text) ~ '(127\\.0\\.0\\.1|203\\.0\\.113\\.|0:0:0:0:0:0:0:1)'").query(Integer.class).single();
			assertThat(hits).as(column).isZero();
		}
		assertThat(output.getAll()).doesNotContain("127.0.0.1").doesNotContain("203.0.113.")
			.doesNotContain("0:0:0:0:0:0:0:1");
	}
}
