package org.samtal.privacy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.samtal.platform.Ids;
import org.samtal.platform.Languages;
import org.samtal.platform.Problems;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consent ledger (GDPR Art. 7): every consent given to an organisation, and its withdrawal. Withdrawing is one
 * action, like giving, and applies at once. A consent given under a notice version older than the latest significant
 * version in force is not counted as given: it is not silently carried over, and the record says it needs renewal.
 * <p>
 * Giving returns a receipt with a withdrawal key, shown to the subject once; only its SHA-256 hash is kept. The key
 * opens the subject's receipt page, where they see their records with the organisation, withdraw, and download them
 * as JSON shaped after the Kantara Consent Receipt (see {@link #receiptJson}).
 */
@Service
public class ConsentLedger {

	static final int MAX_SUBJECT = 100;
	static final int MAX_PURPOSE_TEXT = 500;
	private static final Pattern PURPOSE_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
	private static final SecureRandom random = new SecureRandom();

	private static final String COLUMNS = """
			id, organisation_id, subject, purpose_code, purpose_text, data_category, notice_version, given_at,
			collection_method, language, withdrawn_at, withdrawal_method""";

	private final JdbcClient jdbc;
	private final Clock clock;
	private final PrivacyNotices notices;
	private final Controllers organisations;
	private final ConsentReceipts receipts;

	ConsentLedger(JdbcClient jdbc, Clock clock, PrivacyNotices notices, Controllers organisations,
			ConsentReceipts receipts) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.notices = notices;
		this.organisations = organisations;
		this.receipts = receipts;
	}

	/**
	 * What the subject keeps: the record's id and the key that withdraws it. The key is shown once and cannot be
	 * recovered; {@link #receiptPath()} is the page it opens.
	 */
	public record Receipt(UUID recordId, String withdrawalKey) {

		/** The subject's receipt page, relative to the site (e.g. for a link in a chat or a confirmation page). */
		public String receiptPath() {
			return "/consent/" + recordId + "?key=" + withdrawalKey;
		}
	}

	/**
	 * Records a consent under the organisation's notice version in force now.
	 * @param subject a pseudonym or username, never a name or contact detail
	 * @param category the category of personal data the consent covers
	 * @param language the language the subject saw; Swedish when it is not one Samtal speaks
	 * @throws Problems naming what is wrong with the subject or purpose; nothing is stored then
	 */
	@Transactional
	public Receipt give(UUID organisationId, String subject, ConsentRecord.Purpose purpose, DataCategory category,
			ConsentRecord.Method method, Locale language) {
		String who = validSubject(subject);
		ConsentRecord.Purpose what = validPurpose(purpose);
		if (category == null || method == null) {
			throw Problems.badRequest("consent-incomplete", "Consent incomplete",
					"A consent needs the category of data it covers and the method it was collected by.");
		}
		organisations.require(organisationId);
		Locale spoken = Optional.ofNullable(language).map(l -> Languages.supported(l.getLanguage()))
			.orElse(Languages.SWEDISH);
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		String key = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		UUID id = Ids.timeOrdered(clock);
		jdbc.sql("""
				INSERT INTO consent_record (id, organisation_id, subject, purpose_code, purpose_text, data_category,
				                            notice_version, given_at, collection_method, language, withdrawal_key_hash)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, organisationId, who, what.code(), what.text(), category.name(),
					notices.inForce(organisationId).current(), Timestamp.from(clock.instant()), method.name(),
					spoken.getLanguage(), hash(key))
			.update();
		return new Receipt(id, key);
	}

	/** The version of the platform operator's account terms that consents to the operator are given under. */
	static final int OPERATOR_TERMS_VERSION = 1;

	/**
	 * Records a consent to the platform operator, who controls account and notification data (seed 001), for a module
	 * that has itself made sure who the subject is (a signed-in client switching a notification on).
	 */
	@Transactional
	public void giveToOperator(String subject, ConsentRecord.Purpose purpose, DataCategory category,
			ConsentRecord.Method method, Locale language) {
		String who = validSubject(subject);
		ConsentRecord.Purpose what = validPurpose(purpose);
		if (isGivenToOperator(who, what.code())) {
			return;
		}
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		Locale spoken = Optional.ofNullable(language).map(l -> Languages.supported(l.getLanguage()))
			.orElse(Languages.SWEDISH);
		jdbc.sql("""
				INSERT INTO consent_record (id, organisation_id, subject, purpose_code, purpose_text, data_category,
				                            notice_version, given_at, collection_method, language, withdrawal_key_hash)
				VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(Ids.timeOrdered(clock), who, what.code(), what.text(), category.name(), OPERATOR_TERMS_VERSION,
					Timestamp.from(clock.instant()), method.name(), spoken.getLanguage(), hash(Base64.getUrlEncoder()
						.withoutPadding().encodeToString(secret)))
			.update();
	}

	/** Withdraws a consent to the platform operator, at once; again is harmless. */
	@Transactional
	public int withdrawFromOperator(String subject, String purposeCode, ConsentRecord.Method method) {
		return jdbc.sql("""
				UPDATE consent_record SET withdrawn_at = ?, withdrawal_method = ?
				WHERE organisation_id IS NULL AND subject = ? AND purpose_code = ? AND withdrawn_at IS NULL""")
			.params(Timestamp.from(clock.instant()), method.name(), subject, purposeCode)
			.update();
	}

	@Transactional(readOnly = true)
	public boolean isGivenToOperator(String subject, String purposeCode) {
		return jdbc.sql("""
				SELECT count(*) FROM consent_record
				WHERE organisation_id IS NULL AND subject = ? AND purpose_code = ? AND withdrawn_at IS NULL""")
			.params(subject, purposeCode)
			.query(Integer.class)
			.single() > 0;
	}

	/** The record a receipt key opens; empty for an unknown record or a wrong or missing key, alike. */
	@Transactional(readOnly = true)
	public Optional<ConsentRecord> open(UUID recordId, String key) {
		if (recordId == null || key == null || key.isEmpty() || key.length() > 100) {
			return Optional.empty();
		}
		Optional<byte[]> stored = jdbc.sql("SELECT withdrawal_key_hash FROM consent_record WHERE id = ?")
			.param(recordId)
			.query(byte[].class)
			.optional();
		if (stored.isEmpty() || !MessageDigest.isEqual(stored.get(), hash(key))) {
			return Optional.empty();
		}
		return recordsWhere("id = ?", recordId).stream().findFirst();
	}

	/**
	 * The one action a receipt offers: withdraws the consent it records (the subject's every standing record for the
	 * same purpose with the organisation), at once. Again is harmless.
	 * @return false when the key does not open the record
	 */
	@Transactional
	public boolean withdraw(UUID recordId, String key, ConsentRecord.Method method) {
		Optional<ConsentRecord> record = open(recordId, key);
		record.ifPresent(r -> withdraw(r.organisationId(), r.subject(), r.purpose().code(), method));
		return record.isPresent();
	}

	/**
	 * Withdraws the subject's consent for the purpose, at once, for a module that has itself made sure who the subject
	 * is (e.g. notification settings of a signed-in client). Idempotent: a withdrawn record keeps its first withdrawal
	 * time.
	 * @return how many standing records this withdrew
	 */
	@Transactional
	public int withdraw(UUID organisationId, String subject, String purposeCode, ConsentRecord.Method method) {
		return jdbc.sql("""
				UPDATE consent_record SET withdrawn_at = ?, withdrawal_method = ?
				WHERE organisation_id = ? AND subject = ? AND purpose_code = ? AND withdrawn_at IS NULL""")
			.params(Timestamp.from(clock.instant()), method.name(), organisationId, subject, purposeCode)
			.update();
	}

	/**
	 * Whether the subject's consent for the purpose stands now: given, not withdrawn, and under a notice version no
	 * significant change has replaced since.
	 */
	@Transactional(readOnly = true)
	public boolean isGiven(UUID organisationId, String subject, String purposeCode) {
		// Versions start at 1: 0 means no standing consent.
		int newest = jdbc.sql("""
				SELECT coalesce(max(notice_version), 0) FROM consent_record
				WHERE organisation_id = ? AND subject = ? AND purpose_code = ? AND withdrawn_at IS NULL""")
			.params(organisationId, subject, purposeCode)
			.query(Integer.class)
			.single();
		return newest > 0 && newest >= notices.inForce(organisationId).significantSince();
	}

	/**
	 * The subject's standing consents, to any organisation or the platform operator, oldest first: what a signed-in
	 * client can withdraw from their own page.
	 */
	@Transactional(readOnly = true)
	public List<ConsentRecord> standingOf(String subject) {
		return recordsWhere("subject = ? AND withdrawn_at IS NULL ORDER BY given_at, id", subject);
	}

	/**
	 * Withdraws the consent a record stands for, at once, when the record is the subject's own (the module has made
	 * sure who the subject is, e.g. a signed-in client). Again, or someone else's record, changes nothing.
	 * @return whether the record was the subject's
	 */
	@Transactional
	public boolean withdrawOwn(UUID recordId, String subject, ConsentRecord.Method method) {
		Optional<ConsentRecord> record = recordsWhere("id = ? AND subject = ?", recordId, subject).stream().findFirst();
		record.ifPresent(r -> {
			if (r.organisationId() == null) {
				withdrawFromOperator(r.subject(), r.purpose().code(), method);
			}
			else {
				withdraw(r.organisationId(), r.subject(), r.purpose().code(), method);
			}
		});
		return record.isPresent();
	}

	/** The subject's consent records with the organisation, oldest first, each with its state as of now. */
	@Transactional(readOnly = true)
	public List<ConsentRecord> recordsOf(UUID organisationId, String subject) {
		return recordsWhere("organisation_id = ? AND subject = ? ORDER BY given_at, id", organisationId, subject);
	}

	/**
	 * The subject's consent records with the organisation as JSON, one Kantara Consent Receipt v1.1 each (fields of
	 * ISO/IEC TS 27560 where they fit), for the subject to download and keep.
	 * @param site the address Samtal is reached at, for the link to the organisation's notice
	 */
	@Transactional(readOnly = true)
	public String receiptJson(UUID organisationId, String subject, URI site) {
		return receipts.json(organisations.require(organisationId), subject, recordsOf(organisationId, subject), site);
	}

	private List<ConsentRecord> recordsWhere(String condition, Object... params) {
		List<Row> rows = jdbc.sql("SELECT " + COLUMNS + " FROM consent_record WHERE " + condition)
			.params(params)
			.query(ConsentLedger::row)
			.list();
		// Each record's state is judged against its own controller's notice (the operator's terms for a null one).
		Map<Optional<UUID>, Integer> significantSince = new java.util.HashMap<>();
		return rows.stream()
			.map(row -> row.record(significantSince.computeIfAbsent(Optional.ofNullable(row.organisationId()),
					organisation -> organisation.map(id -> notices.inForce(id).significantSince())
						.orElse(OPERATOR_TERMS_VERSION))))
			.toList();
	}

	/** A stored record, before its state is judged against the notice versions in force. */
	private record Row(UUID id, UUID organisationId, String subject, ConsentRecord.Purpose purpose,
			DataCategory category, int noticeVersion, Instant givenAt, ConsentRecord.Method method, Locale language,
			Instant withdrawnAt, ConsentRecord.Method withdrawalMethod) {

		ConsentRecord record(int significantSince) {
			ConsentRecord.State state = withdrawnAt != null ? ConsentRecord.State.WITHDRAWN
					: noticeVersion < significantSince ? ConsentRecord.State.NEEDS_RENEWAL : ConsentRecord.State.GIVEN;
			return new ConsentRecord(id, organisationId, subject, purpose, category, noticeVersion, givenAt, method,
					language, withdrawnAt, withdrawalMethod, state);
		}
	}

	private static Row row(ResultSet rs, int rowNum) throws SQLException {
		Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
		String withdrawalMethod = rs.getString("withdrawal_method");
		return new Row(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
				rs.getString("subject"),
				new ConsentRecord.Purpose(rs.getString("purpose_code"), rs.getString("purpose_text")),
				DataCategory.valueOf(rs.getString("data_category")), rs.getInt("notice_version"),
				rs.getTimestamp("given_at").toInstant(), ConsentRecord.Method.valueOf(rs.getString("collection_method")),
				Locale.of(rs.getString("language")), withdrawn == null ? null : withdrawn.toInstant(),
				withdrawalMethod == null ? null : ConsentRecord.Method.valueOf(withdrawalMethod));
	}

	private static String validSubject(String subject) {
		String stripped = subject == null ? "" : subject.strip();
		if (stripped.isEmpty() || stripped.length() > MAX_SUBJECT || stripped.chars().anyMatch(Character::isISOControl)) {
			throw Problems.badRequest("consent-subject-invalid", "Invalid subject",
					"A consent's subject is a pseudonym or username of 1 to " + MAX_SUBJECT + " characters.");
		}
		return stripped;
	}

	private static ConsentRecord.Purpose validPurpose(ConsentRecord.Purpose purpose) {
		if (purpose == null || purpose.code() == null || !PURPOSE_CODE.matcher(purpose.code()).matches()) {
			throw Problems.badRequest("consent-purpose-invalid", "Invalid purpose",
					"A purpose code is 1 to 64 lower-case letters, digits and hyphens, e.g. 'follow-up-notes'.");
		}
		String text = purpose.text() == null ? "" : purpose.text().strip();
		if (text.isEmpty() || text.length() > MAX_PURPOSE_TEXT) {
			throw Problems.badRequest("consent-purpose-invalid", "Invalid purpose",
					"A purpose says what the consent is for in 1 to " + MAX_PURPOSE_TEXT + " characters.");
		}
		return new ConsentRecord.Purpose(purpose.code(), text);
	}

	static byte[] hash(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException("Every Java platform has SHA-256", impossible);
		}
	}
}
