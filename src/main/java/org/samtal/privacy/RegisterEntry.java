package org.samtal.privacy;

import java.time.Period;

/**
 * One category as one organisation keeps it: the module's declaration, with the organisation's own period, trigger
 * event and legal basis where it has chosen them among what the declaration allows.
 * @param erasureExemption why an erasure request leaves these records with this organisation; null when it removes
 * them (an exemption of the patient data act binds only a care provider)
 */
public record RegisterEntry(CategoryDeclaration declaration, RetentionRule.Trigger countedFrom, Period keptFor,
		boolean ownChoice, LegalBasis.Article6 legalBasis, String erasureExemption) {

	/** The declaration's own basis and retention, before the organisation chose anything. */
	public RegisterEntry(CategoryDeclaration declaration, RetentionRule.Trigger countedFrom, Period keptFor,
			boolean ownChoice) {
		this(declaration, countedFrom, keptFor, ownChoice, declaration.legalBasis(), declaration.erasureExemption());
	}

	public boolean erasableOnRequest() {
		return erasureExemption == null;
	}

	public DataCategory category() {
		return declaration.category();
	}

	public RetentionRule.Action action() {
		return declaration.retention().action();
	}
}
