package org.samtal.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link StorageTests}: starts an embedded PostgreSQL on a data directory, says so, and waits
 * to be killed with SIGKILL, which leaves the postgres server running as a real crashed Samtal would.
 */
public class OrphanedPostgres {

	public static void main(String[] args) throws Exception {
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(Path.of(args[0]))
			.setCleanDataDirectory(false)
			.start();
		System.out.println("ready " + postgres.getPort());
		System.out.flush();
		Thread.sleep(120_000);
	}
}
