package org.samtal.privacy;

import java.util.Map;
import java.util.Set;

/**
 * A data subject's records were erased on request. Published in the erasing transaction, so a module that passed the
 * data on to a recipient outside Samtal (a clinic a referral went to) can tell that recipient, as GDPR Art. 19 asks.
 * @param subjectKeys the keys the subject is filed under: an account key, or the contact detail a request was verified
 *        at (the event stays in memory; it is not stored)
 * @param heldBy whose records were erased
 * @param erased how many records of each category went
 */
public record SubjectDataErased(Set<String> subjectKeys, DataSubject.HeldBy heldBy, Map<DataCategory, Integer> erased) {

	public SubjectDataErased {
		subjectKeys = Set.copyOf(subjectKeys);
		erased = Map.copyOf(erased);
	}
}
