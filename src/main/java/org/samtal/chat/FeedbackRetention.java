package org.samtal.chat;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.ProcessingRegister;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes feedback older than each organisation's retention period for it (the register's default, or the
 * organisation's own choice within the legal bounds).
 */
@Component
class FeedbackRetention {

	private final JdbcClient jdbc;
	private final ProcessingRegister register;
	private final Clock clock;

	FeedbackRetention(JdbcClient jdbc, ProcessingRegister register, Clock clock) {
		this.jdbc = jdbc;
		this.register = register;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${samtal.retention.interval:PT1H}")
	@Transactional
	int deleteExpired() {
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		List<UUID> organisations = jdbc.sql("""
				SELECT DISTINCT r.organisation_id FROM feedback f JOIN reception r ON r.id = f.reception_id""")
			.query(UUID.class)
			.list();
		int deleted = 0;
		for (UUID organisation : organisations) {
			Period keptFor = register.retentionFor(organisation, DataCategory.FEEDBACK);
			deleted += jdbc.sql("""
					DELETE FROM feedback f USING reception r
					WHERE r.id = f.reception_id AND r.organisation_id = ? AND f.given_on < ?""")
				.params(organisation, Date.valueOf(today.minus(keptFor)))
				.update();
		}
		return deleted;
	}
}
