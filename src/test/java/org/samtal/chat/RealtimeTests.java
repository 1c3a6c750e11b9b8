package org.samtal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samtal.ChatSocketClient;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SamtalTest
class RealtimeTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void messagesFlowBothWaysAndTheVisitorHearsItsQueuePositionAndWhoTookIt() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Http visitorHttp = new Http(port);
		Conversations.Started first = Conversations.start(visitorHttp, reception);
		Conversations.Started second = Conversations.start(visitorHttp, reception);

		Http staffHttp = new Http(port);
		String csrf = staffHttp.logIn(counselor.username(), counselor.password());
		try (ChatSocketClient visitor = hello(second); ChatSocketClient console = ChatSocketClient.connect(staffHttp)) {
			assertThat(visitor.await("welcome").path("queuePosition").asInt()).isEqualTo(2);
			console.send(Map.of("type", "hello"));
			console.await("welcome");

			visitor.send(Map.of("type", "send", "clientMessageId", "v-1", "text", "Jag väntar"));
			assertThat(visitor.await("ack").path("clientMessageId").asString()).isEqualTo("v-1");
			assertThat(console.await("queue").path("receptionId").asString())
				.as("the queue shows first messages, so a waiting visitor's message refreshes it")
				.isEqualTo(reception.id().toString());

			staffHttp.post("/console/api/conversations/" + first.id() + "/take", "X-CSRF-TOKEN", csrf);
			assertThat(visitor.await("status", f -> f.path("queuePosition").asInt() == 1).path("status").asString())
				.as("the visitor behind moves up").isEqualTo("WAITING");
			assertThat(console.await("queue").path("receptionId").asString()).isEqualTo(reception.id().toString());

			staffHttp.post("/console/api/conversations/" + second.id() + "/take", "X-CSRF-TOKEN", csrf);
			JsonNode taken = visitor.await("status", f -> f.path("status").asString().equals("ACTIVE"));
			assertThat(taken.path("counselorName").asString()).isEqualTo("Staff " + counselor.username());
			console.await("assigned", f -> f.path("conversationId").asString().equals(second.id().toString()));

			console.send(Map.of("type", "send", "conversationId", second.id().toString(), "clientMessageId", "c-1",
					"text", "Hej! Jag heter Staff."));
			console.await("ack", f -> f.path("clientMessageId").asString().equals("c-1"));
			JsonNode atVisitor = visitor.await("message", f -> f.path("message").path("clientMessageId").asString().equals("c-1"));
			assertThat(atVisitor.path("message").path("author").asString()).isEqualTo("COUNSELOR");
			assertThat(atVisitor.path("message").path("text").asString()).isEqualTo("Hej! Jag heter Staff.");

			visitor.send(Map.of("type", "send", "clientMessageId", "v-2", "text", "<b>tack</b>"));
			JsonNode atCounselor = console.await("message", f -> f.path("message").path("clientMessageId").asString().equals("v-2"));
			assertThat(atCounselor.path("message").path("text").asString()).isEqualTo("<b>tack</b>");
		}
		try (ChatSocketClient reloaded = hello(second)) {
			JsonNode welcome = reloaded.await("welcome");
			assertThat(welcome.path("status").asString()).isEqualTo("ACTIVE");
			assertThat(welcome.path("counselorName").asString()).as("after a reload too").isEqualTo("Staff " + counselor.username());
		}
	}

	@Test
	void aMessageResentAfterAReconnectIsStoredOnceAndAcknowledgedEachTime() {
		Reception reception = fixtures.openReception();
		Conversations.Started conversation = Conversations.start(new Http(port), reception);
		Map<String, Object> message = Map.of("type", "send", "clientMessageId", "resend-1", "text", "Är du där?");

		try (ChatSocketClient dropped = hello(conversation)) {
			dropped.await("welcome");
			// The connection dies right after sending: the client never sees the acknowledgement.
			dropped.send(message);
		}
		try (ChatSocketClient again = hello(conversation)) {
			again.await("welcome");
			again.send(message);
			JsonNode ack = again.await("ack");
			assertThat(ack.path("clientMessageId").asString()).isEqualTo("resend-1");
			again.send(message);
			assertThat(again.await("ack").path("duplicate").asBoolean()).isTrue();
		}
		assertThat(jdbc.sql("SELECT count(*) FROM chat_message WHERE conversation_id = ? AND client_message_id = 'resend-1'")
			.param(conversation.id()).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void emptyAndOversizedMessagesGetAClearErrorAndAreNotSent() {
		Reception reception = fixtures.openReception();
		Conversations.Started conversation = Conversations.start(new Http(port), reception);
		try (ChatSocketClient visitor = hello(conversation)) {
			visitor.await("welcome");
			visitor.send(Map.of("type", "send", "clientMessageId", "e-1", "text", ""));
			JsonNode empty = visitor.await("error");
			assertThat(empty.path("code").asString()).isEqualTo("message-empty");
			assertThat(empty.path("clientMessageId").asString()).isEqualTo("e-1");
			visitor.send(Map.of("type", "send", "clientMessageId", "e-2", "text", "y".repeat(4001)));
			assertThat(visitor.await("error").path("code").asString()).isEqualTo("message-too-long");
			visitor.sendRaw("not json");
			assertThat(visitor.await("error").path("code").asString()).isEqualTo("invalid-frame");
			assertThat(visitor.drain("message", Duration.ofMillis(300))).isEmpty();
		}
		assertThat(jdbc.sql("SELECT count(*) FROM chat_message WHERE conversation_id = ?").param(conversation.id())
			.query(Integer.class).single()).isZero();
	}

	@Test
	void aWrongTokenGetsNoConversationAndCannotSend() {
		Conversations.Started conversation = Conversations.start(new Http(port), fixtures.openReception());
		try (ChatSocketClient intruder = ChatSocketClient.connect(new Http(port))) {
			intruder.send(Map.of("type", "hello", "conversationId", conversation.id().toString(), "token", "guess"));
			assertThat(intruder.await("error").path("code").asString()).isEqualTo("conversation-not-found");
			intruder.send(Map.of("type", "send", "clientMessageId", "i-1", "text", "hej"));
			assertThat(intruder.await("error").path("code").asString()).isEqualTo("hello-required");
		}
	}

	@Test
	void whenTheCounselorEndsTheVisitorIsToldAndEverythingIsDeleted() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Conversations.Started conversation = Conversations.start(new Http(port), reception);
		Http staffHttp = new Http(port);
		String csrf = staffHttp.logIn(counselor.username(), counselor.password());
		try (ChatSocketClient visitor = hello(conversation)) {
			visitor.await("welcome");
			visitor.send(Map.of("type", "send", "clientMessageId", "x", "text", "hej"));
			visitor.await("ack");
			staffHttp.post("/console/api/conversations/" + conversation.id() + "/take", "X-CSRF-TOKEN", csrf);
			assertThat(staffHttp.post("/console/api/conversations/" + conversation.id() + "/end", "X-CSRF-TOKEN", csrf)
				.statusCode()).isEqualTo(204);
			assertThat(visitor.await("ended").path("endedBy").asString()).isEqualTo("COUNSELOR");
		}
		assertThat(jdbc.sql("SELECT count(*) FROM chat_message WHERE conversation_id = ?").param(conversation.id())
			.query(Integer.class).single()).isZero();
	}

	private ChatSocketClient hello(Conversations.Started conversation) {
		ChatSocketClient client = ChatSocketClient.connect(new Http(port));
		client.send(Map.of("type", "hello", "conversationId", conversation.id().toString(), "token", conversation.token()));
		return client;
	}
}
