package org.samtal.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The one way every module records staff access to client data. Entries are never changed once written. */
@Service
public class AccessLog {

	private final JdbcClient jdbc;
	private final Clock clock;

	AccessLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	public void record(Access access) {
		jdbc.sql("""
				INSERT INTO access_log (at, actor_id, actor_role, organisation_id, reception_id, subject, data_category,
				                        action, context)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(Timestamp.from(clock.instant()), access.actorId(), access.actorRole(), access.organisationId(),
					access.receptionId(), access.subject(), access.category().name(), access.action().name(),
					access.context())
			.update();
	}

	/** The entries about one subject, newest first. */
	@Transactional(readOnly = true)
	public List<Access> entriesAbout(String subject) {
		return jdbc.sql("""
				SELECT at, actor_id, actor_role, organisation_id, reception_id, subject, data_category, action, context
				FROM access_log WHERE subject = ? ORDER BY id DESC""")
			.param(subject)
			.query((rs, n) -> new Access(rs.getTimestamp("at").toInstant(), rs.getObject("actor_id", UUID.class),
					rs.getString("actor_role"), rs.getObject("organisation_id", UUID.class),
					rs.getObject("reception_id", UUID.class), rs.getString("subject"),
					DataCategory.valueOf(rs.getString("data_category")), AccessAction.valueOf(rs.getString("action")),
					rs.getString("context")))
			.list();
	}
}
