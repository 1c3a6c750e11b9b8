package org.samtal;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small real HTTP client against the running app, with its own cookie jar, as one browser or API client would be.
 */
public class Http {

	private final String base;
	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
	private final HttpClient client;

	public Http(int port) {
		this.base = "http://localhost:" + port;
		this.client = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	public String base() {
		return base;
	}

	public CookieManager cookies() {
		return cookies;
	}

	public HttpResponse<String> get(String path, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
	}

	public HttpResponse<String> postJson(String path, String json, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), headers);
	}

	public HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
		String body = form.entrySet()
			.stream()
			.map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)), headers);
	}

	public HttpResponse<String> delete(String path, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), headers);
	}

	public HttpResponse<String> post(String path, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()), headers);
	}

	public HttpResponse<String> postFile(String path, String fileName, String contentType, byte[] content,
			String... headers) {
		String boundary = "samtal-" + UUID.randomUUID();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + content.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(content, 0, body, head.length, content.length);
		System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
	}

	public HttpResponse<byte[]> getBytes(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Logs in as staff through the real login form, and returns the CSRF token the console pages carry. */
	public String logIn(String username, String password) {
		String csrf = csrfFrom(get("/login").body());
		HttpResponse<String> login = postForm("/login", Map.of("username", username, "password", password, "_csrf", csrf));
		if (login.statusCode() != 302 || !login.headers().firstValue("Location").orElse("").endsWith("/console")) {
			throw new IllegalStateException("Login failed: " + login.statusCode() + " " + login.headers().map());
		}
		return consoleCsrf();
	}

	public String consoleCsrf() {
		Matcher matcher = Pattern.compile("data-csrf-token=\"([^\"]+)\"").matcher(get("/console").body());
		if (!matcher.find()) {
			throw new IllegalStateException("No CSRF token on the console page");
		}
		return matcher.group(1);
	}

	public static String csrfFrom(String html) {
		Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		if (!matcher.find()) {
			throw new IllegalStateException("No CSRF field in the page");
		}
		return matcher.group(1);
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
