package org.samtal.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * When staff have an active contact with a client: the reason an access is expected. Modules record contacts as
 * they begin and end; the log review flags accesses that no contact covers (HSLF-FS 2016:40 4 kap. 9 §).
 */
@Service
public class CareContacts {

	private final JdbcClient jdbc;
	private final Clock clock;

	CareContacts(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A contact begins. A contact with one staff member ends the reception-wide one.
	 * @param staffId the staff member who holds it, or null when every staff member of the reception may see it
	 */
	@Transactional
	public void began(UUID organisationId, UUID receptionId, UUID staffId, String subject) {
		if (staffId != null) {
			// Handed over to one staff member: the reception as a whole no longer has a reason to look.
			jdbc.sql("""
					UPDATE care_contact SET ended_at = ?
					WHERE reception_id = ? AND subject = ? AND staff_id IS NULL AND ended_at IS NULL""")
				.params(Timestamp.from(clock.instant()), receptionId, subject)
				.update();
		}
		jdbc.sql("""
				INSERT INTO care_contact (organisation_id, reception_id, staff_id, subject, started_at)
				VALUES (?, ?, ?, ?, ?)""")
			.params(organisationId, receptionId, staffId, subject, Timestamp.from(clock.instant()))
			.update();
	}

	/** Every open contact with the subject at the reception ends. */
	@Transactional
	public void ended(UUID receptionId, String subject) {
		jdbc.sql("UPDATE care_contact SET ended_at = ? WHERE reception_id = ? AND subject = ? AND ended_at IS NULL")
			.params(Timestamp.from(clock.instant()), receptionId, subject)
			.update();
	}
}
