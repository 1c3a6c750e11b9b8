package org.samtal.chat;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.samtal.chat.ChatEvent.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The WebSocket connections this node holds, and which topics each listens to. A counselor's connections join a
 * conversation when the staff topic says it was assigned to them; everyone leaves a conversation when it ends.
 */
@Component
class ChatConnections {

	private static final Logger log = LoggerFactory.getLogger(ChatConnections.class);
	private static final int SEND_TIME_LIMIT_MS = 10_000;
	private static final int BUFFER_LIMIT_BYTES = 1024 * 1024;

	private final Map<Topic, Set<Connection>> listeners = new ConcurrentHashMap<>();
	private final Map<String, Connection> bySession = new ConcurrentHashMap<>();

	Connection open(WebSocketSession session) {
		Connection connection = new Connection(
				new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES));
		bySession.put(session.getId(), connection);
		return connection;
	}

	Connection get(WebSocketSession session) {
		return bySession.get(session.getId());
	}

	void close(WebSocketSession session) {
		Connection connection = bySession.remove(session.getId());
		if (connection != null) {
			connection.topics.forEach(topic -> leave(connection, topic));
		}
	}

	void listen(Connection connection, Topic topic) {
		connection.topics.add(topic);
		listeners.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(connection);
	}

	private void leave(Connection connection, Topic topic) {
		connection.topics.remove(topic);
		listeners.computeIfPresent(topic, (t, set) -> {
			set.remove(connection);
			return set.isEmpty() ? null : set;
		});
	}

	void deliver(ChatEvent event) {
		Set<Connection> audience = listeners.get(event.topic());
		if (audience == null) {
			return;
		}
		TextMessage frame = new TextMessage(event.json());
		for (Connection connection : audience.toArray(Connection[]::new)) {
			if ("assigned".equals(event.type())) {
				listen(connection, Topic.conversation(event.conversationId()));
			}
			connection.send(frame);
			if ("ended".equals(event.type())) {
				leave(connection, event.topic());
			}
			if (ChatNotifier.ACCOUNT_CLOSED.equals(event.type())) {
				// Its session is over; the connection would otherwise keep hearing the conversations it had joined.
				connection.close();
			}
		}
	}

	static final class Connection {

		final WebSocketSession session;
		final Set<Topic> topics = ConcurrentHashMap.newKeySet();
		volatile UUID visitorConversation;

		Connection(WebSocketSession session) {
			this.session = session;
		}

		void close() {
			try {
				session.close(CloseStatus.POLICY_VIOLATION);
			}
			catch (IOException ignored) {
				// already gone
			}
		}

		void send(TextMessage frame) {
			try {
				if (session.isOpen()) {
					session.sendMessage(frame);
				}
			}
			catch (IOException | RuntimeException failed) {
				// A slow or broken connection is dropped; the client reconnects and resyncs from the server.
				log.debug("Dropping a chat connection that could not take a frame: {}", failed.getClass().getSimpleName());
				try {
					session.close();
				}
				catch (IOException ignored) {
					// already gone
				}
			}
		}
	}
}
