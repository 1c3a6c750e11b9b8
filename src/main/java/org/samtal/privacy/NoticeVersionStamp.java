package org.samtal.privacy;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a generated notice says about its own age: the published version in force and the day it applied from, and
 * the day the register last changed if that came later. The notice always shows the register as the engine enforces
 * it today, so a change since the version is said rather than hidden.
 */
@Component
class NoticeVersionStamp {

	/**
	 * @param version null for the implicit first version, which has no date Samtal knows
	 * @param registerChangedOn null unless the register changed after the version took effect
	 */
	record Stamp(String version, LocalDate effectiveFrom, LocalDate registerChangedOn) {
	}

	private final PrivacyNotices notices;
	private final JdbcClient jdbc;

	NoticeVersionStamp(PrivacyNotices notices, JdbcClient jdbc) {
		this.notices = notices;
		this.jdbc = jdbc;
	}

	Optional<Stamp> of(UUID organisationId) {
		NoticeVersion current = notices.currentVersion(organisationId);
		ZoneId zone = notices.zoneOf(organisationId);
		LocalDate changed = jdbc.sql("SELECT max(changed_at) FROM register_change WHERE organisation_id = ?")
			.param(organisationId)
			.query(Timestamp.class)
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.map(Timestamp::toInstant)
			.filter(at -> at.isAfter(current.effectiveFrom()))
			.map(at -> LocalDate.ofInstant(at, zone))
			.findFirst()
			.orElse(null);
		if (current.implicit() && changed == null) {
			return Optional.empty();
		}
		return Optional.of(new Stamp(current.implicit() ? null : Integer.toString(current.version()),
				current.implicit() ? null : LocalDate.ofInstant(current.effectiveFrom(), zone), changed));
	}
}
