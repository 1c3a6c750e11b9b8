package org.samtal.privacy;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The access log's expired entries, for the retention engine, per organisation and at each one's own period. The
 * chain is one for the whole installation, so an expired entry first loses what is personal (who, about whom, why)
 * and keeps its link; once a whole prefix is purged it is deleted outright behind a signed checkpoint. A legal hold on
 * an entry (its sequence number) or on a subject keeps those entries whole.
 */
@Component
class AccessLogRetention implements ExpiringRecords {

	private final AccessLogChain chain;
	private final JdbcClient jdbc;

	AccessLogRetention(AccessLogChain chain, JdbcClient jdbc) {
		this.chain = chain;
		this.jdbc = jdbc;
	}

	@Override
	public DataCategory category() {
		return DataCategory.ACCESS_LOG_ENTRY;
	}

	@Override
	public long countDue(Scope scope) {
		return chain.countUnpurged(scope.organisationId(), scope.cutoff(), scope.heldKeys());
	}

	@Override
	public List<String> dueKeys(Scope scope, int limit) {
		String[] held = scope.heldKeys().toArray(String[]::new);
		return jdbc.sql("SELECT seq::text FROM access_log WHERE " + AccessLogChain.UNPURGED + " ORDER BY seq LIMIT ?")
			.params(scope.organisationId(), java.sql.Timestamp.from(scope.cutoff()), held, held, limit)
			.query(String.class)
			.list();
	}

	/**
	 * Purges a batch of one organisation's expired entries, then deletes what it can of the fully purged prefix. The
	 * prefix is dropped whether or not anything was purged now: organisations' entries are interleaved, so a prefix
	 * often becomes whole only when the last organisation's entries are purged, and later runs must still drop it.
	 */
	@Override
	public int purge(Scope scope, int limit) {
		int purged = chain.purgeContent(scope.organisationId(), scope.cutoff(), scope.heldKeys(), limit);
		int dropped = chain.dropPurgedPrefix(limit);
		// When this organisation has nothing more due, keep dropping (bounded, in this batch's transaction).
		for (int round = 0; purged < limit && dropped == limit && round < MAX_DROP_ROUNDS; round++) {
			dropped = chain.dropPurgedPrefix(limit);
		}
		return purged;
	}

	/** How many extra prefix batches one call may drop, so one transaction stays bounded. */
	static final int MAX_DROP_ROUNDS = 20;
}
