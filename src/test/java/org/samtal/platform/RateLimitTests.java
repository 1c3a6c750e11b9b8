package org.samtal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RateLimitTests {

	final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:30Z"), ZoneOffset.UTC);

	@Test
	void eachClientGetsItsOwnBudgetPerMinuteAndIsToldWhenToRetry() throws Exception {
		RateLimitFilter filter = new RateLimitFilter(clock, 2, 1000);
		assertThat(post(filter, "/r/x/chat", "10.0.0.1").getStatus()).isEqualTo(200);
		assertThat(post(filter, "/r/x/chat", "10.0.0.1").getStatus()).isEqualTo(200);
		MockHttpServletResponse third = post(filter, "/r/x/chat", "10.0.0.1");
		assertThat(third.getStatus()).isEqualTo(429);
		assertThat(third.getHeader("Retry-After")).isEqualTo("30");
		assertThat(third.getContentAsString()).contains("Vänta 30 sekunder");
		assertThat(post(filter, "/r/x/chat", "10.0.0.2").getStatus()).as("another client").isEqualTo(200);
	}

	@Test
	void theApiAnswersAProblemDocument() throws Exception {
		RateLimitFilter filter = new RateLimitFilter(clock, 1, 1000);
		post(filter, "/api/v1/receptions/x/conversations", "10.0.0.3");
		MockHttpServletResponse limited = post(filter, "/api/v1/receptions/x/conversations", "10.0.0.3");
		assertThat(limited.getStatus()).isEqualTo(429);
		assertThat(limited.getContentType()).isEqualTo("application/problem+json");
		assertThat(limited.getContentAsString()).contains("urn:samtal:problem:rate-limited");
	}

	@Test
	void pagesThatOnlyReadAreNotLimitedBySensitiveBudget() throws Exception {
		RateLimitFilter filter = new RateLimitFilter(clock, 1, 1000);
		for (int i = 0; i < 5; i++) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/r/x");
			request.setRemoteAddr("10.0.0.4");
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter.doFilter(request, response, new MockFilterChain());
			assertThat(response.getStatus()).isEqualTo(200);
		}
	}

	@Test
	void privacyNoticesShareTheApiBudget() throws Exception {
		RateLimitFilter filter = new RateLimitFilter(clock, 1000, 2);
		assertThat(get(filter, "/privacy/some-organisation", "10.0.0.5").getStatus()).isEqualTo(200);
		assertThat(get(filter, "/api/v1/organisations", "10.0.0.5").getStatus()).isEqualTo(200);
		MockHttpServletResponse third = get(filter, "/privacy/some-organisation?lang=en", "10.0.0.5");
		assertThat(third.getStatus()).isEqualTo(429);
		assertThat(third.getContentAsString()).contains("Too many attempts");
	}

	@Test
	void consentReceiptsAreLimitedLikeThePublicApiAndWithdrawingLikeOtherSensitivePosts() throws Exception {
		RateLimitFilter filter = new RateLimitFilter(clock, 1, 2);
		assertThat(get(filter, "/consent/x?key=a", "10.0.0.5").getStatus()).isEqualTo(200);
		assertThat(get(filter, "/consent/x?key=b", "10.0.0.5").getStatus()).isEqualTo(200);
		assertThat(get(filter, "/consent/x?key=c", "10.0.0.5").getStatus()).as("guessing keys").isEqualTo(429);
		assertThat(post(filter, "/consent/x/withdraw", "10.0.0.6").getStatus()).isEqualTo(200);
		assertThat(post(filter, "/consent/x/withdraw", "10.0.0.6").getStatus()).isEqualTo(429);
	}

	private static MockHttpServletResponse get(RateLimitFilter filter, String path, String client) throws Exception {
		return send(filter, "GET", path, client);
	}

	private static MockHttpServletResponse post(RateLimitFilter filter, String path, String client) throws Exception {
		return send(filter, "POST", path, client);
	}

	private static MockHttpServletResponse send(RateLimitFilter filter, String method, String path, String client)
			throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setRemoteAddr(client);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response;
	}
}
