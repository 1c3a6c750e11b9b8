package org.samtal.privacy;

import java.security.Principal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.UUID;
import org.samtal.platform.Problems;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin's changes to the organisation's own register: the retention period, the event it counts from, and the
 * optional categories it keeps. The organisation is always the signed-in admin's own, taken from the principal here
 * rather than from the request, so no caller can change another organisation's register. Every change is recorded
 * with who made it, in the same transaction as the change.
 */
@Service
public class RegisterChanges {

	/** Which setting of a category a change touched. */
	public enum Setting {
		RETENTION, TRIGGER, BASIS, SWITCHED_ON, CARE_PROVIDER
	}

	/** @param category null for a change of the whole register ({@link Setting#CARE_PROVIDER}) */
	public record Change(Instant at, UUID changedBy, DataCategory category, Setting setting, String oldValue,
			String newValue) {
	}

	private final ProcessingRegister register;
	private final Admins admins;
	private final Controllers controllers;
	private final JdbcClient jdbc;
	private final Clock clock;

	RegisterChanges(ProcessingRegister register, Admins admins, Controllers controllers, JdbcClient jdbc, Clock clock) {
		this.register = register;
		this.controllers = controllers;
		this.admins = admins;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @throws Problems when the organisation does not keep the category, or the period lies outside the bounds the
	 * law and the category allow (with the bound and its legal source)
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public void keepFor(Principal principal, DataCategory category, Period keptFor) {
		StaffDirectory.Reviewer admin = admin(principal);
		RegisterEntry before = kept(admin, category);
		register.overrideRetention(admin.organisationId(), category, keptFor);
		record(admin, category, Setting.RETENTION, before.keptFor().toString(), keptFor.toString());
	}

	/** @throws Problems when the organisation does not keep the category, or it cannot count from that event */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public void countFrom(Principal principal, DataCategory category, RetentionRule.Trigger trigger) {
		StaffDirectory.Reviewer admin = admin(principal);
		RegisterEntry before = kept(admin, category);
		register.countFrom(admin.organisationId(), category, trigger);
		record(admin, category, Setting.TRIGGER, before.countedFrom().name(), trigger.name());
	}

	/** @throws Problems when the organisation does not keep the category, or it cannot rest on that basis */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public void baseOn(Principal principal, DataCategory category, LegalBasis.Article6 basis) {
		StaffDirectory.Reviewer admin = admin(principal);
		RegisterEntry before = kept(admin, category);
		register.baseOn(admin.organisationId(), category, basis);
		record(admin, category, Setting.BASIS, before.legalBasis().name(), basis.name());
	}

	/** @throws Problems when the category is one every organisation keeps anyway, or this one already keeps it */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public void switchOn(Principal principal, DataCategory category) {
		StaffDirectory.Reviewer admin = admin(principal);
		if (register.declaration(category).use() != CategoryDeclaration.Use.WHEN_SWITCHED_ON
				|| register.keeps(admin.organisationId(), category)) {
			throw Problems.conflict("category-already-kept", "Category already kept",
					"Your organisation already keeps " + category + ".");
		}
		register.switchOn(admin.organisationId(), category);
		record(admin, category, Setting.SWITCHED_ON, null, "true");
	}

	/**
	 * Declares whether the organisation is a care provider (vårdgivare) under the patient data act, whose legal floors
	 * the compliance lint then checks (a journal and session notes kept 10 years, access logs reviewed and kept).
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public void declareCareProvider(Principal principal, boolean careProvider) {
		StaffDirectory.Reviewer admin = admin(principal);
		if (careProvider && !"SE".equals(controllers.require(admin.organisationId()).country())) {
			throw Problems.badRequest("care-provider-not-swedish", "Not a Swedish organisation",
					"Only a Swedish organisation can be a care provider under the Swedish patient data act.");
		}
		boolean before = register.isCareProvider(admin.organisationId());
		if (before == careProvider) {
			return;
		}
		register.declareCareProvider(admin.organisationId(), careProvider);
		record(admin, null, Setting.CARE_PROVIDER, Boolean.toString(before), Boolean.toString(careProvider));
	}

	/** The admin's organisation's register changes, newest first, at most 50. */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public List<Change> recent(Principal principal) {
		return jdbc.sql("""
				SELECT changed_at, changed_by, data_category, setting, old_value, new_value FROM register_change
				WHERE organisation_id = ? ORDER BY changed_at DESC, id DESC LIMIT 50""")
			.param(admin(principal).organisationId())
			.query((rs, n) -> new Change(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class),
					rs.getString(3) == null ? null : DataCategory.valueOf(rs.getString(3)), Setting.valueOf(rs.getString(4)),
					rs.getString(5),
					rs.getString(6)))
			.list();
	}

	private RegisterEntry kept(StaffDirectory.Reviewer admin, DataCategory category) {
		if (!register.keeps(admin.organisationId(), category)) {
			throw Problems.badRequest("category-not-kept", "Category not kept",
					"Your organisation does not keep " + category + "; switch it on first.");
		}
		return register.entry(admin.organisationId(), category);
	}

	private void record(StaffDirectory.Reviewer admin, DataCategory category, Setting setting, String oldValue,
			String newValue) {
		jdbc.sql("""
				INSERT INTO register_change (organisation_id, changed_by, changed_at, data_category, setting, old_value,
				                             new_value)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(admin.organisationId(), admin.staffId(), Timestamp.from(clock.instant()),
					category == null ? null : category.name(),
					setting.name(), oldValue, newValue)
			.update();
	}

	private StaffDirectory.Reviewer admin(Principal principal) {
		return admins.of(principal);
	}
}
