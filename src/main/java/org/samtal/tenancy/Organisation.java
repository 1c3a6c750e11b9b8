package org.samtal.tenancy;

import java.time.ZoneId;
import java.util.UUID;

/**
 * A controller of personal data: the body a privacy notice names, with its DPO and supervisory authority.
 * @param contactEmail where to write about one's data, beside the DPO; null when the DPO is the only contact
 * @param postalAddress the controller's postal address, one line; null when not given
 */
public record Organisation(UUID id, String slug, String name, Country country, String organisationNumber,
		ZoneId timeZone, String dpoName, String dpoEmail, String supervisoryAuthority, String contactEmail,
		String postalAddress) {

	/** An organisation whose DPO is its only contact. */
	public Organisation(UUID id, String slug, String name, Country country, String organisationNumber, ZoneId timeZone,
			String dpoName, String dpoEmail, String supervisoryAuthority) {
		this(id, slug, name, country, organisationNumber, timeZone, dpoName, dpoEmail, supervisoryAuthority, null, null);
	}

	public enum Country {
		SE, NO
	}
}
