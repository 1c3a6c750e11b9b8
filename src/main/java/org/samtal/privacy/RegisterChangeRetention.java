package org.samtal.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Deletes register changes older than each organisation's retention period for them, as the register promises. */
@Component
class RegisterChangeRetention {

	private final JdbcClient jdbc;
	private final ProcessingRegister register;
	private final Clock clock;

	RegisterChangeRetention(JdbcClient jdbc, ProcessingRegister register, Clock clock) {
		this.jdbc = jdbc;
		this.register = register;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${samtal.retention.interval:PT1H}")
	@Transactional
	int deleteExpired() {
		List<UUID> organisations = jdbc.sql("SELECT DISTINCT organisation_id FROM register_change")
			.query(UUID.class)
			.list();
		int deleted = 0;
		for (UUID organisation : organisations) {
			Period keptFor = register.retentionFor(organisation, DataCategory.REGISTER_CHANGE);
			deleted += jdbc.sql("DELETE FROM register_change WHERE organisation_id = ? AND changed_at < ?")
				.params(organisation, Timestamp.from(clock.instant().atZone(ZoneOffset.UTC).minus(keptFor).toInstant()))
				.update();
		}
		return deleted;
	}
}
