package org.samtal.chat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.samtal.platform.Problems;

class MessageWriterBackpressureTests {

	@Test
	void aFullWriteQueueAnswersOverloadedAtOnceInsteadOfQueueingForever() throws Exception {
		MessageWriter writer = new MessageWriter(null, 200, 0);
		try {
			ChatMessage message = new ChatMessage(UUID.randomUUID(), UUID.randomUUID(), "m", ChatMessage.Author.VISITOR,
					"hej", Instant.now(), null);
			assertThatThrownBy(() -> writer.insertIfOpen(message, null)).isInstanceOfSatisfying(Problems.class,
					problem -> org.assertj.core.api.Assertions.assertThat(problem.slug()).isEqualTo("overloaded"));
		}
		finally {
			writer.stop();
		}
	}
}
