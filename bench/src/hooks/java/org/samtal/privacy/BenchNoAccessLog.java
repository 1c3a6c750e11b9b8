package org.samtal.privacy;

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
 * {@link AccessLog} that every module injects with one whose {@link #record} does nothing. The other instance runs the
 * unchanged jar through the same launcher. The app itself has no switch that turns access logging off.
 */
@Configuration(proxyBeanMethods = false)
class BenchNoAccessLog {

	private static final Logger log = LoggerFactory.getLogger(BenchNoAccessLog.class);

	@Bean
	@Primary
	AccessLog benchNoOpAccessLog(JdbcClient jdbc, AccessLogChain chain) {
		log.warn("BENCHMARK HOOK: access logging is a no-op in this JVM (bench/src/hooks, bench/privacy.sh accesslog)");
		return new NoOpAccessLog(jdbc, chain);
	}

	static class NoOpAccessLog extends AccessLog {

		NoOpAccessLog(JdbcClient jdbc, AccessLogChain chain) {
			super(jdbc, chain);
		}

		@Override
		public void record(Access access) {
			// Deliberately nothing: the endpoint's work without the chain append.
		}
	}
}
