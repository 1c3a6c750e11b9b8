package org.samtal.privacy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * BENCHMARK ONLY, never part of the app's build: the "same endpoint without logging" of bench/privacy.sh accesslog.
 * <p>
 * bench/privacy.sh compiles this class against the app's own classes into bench/target/hooks-nolog.jar and starts one
 * of its two app instances with {@code -Dloader.path=bench/target/hooks-nolog.jar} (Spring Boot's PropertiesLauncher).
 * Component scanning of {@code org.samtal} then finds this configuration, and its {@link Primary} bean replaces the
 * {@link AccessLog} that every module injects with one whose {@code recordWhile} only performs the read, and
 * writes nothing. The other instance runs the
 * unchanged jar through the same launcher. The app itself has no switch that turns access logging off.
 */
@Configuration(proxyBeanMethods = false)
class BenchNoAccessLog {

	private static final Logger log = LoggerFactory.getLogger(BenchNoAccessLog.class);

	@Bean
	@Primary
	AccessLog benchNoOpAccessLog(JdbcClient jdbc, AccessLogChain chain, AccessLogWriter writer, Clock clock) {
		log.warn("BENCHMARK HOOK: access logging is a no-op in this JVM (bench/src/hooks, bench/privacy.sh accesslog)");
		return new NoOpAccessLog(jdbc, chain, writer, clock);
	}

	static class NoOpAccessLog extends AccessLog {

		NoOpAccessLog(JdbcClient jdbc, AccessLogChain chain, AccessLogWriter writer, Clock clock) {
			super(jdbc, chain, writer, clock, Duration.ofSeconds(10));
		}

		@Override
		public <T> T recordWhile(List<Access> accesses, Supplier<T> read) {
			// Deliberately no entry: the endpoint's work without the chain append.
			return read.get();
		}
	}
}
