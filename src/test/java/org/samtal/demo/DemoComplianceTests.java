package org.samtal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.samtal.privacy.ComplianceLint;
import org.samtal.privacy.DataCategory;
import org.samtal.tenancy.Reception;
import org.samtal.tenancy.Receptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The compliance lint over the five reference organisations as the demo loads them: only the solo therapist's
 * session notes, deleted when the package is completed (seed 004), break a legal floor. Same context as
 * DemoProfileTests, so it starts no second application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "samtal.embedded-postgres.data-directory=", "samtal.demo.password=demo-test-password" })
@ActiveProfiles("demo")
class DemoComplianceTests {

	@Autowired
	Receptions receptions;

	@Autowired
	ComplianceLint lint;

	@Test
	void onlyTheSoloTherapistsSessionNotesAreFlagged() {
		Map<String, String> findings = new TreeMap<>();
		for (Reception reception : receptions.all()) {
			findings.put(reception.organisation().slug(), lint.findingsFor(reception.organisation().id())
				.stream()
				.map(f -> f.rule() + ":" + f.category())
				.toList()
				.toString());
		}
		assertThat(findings).containsExactlyInAnyOrderEntriesOf(Map.of("spelstodet", "[]", "umo-norrvik", "[]",
				"kbt-lindo", "[]", "terapiformidling", "[]", "mira-holm",
				"[pdl-session-note:" + DataCategory.SESSION_NOTE + "]"));
	}
}
