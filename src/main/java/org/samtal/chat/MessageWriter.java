package org.samtal.chat;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.samtal.platform.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Group commit for chat messages. Senders hand their message over and wait; one writer takes whatever has queued up
 * while it was busy and stores it all in one statement and one commit. Under light load a batch is one message and
 * nothing waits; under heavy load the batches grow, and PostgreSQL pays for one commit instead of hundreds.
 */
@Component
class MessageWriter {

	private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);

	private final MessageRepository messages;
	private final int maxBatch;
	private final int maxQueued;
	private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
	private final Thread writer;
	private volatile boolean running = true;
	private volatile int largestBatch;

	MessageWriter(MessageRepository messages, @Value("${samtal.chat.write-batch-size:200}") int maxBatch,
			@Value("${samtal.chat.write-queue-limit:20000}") int maxQueued) {
		this.messages = messages;
		this.maxBatch = maxBatch;
		this.maxQueued = maxQueued;
		this.writer = Thread.ofPlatform().name("chat-message-writer").daemon().start(this::run);
	}

	private record Pending(ChatMessage message, UUID counselorId, CompletableFuture<Optional<MessageRepository.Stored>> result) {
	}

	/** Same contract as {@link MessageRepository#insertIfOpen}, but shares the commit with concurrent senders. */
	Optional<MessageRepository.Stored> insertIfOpen(ChatMessage message, UUID counselorId) {
		if (queue.size() >= maxQueued) {
			// Better a quick "try again" that the client's outbox handles than a queue that grows into minutes.
			throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Too busy",
					"The server is too busy to store the message right now; it will be sent again.");
		}
		CompletableFuture<Optional<MessageRepository.Stored>> result = new CompletableFuture<>();
		queue.add(new Pending(message, counselorId, result));
		try {
			return result.get();
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while storing a message", interrupted);
		}
		catch (ExecutionException failed) {
			if (failed.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(failed.getCause());
		}
	}

	private void run() {
		List<Pending> batch = new ArrayList<>(maxBatch);
		while (running) {
			try {
				Pending first = queue.poll(1, TimeUnit.SECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				queue.drainTo(batch, maxBatch - 1);
				largestBatch = Math.max(largestBatch, batch.size());
				write(batch);
			}
			catch (InterruptedException stop) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException unexpected) {
				log.error("Chat message writer failed a batch of {}", batch.size(), unexpected);
				batch.forEach(pending -> pending.result().completeExceptionally(unexpected));
			}
			finally {
				batch.clear();
			}
		}
	}

	private void write(List<Pending> batch) {
		if (batch.size() == 1) {
			Pending only = batch.get(0);
			complete(only, () -> messages.insertIfOpen(only.message(), only.counselorId()));
			return;
		}
		Map<UUID, MessageRepository.Stored> stored;
		try {
			stored = messages.insertAllIfOpen(batch.stream().map(p -> new MessageRepository.ToStore(p.message(), p.counselorId())).toList());
		}
		catch (DataAccessException oneBadRow) {
			// e.g. a conversation deleted between check and insert: store one by one so only that message fails
			batch.forEach(p -> complete(p, () -> messages.insertIfOpen(p.message(), p.counselorId())));
			return;
		}
		for (Pending pending : batch) {
			pending.result().complete(Optional.ofNullable(stored.get(pending.message().id())));
		}
	}

	private static void complete(Pending pending, java.util.function.Supplier<Optional<MessageRepository.Stored>> insert) {
		try {
			pending.result().complete(insert.get());
		}
		catch (RuntimeException failed) {
			pending.result().completeExceptionally(failed);
		}
	}

	/** The most messages one commit has held so far: tells whether load made the batching work. */
	int largestBatch() {
		return largestBatch;
	}

	@PreDestroy
	void stop() throws InterruptedException {
		running = false;
		writer.interrupt();
		writer.join(5_000);
	}
}
