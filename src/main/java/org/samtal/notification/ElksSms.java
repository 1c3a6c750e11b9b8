package org.samtal.notification;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through 46elks (a Swedish provider): {@code POST <base-url>/sms} with the form fields {@code from}, {@code to}
 * and {@code message}, HTTP Basic authentication with the API username and password, answered with JSON holding the
 * message's {@code id} and {@code status}. A 2xx answer whose status is not {@code failed} counts as handed over.
 * <p>
 * A refusal of the message itself (400, 404, 413, 422 …) is permanent; a server error, 401/403 (wrong configuration,
 * which an operator can mend), 408, 429, a timeout or a broken connection is tried again.
 */
class ElksSms implements Delivery {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http;
	private final URI endpoint;
	private final String authorization;
	private final String from;
	private final Duration timeout;

	ElksSms(String baseUrl, String username, String password, String from, Duration timeout) {
		this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
		this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/sms");
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		this.from = from;
		this.timeout = timeout;
	}

	@Override
	public String via() {
		return OutboxMode.ELKS;
	}

	@Override
	public void deliver(Pending message) throws Failure {
		String form = "from=" + encode(from) + "&to=" + encode(message.recipient()) + "&message="
				+ encode(message.body());
		HttpRequest request = HttpRequest.newBuilder(endpoint)
			.timeout(timeout)
			.header("Authorization", authorization)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new Failure(e.getClass().getSimpleName(), false);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new Failure("Interrupted", false);
		}
		int status = response.statusCode();
		if (status / 100 != 2) {
			boolean retryable = status >= 500 || status == 401 || status == 403 || status == 408 || status == 429;
			throw new Failure("46elks HTTP " + status, !retryable);
		}
		String state;
		try {
			JsonNode answer = json.readTree(response.body());
			if (!answer.hasNonNull("id")) {
				throw new Failure("46elks answer without id", false);
			}
			state = answer.path("status").asString("");
		}
		catch (JacksonException e) {
			throw new Failure("46elks answer not JSON", false);
		}
		if (state.equals("failed")) {
			throw new Failure("46elks status failed", false);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
