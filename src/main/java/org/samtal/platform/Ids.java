package org.samtal.platform;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** Time-ordered UUIDs (version 7, RFC 9562), so rows sort by creation without a separate sequence. */
public final class Ids {

	private static final SecureRandom random = new SecureRandom();

	private Ids() {
	}

	public static UUID timeOrdered(Clock clock) {
		long millis = clock.millis();
		long randomA = random.nextLong();
		long randomB = random.nextLong();
		long msb = (millis << 16) | 0x7000L | (randomA & 0x0FFFL);
		long lsb = (randomB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(msb, lsb);
	}
}
