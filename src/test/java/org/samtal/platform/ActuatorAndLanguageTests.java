package org.samtal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SamtalTest
class ActuatorAndLanguageTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Test
	void healthAnswersUpWithoutLoginForLoadBalancers() {
		var health = new Http(port).get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
	}

	@Test
	void everyOtherActuatorEndpointNeedsAnAdmin() {
		Reception reception = fixtures.openReception();
		assertThat(new Http(port).get("/actuator/metrics").statusCode()).isEqualTo(302);
		Http counselor = new Http(port);
		Fixtures.Staff staff = fixtures.counselor(reception);
		counselor.logIn(staff.username(), staff.password());
		assertThat(counselor.get("/actuator/metrics").statusCode()).isEqualTo(403);
		Http admin = new Http(port);
		Fixtures.Staff boss = fixtures.admin(reception);
		admin.logIn(boss.username(), boss.password());
		assertThat(admin.get("/actuator/metrics").statusCode()).isEqualTo(200);
	}

	@Test
	void pagesAreSwedishByDefaultAndFollowAcceptLanguageOrAnExplicitChoice() {
		Http http = new Http(port);
		assertThat(http.get("/").body()).contains("lang=\"sv\"").contains("Välj mottagning");
		assertThat(http.get("/", "Accept-Language", "nb-NO,nb;q=0.9,en;q=0.5").body()).contains("lang=\"nb\"")
			.contains("Velg klinikk");
		assertThat(http.get("/", "Accept-Language", "no").body()).contains("Velg klinikk");
		assertThat(http.get("/", "Accept-Language", "de-DE,en;q=0.8").body()).contains("Choose a reception");
		Reception reception = fixtures.openReception();
		String english = http.get("/?lang=en", "Accept-Language", "nb").body();
		assertThat(english).contains("Choose a reception");
		assertThat(english).as("links keep the choice without a cookie")
			.contains("/r/" + reception.slug() + "?lang=en");
		assertThat(http.get("/r/" + reception.slug() + "?lang=nb").body()).contains("Start chat").contains("Åpningstider");
	}

	@Test
	void anUnknownReceptionGetsANotFoundPage() {
		var missing = new Http(port).get("/r/does-not-exist");
		assertThat(missing.statusCode()).isEqualTo(404);
	}
}
