package org.samtal.privacy;

import java.time.Period;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

	ProcessingRegister(List<PersonalDataOwner> owners, JdbcClient jdbc) {
		this.jdbc = jdbc;
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
		return jdbc.sql("SELECT kept_for FROM retention_override WHERE organisation_id = ? AND data_category = ?")
			.params(organisationId, category.name())
			.query(String.class)
			.optional()
			.map(Period::parse)
			.orElse(declaration(category).retention().keptFor());
	}

	/**
	 * Sets the organisation's own retention period for a category, within the bounds the law and the category allow.
	 * @throws Problems saying which bound the period breaks and why
	 */
	@Transactional
	public void overrideRetention(UUID organisationId, DataCategory category, Period keptFor) {
		RetentionRule rule = declaration(category).retention();
		if (!rule.allows(keptFor)) {
			String bounds = rule.minimum().equals(rule.maximum()) ? "exactly " + describe(rule.minimum())
					: "between " + describe(rule.minimum()) + " and " + describe(rule.maximum());
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
