package org.samtal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a random port, on its own embedded PostgreSQL in a temporary directory. All tests with
 * this annotation share one Spring context, so build data with {@link Fixtures}, never rely on what others made.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"samtal.embedded-postgres.data-directory=", "samtal.rate-limit.sensitive-per-minute=100000",
		"samtal.rate-limit.api-per-minute=1000000", "samtal.chat.abandoned-sweep-interval=PT1H",
		"samtal.feedback.minimum-for-summary=5", "samtal.retention.initial-delay=P1D",
		"samtal.notification.outbox.page=true", "samtal.operator.organisation=" + Fixtures.OPERATOR_SLUG })
@Import({ TestClock.Configuration.class, Fixtures.class })
public @interface SamtalTest {
}
