package org.samtal.privacy;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Subjects made up for one test of the access-log writer, and what the log holds about them. */
final class AccessLogSubjects {

	private AccessLogSubjects() {
	}

	static String subject(String kind) {
		return "visitor:" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** How many entries about these subjects are committed. */
	static int written(JdbcClient jdbc, List<String> subjects) {
		return jdbc.sql("SELECT count(*) FROM access_log WHERE subject = ANY (?)")
			.param(subjects.toArray(String[]::new)).query(Integer.class).single();
	}

	/** How many transactions committed the entries about these subjects. */
	static int commits(JdbcClient jdbc, List<String> subjects) {
		return jdbc.sql("SELECT count(DISTINCT xmin::text) FROM access_log WHERE subject = ANY (?)")
			.param(subjects.toArray(String[]::new)).query(Integer.class).single();
	}
}
