/**
 * Shared infrastructure every module leans on: the embedded PostgreSQL default, the injected {@link java.time.Clock},
 * language resolution, rate limiting of unauthenticated requests and RFC 9457 problem answers.
 * <p>
 * Keeps no personal data. The rate limiter holds client addresses in memory only, for at most one window, and never
 * writes them anywhere.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package org.samtal.platform;

import org.springframework.modulith.ApplicationModule;
