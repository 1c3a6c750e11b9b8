package org.samtal.privacy;

import java.time.Period;

/**
 * One category as one organisation keeps it: the module's declaration, with the organisation's own period and
 * trigger event where it has chosen them within the declared bounds.
 */
public record RegisterEntry(CategoryDeclaration declaration, RetentionRule.Trigger countedFrom, Period keptFor,
		boolean ownChoice) {

	public DataCategory category() {
		return declaration.category();
	}

	public RetentionRule.Action action() {
		return declaration.retention().action();
	}
}
