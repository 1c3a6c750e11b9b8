package org.samtal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket connection to /ws/chat that records every frame it receives. */
public class ChatSocketClient implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
	private final List<JsonNode> seen = new ArrayList<>();
	private final CompletableFuture<Integer> closedByServer = new CompletableFuture<>();
	private final WebSocket socket;

	private ChatSocketClient(WebSocket.Builder builder, URI uri) {
		this.socket = builder.buildAsync(uri, new Listener()).join();
	}

	/** Connects with the cookies of the given client, e.g. a logged-in staff member's. */
	public static ChatSocketClient connect(Http http) {
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
		String cookie = http.cookies()
			.getCookieStore()
			.getCookies()
			.stream()
			.map(c -> c.getName() + "=" + c.getValue())
			.reduce((a, b) -> a + "; " + b)
			.orElse(null);
		if (cookie != null) {
			builder.header("Cookie", cookie);
		}
		return new ChatSocketClient(builder, URI.create(http.base().replace("http", "ws") + "/ws/chat"));
	}

	public void send(Map<String, ?> frame) {
		socket.sendText(json.writeValueAsString(frame), true).join();
	}

	public void sendRaw(String text) {
		socket.sendText(text, true).join();
	}

	/** Waits for the first frame, seen or new, of the given type that also matches the condition. */
	public JsonNode await(String type, Predicate<JsonNode> condition) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		synchronized (seen) {
			Iterator<JsonNode> earlier = seen.iterator();
			while (earlier.hasNext()) {
				JsonNode frame = earlier.next();
				if (type.equals(frame.path("type").asString()) && condition.test(frame)) {
					earlier.remove();
					return frame;
				}
			}
		}
		try {
			while (System.nanoTime() < deadline) {
				JsonNode frame = received.poll(100, TimeUnit.MILLISECONDS);
				if (frame == null) {
					continue;
				}
				if (type.equals(frame.path("type").asString()) && condition.test(frame)) {
					return frame;
				}
				synchronized (seen) {
					seen.add(frame);
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		throw new AssertionError("No '" + type + "' frame arrived in time; saw " + seen);
	}

	public JsonNode await(String type) {
		return await(type, frame -> true);
	}

	/** Frames of the given type that arrived in the next moment, without consuming anything else. */
	public List<JsonNode> drain(String type, Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		List<JsonNode> all = new ArrayList<>();
		received.drainTo(all);
		synchronized (seen) {
			all.addAll(0, seen);
			seen.clear();
		}
		return all.stream().filter(f -> type.equals(f.path("type").asString())).toList();
	}

	/** Waits for the server to close the connection, and returns the close code it gave. */
	public int awaitClosedByServer() {
		try {
			return closedByServer.get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException e) {
			throw new AssertionError("The server did not close the connection in time; saw " + seen, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}

	@Override
	public void close() {
		socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				received.add(json.readTree(partial.toString()));
				partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closedByServer.complete(statusCode);
			return null;
		}
	}
}
