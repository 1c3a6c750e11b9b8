package org.samtal.privacy;

import java.time.Period;

/**
 * One category as one organisation keeps it: the module's declaration, with the organisation's own period, trigger
 * event and legal basis where it has chosen them among what the declaration allows.
 */
public record RegisterEntry(CategoryDeclaration declaration, RetentionRule.Trigger countedFrom, Period keptFor,
		boolean ownChoice, LegalBasis.Article6 legalBasis) {

	/** The declaration's own basis and retention, before the organisation chose anything. */
	public RegisterEntry(CategoryDeclaration declaration, RetentionRule.Trigger countedFrom, Period keptFor,
			boolean ownChoice) {
		this(declaration, countedFrom, keptFor, ownChoice, declaration.legalBasis());
	}

	public DataCategory category() {
		return declaration.category();
	}

	public RetentionRule.Action action() {
		return declaration.retention().action();
	}
}
