package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A response that shows a read is held until the read's access-log entries are on disk, and dropped if they fail. */
class AccessLogResponseGateTests {

	final AccessLogResponseGate gate = new AccessLogResponseGate(Duration.ofMillis(300));

	final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void aResponseIsSentOnlyOnceTheEntriesOfWhatItShowsAreOnDisk() throws Exception {
		CompletableFuture<Void> written = new CompletableFuture<>();
		Future<?> request = CompletableFuture.runAsync(() -> filter((req, res) -> {
			assertThat(AccessLogResponseGate.holdUntilWritten(List.of(written))).isTrue();
			res.setContentType("application/json");
			res.getWriter().write("{\"text\":\"the visitor's message\"}");
			res.flushBuffer();
		}, new AccessLogResponseGate(Duration.ofSeconds(10))));

		Thread.sleep(300);
		assertThat(request).isNotDone();
		assertThat(response.getContentAsByteArray()).as("nothing has left while the entry is on its way").isEmpty();
		assertThat(response.isCommitted()).isFalse();

		written.complete(null);
		request.get(5, TimeUnit.SECONDS);
		assertThat(response.getContentAsString()).isEqualTo("{\"text\":\"the visitor's message\"}");
	}

	@Test
	void aResponseWhoseEntriesCannotBeWrittenIsDroppedUnsent() {
		CompletableFuture<Void> failed = CompletableFuture.failedFuture(new IllegalStateException("disk full"));

		assertThatThrownBy(() -> gate.doFilter(new MockHttpServletRequest("GET", "/console/api/conversations/x"),
				response, (req, res) -> {
					AccessLogResponseGate.holdUntilWritten(List.of(failed));
					((jakarta.servlet.http.HttpServletResponse) res).setHeader("X-Shown", "yes");
					res.getOutputStream().write("the visitor's message".getBytes(StandardCharsets.UTF_8));
				}))
			.isInstanceOf(AccessLog.AccessNotLogged.class).hasMessageContaining("nothing is shown");
		assertThat(response.getContentAsByteArray()).isEmpty();
		assertThat(response.getHeader("X-Shown")).isNull();
	}

	@Test
	void aResponseIsDroppedWhenItsEntriesTakeLongerThanTheWriteTimeout() {
		CompletableFuture<Void> stuck = new CompletableFuture<>();

		assertThatThrownBy(() -> gate.doFilter(new MockHttpServletRequest("GET", "/console"), response,
				(req, res) -> {
					AccessLogResponseGate.holdUntilWritten(List.of(stuck));
					res.getWriter().write("<p>the visitor's message</p>");
				}))
			.isInstanceOf(AccessLog.AccessNotLogged.class);
		assertThat(response.getContentAsByteArray()).isEmpty();
	}

	@Test
	void aResponseWithNothingToWaitForPassesStraightThrough() throws Exception {
		filter((req, res) -> {
			res.getOutputStream().write("public".getBytes(StandardCharsets.UTF_8));
			res.flushBuffer();
			assertThat(response.getContentAsString()).as("already sent, before the request ends").isEqualTo("public");
			// The gate is open now: a later read in this request waits for its own entries.
			assertThat(AccessLogResponseGate.holdUntilWritten(List.of(new CompletableFuture<>()))).isFalse();
		}, gate);
	}

	@Test
	void aLongResponseIsLetGoOnceItsEntriesAreOnDiskAndThenStreams() throws Exception {
		CompletableFuture<Void> written = new CompletableFuture<>();
		byte[] chunk = new byte[64 * 1024];
		filter((req, res) -> {
			AccessLogResponseGate.holdUntilWritten(List.of(written));
			written.complete(null);
			for (int i = 0; i < 6; i++) {
				res.getOutputStream().write(chunk);
			}
			assertThat(response.getContentAsByteArray().length).as("streaming once past the limit")
				.isGreaterThan(AccessLogResponseGate.MAX_HELD);
		}, gate);
		assertThat(response.getContentAsByteArray()).hasSize(6 * chunk.length);
	}

	@Test
	void anErrorShowsNothingOfWhatWasHeld() throws Exception {
		CompletableFuture<Void> written = new CompletableFuture<>();
		filter((req, res) -> {
			AccessLogResponseGate.holdUntilWritten(List.of(written));
			res.getWriter().write("half a page of the visitor's messages");
			((jakarta.servlet.http.HttpServletResponse) res).sendError(403);
		}, gate);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString()).doesNotContain("visitor");
	}

	@Test
	void nonBlockingOutputStartsOnlyOnceWhatWasHeldIsOnItsWay() throws Exception {
		CompletableFuture<Void> written = new CompletableFuture<>();
		jakarta.servlet.WriteListener listener = new jakarta.servlet.WriteListener() {

			@Override
			public void onWritePossible() {
			}

			@Override
			public void onError(Throwable t) {
			}
		};
		AtomicBoolean registered = new AtomicBoolean();
		MockHttpServletResponse connection = new MockHttpServletResponse() {

			@Override
			public jakarta.servlet.ServletOutputStream getOutputStream() {
				jakarta.servlet.ServletOutputStream real = super.getOutputStream();
				return new jakarta.servlet.ServletOutputStream() {

					@Override
					public void write(int b) throws java.io.IOException {
						real.write(b);
					}

					@Override
					public boolean isReady() {
						return true;
					}

					@Override
					public void setWriteListener(jakarta.servlet.WriteListener l) {
						registered.set(true);
					}
				};
			}
		};
		Future<?> request = CompletableFuture.runAsync(() -> {
			try {
				gate.doFilter(new MockHttpServletRequest("GET", "/console"), connection, (req, res) -> {
					AccessLogResponseGate.holdUntilWritten(List.of(written));
					res.getOutputStream().write("held".getBytes(StandardCharsets.UTF_8));
					res.getOutputStream().setWriteListener(listener);
				});
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
		Thread.sleep(100);
		assertThat(registered).as("not before the entry is written").isFalse();
		written.complete(null);
		request.get(5, TimeUnit.SECONDS);
		assertThat(registered).isTrue();
		assertThat(connection.getContentAsString()).isEqualTo("held");
	}

	@Test
	void noReadIsHeldOutsideARequest() {
		assertThat(AccessLogResponseGate.holdUntilWritten(List.of(new CompletableFuture<>()))).isFalse();
	}

	private void filter(FilterChain chain, AccessLogResponseGate gate) {
		try {
			gate.doFilter(new MockHttpServletRequest("GET", "/console/api/conversations/x"), response, chain);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
