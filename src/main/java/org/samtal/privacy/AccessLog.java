package org.samtal.privacy;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The one way every module records staff access to client data. Entries are never changed once written. */
@Service
public class AccessLog {

	private final JdbcClient jdbc;
	private final AccessLogChain chain;

	AccessLog(JdbcClient jdbc, AccessLogChain chain) {
		this.jdbc = jdbc;
		this.chain = chain;
	}

	/** Records one entry, linked into the tamper-evident chain. */
	@Transactional
	public void record(Access access) {
		chain.append(access);
	}

	/** Recomputes the chain and names the first entry that was changed, removed or reordered, if any. */
	public AccessLogVerification verify() {
		AccessLogChain.Verification result = chain.verify();
		return new AccessLogVerification(result.intact(), result.entriesChecked(), result.firstBrokenSeq(),
				result.problem());
	}

	/** The entries about one subject, newest first. */
	@Transactional(readOnly = true)
	public List<Access> entriesAbout(String subject) {
		return jdbc.sql("""
				SELECT at, actor_id, actor_role, organisation_id, reception_id, subject, data_category, action, context
				FROM access_log WHERE subject = ? ORDER BY id DESC""")
			.param(subject)
			.query((rs, n) -> AccessLogChain.access(rs))
			.list();
	}
}
