package org.samtal.privacy;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * One consent, as the ledger keeps it: who gave it (a pseudonym or username, never a name), for which purpose and
 * category of data, under which version of the organisation's notice, when, how and in which language; and when and
 * how it was withdrawn.
 * @param withdrawnAt null while the consent stands
 * @param state as of now: a consent given under a notice older than the latest significant version in force
 * {@link State#NEEDS_RENEWAL}
 */
public record ConsentRecord(UUID id, UUID organisationId, String subject, Purpose purpose, DataCategory category,
		int noticeVersion, Instant givenAt, Method method, Locale language, Instant withdrawnAt,
		Method withdrawalMethod, State state) {

	/**
	 * What the consent is for.
	 * @param code stable and machine-readable, e.g. "follow-up-notes": lower-case letters, digits and hyphens
	 * @param text what the subject was told, in the language they consented in
	 */
	public record Purpose(String code, String text) {
	}

	/** How consent was collected or withdrawn (the consent receipt's collectionMethod). */
	public enum Method {
		WEB_FORM, CHAT, API, STAFF_RECORDED,
		/** Withdrawn because the subject deleted their account: nothing is done on the consent any more. */
		ACCOUNT_DELETED,
		/** Withdrawn because the subject's data was erased at their request to the organisation (varchar(20)). */
		ERASED_ON_REQUEST
	}

	public enum State {
		GIVEN, WITHDRAWN,
		/** Given under a notice version that a significant change has since replaced: not counted as given. */
		NEEDS_RENEWAL
	}
}
