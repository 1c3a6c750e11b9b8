package org.samtal.privacy;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * The notice version in force, for the generated notice to show with the date it applies from; implemented by
 * {@link NoticeVersionStamp} from {@link PrivacyNotices}. Without a published version the notice shows none rather
 * than an invented one.
 */
interface CurrentNoticeVersion {

	record Stamp(String version, LocalDate effectiveFrom) {
	}

	Optional<Stamp> of(UUID organisationId);
}
