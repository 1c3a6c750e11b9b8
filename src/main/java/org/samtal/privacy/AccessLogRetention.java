package org.samtal.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The access log's expired entries, for the retention engine. The chain is one for the whole installation and only a
 * prefix can go, so the engine sweeps it once at the longest period any organisation keeps: no organisation loses
 * entries it must keep, and one that chose a shorter period keeps some longer until the log is split per
 * organisation. A legal hold on an entry (its sequence number) or a subject stops the purge just before the first
 * held entry.
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
	public boolean perOrganisation() {
		return false;
	}

	@Override
	public long countDue(Scope scope) {
		return chain.countWrittenBefore(cutoff(scope));
	}

	@Override
	public List<String> dueKeys(Scope scope, int limit) {
		return jdbc.sql("SELECT seq::text FROM access_log WHERE at < ? ORDER BY seq LIMIT ?")
			.params(Timestamp.from(cutoff(scope)), limit)
			.query(String.class)
			.list();
	}

	@Override
	public int purge(Scope scope, int limit) {
		return chain.purgeWrittenBefore(cutoff(scope), limit);
	}

	/** The scope's cutoff, or the time of the first held entry if that is earlier. */
	private Instant cutoff(Scope scope) {
		if (scope.heldKeys().isEmpty()) {
			return scope.cutoff();
		}
		String[] held = scope.heldKeys().toArray(String[]::new);
		return jdbc.sql("SELECT min(at) FROM access_log WHERE at < ? AND (seq::text = ANY (?) OR subject = ANY (?))")
			.params(Timestamp.from(scope.cutoff()), held, held)
			.query(Timestamp.class)
			.list()
			.stream()
			.filter(Objects::nonNull)
			.map(Timestamp::toInstant)
			.findFirst()
			.orElse(scope.cutoff());
	}
}
