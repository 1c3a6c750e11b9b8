package org.samtal.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
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
	public static final String SCHEMA = "https://samtal.example/schemas/subject-export/v1";

	private final List<PersonalDataOwner> owners;
	private final ProcessingRegister register;
	private final Controllers controllers;
	private final Clock clock;
	private final JsonMapper json;
	private final String operator;
	private final MessageSource messages;
	private final RetentionWording wording;

	SubjectRights(List<PersonalDataOwner> owners, ProcessingRegister register, Controllers controllers, Clock clock,
			JsonMapper json, @Value("${samtal.operator.name:}") String operator, MessageSource messages) {
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

	/** One category of the subject's data held by one controller, with what the register says about it. */
	public record Section(Holder controller, DataCategory category, List<String> purposes, String legalBasis,
			String retention, String erasure, List<Map<String, Object>> records) {
	}

	public record Export(Instant generatedAt, String username, List<Section> sections) {

		public int recordCount() {
			return sections.stream().mapToInt(section -> section.records().size()).sum();
		}
	}

	private String declared(String english, Locale locale) {
		return DeclaredText.of(english, messages, locale).text();
	}

	/** What an erasure removed, per category, and what stayed and why. */
	public record Erasure(Instant at, Map<DataCategory, Integer> erased, List<Kept> kept) {
	}

	public record Kept(DataCategory category, Holder controller, int records, String reason) {
	}

	/** Everything kept about the subject, grouped by controller and category, with the register's words in English. */
	@Transactional(readOnly = true)
	public Export export(DataSubject subject) {
		return export(subject, Locale.ENGLISH);
	}

	/** The same, with purposes, retention and exemptions in the reader's language, for the pages. */
	@Transactional(readOnly = true)
	public Export export(DataSubject subject, Locale locale) {
		List<Section> sections = new ArrayList<>();
		for (SubjectRecords found : findAll(subject)) {
			CategoryDeclaration declaration = register.declaration(found.category());
			RetentionRule rule = declaration.retention();
			sections.add(new Section(holder(found.organisationId()), found.category(),
					declaration.purposes().stream().map(purpose -> declared(purpose, locale)).toList(),
					declaration.legalBasis().name(),
					wording.describe(rule.trigger(), rule.keptFor(), rule.action(), locale) + " (" + rule.legalSource() + ")",
					declaration.erasableOnRequest() ? null : declared(declaration.erasureExemption(), locale),
					found.records()));
		}
		sections.sort(Comparator.comparing((Section s) -> s.controller().organisationId() == null ? "" : s.controller().name())
			.thenComparing(s -> s.category().name()));
		return new Export(clock.instant(), subject.username(), List.copyOf(sections));
	}

	/** The export as JSON in the documented schema (docs/export-schema.md). */
	public String exportJson(DataSubject subject) {
		Export export = export(subject);
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("$schema", SCHEMA);
		document.put("generatedAt", export.generatedAt().toString());
		document.put("subject", Map.of("username", export.username() == null ? "" : export.username()));
		List<Map<String, Object>> sections = new ArrayList<>();
		for (Section section : export.sections()) {
			Map<String, Object> out = new LinkedHashMap<>();
			Map<String, Object> controller = new LinkedHashMap<>();
			controller.put("organisationId", section.controller().organisationId());
			controller.put("name", section.controller().name());
			out.put("controller", controller);
			out.put("category", section.category().name());
			out.put("purposes", section.purposes());
			out.put("legalBasis", section.legalBasis());
			out.put("retention", section.retention());
			out.put("erasure", section.erasure() == null ? "erased on request" : section.erasure());
			out.put("records", section.records());
			sections.add(out);
		}
		document.put("sections", sections);
		return json.writerWithDefaultPrettyPrinter().writeValueAsString(document);
	}

	/**
	 * Erases, in one transaction, everything an erasure may remove; nothing is half-erased. What the register exempts
	 * stays and is reported with its legal reason.
	 */
	@Transactional
	public Erasure erase(DataSubject subject, Locale locale) {
		Set<DataCategory> erasable = EnumSet.noneOf(DataCategory.class);
		register.categories().values().stream().filter(CategoryDeclaration::erasableOnRequest)
			.forEach(declaration -> erasable.add(declaration.category()));
		List<Kept> kept = new ArrayList<>();
		for (SubjectRecords found : findAll(subject)) {
			CategoryDeclaration declaration = register.declaration(found.category());
			if (!declaration.erasableOnRequest() && !found.records().isEmpty()) {
				kept.add(new Kept(found.category(), holder(found.organisationId()), found.records().size(),
						declared(declaration.erasureExemption(), locale)));
			}
		}
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
		return new Erasure(clock.instant(), erased, List.copyOf(kept));
	}

	private List<SubjectRecords> findAll(DataSubject subject) {
		List<SubjectRecords> all = new ArrayList<>();
		for (PersonalDataOwner owner : owners) {
			owner.find(subject).stream().filter(found -> !found.records().isEmpty()).forEach(all::add);
		}
		return all;
	}

	private Holder holder(UUID organisationId) {
		return organisationId == null ? new Holder(null, operator)
				: new Holder(organisationId, controllers.find(organisationId).map(Controllers.DataController::name)
					.orElse(organisationId.toString()));
	}
}
