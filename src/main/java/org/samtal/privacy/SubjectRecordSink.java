package org.samtal.privacy;

import java.util.Map;
import java.util.UUID;

/**
 * Where a module hands the records it keeps about a subject, one at a time, so that an export of a hundred thousand
 * access-log entries never holds them all: the engine writes each to the answer as it comes.
 */
public interface SubjectRecordSink {

	/**
	 * Starts a section: the records that follow are of this category, held by this controller.
	 * @param organisationId the controlling organisation, or null for the platform operator
	 */
	void section(DataCategory category, UUID organisationId);

	/** One record as field name to value; nested lists and maps are allowed. Secrets never appear. */
	void record(Map<String, Object> record);

	/** A whole (small) section at once; nothing is written for an empty one. */
	default void add(SubjectRecords records) {
		if (!records.records().isEmpty()) {
			section(records.category(), records.organisationId());
			records.records().forEach(this::record);
		}
	}
}
