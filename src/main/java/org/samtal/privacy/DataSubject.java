package org.samtal.privacy;

import java.util.Set;
import java.util.UUID;

/**
 * The person a rights request is about, as far as Samtal can recognise them: a client account (its id and pseudonym)
 * and the keys other modules file the person's records under, such as {@code client:<account id>} in the access log.
 * Nothing is added to recognise them better; a request reaches only what these keys reach.
 */
public record DataSubject(UUID clientAccountId, String username, Set<String> keys) {

	public DataSubject {
		keys = Set.copyOf(keys);
	}

	/** A signed-in client, filed everywhere under {@code client:<account id>}. */
	public static DataSubject client(UUID accountId, String username) {
		return new DataSubject(accountId, username, Set.of(clientKey(accountId)));
	}

	/**
	 * How modules name a client account's holder in their records (access log, care contacts, consents,
	 * restrictions): by the account's id, which never changes and is never reused. A username can be changed, and a
	 * deleted account's name taken by someone else, who must never see the records kept about the first holder.
	 */
	public static String clientKey(UUID accountId) {
		return "client:" + accountId;
	}

	public String[] keyArray() {
		return keys.toArray(String[]::new);
	}
}
