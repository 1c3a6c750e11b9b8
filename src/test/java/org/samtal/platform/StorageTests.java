package org.samtal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.Http;
import org.samtal.SamtalApplication;
import org.samtal.tenancy.LocalizedText;
import org.samtal.tenancy.Organisation;
import org.samtal.tenancy.Reception;
import org.samtal.tenancy.Receptions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** PostgreSQL only: embedded by default and kept across restarts, or an external server of version 15 to 18. */
class StorageTests {

	@TempDir
	Path temp;

	@Test
	void withADatasourceUrlSamtalUsesThatServerAndStartsNothingEmbedded() throws Exception {
		try (EmbeddedPostgres oldest = EmbeddedPostgres.builder()
			.setPgBinaryResolver((system, machine) -> oldestPostgresBinaries())
			.start()) {
			String url = oldest.getJdbcUrl("postgres", "postgres");
			try (ConfigurableApplicationContext app = start("--spring.datasource.url=" + url,
					"--spring.datasource.username=postgres", "--spring.datasource.password=")) {
				assertThat(app.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
				JdbcClient jdbc = app.getBean(JdbcClient.class);
				assertThat(jdbc.sql("SHOW server_version_num").query(Integer.class).single()).isBetween(150000, 159999);

				Reception reception = register(app, "external");
				Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
				var started = http.postJson("/api/v1/receptions/" + reception.slug() + "/conversations", "{}");
				assertThat(started.statusCode()).isEqualTo(201);
				assertThat(jdbc.sql("SELECT count(*) FROM conversation").query(Integer.class).single()).isEqualTo(1);
			}
		}
	}

	@Test
	void theEmbeddedDatabaseKeepsItsDataAcrossRestarts() {
		Path data = temp.resolve("pg");
		try (ConfigurableApplicationContext app = start("--samtal.embedded-postgres.data-directory=" + data)) {
			register(app, "kept");
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).as("durable, unlike zonky's default").isEqualTo("on");
			assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
		}
		try (ConfigurableApplicationContext app = start("--samtal.embedded-postgres.data-directory=" + data)) {
			assertThat(app.getBean(Receptions.class).bySlug("kept-reception")).isPresent();
		}
	}

	@Test
	void afterAKilledRunTheLeftoverPostgresIsStoppedAndTheAppStarts() throws Exception {
		Path data = temp.resolve("pg");
		Files.createDirectories(data);
		// A JVM that started PostgreSQL is killed with SIGKILL: its postgres keeps running and holds the directory.
		Process crashed = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), OrphanedPostgres.class.getName(), data.toString())
			.redirectErrorStream(true)
			.start();
		try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(crashed.getInputStream()))) {
			String line;
			while ((line = output.readLine()) != null && !line.startsWith("ready")) {
				// wait until the server is up
			}
		}
		crashed.destroyForcibly().waitFor();
		long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
		assertThat(ProcessHandle.of(orphanPid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

		try (ConfigurableApplicationContext app = start("--samtal.embedded-postgres.data-directory=" + data)) {
			assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
			assertThat(app.getBean(JdbcClient.class).sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 3];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--server.port=0";
		all[args.length + 1] = "--spring.main.banner-mode=off";
		all[args.length + 2] = "--samtal.chat.abandoned-sweep-interval=PT1H";
		return new SpringApplicationBuilder(SamtalApplication.class).run(all);
	}

	private static Reception register(ConfigurableApplicationContext app, String slug) {
		Organisation organisation = new Organisation(UUID.randomUUID(), slug, "Org " + slug, Organisation.Country.NO,
				"999000999", ZoneId.of("Europe/Oslo"), "DPO", "dpo@" + slug + ".example", "Datatilsynet");
		Reception reception = new Reception(UUID.randomUUID(), slug + "-reception", "Reception " + slug, organisation,
				true, true, LocalizedText.of("Hei", "Hei", "Hi"), Optional.empty(), List.of());
		app.getBean(Receptions.class).register(organisation, List.of(reception));
		return reception;
	}

	/** The PostgreSQL 15 binaries that the build unpacks beside the tests (see the pom). */
	private static InputStream oldestPostgresBinaries() throws IOException {
		String jar = System.getProperty("samtal.test.oldest-postgres", "target/postgres-oldest/postgres-binaries.jar");
		JarFile file = new JarFile(jar);
		var entry = file.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
			.orElseThrow(() -> new IOException("No PostgreSQL archive in " + jar));
		return file.getInputStream(entry);
	}
}
