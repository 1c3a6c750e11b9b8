package org.samtal.bench;

import java.net.http.HttpResponse;
import java.util.Map;

/** The app's own verification of its access-log chain, as an admin asks for it: GET /actuator/accesslog. */
public final class ChainCheck {

	public static void main(String[] args) throws Exception {
		Map<String, String> o = StaffReadBench.options(args);
		StaffSession admin = StaffSession.login(StaffSession.client(), o.get("base"), "admin.spel", o.get("password"));
		long started = System.nanoTime();
		HttpResponse<String> r = admin.get("/actuator/accesslog");
		ChatBench.log("access-log chain of %s: %s (verified in %.1f s)", o.get("base"), r.body(),
				(System.nanoTime() - started) / 1e9);
		System.exit(r.statusCode() == 200 && r.body().contains("\"intact\":true") ? 0 : 2);
	}
}
