package org.samtal.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.ChatSocketClient;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.identity.StaffMember;
import org.samtal.identity.StaffRole;
import org.samtal.platform.Problems;
import org.samtal.privacy.AccessAction;
import org.samtal.privacy.AccessLog;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;

@SamtalTest
class ConversationQueueTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CounselorChat counselors;

	@Autowired
	AccessLog accessLog;

	@Autowired
	ConversationRepository conversations;

	@AfterEach
	void logOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void twoCounselorsCanNeverTakeTheSameConversation() throws Exception {
		Reception reception = fixtures.openReception();
		Http first = new Http(port);
		Http second = new Http(port);
		Fixtures.Staff a = fixtures.counselor(reception);
		Fixtures.Staff b = fixtures.counselor(reception);
		String csrfA = first.logIn(a.username(), a.password());
		String csrfB = second.logIn(b.username(), b.password());
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 20; round++) {
				Conversations.Started conversation = Conversations.start(new Http(port), reception);
				CountDownLatch go = new CountDownLatch(1);
				String path = "/console/api/conversations/" + conversation.id() + "/take";
				Future<Integer> byA = pool.submit(() -> {
					go.await();
					return first.post(path, "X-CSRF-TOKEN", csrfA).statusCode();
				});
				Future<Integer> byB = pool.submit(() -> {
					go.await();
					return second.post(path, "X-CSRF-TOKEN", csrfB).statusCode();
				});
				go.countDown();
				assertThat(List.of(byA.get(), byB.get())).as("round " + round).containsExactlyInAnyOrder(200, 409);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void takingTheNextConversationConcurrentlyGivesEachToExactlyOneCounselor() throws Exception {
		Reception reception = fixtures.openReception();
		List<UUID> waiting = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			waiting.add(Conversations.start(new Http(port), reception).id());
		}
		Set<String> taken = ConcurrentHashMap.newKeySet();
		List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int w = 0; w < 3; w++) {
				Fixtures.Staff counselor = fixtures.counselor(reception);
				Http http = new Http(port);
				String csrf = http.logIn(counselor.username(), counselor.password());
				workers.add(pool.submit(() -> {
					for (int i = 0; i < 5; i++) {
						var response = http.post("/console/api/queue/take-next", "X-CSRF-TOKEN", csrf);
						if (response.statusCode() == 200) {
							String id = Conversations.json.readTree(response.body()).path("id").asString();
							taken.add(id);
							all.add(id);
						}
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(all).hasSize(10);
		assertThat(taken).containsExactlyInAnyOrderElementsOf(waiting.stream().map(UUID::toString).toList());
	}

	@Test
	void theQueueShowsPositionWaitingTimeFormAnswersAndFirstMessage() {
		Reception reception = fixtures.receptionWithForm();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Http visitor = new Http(port);
		JsonNode started = Conversations.json.readTree(visitor.postJson("/api/v1/receptions/" + reception.slug()
				+ "/conversations", "{\"form\": {\"ageGroup\": \"13-15\", \"topic\": \"body\"}}").body());
		String id = started.path("id").asString();
		visitor.postJson("/api/v1/conversations/" + id + "/messages", "{\"clientMessageId\": \"1\", \"text\": \"Hej\"}",
				"Authorization", "Bearer " + started.path("token").asString());
		Http staff = new Http(port);
		staff.logIn(counselor.username(), counselor.password());
		JsonNode queue = Conversations.json.readTree(staff.get("/console/api/queue").body());
		assertThat(queue).hasSize(1);
		JsonNode entry = queue.get(0);
		assertThat(entry.path("id").asString()).isEqualTo(id);
		assertThat(entry.path("position").asInt()).isEqualTo(1);
		assertThat(entry.path("waitingSeconds").asLong()).isGreaterThanOrEqualTo(0);
		assertThat(entry.path("form").path("Ålder").asString()).as("the reception's own labels").isEqualTo("13–15");
		assertThat(entry.path("form").path("Ämne").asString()).isEqualTo("Kropp");
		assertThat(entry.path("firstMessage").asString()).isEqualTo("Hej");
		assertThat(entry.path("reception").asString()).isEqualTo(reception.name());
	}

	@Test
	void staffSeeAndActOnlyOnTheirOwnReceptionsCheckedInTheService() {
		Reception mine = fixtures.openReception();
		Reception theirs = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(mine);
		Conversations.Started elsewhere = Conversations.start(new Http(port), theirs);
		Conversations.Started here = Conversations.start(new Http(port), mine);

		Http http = new Http(port);
		String csrf = http.logIn(counselor.username(), counselor.password());
		JsonNode queue = Conversations.json.readTree(http.get("/console/api/queue").body());
		assertThat(queue.findValuesAsString("id")).contains(here.id().toString()).doesNotContain(elsewhere.id().toString());
		assertThat(http.post("/console/api/conversations/" + elsewhere.id() + "/take", "X-CSRF-TOKEN", csrf).statusCode())
			.isEqualTo(403);
		assertThat(http.get("/console/api/conversations/" + elsewhere.id()).statusCode()).isEqualTo(403);

		StaffMember member = new StaffMember(counselor.id(), counselor.username(), "Staff", StaffRole.COUNSELOR,
				mine.organisation().id(), Set.of(mine.id()));
		assertThatThrownBy(() -> counselors.take(member, elsewhere.id()))
			.as("without any authentication, the service refuses")
			.isInstanceOf(AuthenticationCredentialsNotFoundException.class);
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(member, null, "ROLE_COUNSELOR"));
		assertThatThrownBy(() -> counselors.take(member, elsewhere.id())).isInstanceOfSatisfying(Problems.class,
				problem -> assertThat(problem.slug()).isEqualTo("not-your-reception"));
		assertThatThrownBy(() -> counselors.open(member, elsewhere.id())).isInstanceOf(Problems.class);
		assertThatThrownBy(() -> counselors.open(member, here.id()))
			.as("not before taking it").isInstanceOf(Problems.class);
	}

	@Test
	void openingAConversationIsAccessLoggedUnderTheVisitorsPseudonymOnly() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Conversations.Started conversation = Conversations.start(new Http(port), reception);
		Http http = new Http(port);
		String csrf = http.logIn(counselor.username(), counselor.password());
		http.post("/console/api/conversations/" + conversation.id() + "/take", "X-CSRF-TOKEN", csrf);
		JsonNode opened = Conversations.json.readTree(http.get("/console/api/conversations/" + conversation.id()).body());
		String subject = "visitor:" + opened.path("handle").asString();
		assertThat(accessLog.entriesAbout(subject)).anySatisfy(entry -> {
			assertThat(entry.actorId()).isEqualTo(counselor.id());
			assertThat(entry.action()).isEqualTo(AccessAction.READ);
			assertThat(entry.receptionId()).isEqualTo(reception.id());
			assertThat(entry.organisationId()).isEqualTo(reception.organisation().id());
			assertThat(entry.at()).isNotNull();
		});
	}

	@Test
	void aConsoleFollowingAConversationLiveIsAccessLoggedWhenItIsTakenAndOnEveryConnection() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Conversations.Started conversation = Conversations.start(new Http(port), reception);
		String subject = conversations.find(conversation.id()).orElseThrow().subject();
		Http http = new Http(port);
		String csrf = http.logIn(counselor.username(), counselor.password());

		http.post("/console/api/conversations/" + conversation.id() + "/take", "X-CSRF-TOKEN", csrf);
		assertThat(accessLog.entriesAbout(subject)).singleElement().satisfies(entry -> {
			assertThat(entry.actorId()).isEqualTo(counselor.id());
			assertThat(entry.action()).isEqualTo(AccessAction.READ);
			assertThat(entry.context()).as("its messages reach the console from now on").contains("taken");
		});

		try (ChatSocketClient console = ChatSocketClient.connect(http)) {
			console.send(Map.of("type", "hello"));
			console.await("welcome");
			assertThat(accessLog.entriesAbout(subject)).as("a reconnected console follows it again").hasSize(2)
				.first().satisfies(entry -> {
					assertThat(entry.actorId()).isEqualTo(counselor.id());
					assertThat(entry.action()).isEqualTo(AccessAction.READ);
					assertThat(entry.receptionId()).isEqualTo(reception.id());
					assertThat(entry.context()).contains("connected");
				});
		}
	}
}
