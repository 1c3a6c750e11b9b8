package org.samtal.privacy;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.samtal.platform.Problems;

/**
 * What the privacy module needs to know of the organisations that control personal data, implemented by the tenancy
 * module (which depends on privacy, not the other way round): who they are, where, and whom to contact.
 */
public interface Controllers {

	/**
	 * @param country ISO 3166 code, SE or NO: it decides the supervisory authority and some legal floors
	 * @param contactEmail the controller's own address for questions about personal data; null if not given
	 * @param postalAddress the controller's postal address, one line; null if not given
	 */
	record DataController(UUID id, String slug, String name, String country, String organisationNumber,
			String dpoName, String dpoEmail, String supervisoryAuthority, ZoneId timeZone, String contactEmail,
			String postalAddress) {

		/** Where to write about one's data: the controller's own address, or else its DPO's. */
		public String contact() {
			return contactEmail != null ? contactEmail : dpoEmail;
		}
	}

	List<DataController> all();

	Optional<DataController> find(UUID organisationId);

	/** @throws Problems (404) when there is no such organisation */
	default DataController require(UUID organisationId) {
		return find(organisationId).orElseThrow(() -> Problems.notFound("organisation-not-found",
				"No such organisation", "There is no organisation with id " + organisationId + "."));
	}

	Optional<DataController> findBySlug(String slug);
}
