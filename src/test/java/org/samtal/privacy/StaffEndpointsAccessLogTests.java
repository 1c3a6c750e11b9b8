package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
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
	AccessLog accessLog;

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
	void everyAccessLoggedEndpointWritesAnEntryOfACategoryItDeclares() throws Exception {
		Map<String, Set<DataCategory>> declared = accessLoggedEndpoints();
		Map<String, Case> cases = cases();
		assertThat(difference(declared.keySet(), cases.keySet()))
			.as("@AccessLogged endpoints without a case in cases(), so nothing checks that they write the log").isEmpty();
		assertThat(difference(cases.keySet(), declared.keySet()))
			.as("cases in cases() for endpoints that are not @AccessLogged (any more)").isEmpty();

		List<String> failures = new ArrayList<>();
		for (Map.Entry<String, Set<DataCategory>> endpoint : declared.entrySet()) {
			Case known = cases.get(endpoint.getKey());
			Call call = known.prepare().get();
			long before = lastEntryBy(call.by());
			int status = call.request().get().statusCode();
			Set<DataCategory> written = categoriesWrittenBy(call.by(), before);
			Set<DataCategory> undeclared = difference(written, endpoint.getValue());
			if (written.isEmpty()) {
				failures.add(endpoint.getKey() + " answered " + status + " and wrote no access-log entry");
			}
			else if (!undeclared.isEmpty()) {
				failures.add(endpoint.getKey() + " wrote entries of " + undeclared + " but declares only "
						+ endpoint.getValue());
			}
		}
		assertThat(failures).as("each @AccessLogged endpoint, called as staff who may, logs what it declares").isEmpty();
		assertNothingLeftInFlight();
	}

	/**
	 * How each @AccessLogged endpoint is called, by its HTTP method and path pattern: what it needs to show is set up
	 * first, then one call as staff who may make it. An endpoint that becomes @AccessLogged needs a case here.
	 */
	private Map<String, Case> cases() {
		return Map.ofEntries(
				Map.entry("GET /console/api/queue",
						new Case(() -> counselling().counselor().get("/console/api/queue"))),
				Map.entry("GET /console/api/conversations",
						new Case(() -> counselling().taken().counselor().get("/console/api/conversations"))),
				Map.entry("GET /console/api/conversations/{id}", new Case(() -> {
					Counselling counselling = counselling().taken();
					return counselling.counselor().get("/console/api/conversations/" + counselling.conversation().id());
				})),
				Map.entry("GET /console/files/{conversationId}/{fileId}", new Case(() -> {
					Counselling counselling = counselling();
					String file = counselling.fileFromTheVisitor();
					counselling.taken();
					return counselling.counselor()
						.getBytes("/console/files/" + counselling.conversation().id() + "/" + file);
				})),
				Map.entry("POST /console/api/conversations/{id}/end", new Case(() -> {
					Counselling counselling = counselling().taken();
					return counselling.counselor()
						.post("/console/api/conversations/" + counselling.conversation().id() + "/end");
				})),
				Map.entry("GET /admin/requests/{id}", new Case(() -> {
					Requested requested = accessRequestFromAClientInConversation();
					return requested.admin().get("/admin/requests/" + requested.id());
				})),
				Map.entry("POST /admin/requests/{id}/answer", new Case(() -> {
					Requested requested = accessRequestFromAClientInConversation();
					return requested.admin().postForm("/admin/requests/" + requested.id() + "/answer",
							Map.of("note", "Här är allt vi har."));
				})),
				Map.entry("POST /admin/requests/{id}/extend", new Case(() -> {
					Requested requested = accessRequestFromAClientInConversation();
					return requested.admin().postForm("/admin/requests/" + requested.id() + "/extend",
							Map.of("reason", "Många begäranden just nu"));
				})),
				Map.entry("GET /admin/retention", new Case(() -> {
					// The page logs a read per legal hold's key it lists, lifted ones too, so the organisation needs one.
					Reception reception = fixtures.openReception();
					Fixtures.Staff admin = fixtures.admin(reception);
					jdbc.sql("""
							INSERT INTO legal_hold
							    (id, organisation_id, data_category, record_key, reason, placed_by, placed_at, lifted_by, lifted_at)
							VALUES (?, ?, 'ACCESS_LOG_ENTRY', 'visitor:ONCE-HELD', 'Tvist', ?, now(), ?, now())""")
						.params(UUID.randomUUID(), reception.organisation().id(), admin.id(), admin.id())
						.update();
					return signIn(admin).get("/admin/retention");
				})),
				Map.entry("GET /admin/access-log", new Case(() -> {
					// The review logs a read per person the entries it shows are about, so it must find some.
					Counselling counselling = counselling().taken();
					counselling.counselor().http().get("/console/api/conversations/" + counselling.conversation().id());
					return signIn(fixtures.admin(counselling.reception()))
						.get("/admin/access-log?staffName=" + counselling.counselor().staff().username());
				})));
	}

	/** Sets up what an endpoint needs to show, and says who calls it and how. */
	private record Case(Supplier<Call> prepare) {
	}

	/** One call of an endpoint by a staff member, whose new entries in the log are then looked for. */
	private record Call(Fixtures.Staff by, Supplier<HttpResponse<?>> request) {
	}

	/** A staff member signed in through the login form, with the CSRF token their pages carry. */
	private record SignedIn(Fixtures.Staff staff, Http http, String csrf) {

		Call get(String path) {
			return new Call(staff, () -> http.get(path));
		}

		Call getBytes(String path) {
			return new Call(staff, () -> http.getBytes(path));
		}

		Call post(String path) {
			return new Call(staff, () -> http.post(path, "X-CSRF-TOKEN", csrf));
		}

		Call postForm(String path, Map<String, String> form) {
			Map<String, String> withCsrf = new HashMap<>(form);
			withCsrf.put("_csrf", csrf);
			return new Call(staff, () -> http.postForm(path, withCsrf));
		}
	}

	private SignedIn signIn(Fixtures.Staff staff) {
		Http http = new Http(port);
		return new SignedIn(staff, http, http.logIn(staff.username(), staff.password()));
	}

	/** A counselor signed in at a reception where a visitor has started a conversation. */
	private record Counselling(Reception reception, SignedIn counselor, Http visitor, Started conversation) {

		Counselling taken() {
			counselor.http().post("/console/api/conversations/" + conversation.id() + "/take", "X-CSRF-TOKEN",
					counselor.csrf());
			return this;
		}

		/** The id of a file the visitor sends in the conversation. */
		String fileFromTheVisitor() {
			String sent = visitor.postFile("/api/v1/conversations/" + conversation.id() + "/files", "a.txt", "text/plain",
					"hej".getBytes(), conversation.bearer()).body();
			return sent.replaceAll(".*\"file\":\\{\"id\":\"([^\"]+)\".*", "$1");
		}
	}

	private Counselling counselling() {
		Reception reception = fixtures.openReception();
		SignedIn counselor = signIn(fixtures.counselor(reception));
		Http visitor = new Http(port);
		return new Counselling(reception, counselor, visitor, start(visitor, reception));
	}

	/** An admin signed in, and a verified request to their organisation. */
	private record Requested(SignedIn admin, UUID id) {
	}

	/**
	 * A verified access request to an organisation from a client whose conversation it holds, so that the request's
	 * page has something to show and its answer something to export; and the organisation's admin, signed in.
	 */
	private Requested accessRequestFromAClientInConversation() {
		Reception reception = fixtures.openReception();
		String username = "klient" + UUID.randomUUID().toString().substring(0, 8);
		String email = username + "@exempel.se";
		Http client = new Http(port);
		String password = "korp-över-fjället";
		client.postForm("/account/register", Map.of("username", username, "password", password, "passwordRepeat",
				password, "_csrf", Http.csrfFrom(client.get("/account/register").body())));
		String csrf = Http.csrfFrom(client.get("/account").body());
		client.postForm("/account/contact", Map.of("channel", "EMAIL", "address", email, "_csrf", csrf));
		client.postForm("/account/contact/verify", Map.of("channel", "EMAIL", "code", lastCodeTo(email), "_csrf", csrf));
		client.postForm("/r/" + reception.slug() + "/chat", Map.of(), "Origin", client.base());

		Http asker = new Http(port);
		String form = Http.csrfFrom(asker.get("/requests").body());
		String verification = asker.postForm("/requests", Map.of("controller", reception.organisation().slug(), "kind",
				"ACCESS", "channel", "EMAIL", "address", email, "details", "", "_csrf", form))
			.headers().firstValue("Location").orElseThrow();
		UUID id = UUID.fromString(verification.substring(verification.lastIndexOf('/') + 1));
		asker.postForm("/requests/" + id + "/verify", Map.of("code", lastCodeTo(email), "_csrf", form));
		return new Requested(signIn(fixtures.admin(reception)), id);
	}

	/** Every handler method marked @AccessLogged, as "METHOD /path/{pattern}", with the categories it declares. */
	private Map<String, Set<DataCategory>> accessLoggedEndpoints() {
		Map<String, Set<DataCategory>> endpoints = new TreeMap<>();
		for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
				AccessLogged logged = entry.getValue().getMethodAnnotation(AccessLogged.class);
				if (logged == null) {
					continue;
				}
				Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
				for (String path : entry.getKey().getPatternValues()) {
					// A mapping without a method answers any: it still needs its one case.
					for (String method : methods.isEmpty() ? List.of("ANY") : methods.stream().map(Enum::name).toList()) {
						endpoints.put(method + " " + path, Set.of(logged.value()));
					}
				}
			}
		}
		return endpoints;
	}

	private static <T extends Comparable<T>> Set<T> difference(Set<T> these, Set<T> butNot) {
		Set<T> left = new TreeSet<>(these);
		left.removeAll(butNot);
		return left;
	}

	@Test
	void aConversationIsShownBeforeItsEntryIsWrittenUntilTheLogIsHeldUpThenOnlyOnceTheEntryIsOnDisk() throws Exception {
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

		java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> second;
		try (java.sql.Connection blocker = dataSource.getConnection()) {
			// Someone holds the chain's head row, so no entry can be committed for now.
			blocker.setAutoCommit(false);
			blocker.createStatement().execute("SELECT * FROM access_log_head WHERE id = 1 FOR UPDATE");
			java.net.http.HttpResponse<String> first = staff.get("/console/api/conversations/" + id);
			assertThat(first.body()).as("a read is shown without waiting for its entry").contains("Jag vill prata med någon");
			assertThat(committedEntriesBy(counselor)).isEqualTo(before);

			// Held up for longer than a second, the log no longer lets reads go ahead of their entries.
			Thread.sleep(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(AccessLogWriter.STUCK_AFTER_NANOS) + 200);
			second = java.util.concurrent.CompletableFuture.supplyAsync(() -> staff.get("/console/api/conversations/" + id));
			Thread.sleep(700);
			assertThat(second).as("the conversation is held while the log is held up").isNotDone();
			blocker.rollback();
		}
		java.net.http.HttpResponse<String> response = second.get(10, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Jag vill prata med någon");
		assertThat(entriesBy(counselor)).as("both reads logged").isEqualTo(before + 2);
		assertNothingLeftInFlight();
	}

	/** What is committed now, without waiting for entries on their way. */
	private int committedEntriesBy(Fixtures.Staff staff) {
		return jdbc.sql("SELECT count(*) FROM access_log WHERE actor_id = ?").param(staff.id()).query(Integer.class).single();
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

	private long lastEntryBy(Fixtures.Staff staff) {
		accessLog.awaitWritten();
		return jdbc.sql("SELECT coalesce(max(id), 0) FROM access_log WHERE actor_id = ?").param(staff.id())
			.query(Long.class).single();
	}

	private Set<DataCategory> categoriesWrittenBy(Fixtures.Staff staff, long after) {
		Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
		accessLog.awaitWritten();
		jdbc.sql("SELECT data_category FROM access_log WHERE actor_id = ? AND id > ?").params(staff.id(), after)
			.query(String.class).list().forEach(category -> categories.add(DataCategory.valueOf(category)));
		return categories;
	}

	private String lastCodeTo(String address) {
		String body = jdbc.sql("""
				SELECT body FROM notification_message WHERE lower(recipient) = lower(?)
				ORDER BY created_at DESC, id DESC LIMIT 1""")
			.param(address).query(String.class).single();
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(body);
		assertThat(code.find()).as(body).isTrue();
		return code.group(1);
	}

	private int entriesBy(Fixtures.Staff staff) {
		accessLog.awaitWritten();
		return jdbc.sql("SELECT count(*) FROM access_log WHERE actor_id = ?").param(staff.id()).query(Integer.class).single();
	}
}
