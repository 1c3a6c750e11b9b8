package org.samtal.privacy;

import java.util.Set;
import java.util.UUID;

/**
 * The person a rights request is about, as far as Samtal can recognise them: a client account (its id and pseudonym)
 * and the keys other modules file the person's records under, such as {@code client:<username>} in the access log.
 * Nothing is added to recognise them better; a request reaches only what these keys reach.
 */
public record DataSubject(UUID clientAccountId, String username, Set<String> keys) {

	public DataSubject {
		keys = Set.copyOf(keys);
	}

	/** A signed-in client, filed everywhere under {@code client:<username>}. */
	public static DataSubject client(UUID accountId, String username) {
		return new DataSubject(accountId, username, Set.of(clientKey(username)));
	}

	/** How modules name a client account's holder in their records (access log, care contacts, consents). */
	public static String clientKey(String username) {
		return "client:" + username;
	}

	public String[] keyArray() {
		return keys.toArray(String[]::new);
	}
}
