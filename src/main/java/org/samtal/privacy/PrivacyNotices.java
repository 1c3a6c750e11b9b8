package org.samtal.privacy;

import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.samtal.platform.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The versions of each organisation's privacy notice. A significant change is announced in the service (see
 * {@link #banner}) at least {@code samtal.privacy.significant-change-notice} before it applies, so people can take a
 * position first; once it applies, consents given under earlier versions are no longer counted as given (see
 * {@link ConsentLedger#isGiven}). Versions apply in the order they are numbered: a new one may not take effect before
 * the latest one.
 */
@Service
public class PrivacyNotices {

	static final List<String> LANGUAGES = List.of("sv", "nb", "en");
	public static final int MAX_SUMMARY = 500;

	private static final String COLUMNS = """
			organisation_id, version, published_at, effective_from, significant, summary_sv, summary_nb, summary_en""";

	private final JdbcClient jdbc;
	private final Clock clock;
	private final StaffDirectory staff;
	private final Controllers organisations;
	private final Period significantNotice;

	PrivacyNotices(JdbcClient jdbc, Clock clock, StaffDirectory staff, Controllers organisations,
			@Value("${samtal.privacy.significant-change-notice:P14D}") Period significantNotice) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.staff = staff;
		this.organisations = organisations;
		this.significantNotice = significantNotice;
	}

	/**
	 * A new version to publish.
	 * @param effectiveOn the day it applies, in the organisation's time zone; today means at once
	 * @param summary what changed, by language ("sv", "nb", "en"); at least one
	 */
	public record Draft(boolean significant, LocalDate effectiveOn, Map<String, String> summary) {
	}

	/** Which versions are in force now: the latest, and the latest significant one (0 when none has been). */
	record InForce(int current, int significantSince) {
	}

	/**
	 * Publishes the next version of the organisation's notice. Only the organisation's own admins may.
	 * @throws Problems saying what is wrong with the draft, or that the caller may not publish for this organisation
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public NoticeVersion publish(Principal admin, UUID organisationId, Draft draft) {
		boolean ownAdmin = staff.reviewer(admin)
			.filter(StaffDirectory.Reviewer::admin)
			.filter(reviewer -> reviewer.organisationId().equals(organisationId))
			.isPresent();
		if (!ownAdmin) {
			throw Problems.forbidden("notice-admins-only", "Admins only",
					"Only an admin of the organisation can publish its privacy notice.");
		}
		ZoneId zone = zoneOf(organisationId);
		Map<String, String> summary = validSummary(draft.summary());
		if (draft.effectiveOn() == null) {
			throw Problems.badRequest("notice-effective-date-missing", "Effective date missing",
					"Give the day the new version applies.");
		}
		Instant now = clock.instant();
		LocalDate today = now.atZone(zone).toLocalDate();
		if (draft.effectiveOn().isBefore(today)) {
			throw Problems.badRequest("notice-effective-in-past", "Effective date in the past",
					"A new version cannot apply from a day that has passed (" + draft.effectiveOn() + ").");
		}
		LocalDate earliest = today.plus(significantNotice);
		if (draft.significant() && draft.effectiveOn().isBefore(earliest)) {
			throw Problems.badRequest("notice-too-short-notice", "Too short notice",
					"A significant change must be announced " + significantNotice + " before it applies, so people can "
							+ "take a position first: the earliest day is " + earliest + ".");
		}
		Instant effectiveFrom = draft.effectiveOn().equals(today) ? now
				: draft.effectiveOn().atStartOfDay(zone).toInstant();
		Optional<NoticeVersion> latest = latest(organisationId);
		if (latest.isPresent() && effectiveFrom.isBefore(latest.get().effectiveFrom())) {
			throw Problems.badRequest("notice-before-latest", "Before the latest version",
					"Version " + latest.get().version() + " applies from "
							+ latest.get().effectiveFrom().atZone(zone).toLocalDate()
							+ "; a newer version cannot apply before it.");
		}
		int version = latest.map(NoticeVersion::version).orElse(NoticeVersion.IMPLICIT_FIRST) + 1;
		try {
			jdbc.sql("INSERT INTO privacy_notice_version (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
				.params(organisationId, version, Timestamp.from(now), Timestamp.from(effectiveFrom), draft.significant(),
						summary.get("sv"), summary.get("nb"), summary.get("en"))
				.update();
		}
		catch (DuplicateKeyException concurrent) {
			throw Problems.conflict("notice-published-concurrently", "Published at the same moment",
					"Someone else published version " + version + " at the same moment. Reload and check it.");
		}
		return new NoticeVersion(organisationId, version, now, effectiveFrom, draft.significant(), summary);
	}

	/** The version that applies now: the latest one in effect, or the implicit version 1. */
	@Transactional(readOnly = true)
	public NoticeVersion currentVersion(UUID organisationId) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM privacy_notice_version WHERE organisation_id = ? AND effective_from <= ?
				ORDER BY version DESC LIMIT 1""")
			.params(organisationId, Timestamp.from(clock.instant()))
			.query(PrivacyNotices::version)
			.optional()
			.orElseGet(() -> NoticeVersion.implicitFirst(organisationId));
	}

	/** The next significant version that is published but does not apply yet, if any. */
	@Transactional(readOnly = true)
	public Optional<NoticeVersion> upcomingSignificant(UUID organisationId) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM privacy_notice_version WHERE organisation_id = ? AND significant AND effective_from > ?
				ORDER BY effective_from, version LIMIT 1""")
			.params(organisationId, Timestamp.from(clock.instant()))
			.query(PrivacyNotices::version)
			.optional();
	}

	/** Every version, newest first, ending with the implicit version 1. */
	@Transactional(readOnly = true)
	public List<NoticeVersion> versions(UUID organisationId) {
		List<NoticeVersion> versions = new ArrayList<>(jdbc
			.sql("SELECT " + COLUMNS + " FROM privacy_notice_version WHERE organisation_id = ? ORDER BY version DESC")
			.param(organisationId)
			.query(PrivacyNotices::version)
			.list());
		versions.add(NoticeVersion.implicitFirst(organisationId));
		return versions;
	}

	/** The banner to show the organisation's users while a significant change is announced but not yet in force. */
	@Transactional(readOnly = true)
	public Optional<NoticeBanner> banner(UUID organisationId, Locale locale) {
		return upcomingSignificant(organisationId).flatMap(upcoming -> organisations.find(organisationId)
			.map(organisation -> new NoticeBanner(upcoming.version(), upcoming.summaryIn(locale),
					DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
						.withLocale(locale)
						.format(upcoming.effectiveFrom().atZone(organisation.timeZone())),
					organisation.slug(), organisation.name())));
	}

	/** The organisations that have announced a significant change not yet in force. */
	@Transactional(readOnly = true)
	public Set<UUID> announcingSignificantChanges() {
		return new HashSet<>(jdbc.sql("""
				SELECT DISTINCT organisation_id FROM privacy_notice_version WHERE significant AND effective_from > ?""")
			.param(Timestamp.from(clock.instant()))
			.query(UUID.class)
			.list());
	}

	/** The earliest day a significant change published now may apply, in the organisation's time zone. */
	public LocalDate earliestSignificantDay(UUID organisationId) {
		return today(organisationId).plus(significantNotice);
	}

	public LocalDate today(UUID organisationId) {
		return clock.instant().atZone(zoneOf(organisationId)).toLocalDate();
	}

	InForce inForce(UUID organisationId) {
		return jdbc.sql("""
				SELECT coalesce(max(version), 1) AS current,
				       coalesce(max(version) FILTER (WHERE significant), 0) AS significant_since
				FROM privacy_notice_version WHERE organisation_id = ? AND effective_from <= ?""")
			.params(organisationId, Timestamp.from(clock.instant()))
			.query((rs, n) -> new InForce(rs.getInt("current"), rs.getInt("significant_since")))
			.single();
	}

	private Optional<NoticeVersion> latest(UUID organisationId) {
		return jdbc.sql("SELECT " + COLUMNS
				+ " FROM privacy_notice_version WHERE organisation_id = ? ORDER BY version DESC LIMIT 1")
			.param(organisationId)
			.query(PrivacyNotices::version)
			.optional();
	}

	ZoneId zoneOf(UUID organisationId) {
		return organisations.require(organisationId).timeZone();
	}

	private static Map<String, String> validSummary(Map<String, String> given) {
		Map<String, String> summary = new HashMap<>();
		for (Map.Entry<String, String> text : (given == null ? Map.<String, String>of() : given).entrySet()) {
			if (!LANGUAGES.contains(text.getKey())) {
				throw Problems.badRequest("notice-summary-language", "Unknown language",
						"A summary can be written in sv, nb or en, not '" + abbreviate(text.getKey()) + "'.");
			}
			String stripped = text.getValue() == null ? "" : text.getValue().strip();
			if (stripped.length() > MAX_SUMMARY) {
				throw Problems.badRequest("notice-summary-too-long", "Summary too long", "The " + text.getKey()
						+ " summary has " + stripped.length() + " characters; at most " + MAX_SUMMARY + " fit.");
			}
			if (!stripped.isEmpty()) {
				summary.put(text.getKey(), stripped);
			}
		}
		if (summary.isEmpty()) {
			throw Problems.badRequest("notice-summary-missing", "Summary missing",
					"Say in a few sentences what changes, in at least one language.");
		}
		return summary;
	}

	private static String abbreviate(String text) {
		return text.length() <= 20 ? text : text.substring(0, 20) + "…";
	}

	private static NoticeVersion version(ResultSet rs, int rowNum) throws SQLException {
		Map<String, String> summary = new HashMap<>();
		for (String language : LANGUAGES) {
			String text = rs.getString("summary_" + language);
			if (text != null) {
				summary.put(language, text);
			}
		}
		return new NoticeVersion(rs.getObject("organisation_id", UUID.class), rs.getInt("version"),
				rs.getTimestamp("published_at").toInstant(), rs.getTimestamp("effective_from").toInstant(),
				rs.getBoolean("significant"), summary);
	}
}
