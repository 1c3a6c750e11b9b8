package org.samtal.privacy;

/** The lawful bases of GDPR Art. 6(1), and the conditions of Art. 9(2) for special categories such as health. */
public final class LegalBasis {

	private LegalBasis() {
	}

	public enum Article6 {
		CONSENT("6(1)(a)"), CONTRACT("6(1)(b)"), LEGAL_OBLIGATION("6(1)(c)"), VITAL_INTERESTS("6(1)(d)"),
		PUBLIC_INTEREST("6(1)(e)"), LEGITIMATE_INTERESTS("6(1)(f)");

		public final String article;

		Article6(String article) {
			this.article = article;
		}
	}

	public enum Article9 {
		NONE("-"), EXPLICIT_CONSENT("9(2)(a)"), HEALTH_OR_SOCIAL_CARE("9(2)(h)");

		public final String article;

		Article9(String article) {
			this.article = article;
		}
	}
}
