package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Period;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.platform.Languages;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;

/** The public notice at /privacy/{organisation}: written from the register, public, without cookies or scripts. */
@SamtalTest
class PrivacyNoticePageTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ProcessingRegister register;

	@Autowired
	MessageSource messages;

	@Test
	void theNoticeStatesEveryCategoryTheOrganisationKeepsAsTheRetentionEngineKeepsIt() {
		Reception reception = fixtures.openReception();
		UUID organisation = reception.organisation().id();
		register.switchOn(organisation, DataCategory.INVOICE);
		register.switchOn(organisation, DataCategory.REFERRAL);
		RetentionWording wording = new RetentionWording(messages);

		for (Locale language : Languages.SUPPORTED) {
			String notice = text(get(reception, "?lang=" + language.getLanguage()));
			for (RegisterEntry entry : register.registerOf(organisation)) {
				String name = messages.getMessage("category." + entry.category().name(), null, language);
				assertThat(notice).as(entry.category() + " in " + language).contains(name);
				assertThat(notice).as(entry.category() + " retention in " + language)
					.contains(wording.describe(entry, language));
			}
			assertThat(notice).as("not kept, not in the notice")
				.doesNotContain(messages.getMessage("category.JOURNAL_ENTRY", null, language));
		}

		// The notice follows the register: a new period shows at once, there is no text of its own to forget.
		assertThat(text(get(reception, ""))).contains("Sparas i 2 år efter att uppgiften registrerades och raderas sedan.");
		register.overrideRetention(organisation, DataCategory.FEEDBACK, Period.ofMonths(6));
		String changed = text(get(reception, ""));
		assertThat(changed).contains("Sparas i 6 månader efter att uppgiften registrerades och raderas sedan.")
			.doesNotContain("Sparas i 2 år efter att uppgiften registrerades");
	}

	@Test
	void theNoticeNamesTheControllerTheDpoTheAuthorityAndThePlatformOperatorForItsOwnCategories() {
		Reception reception = fixtures.openReception();
		String html = get(reception, "").body();
		assertThat(html).contains("href=\"mailto:" + reception.organisation().dpoEmail() + "\"")
			.contains("href=\"mailto:" + reception.organisation().contactEmail() + "\"")
			.contains("href=\"https://www.imy.se\"");
		String notice = text(get(reception, ""));
		assertThat(notice).contains(reception.organisation().name() + " (organisationsnummer "
				+ reception.organisation().organisationNumber() + ") är personuppgiftsansvarig")
			.contains("Skriv till dataskyddsombudet, " + reception.organisation().dpoName() + ", på "
					+ reception.organisation().dpoEmail() + ".")
			.contains("Integritetsskyddsmyndigheten (IMY)")
			.as("the controller's own contact details, GDPR Art. 13(1)(a)")
			.contains("Kontakt " + reception.organisation().contactEmail())
			.contains("Postadress " + reception.organisation().postalAddress())
			.contains("Personuppgiftsansvarig för följande uppgifter är operatören av den här Samtal-installationen");
		String operatorSection = notice.substring(notice.indexOf("Personuppgiftsansvarig för följande"),
				notice.indexOf("Vilka uppgifter vi behandlar och varför"));
		assertThat(operatorSection).contains("Personalkonton", "Misslyckade inloggningsförsök")
			.doesNotContain("Chattmeddelanden");
	}

	@Test
	void theRightsFollowTheLegalBasesAndTheErasureExemptions() {
		Reception reception = fixtures.openReception();
		String plain = text(get(reception, ""));
		assertThat(plain).contains("Rätt att få tillgång till dina uppgifter", "Rätt till rättelse", "Rätt till radering",
				"Rätt till begränsning", "Rätt att invända", "Rätt att klaga",
				"Du kan alltid invända mot att dina uppgifter används för direktmarknadsföring");
		assertThat(plain).as("staff accounts are a contract").contains("Rätt att flytta dina uppgifter");
		assertThat(plain).as("nothing here rests on consent").doesNotContain("Rätt att återkalla ditt samtycke");
		assertThat(plain).contains("Loggar över vem som tagit del av uppgifter: Sparas som bevis på att åtkomst skett lagligt");

		register.switchOn(reception.organisation().id(), DataCategory.NEWSLETTER_SUBSCRIPTION);
		assertThat(text(get(reception, ""))).contains("Rätt att återkalla ditt samtycke");
	}

	@Test
	void theNoticeIsInTheChosenLanguageWithTheRegistersOwnWordsTranslated() {
		Reception reception = fixtures.openReception();
		assertThat(get(reception, "").body()).contains("<html lang=\"sv\"")
			.as("every text of the register is translated: none falls back to English")
			.doesNotContainPattern("<(li|span|p)[^>]* lang=\"en\"");
		String swedish = text(get(reception, ""));
		assertThat(swedish).contains("Samtal mellan en besökare och en kurator", "Raderas direkt när konversationen avslutas.");
		assertThat(get(reception, "?lang=nb").body()).contains("<html lang=\"nb\"");
		String norwegian = text(get(reception, "?lang=nb"));
		assertThat(norwegian).contains("Personvernerklæring", "Samtale mellom en besøkende og en kurator",
				"Slettes straks når samtalen avsluttes.", "EU/EØS");
		String english = text(get(reception, "?lang=en"));
		assertThat(english).contains("Privacy notice",
				"Counseling conversation between a visitor and a counselor", "Deleted immediately when the conversation ends.",
				"the Swedish Authority for Privacy Protection");
	}

	@Test
	void theNoticeIsPublicSetsNoCookieAndRunsNoScript() {
		Reception reception = fixtures.openReception();
		HttpResponse<String> response = get(reception, "");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
			.contains("script-src 'self'", "style-src 'self'");
		assertThat(response.body()).doesNotContain("<script", "style=").doesNotContainPattern(" on[a-z]+=");
		assertThat(response.body()).contains("/css/notice.css");
	}

	@Test
	void anUnknownOrganisationGetsANotFoundPage() {
		HttpResponse<String> missing = new Http(port).get("/privacy/no-such-organisation", "Accept", "text/html");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("Sidan finns inte.");
	}

	@Test
	void theReceptionPageAndTheChatLinkToTheOrganisationsNotice() {
		Reception reception = fixtures.openReception();
		String link = "href=\"/privacy/" + reception.organisation().slug();
		Http visitor = new Http(port);
		assertThat(visitor.get("/r/" + reception.slug()).body()).contains(link + "\"");
		assertThat(visitor.get("/r/" + reception.slug() + "?lang=en").body()).contains(link + "?lang=en\"");

		assertThat(visitor.postForm("/r/" + reception.slug() + "/chat", Map.of()).statusCode()).isEqualTo(302);
		String chat = visitor.get("/chat").body();
		assertThat(chat).contains(link + "\"");
		visitor.postForm("/chat/end", Map.of("_csrf", Http.csrfFrom(chat)));
		assertThat(visitor.get("/chat/ended").body()).contains(link + "\"");
	}

	@Test
	void sessionNotesAreExemptFromErasureOnlyWhereThePatientDataActMakesThemAPatientRecord() {
		Reception coach = fixtures.openReception();
		Reception clinic = fixtures.openReception();
		for (Reception reception : List.of(coach, clinic)) {
			register.switchOn(reception.organisation().id(), DataCategory.SESSION_NOTE);
		}
		register.declareCareProvider(clinic.organisation().id(), true);

		assertThat(exemptFromErasure(clinic)).contains("Anteckningar från samtal");
		assertThat(exemptFromErasure(coach)).as("not a care provider: notes go when the client asks")
			.doesNotContain("Anteckningar från samtal");
		assertThat(register.entry(coach.organisation().id(), DataCategory.SESSION_NOTE).erasableOnRequest()).isTrue();
		assertThat(register.entry(clinic.organisation().id(), DataCategory.SESSION_NOTE).erasureExemption())
			.contains("patientdatalagen");
	}

	/** What the notice's right to erasure lists as kept. */
	private String exemptFromErasure(Reception reception) {
		String notice = text(get(reception, ""));
		int from = notice.indexOf("Rätt till radering");
		return notice.substring(from, notice.indexOf("artikel 17", from));
	}

	private HttpResponse<String> get(Reception reception, String query) {
		return new Http(port).get("/privacy/" + reception.organisation().slug() + query);
	}

	/** The page as a reader sees it: no markup, entities decoded, white space as single spaces. */
	static String text(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		return HtmlUtils.htmlUnescape(response.body().replaceAll("<[^>]+>", "")).replaceAll("\\s+", " ");
	}
}
