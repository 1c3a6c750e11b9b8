package org.samtal.privacy;

import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * One engine for a data subject's rights, whoever asks (the client on their own page or through the API, or staff
 * answering a request): it walks every module's {@link PersonalDataOwner} to find, export and erase what is kept
 * about the subject, and tells, for each category, which controller holds it, why and for how long. What the register
 * exempts from erasure stays, and the answer names the legal reason.
 */
@Service
public class SubjectRights {

	/** The version of the export's JSON schema, documented in docs/export-schema.md. */
	public static final String SCHEMA = "https://samtal.example/schemas/subject-export/v2";

	private final List<PersonalDataOwner> owners;
	private final ProcessingRegister register;
	private final Controllers controllers;
	private final Clock clock;
	private final JsonMapper json;
	private final String operator;
	private final MessageSource messages;
	private final RetentionWording wording;
	private final ApplicationEventPublisher events;

	SubjectRights(List<PersonalDataOwner> owners, ProcessingRegister register, Controllers controllers, Clock clock,
			JsonMapper json, @Value("${samtal.operator.name:}") String operator, MessageSource messages,
			ApplicationEventPublisher events) {
		this.events = events;
		this.messages = messages;
		this.wording = new RetentionWording(messages);
		this.owners = owners;
		this.register = register;
		this.controllers = controllers;
		this.clock = clock;
		this.json = json;
		this.operator = operator.isBlank() ? "the operator of this Samtal installation" : operator;
	}

	/** Who holds a section of the export: an organisation, or the platform operator (organisation null). */
	public record Holder(UUID organisationId, String name) {
	}

	/**
	 * One category of the subject's data held by one controller, with what the register says about it.
	 * @param notShown records past {@link #SHOWN_PER_SECTION}, which only the download holds
	 */
	public record Section(Holder controller, DataCategory category, List<String> purposes, String legalBasis,
			String retention, String erasure, List<Map<String, Object>> records, int notShown) {

	}

	public record Export(Instant generatedAt, String username, List<Section> sections) {
	}

	/** The most records of one section the page shows; the download has them all. */
	public static final int SHOWN_PER_SECTION = 500;

	/**
	 * Everything kept about the subject, for the page: per controller and category, with the register's words in the
	 * reader's language and at most {@link #SHOWN_PER_SECTION} records of each section (the download has all).
	 */
	@Transactional(readOnly = true)
	public Export export(DataSubject subject, Locale locale) {
		List<Section> sections = new ArrayList<>();
		forEachOwner(subject, new SubjectRecordSink() {

			private List<Map<String, Object>> records;

			@Override
			public void section(DataCategory category, UUID organisationId) {
				records = new ArrayList<>();
				sections.add(SubjectRights.this.section(category, organisationId, locale, records));
			}

			@Override
			public void record(Map<String, Object> record) {
				if (records.size() < SHOWN_PER_SECTION) {
					records.add(record);
				}
				else {
					Section last = sections.removeLast();
					sections.add(new Section(last.controller(), last.category(), last.purposes(), last.legalBasis(),
							last.retention(), last.erasure(), last.records(), last.notShown() + 1));
				}
			}
		});
		return new Export(clock.instant(), subject.username(), List.copyOf(sections));
	}

	private Section section(DataCategory category, UUID organisationId, Locale locale,
			List<Map<String, Object>> records) {
		CategoryDeclaration declaration = register.declaration(category);
		RetentionRule rule = declaration.retention();
		String exemption = organisationId == null ? declaration.erasureExemption()
				: register.entry(organisationId, category).erasureExemption();
		return new Section(holder(organisationId), category,
				declaration.purposes().stream().map(purpose -> declared(purpose, locale)).toList(),
				declaration.legalBasis().name(),
				wording.describe(rule.trigger(), rule.keptFor(), rule.action(), locale) + " (" + rule.legalSource() + ")",
				exemption == null ? null : declared(exemption, locale), records, 0);
	}

	/**
	 * Writes everything kept about the subject as JSON in the documented schema (docs/export-schema.md), record by
	 * record as the modules hand them over, so memory stays flat however many there are.
	 */
	@Transactional(readOnly = true)
	public void exportJson(DataSubject subject, OutputStream out) {
		exportJson(subject, Locale.ENGLISH, out);
	}

	/**
	 * {@link #exportJson(DataSubject, OutputStream)} with the register's words (purposes, retention, erasure) in the
	 * reader's language, for an answer to a request made in that language.
	 * @return the categories written, for the access log of whoever exports them
	 */
	@Transactional(readOnly = true)
	public Set<DataCategory> exportJson(DataSubject subject, Locale locale, OutputStream out) {
		Set<DataCategory> written = EnumSet.noneOf(DataCategory.class);
		try (JsonGenerator json = this.json.createGenerator(out)) {
			json.writeStartObject();
			json.writeName("$schema");
			json.writeString(SCHEMA);
			json.writeName("generatedAt");
			json.writeString(clock.instant().toString());
			json.writeName("subject");
			json.writeStartObject();
			json.writeName("username");
			json.writeString(subject.username() == null ? "" : subject.username());
			json.writeEndObject();
			json.writeName("sections");
			json.writeStartArray();
			boolean[] open = { false };
			forEachOwner(subject, new SubjectRecordSink() {

				@Override
				public void section(DataCategory category, UUID organisationId) {
					if (open[0]) {
						json.writeEndArray();
						json.writeEndObject();
					}
					written.add(category);
					Section section = SubjectRights.this.section(category, organisationId, locale, List.of());
					json.writeStartObject();
					json.writeName("controller");
					json.writeStartObject();
					json.writeName("organisationId");
					if (organisationId == null) {
						json.writeNull();
					}
					else {
						json.writeString(organisationId.toString());
					}
					json.writeName("name");
					json.writeString(section.controller().name());
					json.writeEndObject();
					json.writeName("category");
					json.writeString(category.name());
					json.writePOJOProperty("purposes", section.purposes());
					json.writeName("legalBasis");
					json.writeString(section.legalBasis());
					json.writeName("retention");
					json.writeString(section.retention());
					json.writeName("erasure");
					json.writeString(section.erasure() == null
							? messages.getMessage("export.erasedOnRequest", null, "erased on request", locale)
							: section.erasure());
					json.writeName("records");
					json.writeStartArray();
					open[0] = true;
				}

				@Override
				public void record(Map<String, Object> record) {
					json.writePOJO(record);
				}
			});
			if (open[0]) {
				json.writeEndArray();
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeEndObject();
		}
		return written;
	}

	private String declared(String english, Locale locale) {
		return DeclaredText.of(english, messages, locale).text();
	}

	/**
	 * What an erasure removed, per category, and what stayed and why; and, per erased category, the recipients the
	 * register says the data went to, whom the subject may ask about (GDPR Art. 19). A module that passed data outside
	 * Samtal tells its recipients on {@link SubjectDataErased}.
	 */
	public record Erasure(Instant at, Map<DataCategory, Integer> erased, List<Kept> kept,
			Map<DataCategory, List<String>> recipients) {
	}

	public record Kept(DataCategory category, Holder controller, int records, String reason) {
	}

	/**
	 * Erases, in one transaction, everything an erasure may remove; nothing is half-erased. What the register exempts
	 * stays and is reported with its legal reason.
	 */
	@Transactional
	public Erasure erase(DataSubject subject, Locale locale) {
		Set<DataCategory> erasable = EnumSet.noneOf(DataCategory.class);
		register.categories().values().stream().filter(CategoryDeclaration::erasableOnRequest)
			.filter(declaration -> subject.heldBy().covers(declaration.controller()))
			.forEach(declaration -> erasable.add(declaration.category()));
		Map<Holder, Map<DataCategory, Integer>> counted = new LinkedHashMap<>();
		forEachOwner(subject, new SubjectRecordSink() {

			private Map<DataCategory, Integer> counts;

			private DataCategory category;

			@Override
			public void section(DataCategory category, UUID organisationId) {
				this.category = category;
				this.counts = counted.computeIfAbsent(holder(organisationId), h -> new EnumMap<>(DataCategory.class));
			}

			@Override
			public void record(Map<String, Object> record) {
				counts.merge(category, 1, Integer::sum);
			}
		});
		List<Kept> kept = new ArrayList<>();
		counted.forEach((holder, counts) -> counts.forEach((category, records) -> {
			CategoryDeclaration declaration = register.declaration(category);
			if (!declaration.erasableOnRequest()) {
				kept.add(new Kept(category, holder, records, declared(declaration.erasureExemption(), locale)));
			}
		}));
		Map<DataCategory, Integer> erased = new EnumMap<>(DataCategory.class);
		for (PersonalDataOwner owner : owners) {
			owner.erase(subject, erasable).forEach((category, count) -> {
				if (!erasable.contains(category)) {
					throw new IllegalStateException(owner.getClass().getSimpleName() + " erased " + category
							+ ", which the register keeps");
				}
				erased.merge(category, count, Integer::sum);
			});
		}
		Map<DataCategory, List<String>> recipients = new EnumMap<>(DataCategory.class);
		erased.forEach((category, count) -> {
			List<String> told = register.declaration(category).recipients().stream()
				.filter(recipient -> !recipient.equalsIgnoreCase("none"))
				.map(recipient -> declared(recipient, locale))
				.toList();
			if (count > 0 && !told.isEmpty()) {
				recipients.put(category, told);
			}
		});
		Map<DataCategory, Integer> gone = new EnumMap<>(DataCategory.class);
		erased.forEach((category, count) -> {
			if (count > 0) {
				gone.put(category, count);
			}
		});
		if (!gone.isEmpty()) {
			events.publishEvent(new SubjectDataErased(subject.keys(), subject.heldBy(), gone));
		}
		return new Erasure(clock.instant(), erased, List.copyOf(kept), recipients);
	}

	/**
	 * Walks every module, handing on only the sections held by a controller the subject's request reaches: modules
	 * need not know who is asking.
	 */
	private void forEachOwner(DataSubject subject, SubjectRecordSink sink) {
		SubjectRecordSink reached = new SubjectRecordSink() {

			private boolean inReach;

			@Override
			public void section(DataCategory category, UUID organisationId) {
				inReach = subject.heldBy().covers(organisationId);
				if (inReach) {
					sink.section(category, organisationId);
				}
			}

			@Override
			public void record(Map<String, Object> record) {
				if (inReach) {
					sink.record(record);
				}
			}
		};
		for (PersonalDataOwner owner : owners) {
			owner.find(subject, reached);
		}
	}

	/** The controllers holding anything about the subject, whoever the request was made to. */
	@Transactional(readOnly = true)
	public Set<Holder> holdersOf(DataSubject subject) {
		Set<Holder> holders = new java.util.LinkedHashSet<>();
		forEachOwner(subject.heldBy(DataSubject.HeldBy.ANYONE), new SubjectRecordSink() {

			private UUID organisationId;

			private boolean counts;

			@Override
			public void section(DataCategory category, UUID organisationId) {
				this.organisationId = organisationId;
				// An earlier request answered is no reason to send the next one there.
				this.counts = category != DataCategory.DATA_SUBJECT_REQUEST;
			}

			@Override
			public void record(Map<String, Object> record) {
				if (counts) {
					holders.add(holder(organisationId));
				}
			}
		});
		return holders;
	}

	/** The name of the controller holding records of this organisation (null: the platform operator). */
	public Holder holder(UUID organisationId) {
		return organisationId == null ? new Holder(null, operator)
				: new Holder(organisationId, controllers.find(organisationId).map(Controllers.DataController::name)
					.orElse(organisationId.toString()));
	}
}
