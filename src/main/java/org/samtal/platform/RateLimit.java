package org.samtal.platform;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed-window request counter per client key. Keys live in memory for one window and are never written anywhere:
 * that is how Samtal limits abuse without storing IP addresses.
 */
final class RateLimit {

	private final int limit;
	private final long windowMillis;
	private final Clock clock;
	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	RateLimit(int limit, long windowMillis, Clock clock) {
		this.limit = limit;
		this.windowMillis = windowMillis;
		this.clock = clock;
	}

	/** @return 0 when the request may proceed, otherwise the seconds until the key may try again. */
	long tryAcquire(String key) {
		long now = clock.millis();
		long windowStart = now - (now % windowMillis);
		Window window = windows.compute(key, (k, w) -> w == null || w.start != windowStart ? new Window(windowStart) : w);
		if (window.count.incrementAndGet() <= limit) {
			return 0;
		}
		return Math.max(1, (windowStart + windowMillis - now + 999) / 1000);
	}

	void forgetExpired() {
		long now = clock.millis();
		windows.values().removeIf(w -> w.start + windowMillis <= now);
	}

	private static final class Window {

		final long start;
		final AtomicInteger count = new AtomicInteger();

		Window(long start) {
			this.start = start;
		}
	}
}
