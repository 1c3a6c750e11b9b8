package org.samtal.privacy;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The person a rights request is about, as far as Samtal can recognise them: a client account (its id and pseudonym)
 * and the keys other modules file the person's records under, such as {@code client:<account id>} in the access log.
 * Nothing is added to recognise them better; a request reaches only what these keys reach.
 * @param heldBy whose records the request reaches: every controller's when the client acts on their own page, or
 *        one controller's when its staff answer a request made to it
 */
public record DataSubject(UUID clientAccountId, String username, Set<String> keys, HeldBy heldBy) {

	public DataSubject {
		keys = Set.copyOf(keys);
		Objects.requireNonNull(heldBy);
	}

	/** A signed-in client, filed everywhere under {@code client:<account id>}, acting on everything kept about them. */
	public static DataSubject client(UUID accountId, String username) {
		return new DataSubject(accountId, username, Set.of(clientKey(accountId)), HeldBy.ANYONE);
	}

	/**
	 * Someone known only by a contact detail they proved is theirs, e.g. the e-mail address a code was sent to. Modules
	 * that file records under a contact detail find them by this key; nothing else does.
	 */
	public static DataSubject contact(String channel, String address) {
		return new DataSubject(null, null, Set.of(contactKey(channel, address)), HeldBy.ANYONE);
	}

	/**
	 * How modules name a client account's holder in their records (access log, care contacts, consents,
	 * restrictions): by the account's id, which never changes and is never reused. A username can be changed, and a
	 * deleted account's name taken by someone else, who must never see the records kept about the first holder.
	 */
	public static String clientKey(UUID accountId) {
		return "client:" + accountId;
	}

	/** How a module files records under a contact detail: {@code email:<address>} or {@code sms:<E.164 number>}. */
	public static String contactKey(String channel, String address) {
		return channel.toLowerCase(java.util.Locale.ROOT) + ":" + address.toLowerCase(java.util.Locale.ROOT);
	}

	/** The same person, with another key they are known by (say, the contact detail a request was verified at). */
	public DataSubject alsoKnownAs(String key) {
		return new DataSubject(clientAccountId, username, union(keys, key), heldBy);
	}

	/** The same person, as far as the given controller's records go. */
	public DataSubject heldBy(HeldBy heldBy) {
		return new DataSubject(clientAccountId, username, keys, heldBy);
	}

	public String[] keyArray() {
		return keys.toArray(String[]::new);
	}

	private static Set<String> union(Set<String> keys, String key) {
		java.util.Set<String> all = new java.util.HashSet<>(keys);
		all.add(key);
		return all;
	}

	/**
	 * Whose records a rights request reaches. Seed 001's handover: the platform operator controls account, login and
	 * notification data, and an organisation controls the content of a client's contact with it; a request answered
	 * by one controller's staff reaches that controller's records only.
	 * @param organisationId the controlling organisation; null with {@code everyone} false: the platform operator
	 */
	public record HeldBy(boolean everyone, UUID organisationId) {

		/** Every controller's records: the client acting on their own page or through the API. */
		public static final HeldBy ANYONE = new HeldBy(true, null);

		public static HeldBy operator() {
			return new HeldBy(false, null);
		}

		public static HeldBy organisation(UUID organisationId) {
			return new HeldBy(false, Objects.requireNonNull(organisationId));
		}

		/** Whether a record held by this organisation (null: the platform operator) is within reach. */
		public boolean covers(UUID holder) {
			return everyone || Objects.equals(organisationId, holder);
		}

		/** Whether records of a category with this kind of controller are within reach. */
		public boolean covers(CategoryDeclaration.Controller controller) {
			return everyone || (organisationId == null) == (controller == CategoryDeclaration.Controller.PLATFORM_OPERATOR);
		}
	}
}
