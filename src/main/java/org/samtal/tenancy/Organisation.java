package org.samtal.tenancy;

import java.time.ZoneId;
import java.util.UUID;

/** A controller of personal data: the body a privacy notice names, with its DPO and supervisory authority. */
public record Organisation(UUID id, String slug, String name, Country country, String organisationNumber,
		ZoneId timeZone, String dpoName, String dpoEmail, String supervisoryAuthority) {

	public enum Country {
		SE, NO
	}
}
