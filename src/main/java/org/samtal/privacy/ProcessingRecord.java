package org.samtal.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organisation's record of processing activities (GDPR Art. 30(1)), built from its register: one activity per
 * category of personal data it keeps, with the security measures Samtal takes for all of them. The field names are
 * a stable format, documented in docs/art30-export.md; texts meant for people are in the reader's language, except
 * purposes, data subjects, recipients and legal sources, which the modules declare in English.
 */
@Service
public class ProcessingRecord {

	/** The format's name and version; a change that renames or removes a field raises the version. */
	static final String FORMAT = "samtal-art30/1";

	/** What Samtal itself does to secure the data (Art. 32), for every category alike. */
	enum Measure {
		TLS, PASSWORD_HASHING, LOGIN_THROTTLING, ACCESS_LOG, LOG_REVIEW, ROLE_BASED_ACCESS, HARD_DELETION,
		EU_EEA_STORAGE, NO_IP_ADDRESSES, NO_THIRD_PARTY_CONTENT
	}

	public record Document(String format, String language, String generatedAt, Controller controller,
			boolean careProvider, List<Activity> activities, List<SecurityMeasure> securityMeasures) {
	}

	/** @param contact the one contact Samtal keeps for the organisation: its data protection officer's e-mail */
	public record Controller(String name, String organisationNumber, String country, String contact,
			DataProtectionOfficer dataProtectionOfficer, String supervisoryAuthority) {
	}

	public record DataProtectionOfficer(String name, String email) {
	}

	/**
	 * @param controller ORGANISATION, or PLATFORM_OPERATOR for data the operator of the installation controls (staff
	 * accounts, client accounts), listed so the organisation sees everything processed for it
	 * @param thirdCountryTransfers countries outside the EU/EEA the data goes to: none
	 */
	public record Activity(String category, String name, String controller, List<String> purposes,
			List<String> dataSubjects, PersonalData personalData, List<String> recipients,
			List<String> thirdCountryTransfers, String storageLocation, Retention retention, Basis legalBasis,
			String erasureExemption) {
	}

	/** @param specialCategory health or other data of GDPR Art. 9(1) */
	public record PersonalData(String category, String description, boolean specialCategory) {
	}

	/**
	 * @param period ISO 8601, e.g. P10Y
	 * @param choice ORGANISATION when the organisation chose the period or event itself, DEFAULT otherwise
	 * @param minimum the shortest period the organisation may choose, ISO 8601; its country's law may set it above
	 *                the category's own floor
	 * @param maximum the longest, ISO 8601
	 */
	public record Retention(String countedFrom, String period, String action, String description, String legalSource,
			String choice, String minimum, String maximum) {
	}

	/** @param article9 null when the category holds no special category of data */
	public record Basis(String article6, String article6Basis, String article6Description, String article9,
			String article9Condition, String article9Description) {
	}

	public record SecurityMeasure(String id, String description) {
	}

	private final ProcessingRegister register;
	private final Controllers controllers;
	private final RegisterTexts texts;
	private final Clock clock;

	ProcessingRecord(ProcessingRegister register, Controllers controllers, RegisterTexts texts, Clock clock) {
		this.register = register;
		this.controllers = controllers;
		this.texts = texts;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Document of(UUID organisationId, Locale locale) {
		Controllers.DataController organisation = controllers.require(organisationId);
		Controller controller = new Controller(organisation.name(), organisation.organisationNumber(),
				organisation.country(), organisation.contact(),
				new DataProtectionOfficer(organisation.dpoName(), organisation.dpoEmail()),
				organisation.supervisoryAuthority());
		List<Activity> activities = register.registerOf(organisationId)
			.stream()
			.map(entry -> activity(entry, organisation.country(), locale))
			.toList();
		List<SecurityMeasure> measures = Arrays.stream(Measure.values())
			.map(m -> new SecurityMeasure(m.name(), texts.text("art30.measure." + m.name(), locale)))
			.toList();
		Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		return new Document(FORMAT, locale.getLanguage(), now.toString(), controller,
				register.isCareProvider(organisationId), activities, measures);
	}

	private Activity activity(RegisterEntry entry, String country, Locale locale) {
		CategoryDeclaration declaration = entry.declaration();
		RetentionRule rule = declaration.retention();
		LegalBasis.Article9 condition = declaration.specialCategoryCondition();
		boolean special = condition != LegalBasis.Article9.NONE;
		String name = texts.category(entry.category(), locale);
		return new Activity(entry.category().name(), name, declaration.controller().name(), declaration.purposes(),
				declaration.dataSubjects(), new PersonalData(entry.category().name(), name, special),
				declaration.recipients(), List.of(), declaration.storageLocation(),
				new Retention(entry.countedFrom().name(), entry.keptFor().toString(), entry.action().name(),
						texts.retention(entry, locale), rule.legalSource(), entry.ownChoice() ? "ORGANISATION" : "DEFAULT",
						rule.minimumIn(country).toString(), rule.maximum().toString()),
				new Basis(entry.legalBasis().article, entry.legalBasis().name(), texts.basis(entry.legalBasis(), locale),
						special ? condition.article : null,
						special ? condition.name() : null, special ? texts.condition(condition, locale) : null),
				entry.erasureExemption());
	}
}
