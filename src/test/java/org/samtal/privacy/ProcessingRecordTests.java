package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The record of processing activities (GDPR Art. 30(1)) as JSON and as a printable page, for admins only. */
@SamtalTest
class ProcessingRecordTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ProcessingRegister register;

	@Test
	void theJsonRecordDescribesEveryCategoryTheOrganisationKeeps() {
		Reception reception = fixtures.openReception();
		UUID organisation = reception.organisation().id();
		register.declareCareProvider(organisation, true);
		register.switchOn(organisation, DataCategory.SESSION_NOTE);
		register.overrideRetention(organisation, DataCategory.FEEDBACK, Period.ofYears(3));
		Http admin = new Http(port);
		admin.logIn(fixtures.admin(reception).username(), Fixtures.PASSWORD);

		HttpResponse<String> response = admin.get("/admin/register/art30.json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
		assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
			.isEqualTo("attachment; filename=\"art30-" + reception.organisation().slug() + ".json\"");
		JsonNode record = JsonMapper.builder().build().readTree(response.body());

		assertThat(record.path("format").asString()).isEqualTo("samtal-art30/1");
		assertThat(record.path("language").asString()).isEqualTo("sv");
		assertThat(record.path("careProvider").asBoolean()).isTrue();
		JsonNode controller = record.path("controller");
		assertThat(controller.path("name").asString()).isEqualTo(reception.organisation().name());
		assertThat(controller.path("organisationNumber").asString()).isEqualTo(reception.organisation().organisationNumber());
		assertThat(controller.path("country").asString()).isEqualTo("SE");
		assertThat(controller.path("contact").asString()).isEqualTo(reception.organisation().contactEmail());
		assertThat(controller.path("dataProtectionOfficer").path("name").asString())
			.isEqualTo(reception.organisation().dpoName());
		assertThat(controller.path("dataProtectionOfficer").path("email").asString())
			.isEqualTo(reception.organisation().dpoEmail());
		assertThat(controller.path("supervisoryAuthority").asString()).isEqualTo("Integritetsskyddsmyndigheten (IMY)");

		List<String> categories = new ArrayList<>();
		for (JsonNode activity : record.path("activities")) {
			categories.add(activity.path("category").asString());
			assertThat(activity.path("purposes").isEmpty()).as("purposes").isFalse();
			assertThat(activity.path("dataSubjects").isEmpty()).as("data subjects").isFalse();
			assertThat(activity.path("thirdCountryTransfers").isArray()).isTrue();
			assertThat(activity.path("thirdCountryTransfers").isEmpty()).as("no transfers outside the EU/EEA").isTrue();
			assertThat(activity.path("storageLocation").asString()).contains("EU/EEA");
			assertThat(activity.path("retention").path("legalSource").asString()).isNotBlank();
			assertThat(activity.path("legalBasis").path("article6").asString()).startsWith("6(1)(");
		}
		assertThat(categories).contains("CHAT_CONTENT", "ACCESS_LOG_ENTRY", "FEEDBACK", "SESSION_NOTE", "REGISTER_CHANGE")
			.doesNotContain("INVOICE", "JOURNAL_ENTRY")
			.doesNotHaveDuplicates();

		JsonNode notes = activity(record, "SESSION_NOTE");
		assertThat(notes.path("name").asString()).isEqualTo("Anteckningar från samtal");
		assertThat(notes.path("controller").asString()).isEqualTo("ORGANISATION");
		assertThat(notes.path("personalData").path("specialCategory").asBoolean()).isTrue();
		assertThat(notes.path("recipients").toString()).contains("never third parties");
		assertThat(notes.path("legalBasis").path("article6").asString()).isEqualTo("6(1)(c)");
		assertThat(notes.path("legalBasis").path("article6Basis").asString()).isEqualTo("LEGAL_OBLIGATION");
		assertThat(notes.path("legalBasis").path("article9").asString()).isEqualTo("9(2)(h)");
		assertThat(notes.path("legalBasis").path("article9Condition").asString()).isEqualTo("HEALTH_OR_SOCIAL_CARE");
		JsonNode retention = notes.path("retention");
		assertThat(retention.path("countedFrom").asString()).isEqualTo("LAST_ENTRY");
		assertThat(retention.path("period").asString()).isEqualTo("P10Y");
		assertThat(retention.path("action").asString()).isEqualTo("DELETE");
		assertThat(retention.path("choice").asString()).isEqualTo("DEFAULT");
		assertThat(retention.path("minimum").asString()).isEqualTo("P0D");
		assertThat(retention.path("maximum").asString()).isEqualTo("P20Y");
		assertThat(retention.path("legalSource").asString()).contains("patientdatalagen (2008:355) 3 kap. 17 §");
		assertThat(retention.path("description").asString())
			.isEqualTo("Sparas i 10 år, räknat efter den senaste anteckningen; raderas sedan.");
		assertThat(notes.path("erasureExemption").asString()).contains("patientdatalagen 3 kap. 17 §");

		JsonNode feedback = activity(record, "FEEDBACK");
		assertThat(feedback.path("retention").path("period").asString()).isEqualTo("P3Y");
		assertThat(feedback.path("retention").path("choice").asString()).isEqualTo("ORGANISATION");
		assertThat(feedback.path("legalBasis").path("article9").isNull()).isTrue();
		assertThat(feedback.path("erasureExemption").isNull()).as("erased on request").isTrue();
		assertThat(activity(record, "STAFF_ACCOUNT").path("controller").asString()).isEqualTo("PLATFORM_OPERATOR");

		List<String> measures = new ArrayList<>();
		record.path("securityMeasures").forEach(m -> measures.add(m.path("id").asString()));
		assertThat(measures).contains("TLS", "PASSWORD_HASHING", "ACCESS_LOG", "ROLE_BASED_ACCESS", "HARD_DELETION",
				"EU_EEA_STORAGE");
		assertThat(record.path("securityMeasures").toString()).contains("SHA-256").contains("Ed25519").contains("bcrypt");

		assertThat(JsonMapper.builder().build().readTree(admin.get("/admin/register/art30.json?lang=en").body())
			.path("activities").toString()).contains("Session notes");
	}

	@Test
	void theShortestPeriodShownIsTheOneTheOrganisationsCountryAllows() {
		Reception swedish = fixtures.openReception();
		Reception norwegian = fixtures.norwegianReception();
		for (Reception reception : List.of(swedish, norwegian)) {
			register.switchOn(reception.organisation().id(), DataCategory.INVOICE);
		}
		assertThat(invoiceRetention(swedish).path("minimum").asString()).as("bokföringslagen 7 kap. 2 §").isEqualTo("P7Y");
		assertThat(invoiceRetention(norwegian).path("minimum").asString()).as("bokføringsloven § 13").isEqualTo("P5Y");
	}

	private JsonNode invoiceRetention(Reception reception) {
		Http admin = new Http(port);
		admin.logIn(fixtures.admin(reception).username(), Fixtures.PASSWORD);
		JsonNode record = JsonMapper.builder().build().readTree(admin.get("/admin/register/art30.json").body());
		return activity(record, "INVOICE").path("retention");
	}

	@Test
	void theRecordPrintsAsAPage() {
		Reception reception = fixtures.openReception();
		Http admin = new Http(port);
		admin.logIn(fixtures.admin(reception).username(), Fixtures.PASSWORD);
		String page = admin.get("/admin/register/art30").body();
		assertThat(page).contains("Register över behandling (artikel 30)")
			.contains(reception.organisation().name())
			.contains(reception.organisation().organisationNumber())
			.contains("Chattmeddelanden")
			.contains("Ingen: uppgifterna lagras och behandlas inom EU/EES.")
			.contains("SHA-256-hashkedja")
			.contains("/css/register.css")
			.contains("href=\"/admin/register/art30.json\"");
		assertThat(admin.get("/css/register.css").body()).contains("@media print");
	}

	@Test
	void onlyTheOrganisationsOwnAdminsGetItsRecord() {
		Reception mine = fixtures.openReception();
		Reception theirs = fixtures.openReception();
		Http other = new Http(port);
		other.logIn(fixtures.admin(theirs).username(), Fixtures.PASSWORD);
		String theirRecord = other.get("/admin/register/art30.json").body();
		assertThat(theirRecord).contains("\"name\":\"" + theirs.organisation().name() + "\"")
			.doesNotContain("\"name\":\"" + mine.organisation().name() + "\"")
			.doesNotContain(mine.organisation().dpoEmail());
		assertThat(other.get("/admin/register/art30?organisation=" + mine.organisation().id()).body())
			.as("a smuggled organisation id is ignored")
			.contains(theirs.organisation().dpoEmail())
			.doesNotContain(mine.organisation().dpoEmail());

		Http counselor = new Http(port);
		counselor.logIn(fixtures.counselor(mine).username(), Fixtures.PASSWORD);
		assertThat(counselor.get("/admin/register/art30.json").statusCode()).isEqualTo(403);
		assertThat(counselor.get("/admin/register/art30").statusCode()).isEqualTo(403);
		assertThat(new Http(port).get("/admin/register/art30.json").statusCode()).as("not signed in").isEqualTo(302);
	}

	private static JsonNode activity(JsonNode record, String category) {
		for (JsonNode activity : record.path("activities")) {
			if (activity.path("category").asString().equals(category)) {
				return activity;
			}
		}
		throw new AssertionError("No activity for " + category);
	}
}
