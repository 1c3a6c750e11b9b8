package org.samtal.requests;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.samtal.identity.ClientContacts;
import org.samtal.notification.Channel;
import org.samtal.notification.Notifications;
import org.samtal.platform.Languages;
import org.samtal.privacy.DataSubject;
import org.samtal.privacy.StaffDirectory.Reviewer;
import org.samtal.privacy.SubjectRights;
import org.samtal.requests.SubjectRequest.Kind;
import org.samtal.requests.SubjectRequest.Status;
import org.samtal.tenancy.Organisation;
import org.samtal.tenancy.Receptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Data-subject requests from people without an account, or about data self-service cannot reach (a former chat
 * client, a referral, a subscriber): made on a public form, proved with a one-time code sent to the very contact
 * detail the data is registered under (seed 003; nothing else is asked to verify), and queued for the staff of the
 * controller asked, with the legal due date. Staff answer through {@link RequestAnswers}.
 */
@Service
class SubjectRequests {

	static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
	static final int MAX_ATTEMPTS = 5;
	/**
	 * Codes to one address an hour and a day, across requests: the form cannot flood someone's inbox, and guessing a
	 * code (five tries each) stays hopeless.
	 */
	static final int MAX_CODES_PER_ADDRESS_AN_HOUR = 5;
	static final int MAX_CODES_PER_ADDRESS_A_DAY = 10;
	static final int MAX_DETAILS = 2000;
	/** The slug the form uses for the platform operator, which is no organisation. */
	static final String OPERATOR = "operator";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final Clock clock;
	private final Notifications notifications;
	private final Receptions receptions;
	private final ClientContacts contacts;
	private final SubjectRights rights;
	private final Optional<String> operatorOrganisation;

	SubjectRequests(JdbcClient jdbc, Clock clock, Notifications notifications, Receptions receptions,
			ClientContacts contacts, SubjectRights rights,
			@Value("${samtal.operator.organisation:}") String operatorOrganisation) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.notifications = notifications;
		this.receptions = receptions;
		this.contacts = contacts;
		this.rights = rights;
		this.operatorOrganisation = Optional.of(operatorOrganisation.strip()).filter(slug -> !slug.isEmpty());
	}

	/** A request as typed on the form. */
	public record Submission(String controller, String kind, String channel, String address, String details,
			boolean forward, String language) {
	}

	/** A request refused for a reason the form shows next to the field, with what was typed kept. */
	public static class Refused extends RuntimeException {

		private final String field;
		private final String reason;

		Refused(String field, String reason) {
			super(field + ": " + reason);
			this.field = field;
			this.reason = reason;
		}

		public String field() {
			return field;
		}

		public String reason() {
			return reason;
		}
	}

	/**
	 * Whether requests to the platform operator can be made: only where an organisation's admins are named to handle
	 * them ({@code samtal.operator.organisation}), so no request lands in a queue nobody reads.
	 */
	public boolean operatorTakesRequests() {
		return operatorOrganisation.flatMap(this::organisationBySlug).isPresent();
	}

	/**
	 * Records a request, unverified, and sends a code to the contact detail given. Nothing is saved when anything is
	 * refused.
	 * @return the request's id, which the verification page is addressed by
	 */
	@Transactional
	public UUID submit(Submission submission) {
		UUID organisationId = controller(submission.controller());
		Kind kind = parse(Kind.class, submission.kind()).orElseThrow(() -> new Refused("kind", "kind.missing"));
		Channel channel = parse(Channel.class, submission.channel())
			.orElseThrow(() -> new Refused("channel", "channel.missing"));
		String address = ClientContacts.usableAddress(channel, submission.address())
			.orElseThrow(() -> new Refused("address", channel == Channel.EMAIL ? "address.email" : "address.mobile"));
		String details = submission.details() == null ? "" : submission.details().strip().replace("\r\n", "\n");
		if (details.length() > MAX_DETAILS) {
			throw new Refused("details", "details.tooLong");
		}
		if (details.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
			throw new Refused("details", "details.control");
		}
		if (kind == Kind.RECTIFICATION && details.isEmpty()) {
			throw new Refused("details", "details.rectification");
		}
		String language = Languages.supported(submission.language()).getLanguage();
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO subject_request (id, organisation_id, kind, channel, address, details, language, forward,
				status, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'UNVERIFIED', ?)""")
			.params(id, organisationId, kind.name(), channel.name(), address, details.isEmpty() ? null : details,
					language, submission.forward(), Timestamp.from(clock.instant()))
			.update();
		sendCode(id, channel, address, language);
		return id;
	}

	/** Sends a new code for an unverified request, within the hourly limit per address. */
	@Transactional
	public void resend(UUID id) {
		SubjectRequest request = find(id).filter(r -> r.status() == Status.UNVERIFIED)
			.orElseThrow(() -> new Refused("code", "code.nothingToVerify"));
		sendCode(id, request.channel(), request.address(), request.language());
	}

	/**
	 * Verifies a request with its code. It then enters the queue of the controller asked, due one month from now,
	 * and, if the requester asked, of every other controller holding anything about them.
	 * @return the requests now queued: the one verified first, then those forwarded
	 */
	@Transactional(noRollbackFor = Refused.class)
	public List<SubjectRequest> verify(UUID id, String code) {
		SubjectRequest request = find(id).orElseThrow(() -> new Refused("code", "code.nothingToVerify"));
		if (request.status() != Status.UNVERIFIED) {
			throw new Refused("code", "code.used");
		}
		use(id, code);
		Instant now = clock.instant();
		Instant due = now.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
		jdbc.sql("UPDATE subject_request SET status = 'OPEN', verified_at = ?, due_at = ? WHERE id = ?")
			.params(Timestamp.from(now), Timestamp.from(due), id)
			.update();
		List<SubjectRequest> queued = new ArrayList<>();
		queued.add(find(id).orElseThrow());
		if (request.forward()) {
			for (SubjectRights.Holder holder : holdersOf(request)) {
				if (!Objects.equals(holder.organisationId(), request.organisationId())
						&& (holder.organisationId() != null || operatorTakesRequests())) {
					UUID copy = UUID.randomUUID();
					jdbc.sql("""
							INSERT INTO subject_request (id, organisation_id, kind, channel, address, details, language,
							forward, forwarded_from, status, received_at, verified_at, due_at)
							SELECT ?, ?, kind, channel, address, details, language, false, id, status, received_at,
							verified_at, due_at FROM subject_request WHERE id = ?""")
						.params(copy, holder.organisationId(), id)
						.update();
					queued.add(find(copy).orElseThrow());
				}
			}
		}
		return queued;
	}

	/**
	 * Who the request is about, as far as its proven contact detail reaches: the accounts that verified that very
	 * address, each also known by it, or, with none, the contact detail alone.
	 */
	List<DataSubject> subjectsOf(SubjectRequest request) {
		if (request.address() == null) {
			return List.of();
		}
		String contactKey = DataSubject.contactKey(request.channel().name(), request.address());
		List<DataSubject> accounts = contacts.holdersOfVerified(request.channel(), request.address());
		DataSubject.HeldBy heldBy = request.organisationId() == null ? DataSubject.HeldBy.operator()
				: DataSubject.HeldBy.organisation(request.organisationId());
		if (accounts.isEmpty()) {
			return List.of(DataSubject.contact(request.channel().name(), request.address()).heldBy(heldBy));
		}
		return accounts.stream().map(subject -> subject.alsoKnownAs(contactKey).heldBy(heldBy)).toList();
	}

	private List<SubjectRights.Holder> holdersOf(SubjectRequest request) {
		List<SubjectRights.Holder> holders = new ArrayList<>();
		for (DataSubject subject : subjectsOf(request)) {
			rights.holdersOf(subject).stream().filter(holder -> !holders.contains(holder)).forEach(holders::add);
		}
		return holders;
	}

	/** The request, locked until the caller's transaction ends. */
	Optional<SubjectRequest> findForUpdate(UUID id) {
		return jdbc.sql("SELECT * FROM subject_request WHERE id = ? FOR UPDATE").param(id).query(SubjectRequests::request)
			.optional();
	}

	@Transactional(readOnly = true)
	public Optional<SubjectRequest> find(UUID id) {
		return jdbc.sql("SELECT * FROM subject_request WHERE id = ?").param(id).query(SubjectRequests::request)
			.optional();
	}

	/** The copies a request was forwarded as, to the other controllers holding data about the requester. */
	@Transactional(readOnly = true)
	public List<SubjectRequest> forwardedCopies(UUID id) {
		return jdbc.sql("SELECT * FROM subject_request WHERE forwarded_from = ? ORDER BY id").param(id)
			.query(SubjectRequests::request)
			.list();
	}

	/** The organisations a request can be made to. */
	public List<Organisation> controllers() {
		return receptions.organisations();
	}

	/** The name to show for a request's controller. */
	public String controllerName(UUID organisationId) {
		return rights.holder(organisationId).name();
	}

	/**
	 * Whether a staff member handles this controller's requests: an admin of the organisation, or, for the platform
	 * operator's, an admin of the organisation named to act for the operator.
	 */
	boolean handles(Reviewer reviewer, UUID organisationId) {
		if (reviewer == null || !reviewer.admin()) {
			return false;
		}
		if (organisationId != null) {
			return organisationId.equals(reviewer.organisationId());
		}
		return operatorOrganisation.flatMap(this::organisationBySlug)
			.map(operator -> operator.id().equals(reviewer.organisationId()))
			.orElse(false);
	}

	private UUID controller(String slug) {
		if (slug == null || slug.isBlank()) {
			throw new Refused("controller", "controller.missing");
		}
		if (OPERATOR.equals(slug)) {
			if (!operatorTakesRequests()) {
				throw new Refused("controller", "controller.unknown");
			}
			return null;
		}
		return organisationBySlug(slug).map(Organisation::id)
			.orElseThrow(() -> new Refused("controller", "controller.unknown"));
	}

	private Optional<Organisation> organisationBySlug(String slug) {
		return receptions.organisations().stream().filter(o -> o.slug().equals(slug)).findFirst();
	}

	private void sendCode(UUID requestId, Channel channel, String address, String language) {
		Instant now = clock.instant();
		record Sent(int lastHour, int lastDay) {
		}
		Sent sent = jdbc.sql("""
				SELECT count(*) FILTER (WHERE c.issued_at > ?) AS last_hour, count(*) AS last_day
				FROM subject_request_code c JOIN subject_request r ON r.id = c.request_id
				WHERE lower(r.address) = lower(?) AND c.issued_at > ?""")
			.params(Timestamp.from(now.minus(Duration.ofHours(1))), address,
					Timestamp.from(now.minus(Duration.ofDays(1))))
			.query((rs, n) -> new Sent(rs.getInt("last_hour"), rs.getInt("last_day")))
			.single();
		if (sent.lastHour() >= MAX_CODES_PER_ADDRESS_AN_HOUR || sent.lastDay() >= MAX_CODES_PER_ADDRESS_A_DAY) {
			throw new Refused("code", "code.tooManySent");
		}
		// A new code replaces the one before.
		jdbc.sql("UPDATE subject_request_code SET used_at = ? WHERE request_id = ? AND used_at IS NULL")
			.params(Timestamp.from(now), requestId)
			.update();
		String code = String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO subject_request_code (id, request_id, code_hash, issued_at, expires_at)
				VALUES (?, ?, ?, ?, ?)""")
			.params(id, requestId, sha256(id + code), Timestamp.from(now), Timestamp.from(now.plus(CODE_LIFETIME)))
			.update();
		notifications.send(channel, address, "request-code", language,
				Map.of("code", code, "minutes", Long.toString(CODE_LIFETIME.toMinutes())), subjectKey(requestId), null);
	}

	/** Checks the newest code and uses it up; every wrong try counts, under a row lock against parallel guesses. */
	private void use(UUID requestId, String code) {
		Instant now = clock.instant();
		record Issued(UUID id, Instant expiresAt, int attempts, Instant usedAt, byte[] hash) {
		}
		Issued issued = jdbc.sql("""
				SELECT id, expires_at, attempts, used_at, code_hash FROM subject_request_code
				WHERE request_id = ? ORDER BY issued_at DESC LIMIT 1 FOR UPDATE""")
			.param(requestId)
			.query((rs, n) -> new Issued(rs.getObject("id", UUID.class), rs.getTimestamp("expires_at").toInstant(),
					rs.getInt("attempts"), instant(rs, "used_at"), rs.getBytes("code_hash")))
			.optional()
			.orElseThrow(() -> new Refused("code", "code.wrong"));
		if (issued.usedAt() != null) {
			throw new Refused("code", "code.used");
		}
		if (!now.isBefore(issued.expiresAt())) {
			throw new Refused("code", "code.expired");
		}
		if (issued.attempts() >= MAX_ATTEMPTS) {
			throw new Refused("code", "code.tooManyAttempts");
		}
		String given = code == null ? "" : code.replaceAll("\\s", "");
		if (!given.matches("\\d{6}") || !MessageDigest.isEqual(issued.hash(), sha256(issued.id() + given))) {
			int attempts = jdbc.sql("UPDATE subject_request_code SET attempts = attempts + 1 WHERE id = ? RETURNING attempts")
				.param(issued.id()).query(Integer.class).single();
			throw new Refused("code", attempts >= MAX_ATTEMPTS ? "code.tooManyAttempts" : "code.wrong");
		}
		jdbc.sql("UPDATE subject_request_code SET used_at = ? WHERE id = ?").params(Timestamp.from(now), issued.id())
			.update();
	}

	/** How the request's own messages and log entries name its requester: never by the contact detail. */
	static String subjectKey(UUID requestId) {
		return "request:" + requestId;
	}

	static SubjectRequest request(ResultSet rs, int row) throws SQLException {
		String outcome = rs.getString("outcome");
		return new SubjectRequest(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
				Kind.valueOf(rs.getString("kind")), Channel.valueOf(rs.getString("channel")), rs.getString("address"),
				rs.getString("details"), rs.getString("language"), rs.getBoolean("forward"),
				rs.getObject("forwarded_from", UUID.class), Status.valueOf(rs.getString("status")),
				instant(rs, "received_at"), instant(rs, "verified_at"), instant(rs, "due_at"),
				instant(rs, "extended_due_at"), rs.getString("extension_reason"), instant(rs, "answered_at"),
				outcome == null ? null : SubjectRequest.Outcome.valueOf(outcome));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

	static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
		try {
			return value == null || value.isBlank() ? Optional.empty()
					: Optional.of(Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException unknown) {
			return Optional.empty();
		}
	}

	static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** A token for a link, 256 random bits. */
	static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
