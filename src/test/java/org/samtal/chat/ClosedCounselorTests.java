package org.samtal.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.ChatSocketClient;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.identity.StaffMember;
import org.samtal.identity.StaffRole;
import org.samtal.platform.Problems;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.socket.CloseStatus;

@SamtalTest
class ClosedCounselorTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ConversationRepository conversations;

	@Autowired
	CounselorChat counselors;

	@AfterEach
	void logOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void closingACounselorsAccountHandsTheirConversationsBackToTheQueueInTheirOldPlacesAndShutsTheirConnection() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff leaving = fixtures.counselor(reception);
		Fixtures.Staff colleague = fixtures.counselor(reception);
		Fixtures.Staff admin = fixtures.admin(reception);
		Conversations.Started first = Conversations.start(new Http(port), reception);
		Conversations.Started later = Conversations.start(new Http(port), reception);
		Http leavingsBrowser = new Http(port);
		String csrf = leavingsBrowser.logIn(leaving.username(), leaving.password());
		leavingsBrowser.post("/console/api/conversations/" + first.id() + "/take", "X-CSRF-TOKEN", csrf);
		assertThat(conversations.activeFor(leaving.id())).extracting(Conversation::id).containsExactly(first.id());

		Http visitor = new Http(port);
		try (ChatSocketClient console = ChatSocketClient.connect(leavingsBrowser);
				ChatSocketClient visitorsApp = ChatSocketClient.connect(visitor)) {
			console.send(Map.of("type", "hello"));
			console.await("welcome");
			visitorsApp.send(Map.of("type", "hello", "conversationId", first.id().toString(), "token", first.token()));
			visitorsApp.await("welcome");

			adminCloses(admin, leaving);

			console.await(ChatNotifier.ACCOUNT_CLOSED);
			assertThat(console.awaitClosedByServer()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
			assertThat(visitorsApp.await("status", frame -> frame.path("status").asString().equals("WAITING"))
				.path("queuePosition").asInt()).as("the visitor hears they wait again, first in line").isEqualTo(1);
		}
		assertThat(conversations.activeFor(leaving.id())).isEmpty();
		List<Conversation> queue = conversations.waiting(Set.of(reception.id()));
		assertThat(queue).extracting(Conversation::id).containsExactly(first.id(), later.id());
		assertThat(queue.getFirst().counselorId()).isNull();

		Http colleaguesBrowser = new Http(port);
		String colleaguesCsrf = colleaguesBrowser.logIn(colleague.username(), colleague.password());
		assertThat(colleaguesBrowser.post("/console/api/queue/take-next", "X-CSRF-TOKEN", colleaguesCsrf).body())
			.as("the colleague takes it next").contains(first.id().toString());
	}

	@Test
	void aClosedCounselorCannotTakeAConversationEvenWithTheSignInTheyHadBefore() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff leaving = fixtures.counselor(reception);
		Fixtures.Staff admin = fixtures.admin(reception);
		Conversations.Started waiting = Conversations.start(new Http(port), reception);
		adminCloses(admin, leaving);

		// As a request already past the session check would: the service itself refuses.
		StaffMember stale = new StaffMember(leaving.id(), leaving.username(), "Staff " + leaving.username(),
				StaffRole.COUNSELOR, reception.organisation().id(), Set.of(reception.id()));
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("staff", null, "ROLE_COUNSELOR"));
		assertThatThrownBy(() -> counselors.take(stale, waiting.id())).isInstanceOf(Problems.class)
			.hasMessageContaining("closed");
		assertThatThrownBy(() -> counselors.takeNext(stale)).isInstanceOf(Problems.class);
		assertThat(conversations.waiting(Set.of(reception.id()))).extracting(Conversation::id)
			.containsExactly(waiting.id());
	}

	/** The admin closes the account on the staff page, as in the browser. */
	private void adminCloses(Fixtures.Staff admin, Fixtures.Staff leaving) {
		Http adminsBrowser = new Http(port);
		adminsBrowser.logIn(admin.username(), admin.password());
		adminsBrowser.postForm("/admin/staff/" + leaving.id() + "/close",
				Map.of("_csrf", Http.csrfFrom(adminsBrowser.get("/admin/staff").body())));
	}
}
