package org.samtal.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.samtal.chat.ChatConnections.Connection;
import org.samtal.chat.ChatEvent.Topic;
import org.samtal.identity.StaffMember;
import org.samtal.platform.Problems;
import org.springframework.dao.DataAccessException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realtime protocol, JSON frames both ways. A connection says {@code hello} first: a visitor with the
 * conversation's token, a counselor through their logged-in session. Each {@code send} carries a client-generated id;
 * the server answers {@code ack} (stored, or already stored) or {@code error}, so the client knows what to resend
 * after a reconnect and the server never stores a message twice.
 */
class ChatSocket extends TextWebSocketHandler {

	private final ChatConnections connections;
	private final VisitorChat visitors;
	private final CounselorChat counselors;
	private final JsonMapper json;

	ChatSocket(ChatConnections connections, VisitorChat visitors, CounselorChat counselors, JsonMapper json) {
		this.connections = connections;
		this.visitors = visitors;
		this.counselors = counselors;
		this.json = json;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		connections.open(session);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		connections.close(session);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage frame) {
		Connection connection = connections.get(session);
		if (connection == null) {
			return;
		}
		JsonNode request;
		try {
			request = json.readTree(frame.getPayload());
		}
		catch (JacksonException notJson) {
			reply(connection, error(null, "invalid-frame", "Frames must be JSON objects."));
			return;
		}
		String type = request.path("type").asString("");
		// Service-layer authorization needs the staff member's authentication on this thread, as in a web request.
		if (session.getPrincipal() instanceof Authentication authentication) {
			SecurityContextHolder.getContext().setAuthentication(authentication);
		}
		try {
			switch (type) {
				case "hello" -> hello(session, connection, request);
				case "send" -> send(session, connection, request);
				case "ping" -> ping(connection);
				default -> reply(connection, error(null, "invalid-frame", "Unknown frame type '" + abbreviate(type) + "'."));
			}
		}
		catch (Problems problem) {
			reply(connection, error(request.path("clientMessageId").asString(null), problem.slug(), problem.detail()));
		}
		catch (IllegalArgumentException badId) {
			reply(connection, error(request.path("clientMessageId").asString(null), "invalid-frame",
					"conversationId must be a UUID."));
		}
		catch (DataAccessException storageFailed) {
			// Answer the frame instead of letting the connection drop: the client keeps the message and resends it.
			reply(connection, error(request.path("clientMessageId").asString(null), "storage-unavailable",
					"The message could not be stored right now; it will be sent again."));
		}
		catch (AccessDeniedException | AuthenticationException denied) {
			reply(connection, error(request.path("clientMessageId").asString(null), "forbidden",
					"Log in as staff, or say hello with the conversation's token."));
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private void hello(WebSocketSession session, Connection connection, JsonNode request) {
		String token = request.path("token").asString(null);
		if (token != null) {
			UUID conversationId = UUID.fromString(request.path("conversationId").asString(""));
			VisitorChat.VisitorAccess visitor = visitors.authenticate(conversationId, token);
			connection.visitorConversation = visitor.conversationId();
			connections.listen(connection, Topic.conversation(visitor.conversationId()));
			VisitorChat.Status status = visitors.status(visitor);
			Map<String, Object> welcome = new LinkedHashMap<>(Map.of("type", "welcome", "role", "VISITOR",
					"conversationId", visitor.conversationId(), "status", status.conversation().status().name(),
					"queuePosition", status.queuePosition()));
			if (status.counselorName() != null) {
				welcome.put("counselorName", status.counselorName());
			}
			reply(connection, welcome);
			return;
		}
		StaffMember staff = staff(session);
		staff.receptionIds().forEach(id -> connections.listen(connection, Topic.reception(id)));
		connections.listen(connection, Topic.staff(staff.id()));
		counselors.follow(staff).forEach(c -> connections.listen(connection, Topic.conversation(c.id())));
		reply(connection, Map.of("type", "welcome", "role", "COUNSELOR"));
	}

	private void send(WebSocketSession session, Connection connection, JsonNode request) {
		String clientMessageId = request.path("clientMessageId").asString(null);
		String text = request.path("text").isString() ? request.path("text").asString() : null;
		ConversationMessages.Sent sent;
		if (connection.visitorConversation != null) {
			sent = visitors.send(new VisitorChat.VisitorAccess(connection.visitorConversation), clientMessageId, text);
		}
		else {
			StaffMember staff = staff(session);
			UUID conversationId = UUID.fromString(request.path("conversationId").asString(""));
			sent = counselors.send(staff, conversationId, clientMessageId, text);
		}
		reply(connection, Map.of("type", "ack", "clientMessageId", sent.message().clientMessageId(), "messageId",
				sent.message().id(), "sentAt", sent.message().sentAt(), "duplicate", !sent.isNew()));
	}

	private void ping(Connection connection) {
		if (connection.visitorConversation != null) {
			visitors.seen(new VisitorChat.VisitorAccess(connection.visitorConversation));
		}
		reply(connection, Map.of("type", "pong"));
	}

	private static StaffMember staff(WebSocketSession session) {
		return StaffMember.of(session.getPrincipal())
			.orElseThrow(() -> Problems.of(org.springframework.http.HttpStatus.UNAUTHORIZED, "hello-required",
					"Say hello first", "Say hello with the conversation's token, or log in as staff."));
	}

	private static Map<String, Object> error(String clientMessageId, String code, String detail) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("type", "error");
		if (clientMessageId != null) {
			error.put("clientMessageId", clientMessageId);
		}
		error.put("code", code);
		error.put("detail", detail);
		return error;
	}

	private void reply(Connection connection, Map<String, ?> frame) {
		connection.send(new TextMessage(json.writeValueAsString(frame)));
	}

	private static String abbreviate(String text) {
		return text.length() <= 32 ? text : text.substring(0, 32) + "…";
	}
}
