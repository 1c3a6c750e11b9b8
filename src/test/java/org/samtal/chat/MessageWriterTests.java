package org.samtal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.chat.ChatMessage.Author;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SamtalTest
class MessageWriterTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	MessageRepository messages;

	@Autowired
	MessageWriter writer;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aBatchStoresNewMessagesOnceAndLeavesOutReplaysAndRefusals() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Conversations.Started waiting = Conversations.start(new Http(port), reception);
		Conversations.Started other = Conversations.start(new Http(port), reception);

		ChatMessage first = message(waiting.id(), Author.VISITOR, "a");
		ChatMessage sameClientId = message(waiting.id(), Author.VISITOR, "a");
		ChatMessage second = message(other.id(), Author.VISITOR, "b");
		ChatMessage notTheirs = message(other.id(), Author.COUNSELOR, "c");
		ChatMessage noConversation = message(UUID.randomUUID(), Author.VISITOR, "d");
		Map<UUID, MessageRepository.Stored> stored = messages.insertAllIfOpen(List.of(
				new MessageRepository.ToStore(first, null), new MessageRepository.ToStore(sameClientId, null),
				new MessageRepository.ToStore(second, null), new MessageRepository.ToStore(notTheirs, counselor.id()),
				new MessageRepository.ToStore(noConversation, null)));

		assertThat(stored).containsOnlyKeys(first.id(), second.id());
		assertThat(stored.get(first.id()).conversationWaiting()).isTrue();
		assertThat(stored.get(first.id()).receptionId()).isEqualTo(reception.id());
		assertThat(jdbc.sql("SELECT count(*) FROM chat_message WHERE conversation_id IN (?, ?)")
			.params(waiting.id(), other.id()).query(Integer.class).single()).isEqualTo(2);
	}

	@Test
	void manyConcurrentSendersAreEachStoredExactlyOnce() throws Exception {
		Reception reception = fixtures.openReception();
		List<Conversations.Started> conversations = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			conversations.add(Conversations.start(new Http(port), reception));
		}
		ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
		List<Future<Boolean>> results = new ArrayList<>();
		for (int round = 0; round < 10; round++) {
			for (Conversations.Started conversation : conversations) {
				String clientId = "m-" + round;
				// Every message is sent twice at once: a resend racing its original.
				for (int copy = 0; copy < 2; copy++) {
					results.add(senders.submit(() -> writer
						.insertIfOpen(message(conversation.id(), Author.VISITOR, clientId), null).isPresent()));
				}
			}
		}
		int stored = 0;
		for (Future<Boolean> result : results) {
			stored += result.get() ? 1 : 0;
		}
		senders.shutdown();
		assertThat(stored).isEqualTo(200);
		assertThat(writer.largestBatch()).as("concurrent senders shared commits").isGreaterThan(1);
		assertThat(jdbc.sql("SELECT count(*) FROM chat_message WHERE conversation_id = ANY (?)")
			.param(conversations.stream().map(Conversations.Started::id).toArray(UUID[]::new))
			.query(Integer.class).single()).isEqualTo(200);
	}

	private static ChatMessage message(UUID conversationId, Author author, String clientId) {
		return new ChatMessage(UUID.randomUUID(), conversationId, clientId, author, "text " + clientId, Instant.now(), null);
	}
}
