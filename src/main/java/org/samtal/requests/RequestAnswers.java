package org.samtal.requests;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.samtal.notification.Channel;
import org.samtal.notification.Notifications;
import org.samtal.platform.Problems;
import org.samtal.privacy.Access;
import org.samtal.privacy.AccessAction;
import org.samtal.privacy.AccessLog;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.DataSubject;
import org.samtal.privacy.Restrictions;
import org.samtal.privacy.StaffDirectory.Reviewer;
import org.samtal.privacy.SubjectRights;
import org.samtal.requests.SubjectRequest.Kind;
import org.samtal.requests.SubjectRequest.Outcome;
import org.samtal.requests.SubjectRequest.Status;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staff side of data-subject requests: each controller's queue with its due dates, the data found about the
 * requester (every look access-logged), an extension with its reason told to the requester, and the answer, generated
 * by the rights engine: the data found, the data erased, and each refusal with its legal ground from the register
 * (GDPR Art. 12(4)). The requester gets a personal link to it; its content goes when the link expires.
 * <p>
 * Only an admin of the controller asked handles its requests (for the platform operator's, an admin of the
 * organisation named to act for it); this service checks that on every call, whatever page called it.
 */
@Service
class RequestAnswers {

	/** How long the answer's link works; then its content and the requester's contact detail are erased. */
	static final Duration ANSWER_AVAILABLE = Duration.ofDays(30);
	static final int MAX_NOTE = 2000;
	static final int MAX_REASON = 300;
	static final String REFUSAL_GROUND = "GDPR Art. 12(5): manifestly unfounded or excessive";

	private final JdbcClient jdbc;
	private final Clock clock;
	private final SubjectRequests requests;
	private final SubjectRights rights;
	private final Restrictions restrictions;
	private final AccessLog accessLog;
	private final Notifications notifications;
	private final JsonMapper json;
	private final String publicUrl;

	RequestAnswers(JdbcClient jdbc, Clock clock, SubjectRequests requests, SubjectRights rights,
			Restrictions restrictions, AccessLog accessLog, Notifications notifications, JsonMapper json,
			@Value("${samtal.public-url:http://localhost:8080}") String publicUrl) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.requests = requests;
		this.rights = rights;
		this.restrictions = restrictions;
		this.accessLog = accessLog;
		this.notifications = notifications;
		this.json = json;
		this.publicUrl = publicUrl.replaceAll("/+$", "");
	}

	/** A line of the queue: the request, its controller's name, and whether it is past its date. */
	public record Queued(SubjectRequest request, String controller, boolean overdue) {
	}

	/**
	 * The requests the admin handles: open ones by due date, earliest first, then those answered in the last 30 days.
	 */
	@Transactional(readOnly = true)
	public List<Queued> queue(Reviewer reviewer) {
		requireAdmin(reviewer);
		Instant now = clock.instant();
		return jdbc.sql("""
				SELECT * FROM subject_request
				WHERE (organisation_id = ? OR (organisation_id IS NULL AND ?))
				AND (status = 'OPEN' OR (status = 'ANSWERED' AND answered_at > ?))
				ORDER BY status DESC, coalesce(extended_due_at, due_at), answered_at DESC""")
			.params(reviewer.organisationId(), requests.handles(reviewer, null),
					Timestamp.from(now.minus(ANSWER_AVAILABLE)))
			.query(SubjectRequests::request)
			.stream()
			.map(request -> new Queued(request, requests.controllerName(request.organisationId()),
					request.overdue(now)))
			.toList();
	}

	/** One request as staff see it: what was asked, and what the controller holds about the requester. */
	public record Handling(SubjectRequest request, String controller, boolean overdue, boolean extendable,
			List<SubjectRights.Export> found) {
	}

	/**
	 * Opens a request with everything its controller holds about the requester. Each category shown is logged as
	 * read by this admin before anything is returned.
	 */
	@Transactional(readOnly = true)
	public Handling open(UUID id, Reviewer reviewer, Locale locale) {
		SubjectRequest request = handled(id, reviewer);
		List<SubjectRights.Export> found = new ArrayList<>();
		List<Access> reads = new ArrayList<>();
		if (request.status() == Status.OPEN) {
			for (DataSubject subject : requests.subjectsOf(request)) {
				SubjectRights.Export export = rights.export(subject, locale);
				found.add(export);
				reads.addAll(accesses(reviewer, request, subject, categories(export), AccessAction.READ));
			}
		}
		Instant now = clock.instant();
		return accessLog.recordWhile(reads, () -> new Handling(request,
				requests.controllerName(request.organisationId()), request.overdue(now), extendable(request, now),
				found));
	}

	/**
	 * Extends the due date by up to two months (GDPR Art. 12(3)), within the first month only, and tells the
	 * requester at once, with the reason.
	 */
	@Transactional
	public SubjectRequest extend(UUID id, Reviewer reviewer, String reason) {
		SubjectRequest request = handledForUpdate(id, reviewer);
		String why = reason == null ? "" : reason.strip();
		if (why.isEmpty()) {
			throw new SubjectRequests.Refused("reason", "reason.missing");
		}
		if (why.length() > MAX_REASON || why.chars().anyMatch(Character::isISOControl)) {
			throw new SubjectRequests.Refused("reason", "reason.tooLong");
		}
		Instant now = clock.instant();
		if (!extendable(request, now)) {
			throw new SubjectRequests.Refused("reason", request.extendedDueAt() != null ? "extension.already"
					: request.status() != Status.OPEN ? "extension.answered" : "extension.tooLate");
		}
		Instant extended = request.dueAt().atZone(ZoneOffset.UTC).plusMonths(2).toInstant();
		jdbc.sql("""
				UPDATE subject_request SET extended_due_at = ?, extension_reason = ?, extended_at = ?, extended_by = ?
				WHERE id = ? AND status = 'OPEN' AND extended_due_at IS NULL""")
			.params(Timestamp.from(extended), why, Timestamp.from(now), reviewer.staffId(), id)
			.update();
		List<Access> changed = new ArrayList<>();
		for (DataSubject subject : requests.subjectsOf(request)) {
			changed.addAll(accesses(reviewer, request, subject, Set.of(DataCategory.DATA_SUBJECT_REQUEST),
					AccessAction.UPDATE));
		}
		// An SMS has no room for the reason: it links to the request's page, which shows it.
		String date = LocalDate.ofInstant(extended, ZoneOffset.UTC).toString();
		notifications.send(request.channel(), request.address(), "request-extended", request.language(),
				request.channel() == Channel.SMS ? Map.of("date", date, "link", publicUrl + "/requests/" + id)
						: Map.of("date", date, "reason", why),
				SubjectRequests.subjectKey(id), null);
		accessLog.recordWhile(changed, () -> null);
		return requests.find(id).orElseThrow();
	}

	/** How staff answer: a note to the requester, or a refusal of the whole request with its explanation. */
	public record Decision(String note, boolean refuse, String refusalExplanation) {
	}

	/**
	 * Answers the request: does what it asks (erases, restricts, records the objection) as far as the register
	 * allows, generates the answer, logs what was exported or erased, and sends the requester a personal link to the
	 * answer. Nothing is done and nothing is sent when the answer cannot be completed.
	 */
	@Transactional
	public SubjectRequest answer(UUID id, Reviewer reviewer, Decision decision) {
		SubjectRequest request = handledForUpdate(id, reviewer);
		if (request.status() != Status.OPEN) {
			throw new SubjectRequests.Refused("note", "answer.already");
		}
		String note = decision.note() == null ? "" : decision.note().strip();
		String explanation = decision.refusalExplanation() == null ? "" : decision.refusalExplanation().strip();
		if (note.length() > MAX_NOTE || explanation.length() > MAX_NOTE) {
			throw new SubjectRequests.Refused(note.length() > MAX_NOTE ? "note" : "explanation", "note.tooLong");
		}
		if (decision.refuse() && explanation.isEmpty()) {
			throw new SubjectRequests.Refused("explanation", "explanation.missing");
		}
		if (!decision.refuse() && request.kind() == Kind.RECTIFICATION && note.isEmpty()) {
			throw new SubjectRequests.Refused("note", "note.rectification");
		}
		Locale locale = Locale.forLanguageTag(request.language());
		Instant now = clock.instant();
		List<DataSubject> subjects = requests.subjectsOf(request);
		List<Access> logged = new ArrayList<>();
		Outcome outcome = decision.refuse() ? Outcome.REFUSED : switch (request.kind()) {
			case ERASURE -> Outcome.ERASED;
			case RESTRICTION -> Outcome.RESTRICTED;
			case OBJECTION -> Outcome.OBJECTED;
			default -> Outcome.ANSWERED;
		};
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		try (JsonGenerator out = json.createGenerator(answer)) {
			out.writeStartObject();
			out.writeName("request");
			out.writeStartObject();
			out.writeStringProperty("kind", request.kind().name());
			out.writeStringProperty("controller", requests.controllerName(request.organisationId()));
			out.writeStringProperty("receivedAt", request.receivedAt().toString());
			out.writeStringProperty("verifiedAt", request.verifiedAt().toString());
			out.writeStringProperty("answerBy", request.answerBy().toString());
			out.writeStringProperty("answeredAt", now.toString());
			out.writeEndObject();
			out.writeStringProperty("outcome", outcome.name());
			if (!note.isEmpty()) {
				out.writeStringProperty("note", note);
			}
			if (decision.refuse()) {
				out.writeName("refusal");
				out.writeStartObject();
				out.writeStringProperty("ground", REFUSAL_GROUND);
				out.writeStringProperty("explanation", explanation);
				out.writeEndObject();
			}
			else {
				act(request, subjects, reviewer, locale, out, logged);
			}
			Set<String> elsewhere = new LinkedHashSet<>();
			for (DataSubject subject : subjects) {
				rights.holdersOf(subject).stream()
					.filter(holder -> !Objects.equals(holder.organisationId(), request.organisationId()))
					.forEach(holder -> elsewhere.add(holder.name()));
			}
			out.writePOJOProperty("otherControllers", List.copyOf(elsewhere));
			out.writeEndObject();
		}
		String token = SubjectRequests.newToken();
		jdbc.sql("""
				UPDATE subject_request SET status = 'ANSWERED', answered_at = ?, answered_by = ?, outcome = ?,
				answer = ?, answer_token_hash = ?, answer_expires_at = ? WHERE id = ? AND status = 'OPEN'""")
			.params(Timestamp.from(now), reviewer.staffId(), outcome.name(),
					answer.toString(StandardCharsets.UTF_8), SubjectRequests.sha256(token),
					Timestamp.from(now.plus(ANSWER_AVAILABLE)), id)
			.update();
		notifications.send(request.channel(), request.address(), "request-answer", request.language(),
				Map.of("link", publicUrl + "/requests/answer/" + token), SubjectRequests.subjectKey(id), null);
		accessLog.recordWhile(logged, () -> null);
		return requests.find(id).orElseThrow();
	}

	/** Does what the request asks and writes what was done into the answer. */
	private void act(SubjectRequest request, List<DataSubject> subjects, Reviewer reviewer, Locale locale,
			JsonGenerator out, List<Access> logged) {
		switch (request.kind()) {
			case ERASURE -> {
				out.writeName("erasures");
				out.writeStartArray();
				for (DataSubject subject : subjects) {
					SubjectRights.Erasure erasure = rights.erase(subject, locale);
					out.writeStartObject();
					out.writePOJOProperty("erased", erasure.erased());
					out.writeName("kept");
					out.writeStartArray();
					for (SubjectRights.Kept kept : erasure.kept()) {
						out.writeStartObject();
						out.writeStringProperty("category", kept.category().name());
						out.writeStringProperty("controller", kept.controller().name());
						out.writeNumberProperty("records", kept.records());
						out.writeStringProperty("reason", kept.reason());
						out.writeEndObject();
					}
					out.writeEndArray();
					out.writePOJOProperty("recipients", erasure.recipients());
					out.writeEndObject();
					logged.addAll(accesses(reviewer, request, subject, erasure.erased().keySet(), AccessAction.DELETE));
				}
				out.writeEndArray();
			}
			case RESTRICTION, OBJECTION -> {
				// Only an account's records can be restricted: modules file data under the account, and a contact
				// detail kept as a restriction's key would outlive the 30 days the request promises to keep it.
				boolean any = false;
				for (DataSubject subject : subjects) {
					if (subject.clientAccountId() == null) {
						continue;
					}
					String key = DataSubject.clientKey(subject.clientAccountId());
					if (request.kind() == Kind.RESTRICTION) {
						restrictions.restrict(key, subject.heldBy(), true);
					}
					else {
						restrictions.object(key, subject.heldBy(), true);
					}
					any = true;
					logged.addAll(accesses(reviewer, request, subject, Set.of(DataCategory.RIGHTS_REQUEST),
							AccessAction.UPDATE));
				}
				out.writeBooleanProperty(request.kind() == Kind.RESTRICTION ? "restricted" : "objected", any);
				out.writeBooleanProperty("nothingHeld", !any);
			}
			default -> {
				// Access, portability, and rectification (the requester sees what is kept, as corrected).
				out.writeName("found");
				out.writeStartArray();
				for (DataSubject subject : subjects) {
					ByteArrayOutputStream export = new ByteArrayOutputStream();
					Set<DataCategory> exported = rights.exportJson(subject, locale, export);
					out.writeRawValue(export.toString(StandardCharsets.UTF_8));
					logged.addAll(accesses(reviewer, request, subject, exported, AccessAction.EXPORT));
				}
				out.writeEndArray();
			}
		}
	}

	/** The answer behind a requester's link, while it works. */
	public record Answer(SubjectRequest request, Map<String, Object> content) {
	}

	@Transactional(readOnly = true)
	@SuppressWarnings("unchecked")
	public Optional<Answer> answerFor(String token) {
		if (!wellFormed(token)) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT * FROM subject_request WHERE answer_token_hash = ? AND answer_expires_at > ?")
			.params(SubjectRequests.sha256(token), Timestamp.from(clock.instant()))
			.query((rs, n) -> new Answer(SubjectRequests.request(rs, n),
					json.readValue(rs.getString("answer"), Map.class)))
			.optional();
	}

	/** The stored answer as the requester downloads it, byte for byte. */
	@Transactional(readOnly = true)
	public Optional<String> answerJson(String token) {
		if (!wellFormed(token)) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT answer FROM subject_request WHERE answer_token_hash = ? AND answer_expires_at > ?")
			.params(SubjectRequests.sha256(token), Timestamp.from(clock.instant()))
			.query(String.class)
			.optional();
	}

	private SubjectRequest handled(UUID id, Reviewer reviewer) {
		return handled(requests.find(id), reviewer);
	}

	/**
	 * The request, locked until the caller's transaction ends, so two admins (or a double submit) cannot both answer
	 * or extend it: the second sees what the first did.
	 */
	private SubjectRequest handledForUpdate(UUID id, Reviewer reviewer) {
		return handled(requests.findForUpdate(id), reviewer);
	}

	private SubjectRequest handled(Optional<SubjectRequest> found, Reviewer reviewer) {
		requireAdmin(reviewer);
		return found
			.filter(request -> request.status() != Status.UNVERIFIED)
			.filter(request -> requests.handles(reviewer, request.organisationId()))
			.orElseThrow(() -> Problems.notFound("request-not-found", "No such request",
					"There is no such request in your organisation's queue."));
	}

	/** A token as {@link SubjectRequests#newToken()} makes them: anything else is not looked up. */
	private static boolean wellFormed(String token) {
		return token != null && token.matches("[A-Za-z0-9_-]{43}");
	}

	private static void requireAdmin(Reviewer reviewer) {
		if (reviewer == null || !reviewer.admin()) {
			throw Problems.of(HttpStatus.FORBIDDEN, "admins-only", "Admins only",
					"Data-subject requests are handled by the organisation's admins.");
		}
	}

	private static boolean extendable(SubjectRequest request, Instant now) {
		return request.status() == Status.OPEN && request.extendedDueAt() == null && now.isBefore(request.dueAt());
	}

	private static Set<DataCategory> categories(SubjectRights.Export export) {
		Set<DataCategory> categories = new LinkedHashSet<>();
		export.sections().forEach(section -> categories.add(section.category()));
		return categories;
	}

	/** Log entries name the requester by account key, or by the request when no account was found. */
	private static List<Access> accesses(Reviewer reviewer, SubjectRequest request, DataSubject subject,
			Set<DataCategory> categories, AccessAction action) {
		String key = subject.clientAccountId() != null ? DataSubject.clientKey(subject.clientAccountId())
				: SubjectRequests.subjectKey(request.id());
		Map<DataCategory, Access> entries = new LinkedHashMap<>();
		for (DataCategory category : categories) {
			entries.put(category, Access.of(reviewer.staffId(), "ADMIN", reviewer.organisationId(), null, key,
					category, action, "data-subject request (" + request.kind().name().toLowerCase(Locale.ROOT) + ")"));
		}
		return List.copyOf(entries.values());
	}
}
