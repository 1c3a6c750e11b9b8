package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SamtalTest
class LogReviewTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAdminSearchesSamplesAndAnnotatesTheirOwnOrganisationsLogOnly() {
		Reception mine = fixtures.openReception();
		Reception theirs = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(mine);
		Fixtures.Staff stranger = fixtures.counselor(theirs);
		Fixtures.Staff admin = fixtures.admin(mine);
		String subject = readQueueAs(counselor, mine);
		readQueueAs(stranger, theirs);

		Http http = new Http(port);
		http.logIn(admin.username(), admin.password());
		String page = http.get("/admin/access-log?staffName=" + counselor.username()).body();
		assertThat(page).contains(subject).contains(counselor.username()).doesNotContain(stranger.username());
		assertThat(http.get("/admin/access-log?subject=" + subject).body()).contains(counselor.username());
		assertThat(http.get("/admin/access-log").body()).as("other organisations' entries never show")
			.doesNotContain(stranger.username());
		assertThat(http.get("/admin/access-log?sample=1").body()).contains("slumpmässigt urval").contains(subject);

		accessLog.awaitWritten();
		long seq = jdbc.sql("SELECT max(seq) FROM access_log WHERE actor_id = ?").param(counselor.id()).query(Long.class).single();
		String csrf = Http.csrfFrom(page);
		var reviewed = http.postForm("/admin/access-log/" + seq + "/review", Map.of("_csrf", csrf, "note", "Aktiv kontakt, ok"));
		assertThat(reviewed.statusCode()).isEqualTo(302);
		assertThat(http.get("/admin/access-log?staffName=" + counselor.username()).body()).contains("Aktiv kontakt, ok");
		http.postForm("/admin/access-log/" + seq + "/review", Map.of("_csrf", csrf, "note", "Rättad: ingen kontakt"));
		assertThat(http.get("/admin/access-log?staffName=" + counselor.username()).body())
			.as("the latest review shows, and the earlier one is kept").contains("Rättad: ingen kontakt")
			.contains("Tidigare granskningar sparade: 1");
		assertThat(jdbc.sql("SELECT note FROM access_log_review WHERE seq = ? ORDER BY id").param(seq)
			.query(String.class).list()).containsExactly("Aktiv kontakt, ok", "Rättad: ingen kontakt");

		accessLog.awaitWritten();
		long foreign = jdbc.sql("SELECT max(seq) FROM access_log WHERE actor_id = ?").param(stranger.id()).query(Long.class).single();
		assertThat(http.postForm("/admin/access-log/" + foreign + "/review", Map.of("_csrf", csrf, "note", "x")).statusCode())
			.as("an entry of another organisation").isEqualTo(404);

		accessLog.awaitWritten();
		assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE actor_id = ? AND context LIKE 'log review%'")
			.param(admin.id()).query(Integer.class).single()).as("reviewing the log is itself logged").isGreaterThanOrEqualTo(4);
	}

	@Autowired
	AccessLog accessLog;

	@Test
	void accessesWithoutAnActiveContactAreFlagged() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Fixtures.Staff admin = fixtures.admin(reception);
		Http visitor = new Http(port);
		String started = visitor.postJson("/api/v1/receptions/" + reception.slug() + "/conversations", "{}").body();
		String id = started.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
		Http staff = new Http(port);
		String csrf = staff.logIn(counselor.username(), counselor.password());
		staff.post("/console/api/conversations/" + id + "/take", "X-CSRF-TOKEN", csrf);
		String handle = staff.get("/console/api/conversations/" + id).body().replaceAll(".*\"handle\":\"([^\"]+)\".*", "$1");
		// A read of the same visitor by a colleague who never had contact: what a log review is for.
		Fixtures.Staff colleague = fixtures.counselor(reception);
		accessLog.record(Access.of(colleague.id(), "COUNSELOR", reception.organisation().id(), reception.id(),
				"visitor:" + handle, DataCategory.CHAT_CONTENT, AccessAction.READ, "console: conversation opened"));

		Http http = new Http(port);
		http.logIn(admin.username(), admin.password());
		String flagged = http.get("/admin/access-log?withoutContact=1").body();
		assertThat(flagged).contains(colleague.username()).doesNotContain(">" + counselor.username() + " (");
		assertThat(flagged).contains("Ingen aktiv kontakt");
		String all = http.get("/admin/access-log?subject=visitor:" + handle).body();
		assertThat(all).contains(counselor.username()).contains(colleague.username());
	}

	@Test
	void badFiltersGetASpecificMessageAndKeepWhatWasTyped() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		Http http = new Http(port);
		http.logIn(admin.username(), admin.password());
		assertThat(http.get("/admin/access-log?staffName=nobody.at.all").body())
			.contains("Det finns ingen personal med användarnamnet nobody.at.all.").contains("value=\"nobody.at.all\"");
		assertThat(http.get("/admin/access-log?from=yesterday").body()).contains("Ange datum som ÅÅÅÅ-MM-DD.")
			.contains("value=\"yesterday\"");
		HttpResponse<String> huge = http.get("/admin/access-log?subject=" + "x".repeat(101));
		assertThat(huge.statusCode()).isEqualTo(200);
		assertThat(huge.body()).contains("En klient anges med sin pseudonym, som har högst 100 tecken.")
			.contains("value=\"" + "x".repeat(101) + "\"");
		assertThat(http.get("/admin/access-log?subject=%3Cscript%3Ealert(1)%3C/script%3E").body())
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)</script>");
		accessLog.awaitWritten();
		assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE actor_id = ?").param(admin.id())
			.query(Integer.class).single()).as("what matched nothing read nothing, and what was typed is no subject").isZero();
	}

	@Test
	void markingAnEntryOfASampleReturnsToTheSameSampleWithWhatWasLoggedSinceLeftOut() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Fixtures.Staff admin = fixtures.admin(reception);
		for (int i = 0; i < 30; i++) {
			accessLog.record(Access.of(counselor.id(), "COUNSELOR", reception.organisation().id(), reception.id(),
					"visitor:sample-" + i, DataCategory.CHAT_CONTENT, AccessAction.READ, "console: conversation opened"));
		}
		Http http = new Http(port);
		http.logIn(admin.username(), admin.password());
		String drawn = http.get("/admin/access-log?staffName=" + counselor.username() + "&sample=1").body();
		List<String> sample = seqs(drawn);
		assertThat(sample).hasSize(20);
		String seed = hidden(drawn, "seed");
		String upTo = hidden(drawn, "upTo");
		accessLog.record(Access.of(counselor.id(), "COUNSELOR", reception.organisation().id(), reception.id(),
				"visitor:later", DataCategory.CHAT_CONTENT, AccessAction.READ, "console: conversation opened"));

		HttpResponse<String> marked = http.postForm("/admin/access-log/" + sample.get(3) + "/review",
				Map.of("_csrf", Http.csrfFrom(drawn), "note", "Kontakt fanns", "staffName", counselor.username(),
						"sample", "1", "seed", seed, "upTo", upTo));
		assertThat(marked.statusCode()).isEqualTo(302);
		String back = marked.headers().firstValue("Location").orElseThrow();
		assertThat(back).contains("seed=" + seed).contains("upTo=" + upTo).contains("reviewed=" + sample.get(3));
		String again = http.get(back.substring(back.indexOf("/admin/"))).body();
		assertThat(seqs(again)).as("the same sample, not a new draw").isEqualTo(sample);
		assertThat(again).contains("Post " + sample.get(3) + " är markerad som granskad.").contains("Kontakt fanns")
			.contains("Granskad av " + admin.username() + ", ").doesNotContain("visitor:later");
		accessLog.awaitWritten();
		java.time.Instant at = jdbc.sql("SELECT at FROM access_log WHERE seq = ?").param(Long.parseLong(sample.get(3)))
			.query(java.sql.Timestamp.class).single().toInstant();
		assertThat(again).as("in the organisation's own time")
			.contains(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
				.format(at.atZone(reception.organisation().timeZone())));

		HttpResponse<String> tooLong = http.postForm("/admin/access-log/" + sample.get(0) + "/review",
				Map.of("_csrf", Http.csrfFrom(drawn), "note", "n".repeat(1001), "staffName", counselor.username(),
						"sample", "1", "seed", seed, "upTo", upTo));
		assertThat(tooLong.statusCode()).isEqualTo(302);
		String refused = http.get(tooLong.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")).body();
		assertThat(refused).contains("En anteckning får ha högst 1000 tecken.");
		assertThat(seqs(refused)).isEqualTo(sample);
	}

	private static List<String> seqs(String page) {
		return Pattern.compile("<tr>\\s*<td>(\\d+)</td>").matcher(page).results().map(m -> m.group(1)).toList();
	}

	private static String hidden(String page, String name) {
		Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
		assertThat(m.find()).as(name).isTrue();
		return m.group(1);
	}

	@Test
	void counselorsCannotReviewTheLog() {
		Fixtures.Staff counselor = fixtures.counselor(fixtures.openReception());
		Http http = new Http(port);
		http.logIn(counselor.username(), counselor.password());
		assertThat(http.get("/admin/access-log").statusCode()).isEqualTo(403);
	}

	private String readQueueAs(Fixtures.Staff staff, Reception reception) {
		Http visitor = new Http(port);
		visitor.postJson("/api/v1/receptions/" + reception.slug() + "/conversations", "{}");
		Http http = new Http(port);
		http.logIn(staff.username(), staff.password());
		String queue = http.get("/console/api/queue").body();
		return "visitor:" + queue.replaceAll(".*\"handle\":\"([^\"]+)\".*", "$1");
	}
}
