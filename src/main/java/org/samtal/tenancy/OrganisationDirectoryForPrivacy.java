package org.samtal.tenancy;

import java.util.Optional;
import java.util.UUID;
import org.samtal.privacy.OrganisationDirectory;
import org.springframework.stereotype.Component;

/** Tells the privacy module who an organisation is, without it depending on this module. */
@Component
class OrganisationDirectoryForPrivacy implements OrganisationDirectory {

	private final Receptions receptions;

	OrganisationDirectoryForPrivacy(Receptions receptions) {
		this.receptions = receptions;
	}

	@Override
	public Optional<OrganisationDirectory.Organisation> organisation(UUID organisationId) {
		return receptions.organisation(organisationId)
			.map(o -> new OrganisationDirectory.Organisation(o.id(), o.slug(), o.name(), o.country().name(),
					o.timeZone(), o.dpoName(), o.dpoEmail()));
	}
}
