package org.samtal.privacy;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One version of an organisation's privacy notice: when it was published, from when it applies, whether the change
 * is significant (consents given under earlier versions then need renewal), and a short summary of what changed in
 * Swedish, bokmål and/or English (keys "sv", "nb", "en", as in {@code tenancy.LocalizedText}).
 * <p>
 * Version 1 is implicit: the notice an organisation had when it began using Samtal, in force since the epoch, with
 * no summary. The first version published in Samtal is number 2.
 */
public record NoticeVersion(UUID organisationId, int version, Instant publishedAt, Instant effectiveFrom,
		boolean significant, Map<String, String> summary) {

	public static final int IMPLICIT_FIRST = 1;

	public NoticeVersion {
		summary = Map.copyOf(summary);
	}

	static NoticeVersion implicitFirst(UUID organisationId) {
		return new NoticeVersion(organisationId, IMPLICIT_FIRST, Instant.EPOCH, Instant.EPOCH, false, Map.of());
	}

	public boolean implicit() {
		return version == IMPLICIT_FIRST;
	}

	/** The summary in the wanted language; else Swedish, bokmål or English, whichever the organisation wrote. */
	public String summaryIn(Locale locale) {
		String wanted = summary.get(locale.getLanguage());
		if (wanted != null) {
			return wanted;
		}
		for (String fallback : PrivacyNotices.LANGUAGES) {
			if (summary.containsKey(fallback)) {
				return summary.get(fallback);
			}
		}
		return "";
	}
}
