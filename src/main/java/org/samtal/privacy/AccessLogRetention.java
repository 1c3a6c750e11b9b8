package org.samtal.privacy;

import java.time.Clock;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges access-log entries past their retention. The chain is one for the whole installation and only a prefix can
 * go, so the cut is at the longest period any organisation keeps: no organisation loses entries it must keep, and
 * one that chose a shorter period keeps some longer until the log is split per organisation.
 */
@Component
class AccessLogRetention {

	private final AccessLogChain chain;
	private final ProcessingRegister register;
	private final JdbcClient jdbc;
	private final Clock clock;

	AccessLogRetention(AccessLogChain chain, ProcessingRegister register, JdbcClient jdbc, Clock clock) {
		this.chain = chain;
		this.register = register;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${samtal.retention.interval:PT1H}")
	int purgeExpired() {
		Period longest = register.declaration(DataCategory.ACCESS_LOG_ENTRY).retention().keptFor();
		List<String> chosen = jdbc.sql("SELECT kept_for FROM retention_override WHERE data_category = ? AND kept_for IS NOT NULL")
			.param(DataCategory.ACCESS_LOG_ENTRY.name())
			.query(String.class)
			.list();
		for (String period : chosen) {
			Period candidate = Period.parse(period);
			if (RetentionRule.days(candidate) > RetentionRule.days(longest)) {
				longest = candidate;
			}
		}
		return chain.purgeWrittenBefore(clock.instant().atZone(ZoneOffset.UTC).minus(longest).toInstant());
	}
}
