package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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

		long seq = jdbc.sql("SELECT max(seq) FROM access_log WHERE actor_id = ?").param(counselor.id()).query(Long.class).single();
		String csrf = Http.csrfFrom(page);
		var reviewed = http.postForm("/admin/access-log/" + seq + "/review", Map.of("_csrf", csrf, "note", "Aktiv kontakt, ok"));
		assertThat(reviewed.statusCode()).isEqualTo(302);
		assertThat(http.get("/admin/access-log?staffName=" + counselor.username()).body()).contains("Aktiv kontakt, ok");

		long foreign = jdbc.sql("SELECT max(seq) FROM access_log WHERE actor_id = ?").param(stranger.id()).query(Long.class).single();
		assertThat(http.postForm("/admin/access-log/" + foreign + "/review", Map.of("_csrf", csrf, "note", "x")).statusCode())
			.as("an entry of another organisation").isEqualTo(404);

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
