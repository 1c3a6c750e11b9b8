package org.samtal.notification;

/** One way of handing a message over: SMTP, 46elks, or nothing at all (the development outbox). */
interface Delivery {

	/** What the outbox records as {@code via}: "smtp", "46elks" or "outbox". */
	String via();

	void deliver(Pending message) throws Failure;

	/**
	 * A failed hand-over.
	 * @param reason an exception's class name or the provider's status: never an address or any text of the message
	 * @param permanent true when trying again cannot help (the provider refused the message itself)
	 */
	final class Failure extends Exception {

		private final String reason;
		private final boolean permanent;

		Failure(String reason, boolean permanent) {
			super(reason, null, false, false);
			this.reason = reason;
			this.permanent = permanent;
		}

		String reason() {
			return reason;
		}

		boolean permanent() {
			return permanent;
		}
	}
}
