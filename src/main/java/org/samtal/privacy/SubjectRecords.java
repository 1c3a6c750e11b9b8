package org.samtal.privacy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A module's records of one category about one subject, for an export: each record as field name to value, in the
 * order the module chooses. Secrets (password hashes, tokens) never appear; a record may say one exists.
 * @param organisationId the controlling organisation, or null when the platform operator controls it
 */
public record SubjectRecords(DataCategory category, UUID organisationId, List<Map<String, Object>> records) {

	public SubjectRecords {
		records = List.copyOf(records);
	}
}
