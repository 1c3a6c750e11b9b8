package org.samtal.chat;

import java.util.UUID;
import org.samtal.Http;
import org.samtal.tenancy.Reception;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Starts conversations through the public API, as a visitor's app would. */
final class Conversations {

	static final JsonMapper json = JsonMapper.builder().build();

	private Conversations() {
	}

	record Started(UUID id, String token) {

		String path(String rest) {
			return "/api/v1/conversations/" + id + rest;
		}

		String[] auth() {
			return new String[] { "Authorization", "Bearer " + token };
		}
	}

	static Started start(Http http, Reception reception) {
		var response = http.postJson("/api/v1/receptions/" + reception.slug() + "/conversations", "{}");
		if (response.statusCode() != 201) {
			throw new IllegalStateException("Could not start: " + response.body());
		}
		JsonNode started = json.readTree(response.body());
		return new Started(UUID.fromString(started.path("id").asString()), started.path("token").asString());
	}
}
