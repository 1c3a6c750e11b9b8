package org.samtal.privacy;

import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.samtal.platform.Problems;

/**
 * What the privacy module needs to know of an organisation (a controller) to name it on a consent receipt and link
 * its notice, implemented by the tenancy module (which depends on privacy, not the other way round).
 */
public interface OrganisationDirectory {

	/** @param country "SE" or "NO": the jurisdiction a consent receipt names */
	record Organisation(UUID id, String slug, String name, String country, ZoneId timeZone, String dpoName,
			String dpoEmail) {
	}

	Optional<Organisation> organisation(UUID organisationId);

	/** @throws Problems (404) when there is no such organisation */
	default Organisation require(UUID organisationId) {
		return organisation(organisationId).orElseThrow(() -> Problems.notFound("organisation-not-found",
				"No such organisation", "There is no organisation with id " + organisationId + "."));
	}
}
