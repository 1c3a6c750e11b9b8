package org.samtal.platform;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered UUIDs (version 7, RFC 9562), so rows sort by creation without a separate sequence. Ids are not
 * secrets: every read needs a token or a login. So they draw on a fast thread-local generator, not SecureRandom,
 * which is shared and locks on the hot path of every chat message.
 */
public final class Ids {

	private Ids() {
	}

	public static UUID timeOrdered(Clock clock) {
		long millis = clock.millis();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long msb = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
		long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(msb, lsb);
	}
}
