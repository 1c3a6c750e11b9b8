package org.samtal.privacy;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Stamps each generated notice with the version in force and the day it applied from. */
@Component
class NoticeVersionStamp implements CurrentNoticeVersion {

	private final PrivacyNotices notices;

	NoticeVersionStamp(PrivacyNotices notices) {
		this.notices = notices;
	}

	/** Nothing for the implicit first version: it has no date Samtal knows. */
	@Override
	public Optional<Stamp> of(UUID organisationId) {
		NoticeVersion current = notices.currentVersion(organisationId);
		if (current.implicit()) {
			return Optional.empty();
		}
		return Optional.of(new Stamp(Integer.toString(current.version()),
				LocalDate.ofInstant(current.effectiveFrom(), notices.zoneOf(organisationId))));
	}
}
