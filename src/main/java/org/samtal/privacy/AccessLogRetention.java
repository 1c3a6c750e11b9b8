package org.samtal.privacy;

import java.util.List;
import java.util.Optional;
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

	/** Removes what is personal from a batch of one organisation's expired entries; their links stay. */
	@Override
	public int purge(Scope scope, int limit) {
		return chain.purgeContent(scope.organisationId(), scope.cutoff(), scope.heldKeys(), limit);
	}

	/**
	 * Deletes the leading entries of the chain while each is purged already or expired under its own organisation's
	 * period and not held, behind a signed checkpoint: the oldest entries usually are, and then they go in one delete
	 * instead of losing their content first and being deleted later. What this leaves (an organisation keeping its log
	 * longer, a hold, a younger entry in between) the organisations' purges handle one by one.
	 */
	@Override
	public Optional<PurgingTogether> purgingTogether(List<Scope> scopes) {
		return Optional.of(limit -> chain.dropExpiredPrefix(scopes, limit));
	}

	/**
	 * Deletes a batch of the fully purged prefix, behind a signed checkpoint. Called after every organisation's purge,
	 * whether or not anything was purged now: organisations' entries are interleaved, so a prefix often becomes whole
	 * only when the last organisation's entries are purged, and later runs must still drop it. One batch per call and
	 * transaction, so that a large prefix goes in paced batches, not in one long transaction live traffic waits on.
	 */
	@Override
	public int tidy(Scope scope, int limit) {
		return chain.dropPurgedPrefix(limit);
	}
}
