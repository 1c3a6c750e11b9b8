package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every staff endpoint either writes the access log or says why it returns no client data; and the first kind do. */
@SamtalTest
class StaffEndpointsAccessLogTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	javax.sql.DataSource dataSource;

	@Test
	void everyStaffEndpointDeclaresWhetherItReadsClientData() {
		List<String> undeclared = new ArrayList<>();
		int staffEndpoints = 0;
		for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
				boolean staffPath = entry.getKey().getPatternValues().stream()
					.anyMatch(path -> path.startsWith("/console") || path.startsWith("/admin"));
				if (!staffPath) {
					continue;
				}
				staffEndpoints++;
				HandlerMethod handler = entry.getValue();
				boolean logged = handler.hasMethodAnnotation(AccessLogged.class);
				boolean declaredClean = handler.hasMethodAnnotation(NoClientData.class);
				if (logged == declaredClean) {
					undeclared.add(entry.getKey() + " -> " + handler.getMethod());
				}
			}
		}
		assertThat(staffEndpoints).isGreaterThanOrEqualTo(9);
		assertThat(undeclared).as("staff endpoints must be @AccessLogged or @NoClientData, not neither or both").isEmpty();
	}

	@Test
	void theAccessLoggedEndpointsWriteAnEntryEachTime() throws Exception {
		Reception reception = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Http visitor = new Http(port);
		Started started = start(visitor, reception);
		String id = started.id();
		String file = visitor.postFile("/api/v1/conversations/" + id + "/files", "a.txt", "text/plain", "hej".getBytes(),
				started.bearer()).body().replaceAll(".*\"file\":\\{\"id\":\"([^\"]+)\".*", "$1");

		Http staff = new Http(port);
		String csrf = staff.logIn(counselor.username(), counselor.password());
		assertWritesAnEntry(counselor, () -> staff.get("/console/api/queue"));
		staff.post("/console/api/conversations/" + id + "/take", "X-CSRF-TOKEN", csrf);
		assertWritesAnEntry(counselor, () -> staff.get("/console/api/conversations"));
		assertWritesAnEntry(counselor, () -> staff.get("/console/api/conversations/" + id));
		assertWritesAnEntry(counselor, () -> staff.getBytes("/console/files/" + id + "/" + file));
		assertWritesAnEntry(counselor, () -> staff.post("/console/api/conversations/" + id + "/end", "X-CSRF-TOKEN", csrf));
		assertNothingLeftInFlight();
	}

	@Test
	void aConversationIsSentOnlyOnceItsEntryIsOnDisk() throws Exception {
		Reception reception = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Http visitor = new Http(port);
		Started started = start(visitor, reception);
		String id = started.id();
		visitor.postJson("/api/v1/conversations/" + id + "/messages",
				"{\"clientMessageId\": \"1\", \"text\": \"Jag vill prata med någon\"}", started.bearer());
		Http staff = new Http(port);
		String csrf = staff.logIn(counselor.username(), counselor.password());
		staff.post("/console/api/conversations/" + id + "/take", "X-CSRF-TOKEN", csrf);
		int before = entriesBy(counselor);

		java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> opened;
		try (java.sql.Connection blocker = dataSource.getConnection()) {
			// Someone holds the chain's head row, so the entry cannot be committed for now.
			blocker.setAutoCommit(false);
			blocker.createStatement().execute("SELECT * FROM access_log_head WHERE id = 1 FOR UPDATE");
			opened = java.util.concurrent.CompletableFuture.supplyAsync(() -> staff.get("/console/api/conversations/" + id));
			Thread.sleep(700);
			assertThat(opened).as("the conversation is held while its entry waits").isNotDone();
			blocker.rollback();
		}
		java.net.http.HttpResponse<String> response = opened.get(10, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Jag vill prata med någon");
		assertThat(entriesBy(counselor)).isEqualTo(before + 1);
		assertNothingLeftInFlight();
	}

	@Autowired
	AccessLogWriter writer;

	/** A request that showed a read settles its entries when it ends, so the writer does not wait for it any more. */
	private void assertNothingLeftInFlight() throws InterruptedException {
		// The response can reach the client a moment before its request has finished on the server.
		for (int i = 0; i < 100 && writer.inFlight() != 0; i++) {
			Thread.sleep(20);
		}
		assertThat(writer.inFlight()).isZero();
	}

	/** A visitor's new conversation: its id, and the header that proves the visitor's token. */
	private record Started(String id, String... bearer) {
	}

	private static Started start(Http visitor, Reception reception) {
		String body = visitor.postJson("/api/v1/receptions/" + reception.slug() + "/conversations", "{}").body();
		return new Started(body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"), "Authorization",
				"Bearer " + body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1"));
	}

	private void assertWritesAnEntry(Fixtures.Staff staff, Runnable call) {
		int before = entriesBy(staff);
		call.run();
		assertThat(entriesBy(staff)).isGreaterThan(before);
	}

	private int entriesBy(Fixtures.Staff staff) {
		return jdbc.sql("SELECT count(*) FROM access_log WHERE actor_id = ?").param(staff.id()).query(Integer.class).single();
	}
}
