package org.samtal.privacy;

/**
 * What the banner about an upcoming significant notice change says: the summary in the reader's language, the day
 * it applies (formatted for the reader), and the organisation whose notice it is (its slug, for the link, and its
 * name, for pages that are not the organisation's own).
 */
public record NoticeBanner(int version, String summary, String effectiveOn, String organisationSlug,
		String organisationName) {
}
