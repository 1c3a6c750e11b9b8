package org.samtal.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ConversationRepository {

	private static final String COLUMNS = "id, reception_id, handle, status, counselor_id, created_at, visitor_seen_at, client_account_id";

	private final JdbcClient jdbc;

	ConversationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Conversation conversation, byte[] tokenHash, Map<String, String> formAnswers) {
		jdbc.sql("""
				INSERT INTO conversation (id, reception_id, handle, token_hash, status, created_at, visitor_seen_at,
				                          client_account_id)
				VALUES (?, ?, ?, ?, 'WAITING', ?, ?, ?)""")
			.params(conversation.id(), conversation.receptionId(), conversation.handle(), tokenHash,
					ts(conversation.createdAt()), ts(conversation.visitorSeenAt()), conversation.clientAccountId())
			.update();
		formAnswers.forEach((field, answer) -> jdbc
			.sql("INSERT INTO conversation_form_answer (conversation_id, field, answer) VALUES (?, ?, ?)")
			.params(conversation.id(), field, answer)
			.update());
	}

	Optional<Conversation> find(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM conversation WHERE id = ?").param(id).query(this::row).optional();
	}

	Optional<Conversation> findWithToken(UUID id, byte[] tokenHash) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM conversation WHERE id = ? AND token_hash = ?")
			.params(id, tokenHash)
			.query(this::row)
			.optional();
	}

	Optional<Conversation> lock(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM conversation WHERE id = ? FOR UPDATE").param(id).query(this::row).optional();
	}

	/** Atomically assigns a waiting conversation; false when someone else was first. */
	boolean take(UUID id, UUID counselorId, Instant now) {
		return jdbc.sql("""
				UPDATE conversation SET status = 'ACTIVE', counselor_id = ?, taken_at = ?
				WHERE id = ? AND status = 'WAITING'""")
			.params(counselorId, ts(now), id)
			.update() == 1;
	}

	/** Assigns the longest-waiting conversation of the given receptions, skipping rows another counselor is taking. */
	Optional<UUID> takeNext(Collection<UUID> receptionIds, UUID counselorId, Instant now) {
		return jdbc.sql("""
				UPDATE conversation SET status = 'ACTIVE', counselor_id = ?, taken_at = ?
				WHERE id = (SELECT id FROM conversation
				            WHERE status = 'WAITING' AND reception_id = ANY (?)
				            ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
				RETURNING id""")
			.params(counselorId, ts(now), receptionIds.toArray(UUID[]::new))
			.query(UUID.class)
			.optional();
	}

	/**
	 * Hands the counselor's conversations back to the queue, where their creation time puts them first again.
	 * @return the receptions whose queues changed
	 */
	List<UUID> returnToQueue(UUID counselorId) {
		return jdbc.sql("""
				UPDATE conversation SET status = 'WAITING', counselor_id = NULL, taken_at = NULL
				WHERE status = 'ACTIVE' AND counselor_id = ?
				RETURNING reception_id""")
			.param(counselorId)
			.query(UUID.class)
			.list();
	}

	/** Waiting conversations per reception, in queue order. */
	List<Conversation> waiting(Collection<UUID> receptionIds) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM conversation WHERE status = 'WAITING' AND reception_id = ANY (?) "
				+ "ORDER BY created_at, id")
			.param(receptionIds.toArray(UUID[]::new))
			.query(this::row)
			.list();
	}

	List<Conversation> activeFor(UUID counselorId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM conversation WHERE status = 'ACTIVE' AND counselor_id = ? "
				+ "ORDER BY created_at")
			.param(counselorId)
			.query(this::row)
			.list();
	}

	int queuePosition(Conversation conversation) {
		if (conversation.status() != Conversation.Status.WAITING) {
			return 0;
		}
		return jdbc.sql("""
				SELECT count(*) FROM conversation
				WHERE reception_id = ? AND status = 'WAITING' AND (created_at, id) <= (?, ?)""")
			.params(conversation.receptionId(), ts(conversation.createdAt()), conversation.id())
			.query(Integer.class)
			.single();
	}

	/** A signed-in client's conversations, oldest first. */
	List<Conversation> ofClient(UUID clientAccountId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM conversation WHERE client_account_id = ? ORDER BY created_at")
			.param(clientAccountId)
			.query(this::row)
			.list();
	}

	Map<String, String> formAnswers(UUID conversationId) {
		Map<String, String> answers = new LinkedHashMap<>();
		jdbc.sql("SELECT field, answer FROM conversation_form_answer WHERE conversation_id = ? ORDER BY field")
			.param(conversationId)
			.query(rs -> {
				answers.put(rs.getString("field"), rs.getString("answer"));
			});
		return answers;
	}

	void touchVisitor(UUID id, Instant now) {
		jdbc.sql("UPDATE conversation SET visitor_seen_at = ? WHERE id = ?").params(ts(now), id).update();
	}

	List<UUID> visitorGoneSince(Instant cutoff, int limit) {
		return jdbc.sql("SELECT id FROM conversation WHERE visitor_seen_at < ? ORDER BY visitor_seen_at LIMIT ?")
			.params(ts(cutoff), limit)
			.query(UUID.class)
			.list();
	}

	/** Hard-deletes the conversation; its messages, files and form answers go with it (ON DELETE CASCADE). */
	void delete(UUID id) {
		jdbc.sql("DELETE FROM conversation WHERE id = ?").param(id).update();
	}

	void insertStatistic(UUID receptionId, LocalDate endedOn, Duration duration, ConversationEnded.EndedBy endedBy) {
		jdbc.sql("""
				INSERT INTO conversation_statistic (reception_id, ended_on, duration_seconds, ended_by)
				VALUES (?, ?, ?, ?)""")
			.params(receptionId, endedOn, (int) Math.min(Integer.MAX_VALUE, duration.toSeconds()), endedBy.name())
			.update();
	}

	private Conversation row(ResultSet rs, int rowNum) throws SQLException {
		return new Conversation(rs.getObject("id", UUID.class), rs.getObject("reception_id", UUID.class),
				rs.getString("handle"), Conversation.Status.valueOf(rs.getString("status")),
				rs.getObject("counselor_id", UUID.class), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("visitor_seen_at").toInstant(), rs.getObject("client_account_id", UUID.class));
	}

	static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}
}
