package org.samtal.privacy;

import java.time.Period;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.samtal.platform.Problems;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The processing register as code: every category of personal data Samtal keeps, gathered from the modules that keep
 * it, with each organisation's own retention periods where the law lets it choose.
 */
@Service
public class ProcessingRegister {

	private final Map<DataCategory, CategoryDeclaration> categories = new EnumMap<>(DataCategory.class);
	private final Map<String, DataCategory> personalTables = new HashMap<>();
	private final Map<String, String> nonPersonalTables = new HashMap<>();
	private final JdbcClient jdbc;
	private final Controllers controllers;

	ProcessingRegister(List<PersonalDataOwner> owners, JdbcClient jdbc, Controllers controllers) {
		this.jdbc = jdbc;
		this.controllers = controllers;
		for (PersonalDataOwner owner : owners) {
			for (CategoryDeclaration declaration : owner.categories()) {
				if (categories.putIfAbsent(declaration.category(), declaration) != null) {
					throw new IllegalStateException(declaration.category() + " is declared by two modules");
				}
			}
			personalTables.putAll(owner.personalTables());
			nonPersonalTables.putAll(owner.nonPersonalTables());
		}
		personalTables.forEach((table, category) -> {
			if (!categories.containsKey(category)) {
				throw new IllegalStateException("Table " + table + " holds " + category + ", which nobody declares");
			}
		});
	}

	public Map<DataCategory, CategoryDeclaration> categories() {
		return Collections.unmodifiableMap(categories);
	}

	public CategoryDeclaration declaration(DataCategory category) {
		CategoryDeclaration declaration = categories.get(category);
		if (declaration == null) {
			throw new IllegalArgumentException(category + " is not declared by any module");
		}
		return declaration;
	}

	public Map<String, DataCategory> personalTables() {
		return Collections.unmodifiableMap(personalTables);
	}

	public Map<String, String> nonPersonalTables() {
		return Collections.unmodifiableMap(nonPersonalTables);
	}

	/** The period this organisation keeps the category: its own choice, or the declared default. */
	@Transactional(readOnly = true)
	public Period retentionFor(UUID organisationId, DataCategory category) {
		return entry(organisationId, category).keptFor();
	}

	/** The categories this organisation keeps, as it keeps them: every organisation's, plus those it switched on. */
	@Transactional(readOnly = true)
	public List<RegisterEntry> registerOf(UUID organisationId) {
		return registerOf(organisationId, countryOf(organisationId));
	}

	List<RegisterEntry> registerOf(UUID organisationId, String country) {
		Set<String> switchedOn = new HashSet<>(jdbc.sql("SELECT data_category FROM category_in_use WHERE organisation_id = ?")
			.param(organisationId)
			.query(String.class)
			.list());
		Map<String, String[]> choices = choices(organisationId);
		boolean careProvider = isCareProvider(organisationId);
		return categories.values()
			.stream()
			.filter(d -> d.use() == CategoryDeclaration.Use.EVERY_ORGANISATION || switchedOn.contains(d.category().name()))
			.map(d -> entry(d, country, careProvider, choices.get(d.category().name())))
			.toList();
	}

	/** This organisation's entry for the category, whether or not it keeps it. */
	@Transactional(readOnly = true)
	public RegisterEntry entry(UUID organisationId, DataCategory category) {
		return entry(declaration(category), countryOf(organisationId), isCareProvider(organisationId),
				choices(organisationId).get(category.name()));
	}

	@Transactional(readOnly = true)
	public boolean keeps(UUID organisationId, DataCategory category) {
		return declaration(category).use() == CategoryDeclaration.Use.EVERY_ORGANISATION
				|| jdbc.sql("SELECT count(*) FROM category_in_use WHERE organisation_id = ? AND data_category = ?")
					.params(organisationId, category.name())
					.query(Integer.class)
					.single() > 0;
	}

	/** The organisation starts keeping a category that only some organisations keep (a journal, invoices). */
	@Transactional
	public void switchOn(UUID organisationId, DataCategory category) {
		jdbc.sql("INSERT INTO category_in_use (organisation_id, data_category) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(organisationId, declaration(category).category().name())
			.update();
	}

	/** Whether the organisation keeps patient records as a care provider, which brings legal floors with it. */
	@Transactional(readOnly = true)
	public boolean isCareProvider(UUID organisationId) {
		return jdbc.sql("SELECT care_provider FROM register_profile WHERE organisation_id = ?")
			.param(organisationId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	@Transactional
	public void declareCareProvider(UUID organisationId, boolean careProvider) {
		jdbc.sql("""
				INSERT INTO register_profile (organisation_id, care_provider) VALUES (?, ?)
				ON CONFLICT (organisation_id) DO UPDATE SET care_provider = EXCLUDED.care_provider""")
			.params(organisationId, careProvider)
			.update();
	}

	/**
	 * Sets the organisation's own retention period for a category, within the bounds the law and the category allow.
	 * @throws Problems saying which bound the period breaks and why
	 */
	@Transactional
	public void overrideRetention(UUID organisationId, DataCategory category, Period keptFor) {
		CategoryDeclaration declaration = ownedByOrganisation(category);
		RetentionRule rule = declaration.retention();
		String country = countryOf(organisationId);
		if (!rule.allows(keptFor, country)) {
			Period floor = rule.minimumIn(country);
			String bounds = floor.equals(rule.maximum()) ? "exactly " + describe(floor)
					: "between " + describe(floor) + " and " + describe(rule.maximum());
			throw Problems.badRequest("retention-out-of-bounds", "Retention period not allowed",
					category + " must be kept " + bounds + " (" + rule.legalSource() + "); " + describe(keptFor)
							+ " is outside that.");
		}
		jdbc.sql("""
				INSERT INTO retention_override (organisation_id, data_category, kept_for) VALUES (?, ?, ?)
				ON CONFLICT (organisation_id, data_category) DO UPDATE SET kept_for = EXCLUDED.kept_for""")
			.params(organisationId, category.name(), keptFor.toString())
			.update();
	}

	/** The platform operator decides over its own categories (accounts, logins); an organisation cannot change them. */
	private CategoryDeclaration ownedByOrganisation(DataCategory category) {
		CategoryDeclaration declaration = declaration(category);
		if (declaration.controller() != CategoryDeclaration.Controller.ORGANISATION) {
			throw Problems.badRequest("retention-not-the-organisations", "Not the organisation's to change",
					category + " is controlled by the platform operator, so its retention is the same for every "
							+ "organisation.");
		}
		return declaration;
	}

	/**
	 * Lets the organisation count the category's period from another event the declaration allows, such as a
	 * completed session package instead of the last entry.
	 * @throws Problems naming the events the category can count from
	 */
	@Transactional
	public void countFrom(UUID organisationId, DataCategory category, RetentionRule.Trigger trigger) {
		RetentionRule rule = ownedByOrganisation(category).retention();
		if (!rule.allowsTrigger(trigger)) {
			Set<RetentionRule.Trigger> allowed = new TreeSet<>(rule.alternativeTriggers());
			allowed.add(rule.trigger());
			throw Problems.badRequest("retention-trigger-not-allowed", "Retention trigger not allowed",
					category + " can only be counted from " + allowed + "; not from " + trigger + ".");
		}
		jdbc.sql("""
				INSERT INTO retention_override (organisation_id, data_category, counted_from) VALUES (?, ?, ?)
				ON CONFLICT (organisation_id, data_category) DO UPDATE SET counted_from = EXCLUDED.counted_from""")
			.params(organisationId, category.name(), trigger.name())
			.update();
	}

	/**
	 * Rests the organisation's processing of a category on another basis the declaration allows, such as contract
	 * instead of public interest for a private clinic's appointments.
	 * @throws Problems naming the bases the category can rest on
	 */
	@Transactional
	public void baseOn(UUID organisationId, DataCategory category, LegalBasis.Article6 basis) {
		CategoryDeclaration declaration = ownedByOrganisation(category);
		if (basis == null || !declaration.allowsBasis(basis)) {
			Set<LegalBasis.Article6> allowed = new TreeSet<>(declaration.alternativeBases());
			allowed.add(declaration.legalBasis());
			throw Problems.badRequest("legal-basis-not-allowed", "Legal basis not allowed",
					category + " can only rest on " + allowed + "; not on " + basis + ".");
		}
		jdbc.sql("""
				INSERT INTO retention_override (organisation_id, data_category, legal_basis) VALUES (?, ?, ?)
				ON CONFLICT (organisation_id, data_category) DO UPDATE SET legal_basis = EXCLUDED.legal_basis""")
			.params(organisationId, category.name(), basis.name())
			.update();
	}

	private Map<String, String[]> choices(UUID organisationId) {
		Map<String, String[]> choices = new HashMap<>();
		jdbc.sql("""
				SELECT data_category, kept_for, counted_from, legal_basis FROM retention_override WHERE organisation_id = ?""")
			.param(organisationId)
			.query((rs, n) -> choices.put(rs.getString(1),
					new String[] { rs.getString(2), rs.getString(3), rs.getString(4) }))
			.list();
		return choices;
	}

	private String countryOf(UUID organisationId) {
		return controllers.find(organisationId).map(Controllers.DataController::country).orElse("");
	}

	private static RegisterEntry entry(CategoryDeclaration declaration, String country, boolean careProvider,
			String[] choice) {
		RetentionRule rule = declaration.retention();
		String exemption = declaration.erasureExemptionFor(careProvider);
		if (choice == null) {
			return new RegisterEntry(declaration, rule.trigger(), rule.keptForIn(country), false,
					declaration.legalBasis(), exemption);
		}
		return new RegisterEntry(declaration,
				choice[1] == null ? rule.trigger() : RetentionRule.Trigger.valueOf(choice[1]),
				choice[0] == null ? rule.keptForIn(country) : Period.parse(choice[0]), true,
				choice[2] == null ? declaration.legalBasis() : LegalBasis.Article6.valueOf(choice[2]), exemption);
	}

	static String describe(Period period) {
		if (period.isZero()) {
			return "no time at all";
		}
		StringBuilder text = new StringBuilder();
		append(text, period.getYears(), "year");
		append(text, period.getMonths(), "month");
		append(text, period.getDays(), "day");
		return text.toString();
	}

	private static void append(StringBuilder text, int amount, String unit) {
		if (amount != 0) {
			text.append(text.isEmpty() ? "" : " ").append(amount).append(' ').append(unit).append(amount == 1 ? "" : "s");
		}
	}
}
