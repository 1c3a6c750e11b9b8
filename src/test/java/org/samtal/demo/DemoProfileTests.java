package org.samtal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.samtal.Http;
import org.samtal.tenancy.Reception;
import org.samtal.tenancy.Receptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "samtal.embedded-postgres.data-directory=", "samtal.demo.password=demo-test-password" })
@ActiveProfiles("demo")
@ExtendWith(OutputCaptureExtension.class)
class DemoProfileTests {

	@Autowired
	Receptions receptions;

	@LocalServerPort
	int port;

	@Test
	void theDemoLoadsTheFiveReferenceOrganisationsWithStaffWhoCanLogIn() {
		List<Reception> all = receptions.all();
		assertThat(all.stream().map(r -> r.organisation().slug()).distinct())
			.containsExactlyInAnyOrder("spelstodet", "umo-norrvik", "kbt-lindo", "terapiformidling", "mira-holm");
		Reception supportLine = receptions.bySlug("spelstodet").orElseThrow();
		assertThat(supportLine.alwaysOpen()).isTrue();
		assertThat(supportLine.isOpenAt(Instant.parse("2026-11-22T03:00:00Z"))).isTrue();
		Reception youth = receptions.bySlug("umo-alvstad").orElseThrow();
		assertThat(youth.openingHours()).isNotEmpty();
		assertThat(youth.isOpenAt(Instant.parse("2026-11-22T03:00:00Z"))).as("a Sunday night").isFalse();
		assertThat(youth.preChatForm()).isPresent();
		assertThat(receptions.bySlug("terapiformidling").orElseThrow().organisation().timeZone().getId())
			.isEqualTo("Europe/Oslo");

		for (String username : List.of("kurator.spel", "kurator.alvstad", "admin.norrvik", "behandlare.lindo",
				"admin.lindo", "radgiver.terapi", "admin.terapi", "mira")) {
			assertThat(new Http(port).logIn(username, "demo-test-password")).as(username).isNotBlank();
		}
	}

	@Test
	void theDemoContainsNoRealPeopleOrAddresses() {
		for (Reception reception : receptions.all()) {
			assertThat(reception.organisation().dpoEmail()).endsWith(".example");
		}
	}
}

/** Without the demo profile nothing demo-like runs: no organisations, no staff, no passwords printed. */
@org.samtal.SamtalTest
@ExtendWith(OutputCaptureExtension.class)
class WithoutDemoProfileTests {

	@Autowired
	Receptions receptions;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Test
	void nothingDemoLikeRunsWithoutTheDemoProfile(CapturedOutput output) {
		assertThat(context.getBeanNamesForType(DemoData.class)).isEmpty();
		assertThat(receptions.bySlug("spelstodet")).isEmpty();
		assertThat(output.getAll()).doesNotContain("Samtal demo: staff accounts");
	}
}
