package org.samtal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SamtalTest
class VisitorApiTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	Http http;

	@BeforeEach
	void client() {
		http = new Http(port);
	}

	@Test
	void listsReceptionsWithWhetherTheyAreOpenAndOfferChat() {
		Reception open = fixtures.openReception();
		Reception closed = fixtures.closedReception();
		JsonNode list = json.readTree(http.get("/api/v1/receptions").body());
		assertThat(find(list, open.slug()).path("open").asBoolean()).isTrue();
		assertThat(find(list, open.slug()).path("chatEnabled").asBoolean()).isTrue();
		assertThat(find(list, open.slug()).path("organisation").asString()).isEqualTo(open.organisation().name());
		assertThat(find(list, closed.slug()).path("open").asBoolean()).isFalse();
	}

	@Test
	void listsTheOrganisationsWithTheirCountry() {
		Reception reception = fixtures.openReception();
		JsonNode list = json.readTree(http.get("/api/v1/organisations").body());
		JsonNode found = null;
		for (JsonNode organisation : list) {
			if (reception.organisation().slug().equals(organisation.path("slug").asString())) {
				found = organisation;
			}
		}
		assertThat(found).isNotNull();
		assertThat(found.path("name").asString()).isEqualTo(reception.organisation().name());
		assertThat(found.path("country").asString()).isEqualTo("SE");
		assertThat(found.has("dpoEmail")).as("only what the contract names").isFalse();
	}

	@Test
	void startingAConversationReturnsItsIdTokenAndQueuePosition() {
		Reception reception = fixtures.openReception();
		HttpResponse<String> first = http.postJson("/api/v1/receptions/" + reception.slug() + "/conversations", "{}");
		HttpResponse<String> second = http.postJson("/api/v1/receptions/" + reception.slug() + "/conversations", "{}");
		assertThat(first.statusCode()).isEqualTo(201);
		JsonNode started = json.readTree(second.body());
		assertThat(started.path("status").asString()).isEqualTo("WAITING");
		assertThat(started.path("queuePosition").asInt()).isEqualTo(2);
		assertThat(started.path("token").asString()).hasSizeGreaterThan(40);
		assertThat(second.headers().firstValue("Location")).hasValue("/api/v1/conversations/" + started.path("id").asString());
	}

	@Test
	void aClosedReceptionRefusesToStartWithAProblemAnswer() {
		HttpResponse<String> refused = http.postJson("/api/v1/receptions/" + fixtures.closedReception().slug()
				+ "/conversations", "{}");
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json.readTree(refused.body()).path("type").asString()).isEqualTo("urn:samtal:problem:reception-closed");
	}

	@Test
	void preChatFormAnswersAreCheckedAgainstTheForm() {
		Reception reception = fixtures.receptionWithForm();
		String path = "/api/v1/receptions/" + reception.slug() + "/conversations";
		assertThat(problemType(http.postJson(path, "{\"form\": {}}"))).isEqualTo("urn:samtal:problem:form-missing-answer");
		assertThat(problemType(http.postJson(path, "{\"form\": {\"ageGroup\": \"99\"}}")))
			.isEqualTo("urn:samtal:problem:form-invalid-answer");
		assertThat(problemType(http.postJson(path, "{\"form\": {\"ageGroup\": \"13-15\", \"name\": \"Anna\"}}")))
			.isEqualTo("urn:samtal:problem:form-unknown-field");
		assertThat(problemType(http.postJson(path, "{\"form\": {\"ageGroup\": 15}}")))
			.isEqualTo("urn:samtal:problem:form-invalid-answer");
		assertThat(jdbc.sql("SELECT count(*) FROM conversation WHERE reception_id = ?").param(reception.id())
			.query(Integer.class).single()).as("nothing half-saved").isZero();

		HttpResponse<String> started = http.postJson(path, "{\"form\": {\"ageGroup\": \"16-19\", \"topic\": \"body\"}}");
		assertThat(started.statusCode()).isEqualTo(201);
		UUID id = UUID.fromString(json.readTree(started.body()).path("id").asString());
		assertThat(jdbc.sql("SELECT answer FROM conversation_form_answer WHERE conversation_id = ? ORDER BY field")
			.param(id).query(String.class).list()).containsExactly("16-19", "body");
	}

	@Test
	void aConversationCannotBeReadWithoutItsToken() {
		Conversations.Started conversation = Conversations.start(http, fixtures.openReception());
		assertThat(http.get("/api/v1/conversations/" + conversation.id()).statusCode()).isEqualTo(401);
		assertThat(http.get("/api/v1/conversations/" + conversation.id(), "Authorization", "Bearer wrong").statusCode())
			.isEqualTo(404);
		Conversations.Started other = Conversations.start(http, fixtures.openReception());
		assertThat(http.get("/api/v1/conversations/" + conversation.id(), "Authorization", "Bearer " + other.token())
			.statusCode()).as("another conversation's token").isEqualTo(404);
		assertThat(http.get("/api/v1/conversations/" + conversation.id(), conversation.auth()).statusCode()).isEqualTo(200);
	}

	@Test
	void sendingTheSameClientMessageIdAgainReturnsTheSameMessageStoredOnce() {
		Conversations.Started conversation = Conversations.start(http, fixtures.openReception());
		String body = "{\"clientMessageId\": \"m-1\", \"text\": \"Hej, jag behöver prata\"}";
		HttpResponse<String> first = http.postJson(conversation.path("/messages"), body, conversation.auth());
		HttpResponse<String> replay = http.postJson(conversation.path("/messages"), body, conversation.auth());
		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(replay.statusCode()).isEqualTo(200);
		assertThat(json.readTree(replay.body()).path("id").asString())
			.isEqualTo(json.readTree(first.body()).path("id").asString());
		JsonNode read = json.readTree(http.get(conversation.path(""), conversation.auth()).body());
		assertThat(read.path("messages")).hasSize(1);
		assertThat(read.path("messages").get(0).path("text").asString()).isEqualTo("Hej, jag behöver prata");
		assertThat(read.path("messages").get(0).path("author").asString()).isEqualTo("VISITOR");
	}

	@Test
	void emptyOversizedAndMistypedMessagesAreRefusedAndNothingIsStored() {
		Conversations.Started conversation = Conversations.start(http, fixtures.openReception());
		assertThat(problemType(http.postJson(conversation.path("/messages"), "{\"clientMessageId\": \"a\", \"text\": \"\"}",
				conversation.auth()))).isEqualTo("urn:samtal:problem:message-empty");
		assertThat(problemType(http.postJson(conversation.path("/messages"), "{\"clientMessageId\": \"b\", \"text\": \"  \\n \"}",
				conversation.auth()))).isEqualTo("urn:samtal:problem:message-empty");
		HttpResponse<String> tooLong = http.postJson(conversation.path("/messages"),
				"{\"clientMessageId\": \"c\", \"text\": \"" + "x".repeat(4001) + "\"}", conversation.auth());
		assertThat(problemType(tooLong)).isEqualTo("urn:samtal:problem:message-too-long");
		assertThat(json.readTree(tooLong.body()).path("detail").asString()).contains("4000").contains("4001");
		assertThat(problemType(http.postJson(conversation.path("/messages"), "{\"clientMessageId\": \"d\", \"text\": 42}",
				conversation.auth()))).isEqualTo("urn:samtal:problem:invalid-body");
		assertThat(problemType(http.postJson(conversation.path("/messages"), "{\"clientMessageId\": \"e\", \"text\": ",
				conversation.auth()))).isEqualTo("urn:samtal:problem:invalid-body");
		assertThat(problemType(http.postJson(conversation.path("/messages"), "{\"clientMessageId\": \"no spaces!\", \"text\": \"hi\"}",
				conversation.auth()))).isEqualTo("urn:samtal:problem:client-message-id-invalid");
		assertThat(json.readTree(http.get(conversation.path(""), conversation.auth()).body()).path("messages")).isEmpty();

		String longest = "å".repeat(4000);
		assertThat(http.postJson(conversation.path("/messages"), "{\"clientMessageId\": \"f\", \"text\": \"" + longest + "\"}",
				conversation.auth()).statusCode()).as("exactly 4000 characters is allowed").isEqualTo(201);
	}

	@Test
	void markupIsStoredAndReturnedAsPlainTextUnchanged() {
		Conversations.Started conversation = Conversations.start(http, fixtures.openReception());
		String script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
		http.postJson(conversation.path("/messages"),
				json.writeValueAsString(java.util.Map.of("clientMessageId", "x1", "text", script)), conversation.auth());
		JsonNode read = json.readTree(http.get(conversation.path(""), conversation.auth()).body());
		assertThat(read.path("messages").get(0).path("text").asString()).isEqualTo(script);
	}

	@Test
	void endingAConversationDeletesItAndEverythingInIt() {
		Reception reception = fixtures.receptionWithForm();
		HttpResponse<String> response = http.postJson("/api/v1/receptions/" + reception.slug() + "/conversations",
				"{\"form\": {\"ageGroup\": \"13-15\"}}");
		JsonNode started = json.readTree(response.body());
		Conversations.Started conversation = new Conversations.Started(UUID.fromString(started.path("id").asString()),
				started.path("token").asString());
		http.postJson(conversation.path("/messages"), "{\"clientMessageId\": \"1\", \"text\": \"hemligt\"}", conversation.auth());
		http.postFile(conversation.path("/files"), "note.txt", "text/plain", "anteckning".getBytes(), conversation.auth());

		assertThat(http.post(conversation.path("/end"), conversation.auth()).statusCode()).isEqualTo(204);

		assertThat(http.get(conversation.path(""), conversation.auth()).statusCode()).isEqualTo(404);
		for (String table : new String[] { "conversation", "chat_message", "chat_file", "conversation_form_answer" }) {
			String column = table.equals("conversation") ? "id" : "conversation_id";
			assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + column + " = ?").param(conversation.id())
				.query(Integer.class).single()).as(table).isZero();
		}
		assertThat(jdbc.sql("SELECT count(*) FROM conversation_statistic WHERE reception_id = ?").param(reception.id())
			.query(Integer.class).single()).as("only non-personal statistics remain").isEqualTo(1);
		assertThat(http.post(conversation.path("/end"), conversation.auth()).statusCode()).as("ending twice").isEqualTo(404);
	}

	@Test
	void theOpenApiDocumentDescribesTheVisitorApi() {
		JsonNode document = json.readTree(http.get("/v3/api-docs").body());
		assertThat(document.path("info").path("title").asString()).isEqualTo("Samtal visitor API");
		assertThat(document.path("paths").propertyNames()).contains("/api/v1/receptions",
				"/api/v1/receptions/{slug}/conversations", "/api/v1/conversations/{id}",
				"/api/v1/conversations/{id}/messages", "/api/v1/conversations/{id}/end", "/api/v1/organisations");
	}

	private static String problemType(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		return json.readTree(response.body()).path("type").asString();
	}

	private static JsonNode find(JsonNode list, String slug) {
		for (JsonNode reception : list) {
			if (slug.equals(reception.path("slug").asString())) {
				return reception;
			}
		}
		throw new AssertionError("No reception " + slug + " in " + list);
	}
}
