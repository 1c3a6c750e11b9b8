package org.samtal.notification;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server standing in for 46elks' SMS API: {@code POST /a1/sms} with the form fields from, to and message
 * and HTTP Basic authentication, answered with JSON holding an id and a status, as the real one does. It refuses a
 * request without the right credentials or fields, and answers a chosen HTTP status for chosen numbers, to exercise
 * retries.
 */
final class ElksStandIn {

	static final String USERNAME = "u0123456789abcdef";
	static final String PASSWORD = "S3CR3T-api-password";

	/** One SMS as 46elks received it. */
	record Sms(String from, String to, String message) {
	}

	private final HttpServer server;
	private final List<Sms> received = new CopyOnWriteArrayList<>();
	private final List<String> refused = new CopyOnWriteArrayList<>();
	private final Map<String, Integer> answers = new ConcurrentHashMap<>();

	private ElksStandIn(HttpServer server) {
		this.server = server;
	}

	static ElksStandIn start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			ElksStandIn elks = new ElksStandIn(server);
			server.createContext("/a1/sms", exchange -> {
				try (exchange) {
					String expected = "Basic " + Base64.getEncoder()
						.encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
					String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
					if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
						elks.refused.add("authorization");
						answer(exchange, 401, "Requires authentication");
						return;
					}
					if (!"POST".equals(exchange.getRequestMethod()) || contentType == null
							|| !contentType.startsWith("application/x-www-form-urlencoded")) {
						elks.refused.add("method or content type");
						answer(exchange, 405, "Method or content type not allowed");
						return;
					}
					Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
							StandardCharsets.UTF_8));
					if (!form.keySet().equals(java.util.Set.of("from", "to", "message"))) {
						elks.refused.add("fields " + form.keySet());
						answer(exchange, 400, "Missing key from, to or message");
						return;
					}
					Sms sms = new Sms(form.get("from"), form.get("to"), form.get("message"));
					elks.received.add(sms);
					int status = elks.answers.getOrDefault(sms.to(), 200);
					if (status != 200) {
						answer(exchange, status, "Service unavailable");
						return;
					}
					String id = "s" + UUID.randomUUID().toString().replace("-", "");
					exchange.getResponseHeaders().add("Content-Type", "application/json");
					answer(exchange, 200, """
							{"status": "created", "direction": "outgoing", "from": "%s", "created": "2026-01-01T12:00:00.000000",
							 "parts": 1, "to": "%s", "cost": 3500, "message": "...", "id": "%s"}"""
						.formatted(sms.from(), sms.to(), id));
				}
			});
			server.start();
			return elks;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/a1";
	}

	/** From now on, answers this HTTP status to every SMS for the number. */
	void answer(String number, int status) {
		answers.put(number, status);
	}

	List<Sms> to(String number) {
		return received.stream().filter(s -> s.to().equals(number)).toList();
	}

	List<String> refused() {
		return refused;
	}

	void stop() {
		server.stop(0);
	}

	private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}
}
