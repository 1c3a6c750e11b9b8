package org.samtal.privacy;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * How the retention engine reaches the records of one data category without touching another module's tables: the
 * module that keeps them finds those that are due and deletes or anonymises them, a batch at a time, skipping what
 * a legal hold keeps. Most modules use {@link TableRecords}; a module with special needs (the access log's chain)
 * implements this itself.
 */
public interface ExpiringRecords {

	DataCategory category();

	/**
	 * Whether each organisation's own period applies to its own records. When false (one installation-wide store such
	 * as the access-log chain), the engine sweeps once with the longest period any organisation keeps, so nobody
	 * loses records early.
	 */
	default boolean perOrganisation() {
		return true;
	}

	/** What {@link #purge} does; it must match the category's retention rule, which the engine checks at start. */
	default RetentionRule.Action action() {
		return RetentionRule.Action.DELETE;
	}

	/**
	 * What to sweep: the records whose trigger event happened before {@code cutoff} (the clock's now minus the
	 * period).
	 * @param organisationId null for an installation-wide sweep
	 * @param heldKeys record keys (a record id or a subject's pseudonym) under a legal hold: never touched
	 */
	record Scope(UUID organisationId, RetentionRule.Trigger countedFrom, Period keptFor, Instant cutoff,
			Set<String> heldKeys) {

		public Scope {
			heldKeys = Set.copyOf(heldKeys);
		}

		Scope withoutHolds() {
			return new Scope(organisationId, countedFrom, keptFor, cutoff, Set.of());
		}
	}

	/** How many records are due and not held. */
	long countDue(Scope scope);

	/**
	 * How many due records the scope's holds keep. By default the difference of two counts, with and without the
	 * holds; a category that can pick out the held records directly counts only those.
	 */
	default long countHeld(Scope scope) {
		return scope.heldKeys().isEmpty() ? 0 : Math.max(0, countDue(scope.withoutHolds()) - countDue(scope));
	}

	/** Keys of up to {@code limit} due records that are not held, for a dry run to list. */
	List<String> dueKeys(Scope scope, int limit);

	/**
	 * Deletes or anonymises up to {@code limit} due records that are not held, in the caller's transaction.
	 * @return how many records it deleted or anonymised; fewer than the limit means none are left
	 */
	int purge(Scope scope, int limit);

	/**
	 * Purges one scope batch after batch for one run: each call to {@link Purging#next} deletes or anonymises up to
	 * the limit in the caller's transaction, and may read on from where the previous batch stopped instead of from the
	 * start of the table. By default every batch is a fresh {@link #purge}.
	 */
	default Purging purging(Scope scope) {
		return limit -> purge(scope, limit);
	}

	/** The batches of one scope's purge in one run; see {@link #purging}. */
	@FunctionalInterface
	interface Purging {

		/** @return how many records this batch deleted or anonymised; fewer than the limit means none are left */
		int next(int limit);
	}

	/**
	 * For records of many organisations kept in one store (the access-log chain, or a table kept in partitions by date,
	 * of which a whole partition can go), where one step across all of them is cheaper than one organisation at a
	 * time: each call to {@link PurgingTogether#next} deletes or anonymises a batch of up to the limit of records that
	 * are due under their own organisation's scope, in the caller's transaction.
	 * The engine runs it, batch after batch, before the organisations' own purges, and counts what it returns against
	 * each organisation; those purges then do whatever it left. (A joint pass over a plain table was tried and was
	 * slower than one pass per organisation; docs/benchmarks.md.)
	 * @param scopes one per organisation that keeps the category; records of any other organisation are not due
	 * @return the joint purge, or empty when this store is purged one organisation at a time only (the default)
	 */
	default Optional<PurgingTogether> purgingTogether(List<Scope> scopes) {
		return Optional.empty();
	}

	/** The batches of one joint purge in one run; see {@link #purgingTogether}. */
	@FunctionalInterface
	interface PurgingTogether {

		Together next(int limit);
	}

	/**
	 * What a batch of a {@link #purgingTogether joint purge} did.
	 * @param rows every row the batch took, also housekeeping ones (a dropped partition counts as at least the limit);
	 *        fewer than the limit means nothing is left to do together
	 * @param purged the due records it deleted or anonymised, per organisation
	 */
	record Together(int rows, Map<UUID, Integer> purged) {

		static final Together NOTHING = new Together(0, Map.of());

		public Together {
			purged = Map.copyOf(purged);
		}
	}

	/**
	 * Housekeeping left once nothing of the scope is due any more, done a bounded batch at a time in the caller's
	 * transaction, like {@link #purge}, so that each batch can be paced. The engine calls it after every purge, also
	 * when nothing was due (another organisation's purge may have made the work possible), and again while it returns
	 * the limit. Nothing by default.
	 * @return how many rows it removed; fewer than the limit means nothing is left to do
	 */
	default int tidy(Scope scope, int limit) {
		return 0;
	}
}
