package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Period;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.privacy.RetentionRule.Trigger;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The admin's register page: reading it, changing it within the law, being told why not, and only for one's own. */
@SamtalTest
class RegisterAdminTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ProcessingRegister register;

	@Autowired
	RegisterChanges changes;

	@Autowired
	ComplianceLint lint;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theRegisterShowsEachCategoryWithItsBasisAndRetentionInPlainWords() {
		Reception reception = fixtures.openReception();
		register.switchOn(reception.organisation().id(), DataCategory.SESSION_NOTE);
		Http admin = adminOf(reception);
		String page = admin.get("/admin/register").body();
		assertThat(page).contains("Anteckningar från samtal")
			.contains("rättslig förpliktelse (GDPR art. 6(1)(c))")
			.contains("hälso- och sjukvård eller social omsorg (GDPR art. 9(2)(h))")
			.contains("Sparas i 10 år, räknat efter den senaste anteckningen; raderas sedan.")
			.contains("högst 20 år")
			.contains("patientdatalagen (2008:355) 3 kap. 17 §")
			.contains("Raderas när konversationen avslutas.")
			.contains("Lagringstiden är bestämd och kan inte ändras.")
			.contains("Slå på Fakturor och bokföring")
			.doesNotContain("Slå på Anteckningar från samtal");
		assertThat(admin.get("/admin/register?lang=en").body()).contains("Session notes")
			.contains("Kept for 10 years, counted after the last entry; then deleted.")
			.contains("between 5 years and 10 years");
		assertThat(admin.get("/admin/register?lang=nb").body()).contains("Notater fra samtaler")
			.contains("Lagres i 10 år, regnet etter siste notat; slettes deretter.");
	}

	@Test
	void anAdminChoosesAPeriodWithinTheBoundsAndTheChangeIsRecorded() {
		Reception reception = fixtures.openReception();
		UUID organisation = reception.organisation().id();
		Fixtures.Staff staff = fixtures.admin(reception);
		Http admin = new Http(port);
		admin.logIn(staff.username(), staff.password());
		String csrf = Http.csrfFrom(admin.get("/admin/register").body());

		HttpResponse<String> saved = admin.postForm("/admin/register/FEEDBACK/retention",
				Map.of("_csrf", csrf, "amount", "3", "unit", "YEARS"));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(saved.headers().firstValue("Location").orElseThrow()).contains("/admin/register?changed=FEEDBACK");
		assertThat(register.retentionFor(organisation, DataCategory.FEEDBACK)).isEqualTo(Period.ofYears(3));

		assertThat(new Http(port).get("/privacy/" + reception.organisation().slug()).body())
			.as("the public notice says it changed, and shows the new period")
			.contains("Uppgifterna här ändrades senast")
			.contains("Sparas i 3 år");

		String page = admin.get("/admin/register?changed=FEEDBACK").body();
		assertThat(page).contains("Ändringen för Betyg och synpunkter är sparad.")
			.contains("Sparas i 3 år, räknat från att uppgiften registrerades; raderas sedan.")
			.contains("ert eget val")
			.contains(staff.username());
		assertThat(jdbc.sql("""
				SELECT changed_by, setting, old_value, new_value FROM register_change
				WHERE organisation_id = ? AND data_category = 'FEEDBACK'""")
			.param(organisation)
			.query((rs, n) -> rs.getObject(1, UUID.class) + " " + rs.getString(2) + " " + rs.getString(3) + " "
					+ rs.getString(4))
			.single()).isEqualTo(staff.id() + " RETENTION P2Y P3Y");
	}

	@Test
	void aRefusedPeriodShowsTheBoundAndItsSourceKeepsWhatWasTypedAndChangesNothing() {
		Reception reception = fixtures.openReception();
		UUID organisation = reception.organisation().id();
		Http admin = adminOf(reception);
		String csrf = Http.csrfFrom(admin.get("/admin/register").body());

		HttpResponse<String> refused = admin.postForm("/admin/register/ACCESS_LOG_ENTRY/retention",
				Map.of("_csrf", csrf, "amount", "3", "unit", "YEARS"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("Loggar över vem som tagit del av uppgifter ska sparas mellan 5 år och 10 år "
				+ "(HSLF-FS 2016:40 4 kap. 9 §; patientdatalagen 4 kap. 3 §). 3 år ligger utanför det.")
			.contains("id=\"amount-ACCESS_LOG_ENTRY\" name=\"amount\" inputmode=\"numeric\" autocomplete=\"off\" value=\"3\"")
			.contains("aria-invalid=\"true\"");
		assertThat(register.retentionFor(organisation, DataCategory.ACCESS_LOG_ENTRY)).isEqualTo(Period.ofYears(5));

		HttpResponse<String> notANumber = admin.postForm("/admin/register/FEEDBACK/retention",
				Map.of("_csrf", csrf, "amount", "tre", "unit", "MONTHS"), "Accept-Language", "en");
		assertThat(notANumber.statusCode()).isEqualTo(400);
		assertThat(notANumber.body()).contains("Give the retention period as a whole number from 0 to 9999")
			.contains("value=\"tre\"")
			.contains("<option value=\"MONTHS\" selected=\"selected\">months</option>");
		assertThat(register.entry(organisation, DataCategory.FEEDBACK).ownChoice()).isFalse();
		assertThat(jdbc.sql("SELECT count(*) FROM register_change WHERE organisation_id = ?")
			.param(organisation).query(Integer.class).single()).as("nothing refused is recorded").isZero();
	}

	@Test
	void anAdminChoosesAnAllowedEventToCountFromAndIsToldWhichEventsAnotherCategoryAllows() {
		Reception reception = fixtures.openReception();
		UUID organisation = reception.organisation().id();
		register.switchOn(organisation, DataCategory.SESSION_NOTE);
		register.switchOn(organisation, DataCategory.JOURNAL_ENTRY);
		Http admin = adminOf(reception);
		String page = admin.get("/admin/register").body();
		assertThat(page).contains("id=\"trigger-SESSION_NOTE\"").doesNotContain("id=\"trigger-JOURNAL_ENTRY\"");
		String csrf = Http.csrfFrom(page);

		assertThat(admin.postForm("/admin/register/SESSION_NOTE/trigger",
				Map.of("_csrf", csrf, "trigger", "PACKAGE_COMPLETED")).statusCode()).isEqualTo(302);
		assertThat(register.entry(organisation, DataCategory.SESSION_NOTE).countedFrom())
			.isEqualTo(Trigger.PACKAGE_COMPLETED);

		HttpResponse<String> refused = admin.postForm("/admin/register/JOURNAL_ENTRY/trigger",
				Map.of("_csrf", csrf, "trigger", "PACKAGE_COMPLETED"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("Patientjournal kan bara räknas efter den senaste anteckningen.");
		assertThat(register.entry(organisation, DataCategory.JOURNAL_ENTRY).countedFrom()).isEqualTo(Trigger.LAST_ENTRY);
	}

	@Test
	void anAdminSwitchesOnAnOptionalCategoryOnce() {
		Reception reception = fixtures.openReception();
		UUID organisation = reception.organisation().id();
		Http admin = adminOf(reception);
		String csrf = Http.csrfFrom(admin.get("/admin/register").body());
		assertThat(register.keeps(organisation, DataCategory.INVOICE)).isFalse();
		assertThat(admin.postForm("/admin/register/INVOICE/switch-on", Map.of("_csrf", csrf)).statusCode()).isEqualTo(302);
		assertThat(register.keeps(organisation, DataCategory.INVOICE)).isTrue();
		assertThat(admin.get("/admin/register").body()).contains("Sparas i 7 år, räknat efter utgången av det kalenderår då räkenskapsåret avslutades");

		HttpResponse<String> again = admin.postForm("/admin/register/INVOICE/switch-on", Map.of("_csrf", csrf));
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("Organisationen behandlar redan Fakturor och bokföring.");
		HttpResponse<String> everyone = admin.postForm("/admin/register/CHAT_CONTENT/switch-on", Map.of("_csrf", csrf));
		assertThat(everyone.statusCode()).as("kept by every organisation anyway").isEqualTo(409);
		assertThat(admin.postForm("/admin/register/NO_SUCH_THING/switch-on", Map.of("_csrf", csrf)).statusCode())
			.isEqualTo(404);
	}

	@Test
	void anAdminDeclaresTheOrganisationACareProviderAndThePatientDataActsFloorsAreCheckedFromThen() {
		Reception reception = fixtures.openReception();
		UUID organisation = reception.organisation().id();
		register.switchOn(organisation, DataCategory.SESSION_NOTE);
		register.countFrom(organisation, DataCategory.SESSION_NOTE, RetentionRule.Trigger.PACKAGE_COMPLETED);
		assertThat(lint.findingsFor(organisation)).as("notes outside health care are not a patient record")
			.extracting(ComplianceLint.Finding::rule).doesNotContain("pdl-session-note");
		Http admin = adminOf(reception);
		String csrf = Http.csrfFrom(admin.get("/admin/register").body());

		HttpResponse<String> declared = admin.postForm("/admin/register/care-provider",
				Map.of("_csrf", csrf, "careProvider", "true"));
		assertThat(declared.statusCode()).isEqualTo(302);
		assertThat(register.isCareProvider(organisation)).isTrue();
		assertThat(lint.findingsFor(organisation)).extracting(ComplianceLint.Finding::rule).contains("pdl-session-note");
		String page = admin.get("/admin/register?careProviderSaved").body();
		assertThat(page).contains("Uppgiften om vårdgivare är sparad.").contains("Organisationen är registrerad som vårdgivare.")
			.contains("Hela registret").contains("inte vårdgivare");

		assertThat(admin.postForm("/admin/register/care-provider", Map.of("_csrf", csrf)).statusCode()).isEqualTo(302);
		assertThat(register.isCareProvider(organisation)).as("unchecked: no longer").isFalse();
		assertThat(jdbc.sql("SELECT new_value FROM register_change WHERE organisation_id = ? AND setting = 'CARE_PROVIDER' ORDER BY id")
			.param(organisation).query(String.class).list()).containsExactly("true", "false");
		Reception norwegian = fixtures.norwegianReception();
		Http norwegianAdmin = adminOf(norwegian);
		HttpResponse<String> refused = norwegianAdmin.postForm("/admin/register/care-provider",
				Map.of("_csrf", Http.csrfFrom(norwegianAdmin.get("/admin/register").body()), "careProvider", "true"));
		assertThat(refused.statusCode()).as("the Swedish patient data act binds Swedish organisations").isEqualTo(400);
		assertThat(register.isCareProvider(norwegian.organisation().id())).isFalse();
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("counselor", null, "ROLE_COUNSELOR"));
		try {
			assertThatThrownBy(() -> changes.declareCareProvider(SecurityContextHolder.getContext().getAuthentication(), true))
				.as("the service itself admits admins only").isInstanceOf(AccessDeniedException.class);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	@Test
	void changesAreConfinedToTheAdminsOwnOrganisation() {
		Reception mine = fixtures.openReception();
		Reception theirs = fixtures.openReception();
		Fixtures.Staff myAdmin = fixtures.admin(mine);
		Http other = adminOf(theirs);
		String csrf = Http.csrfFrom(other.get("/admin/register").body());
		assertThat(other.postForm("/admin/register/FEEDBACK/retention",
				Map.of("_csrf", csrf, "amount", "6", "unit", "MONTHS", "organisation", mine.organisation().id().toString()))
			.statusCode()).isEqualTo(302);
		assertThat(register.retentionFor(theirs.organisation().id(), DataCategory.FEEDBACK)).isEqualTo(Period.ofMonths(6));
		assertThat(register.retentionFor(mine.organisation().id(), DataCategory.FEEDBACK))
			.as("a smuggled organisation id is ignored").isEqualTo(Period.ofYears(2));

		Http me = new Http(port);
		me.logIn(myAdmin.username(), myAdmin.password());
		assertThat(me.get("/admin/register").body()).contains("Inga ändringar ännu.");

		Http counselor = new Http(port);
		String counselorCsrf = counselor.logIn(fixtures.counselor(mine).username(), Fixtures.PASSWORD);
		assertThat(counselor.get("/admin/register").statusCode()).isEqualTo(403);
		assertThat(counselor.postForm("/admin/register/FEEDBACK/retention",
				Map.of("_csrf", counselorCsrf, "amount", "1", "unit", "DAYS")).statusCode()).isEqualTo(403);
		assertThat(register.retentionFor(mine.organisation().id(), DataCategory.FEEDBACK)).isEqualTo(Period.ofYears(2));

		assertThatThrownBy(() -> changes.keepFor(() -> myAdmin.username(), DataCategory.FEEDBACK, Period.ofDays(1)))
			.as("the service checks too, not only the web layer")
			.isInstanceOf(AuthenticationCredentialsNotFoundException.class);
	}

	private Http adminOf(Reception reception) {
		Http http = new Http(port);
		http.logIn(fixtures.admin(reception).username(), Fixtures.PASSWORD);
		return http;
	}
}
