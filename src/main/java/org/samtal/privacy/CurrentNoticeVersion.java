package org.samtal.privacy;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * Hook for the notice-version service (the consent ledger's published notice versions, built alongside): when a bean
 * implements this, each notice shows its version number and the date it applies from. Until then nothing implements
 * it and the notice shows no version rather than an invented one.
 */
interface CurrentNoticeVersion {

	record Stamp(String version, LocalDate effectiveFrom) {
	}

	Optional<Stamp> of(UUID organisationId);
}
