package org.samtal.privacy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One entry of the processing register (GDPR Art. 30): a category of personal data, why it is processed, on which
 * legal basis, whose it is, who receives it, where it is stored, how long it is kept, and whether a data subject can
 * have it erased.
 * @param controller who decides over it: the platform operator (e.g. staff accounts) or the tenant organisation
 * @param erasureExemption null when an erasure request removes it; otherwise the legal reason it stays
 * @param use whether every organisation keeps it, or only those that switch it on (a journal, invoices)
 * @param alternativeBases other Art. 6 bases an organisation may rest it on instead, since one basis does not fit a
 * public authority and a private clinic alike (an appointment is a public task for one, a contract for the other)
 * @param exemptionForCareProvidersOnly the erasure exemption is the patient data act's, so it binds only an organisation
 * that is a care provider; for any other the records are erased on request
 */
public record CategoryDeclaration(DataCategory category, List<String> purposes, LegalBasis.Article6 legalBasis,
		LegalBasis.Article9 specialCategoryCondition, Controller controller, List<String> dataSubjects,
		List<String> recipients, String storageLocation, RetentionRule retention, String erasureExemption, Use use,
		Set<LegalBasis.Article6> alternativeBases, boolean exemptionForCareProvidersOnly) {

	public enum Use {
		EVERY_ORGANISATION, WHEN_SWITCHED_ON
	}

	public CategoryDeclaration(DataCategory category, List<String> purposes, LegalBasis.Article6 legalBasis,
			LegalBasis.Article9 specialCategoryCondition, Controller controller, List<String> dataSubjects,
			List<String> recipients, String storageLocation, RetentionRule retention, String erasureExemption) {
		this(category, purposes, legalBasis, specialCategoryCondition, controller, dataSubjects, recipients,
				storageLocation, retention, erasureExemption, Use.EVERY_ORGANISATION, Set.of(), false);
	}

	/** The same declaration, whose erasure exemption binds only care providers (see the parameter). */
	public CategoryDeclaration exemptOnlyForCareProviders() {
		return new CategoryDeclaration(category, purposes, legalBasis, specialCategoryCondition, controller,
				dataSubjects, recipients, storageLocation, retention, erasureExemption, use, alternativeBases, true);
	}

	/** The reason an erasure request leaves these records with this organisation, or null when it removes them. */
	public String erasureExemptionFor(boolean careProvider) {
		return exemptionForCareProvidersOnly && !careProvider ? null : erasureExemption;
	}

	/** The same declaration, for a category only the organisations that switch it on keep. */
	public CategoryDeclaration whenSwitchedOn() {
		return new CategoryDeclaration(category, purposes, legalBasis, specialCategoryCondition, controller,
				dataSubjects, recipients, storageLocation, retention, erasureExemption, Use.WHEN_SWITCHED_ON,
				alternativeBases, exemptionForCareProvidersOnly);
	}

	/** The same declaration, letting an organisation rest it on one of these bases instead. */
	public CategoryDeclaration orOn(LegalBasis.Article6... bases) {
		Set<LegalBasis.Article6> alternatives = EnumSet.noneOf(LegalBasis.Article6.class);
		alternatives.addAll(alternativeBases);
		alternatives.addAll(List.of(bases));
		alternatives.remove(legalBasis);
		return new CategoryDeclaration(category, purposes, legalBasis, specialCategoryCondition, controller,
				dataSubjects, recipients, storageLocation, retention, erasureExemption, use, alternatives,
				exemptionForCareProvidersOnly);
	}

	public boolean allowsBasis(LegalBasis.Article6 basis) {
		return legalBasis == basis || alternativeBases.contains(basis);
	}

	public static final String EU_DATABASE = "EU/EEA: the organisation's own PostgreSQL database";

	public enum Controller {
		PLATFORM_OPERATOR, ORGANISATION
	}

	public CategoryDeclaration {
		purposes = List.copyOf(purposes);
		dataSubjects = List.copyOf(dataSubjects);
		recipients = List.copyOf(recipients);
		if (purposes.isEmpty() || dataSubjects.isEmpty()) {
			throw new IllegalArgumentException(category + " must declare its purposes and data subjects");
		}
		if (use == null) {
			use = Use.EVERY_ORGANISATION;
		}
		alternativeBases = Set.copyOf(alternativeBases);
		if (retention == null) {
			throw new IllegalArgumentException(category + " has no retention rule");
		}
	}

	public boolean erasableOnRequest() {
		return erasureExemption == null;
	}
}
