package org.samtal.privacy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every module that stores data tells the privacy engine: the categories of personal data it keeps, which of its
 * tables hold which category, and which tables hold nothing personal (and why). A module implements this once, as a
 * Spring bean; a test fails the build when a table is in neither list.
 */
public interface PersonalDataOwner {

	List<CategoryDeclaration> categories();

	/**
	 * Table name to the category its rows belong to; none for a module that so far only declares what it will keep
	 * (the register test still fails on any table no module names).
	 */
	default Map<String, DataCategory> personalTables() {
		return Map.of();
	}

	/** Table name to the reason it holds no personal data. */
	default Map<String, String> nonPersonalTables() {
		return Map.of();
	}

	/**
	 * Hands everything this module holds about the subject to the sink, per category and controller, for access and
	 * portability (GDPR Art. 15, 20). A module with personal tables must answer this; a test holds every one to it.
	 */
	default void find(DataSubject subject, SubjectRecordSink sink) {
	}

	/**
	 * Erases the subject's records of the given categories, the ones an erasure may remove (the register decides;
	 * the rest stays and the engine reports why), and returns how many records of each category went.
	 */
	default Map<DataCategory, Integer> erase(DataSubject subject, Set<DataCategory> erasable) {
		return Map.of();
	}
}
