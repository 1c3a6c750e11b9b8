package org.samtal.chat;

import static org.samtal.chat.ConversationRepository.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.samtal.chat.ChatMessage.Attachment;
import org.samtal.chat.ChatMessage.Author;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MessageRepository {

	private static final String SELECT = """
			SELECT m.id, m.conversation_id, m.client_message_id, m.author, m.body, m.sent_at,
			       f.id AS file_id, f.name AS file_name, f.media_type, f.size
			FROM chat_message m LEFT JOIN chat_file f ON f.id = m.file_id
			""";

	private final JdbcClient jdbc;

	MessageRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Where the conversation stood when a message was stored: the queue shows waiting visitors' first words. */
	record Stored(ChatMessage message, boolean conversationWaiting, UUID receptionId) {
	}

	/**
	 * Stores the message if its conversation is still open to this author and the client id is new, in one round
	 * trip. Empty means either a replay of a stored client id or a conversation the author may not write to.
	 * @param counselorId the counselor who must hold the conversation, or null for the visitor
	 */
	Optional<Stored> insertIfOpen(ChatMessage message, UUID counselorId) {
		return jdbc.sql("""
				WITH target AS (SELECT id, status, reception_id, counselor_id FROM conversation WHERE id = ?)
				INSERT INTO chat_message (id, conversation_id, client_message_id, author, body, file_id, sent_at)
				SELECT ?, target.id, ?, ?, ?, ?, ?
				FROM target
				WHERE CAST(? AS uuid) IS NULL OR (target.status = 'ACTIVE' AND target.counselor_id = ?)
				ON CONFLICT (conversation_id, author, client_message_id) DO NOTHING
				RETURNING (SELECT status FROM target) AS status, (SELECT reception_id FROM target) AS reception_id""")
			.params(message.conversationId(), message.id(), message.clientMessageId(), message.author().name(),
					message.text(), message.file() == null ? null : message.file().id(), ts(message.sentAt()),
					counselorId, counselorId)
			.query((rs, n) -> new Stored(message, "WAITING".equals(rs.getString("status")),
					rs.getObject("reception_id", UUID.class)))
			.optional();
	}

	record ToStore(ChatMessage message, UUID counselorId) {
	}

	/**
	 * {@link #insertIfOpen} for many messages in one statement and one commit. Returns what was stored, by message
	 * id; a message missing from the answer was a replay or was refused, exactly as the single insert would say.
	 */
	Map<UUID, Stored> insertAllIfOpen(List<ToStore> batch) {
		int n = batch.size();
		UUID[] ids = new UUID[n];
		UUID[] conversations = new UUID[n];
		String[] clientIds = new String[n];
		String[] authors = new String[n];
		String[] bodies = new String[n];
		UUID[] files = new UUID[n];
		String[] sentAt = new String[n];
		UUID[] counselors = new UUID[n];
		Map<UUID, ChatMessage> byId = new HashMap<>();
		for (int i = 0; i < n; i++) {
			ChatMessage message = batch.get(i).message();
			ids[i] = message.id();
			conversations[i] = message.conversationId();
			clientIds[i] = message.clientMessageId();
			authors[i] = message.author().name();
			bodies[i] = message.text();
			files[i] = message.file() == null ? null : message.file().id();
			sentAt[i] = message.sentAt().toString();
			counselors[i] = batch.get(i).counselorId();
			byId.put(message.id(), message);
		}
		Map<UUID, Stored> stored = new HashMap<>();
		jdbc.sql("""
				WITH v AS (
				    SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::uuid[],
				                         ?::timestamptz[], ?::uuid[]) WITH ORDINALITY
				        AS v(id, conversation_id, client_message_id, author, body, file_id, sent_at, counselor_id, ord)),
				inserted AS (
				    INSERT INTO chat_message (id, conversation_id, client_message_id, author, body, file_id, sent_at)
				    SELECT v.id, v.conversation_id, v.client_message_id, v.author, v.body, v.file_id, v.sent_at
				    FROM v JOIN conversation c ON c.id = v.conversation_id
				    WHERE v.counselor_id IS NULL OR (c.status = 'ACTIVE' AND c.counselor_id = v.counselor_id)
				    ORDER BY v.ord -- of two copies of one client id, the first sent is the one stored
				    ON CONFLICT (conversation_id, author, client_message_id) DO NOTHING
				    RETURNING id, conversation_id)
				SELECT inserted.id, c.status, c.reception_id
				FROM inserted JOIN conversation c ON c.id = inserted.conversation_id""")
			.params(ids, conversations, clientIds, authors, bodies, files, sentAt, counselors)
			.query(rs -> {
				UUID id = rs.getObject("id", UUID.class);
				stored.put(id, new Stored(byId.get(id), "WAITING".equals(rs.getString("status")),
						rs.getObject("reception_id", UUID.class)));
			});
		return stored;
	}

	Optional<ChatMessage> findByClientId(UUID conversationId, Author author, String clientMessageId) {
		return jdbc.sql(SELECT + " WHERE m.conversation_id = ? AND m.author = ? AND m.client_message_id = ?")
			.params(conversationId, author.name(), clientMessageId)
			.query(this::row)
			.optional();
	}

	List<ChatMessage> inConversation(UUID conversationId) {
		return jdbc.sql(SELECT + " WHERE m.conversation_id = ? ORDER BY m.sent_at, m.id")
			.param(conversationId)
			.query(this::row)
			.list();
	}

	/**
	 * The conversation's text messages in order, each handed on as a cursor reads it (1,000 rows at a time, within the
	 * caller's transaction): a conversation of a hundred thousand messages is never held whole.
	 */
	void eachTextMessage(UUID conversationId, Consumer<ChatMessage> each) {
		jdbc.sql(SELECT + " WHERE m.conversation_id = ? AND m.file_id IS NULL ORDER BY m.sent_at, m.id")
			.withFetchSize(1000)
			.param(conversationId)
			.query((ResultSet rs) -> each.accept(row(rs, 0)));
	}

	/** The conversation's messages that share a file, in order. */
	List<ChatMessage> withFiles(UUID conversationId) {
		return jdbc.sql(SELECT + " WHERE m.conversation_id = ? AND m.file_id IS NOT NULL ORDER BY m.sent_at, m.id")
			.param(conversationId)
			.query(this::row)
			.list();
	}

	Optional<ChatMessage> firstFromVisitor(UUID conversationId) {
		return jdbc.sql(SELECT + " WHERE m.conversation_id = ? AND m.author = 'VISITOR' ORDER BY m.sent_at, m.id LIMIT 1")
			.param(conversationId)
			.query(this::row)
			.optional();
	}

	void insertFile(UUID conversationId, Attachment file, byte[] content, java.time.Instant now) {
		jdbc.sql("""
				INSERT INTO chat_file (id, conversation_id, name, media_type, size, content, uploaded_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(file.id(), conversationId, file.name(), file.mediaType(), file.size(), content, ts(now))
			.update();
	}

	Optional<StoredFile> file(UUID conversationId, UUID fileId) {
		return jdbc.sql("SELECT name, media_type, content FROM chat_file WHERE id = ? AND conversation_id = ?")
			.params(fileId, conversationId)
			.query((rs, n) -> new StoredFile(rs.getString("name"), rs.getString("media_type"), rs.getBytes("content")))
			.optional();
	}

	record StoredFile(String name, String mediaType, byte[] content) {
	}

	private ChatMessage row(ResultSet rs, int rowNum) throws SQLException {
		UUID fileId = rs.getObject("file_id", UUID.class);
		Attachment file = fileId == null ? null
				: new Attachment(fileId, rs.getString("file_name"), rs.getString("media_type"), rs.getLong("size"));
		return new ChatMessage(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
				rs.getString("client_message_id"), Author.valueOf(rs.getString("author")), rs.getString("body"),
				rs.getTimestamp("sent_at").toInstant(), file);
	}
}
