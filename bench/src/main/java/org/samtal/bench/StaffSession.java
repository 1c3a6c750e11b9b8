package org.samtal.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A logged-in staff member of a running app: its session cookie and CSRF token, and the requests the benches need. */
final class StaffSession {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
	private static final Pattern CSRF_META = Pattern.compile("data-csrf-token=\"([^\"]+)\"");
	private static final Pattern SESSION_COOKIE = Pattern.compile("samtal_session=([^;]+)");

	final String base;
	final HttpClient http;
	final String cookie;

	private StaffSession(String base, HttpClient http, String cookie) {
		this.base = base;
		this.http = http;
		this.cookie = cookie;
	}

	static HttpClient client() {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	/** Logs in through the login form, as a browser does. */
	static StaffSession login(HttpClient http, String base, String username, String password)
			throws IOException, InterruptedException {
		if (!URI.create(base).getHost().equals("127.0.0.1")) {
			throw new IllegalArgumentException("The benchmark only talks to 127.0.0.1");
		}
		HttpResponse<String> page = http.send(request(base + "/login").GET().build(), HttpResponse.BodyHandlers.ofString());
		String cookie = sessionCookie(page, null);
		String csrf = match(CSRF_FIELD, page.body(), "login page _csrf");
		String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf);
		HttpResponse<String> posted = http.send(request(base + "/login")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", "samtal_session=" + cookie)
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (posted.statusCode() != 302 || posted.headers().firstValue("Location").orElse("").contains("error")) {
			throw new IllegalStateException("login of " + username + " failed: " + posted.statusCode());
		}
		return new StaffSession(base, http, sessionCookie(posted, cookie));
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(request(base + path).header("Cookie", "samtal_session=" + cookie).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** The console page's CSRF token, for the console's JSON API. */
	String consoleCsrf() throws IOException, InterruptedException {
		return match(CSRF_META, expect(get("/console"), 200).body(), "console data-csrf-token");
	}

	/** Submits a form of the page at {@code pagePath} (taking its CSRF token), as a browser does. */
	HttpResponse<String> submit(String pagePath, String action, String fields) throws IOException, InterruptedException {
		String csrf = match(CSRF_FIELD, expect(get(pagePath), 200).body(), pagePath + " _csrf");
		String form = (fields.isEmpty() ? "" : fields + "&") + "_csrf=" + enc(csrf);
		return http.send(request(base + action)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", "samtal_session=" + cookie)
			.timeout(Duration.ofMinutes(30))
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> postJson(String path, String csrf, String body) throws IOException, InterruptedException {
		return http.send(request(base + path)
			.header("Cookie", "samtal_session=" + cookie)
			.header("X-CSRF-TOKEN", csrf)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> expect(HttpResponse<String> response, int status) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(response.request().method() + " " + response.uri().getPath() + " answered "
					+ response.statusCode() + " (expected " + status + ")");
		}
		return response;
	}

	static HttpRequest.Builder request(String uri) {
		return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60));
	}

	static String match(Pattern pattern, String text, String what) {
		Matcher m = pattern.matcher(text);
		if (!m.find()) {
			throw new IllegalStateException("could not find " + what);
		}
		return m.group(1);
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static String sessionCookie(HttpResponse<?> response, String previous) {
		for (String header : response.headers().allValues("Set-Cookie")) {
			Matcher m = SESSION_COOKIE.matcher(header);
			if (m.find()) {
				return m.group(1);
			}
		}
		if (previous == null) {
			throw new IllegalStateException("no samtal_session cookie from " + response.uri());
		}
		return previous;
	}
}
