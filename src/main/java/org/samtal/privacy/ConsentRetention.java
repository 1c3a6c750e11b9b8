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

/**
 * Deletes withdrawn consent records once each organisation's retention period for them (counted from the
 * withdrawal) has passed. Standing consents are kept: they are the proof the processing rests on.
 */
@Component
class ConsentRetention {

	private final JdbcClient jdbc;
	private final ProcessingRegister register;
	private final Clock clock;

	ConsentRetention(JdbcClient jdbc, ProcessingRegister register, Clock clock) {
		this.jdbc = jdbc;
		this.register = register;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${samtal.retention.interval:PT1H}")
	@Transactional
	int deleteExpired() {
		List<UUID> organisations = jdbc.sql("""
				SELECT DISTINCT organisation_id FROM consent_record WHERE withdrawn_at IS NOT NULL""")
			.query(UUID.class)
			.list();
		int deleted = 0;
		for (UUID organisation : organisations) {
			Period keptFor = register.retentionFor(organisation, DataCategory.CONSENT_RECORD);
			deleted += jdbc.sql("DELETE FROM consent_record WHERE organisation_id = ? AND withdrawn_at < ?")
				.params(organisation, Timestamp.from(clock.instant().atZone(ZoneOffset.UTC).minus(keptFor).toInstant()))
				.update();
		}
		return deleted;
	}
}
