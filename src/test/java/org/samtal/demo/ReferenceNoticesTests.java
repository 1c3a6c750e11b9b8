package org.samtal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.samtal.Http;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.util.HtmlUtils;

/**
 * Each reference organisation's generated notice states every retention period and right its seed policy states
 * (docs: DESIGN.md, seeds 000–004), fetched over HTTP as a reader gets it. The phrases are checked inside the
 * category or right they belong to, so a period attached to the wrong category fails too.
 * <p>
 * Same configuration as {@link DemoProfileTests}, so both run in one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "samtal.embedded-postgres.data-directory=", "samtal.demo.password=demo-test-password" })
@ActiveProfiles("demo")
class ReferenceNoticesTests {

	@LocalServerPort
	int port;

	/** Seed 000: a public support line. */
	@Test
	void theSupportLineStatesItsPublicInterestBasisAccessRectificationTheDpoAndImy() {
		Notice notice = fetch("spelstodet", "sv");
		notice.category("Chattmeddelanden")
			.contains("uppgift av allmänt intresse (artikel 6(1)(e))")
			.contains("hälso- och sjukvård eller social omsorg (artikel 9(2)(h))")
			.contains("Raderas direkt när konversationen avslutas.");
		notice.category("Beställningar av material").contains("Raderas direkt när materialet har skickats.");
		notice.category("Minnesanteckningar vid uppföljande samtal")
			.contains("samtycke (artikel 6(1)(a))")
			.contains("bara efter att klienten godkänt det")
			.contains("Raderas direkt när uppföljningen avslutas.");
		notice.right("access").contains("Rätt att få tillgång till dina uppgifter", "kostnadsfri kopia");
		notice.right("rectification").contains("Rätt till rättelse");
		notice.right("consent").contains("Minnesanteckningar vid uppföljande samtal");
		notice.right("complaint").contains("Integritetsskyddsmyndigheten (IMY)", "www.imy.se");
		notice.all()
			.contains("Dataskyddsombud Dataskyddsombudet, Region Väststrand, dataskyddsombud@vaststrand.example")
			.contains("Skriv till dataskyddsombudet, Dataskyddsombudet, Region Väststrand, på dataskyddsombud@vaststrand.example.")
			.as("access with identity verification").contains("kontrollera att uppgifterna gäller dig");
	}

	/** Seed 001: youth clinics; the platform operator keeps accounts, the organisation the contacts. */
	@Test
	void theYouthClinicsStateEveryPeriodAndEverySelfServiceRight() {
		Notice notice = fetch("umo-norrvik", "sv");
		for (String deletedAtTheEnd : new String[] { "Chattmeddelanden", "Formulärsvar före chatten", "Filer i chatten" }) {
			notice.category(deletedAtTheEnd).contains("Raderas direkt när konversationen avslutas.");
		}
		notice.category("Användarkonto och profil")
			.contains("Raderas när du inte har loggat in på 365 dagar och inget ärende pågår.")
			.contains("Personuppgiftsansvarig operatören av den här Samtal-installationen");
		notice.category("Mobilnummer och e-postadress för notiser").contains("samtycke (artikel 6(1)(a))");
		notice.category("Loggar över vem som tagit del av uppgifter")
			.contains("Sparas i 5 år efter att uppgiften registrerades och raderas sedan.");
		notice.category("Betyg och synpunkter").contains("berättigat intresse");
		notice.all()
			.contains("Ljud- och videomöten sker i realtid och spelas aldrig in.")
			.contains("Inga uppgifter sparas eller behandlas utanför EU/EES.")
			.contains("Personuppgiftsansvarig för följande uppgifter är operatören av den här Samtal-installationen");
		notice.right("access").contains("kostnadsfri kopia");
		notice.right("portability").contains("maskinläsbart format", "Användarkonto och profil");
		notice.right("erasure").contains("Rätt till radering");
		notice.right("rectification").contains("rättad eller kompletterad");
		notice.right("consent").contains("när som helst återkalla", "Mobilnummer och e-postadress för notiser");
		notice.right("restriction").contains("Rätt till begränsning");
		notice.right("objection").contains("intresseavvägning", "Chattmeddelanden", "Betyg och synpunkter");
		notice.right("complaint").contains("Integritetsskyddsmyndigheten (IMY)", "www.imy.se");
	}

	/** Seed 002: a CBT clinic with a patient record, invoices and marketing. */
	@Test
	void theCbtClinicStatesItsJournalInvoicesMarketingAndTheLimitsOfErasure() {
		Notice notice = fetch("kbt-lindo", "sv");
		notice.category("Patientjournal")
			.contains("Sparas i 10 år efter den senaste anteckningen och raderas sedan.")
			.contains("Raderas inte på begäran. En patientjournal måste sparas (patientdatalagen 3 kap. 17 §)")
			.contains("en annan vårdgivare, bara efter att klienten godkänt en remiss");
		notice.category("Uppgifter för utveckling och marknadsföring")
			.contains("Sparas i 12 månader efter den senaste kontakten och raderas sedan.");
		notice.category("Besöksstatistik").contains("Sparas i 12 månader efter att uppgiften registrerades");
		notice.category("Bokade tider").as("a private clinic books under the agreement with the client").contains("avtal");
		notice.category("Fakturor och bokföring")
			.contains("Sparas till utgången av det 7:e året efter det kalenderår då räkenskapsåret avslutades och raderas sedan.");
		notice.right("access").contains("kostnadsfri kopia");
		notice.right("portability").contains("maskinläsbart format", "Köp, bokningar och kundkontakter");
		notice.right("rectification").contains("rättad eller kompletterad");
		notice.right("erasure")
			.contains("Patientjournal: En patientjournal måste sparas")
			.contains("Fakturor och bokföring: Räkenskapsinformation måste sparas")
			.doesNotContain("Köp, bokningar och kundkontakter", "Uppgifter för utveckling och marknadsföring");
		notice.right("objection")
			.contains("Du kan alltid invända mot att dina uppgifter används för direktmarknadsföring")
			.contains("Uppgifter för utveckling och marknadsföring");
		notice.right("complaint").contains("Integritetsskyddsmyndigheten (IMY)");
		notice.right("consent").as("consent can always be withdrawn, except for what the patient record must keep")
			.contains("när som helst återkalla").doesNotContain("Patientjournal");
	}

	/** Seed 003: the Norwegian referral broker, read in bokmål. */
	@Test
	void theReferralBrokerStatesItsPeriodsConsentAndDatatilsynetInNorwegian() {
		Notice notice = fetch("terapiformidling", "nb");
		notice.category("Formidlede kontaktforespørsler")
			.contains("Kontaktopplysninger og annet som kan identifisere deg, slettes 5 måneder etter at forespørselen "
					+ "ble sendt; resten anonymiseres.")
			.contains("samtykke (artikkel 6(1)(a))")
			.contains("bare klinikkene klienten selv velger (som deretter er selvstendig behandlingsansvarlige)")
			.contains("politiet eller andre offentlige myndigheter, bare når loven krever det, og det blir registrert");
		notice.category("Kundeservicehenvendelser").contains("Slettes straks når henvendelsen er fulgt opp eller besvart.");
		notice.category("Besøksstatistikk")
			.contains("Lagres i 3 måneder etter at opplysningen ble registrert, og slettes deretter.");
		notice.right("consent").contains("Rett til å trekke tilbake samtykket", "Formidlede kontaktforespørsler");
		notice.right("access").contains("Rett til innsyn");
		notice.right("rectification").contains("Rett til retting");
		notice.right("erasure").contains("Rett til sletting");
		notice.right("complaint").contains("Datatilsynet", "www.datatilsynet.no").doesNotContain("IMY");
		notice.all()
			.contains("Personvernombud Personvernombud, Terapiformidlingen, personvern@terapiformidling.example")
			.as("access only through the contact details given, or other identification")
			.contains("de samme kontaktopplysningene som du ga oss, eller ved at du legitimerer deg på annen måte");

		Notice swedish = fetch("terapiformidling", "sv");
		swedish.category("Förmedlade kontaktförfrågningar")
			.contains("raderas 5 månader efter att förfrågan skickades; resten anonymiseras.");
		swedish.right("complaint").contains("Datatilsynet");
	}

	/** Seed 004: a solo therapist with invoices, session notes, testimonials, a newsletter and recorded lectures. */
	@Test
	void theSoloTherapistStatesInvoicesNotesTestimonialsNewsletterAndRecordings() {
		Notice notice = fetch("mira-holm", "sv");
		notice.category("Fakturor och bokföring")
			.contains("Sparas till utgången av det 7:e året efter det kalenderår då räkenskapsåret avslutades och raderas sedan.");
		notice.category("Köp, bokningar och kundkontakter").contains("Raderas direkt när du slutar vara kund.");
		notice.category("Anteckningar från samtal")
			.contains("Raderas direkt när samtalspaketet är fullgjort.")
			.contains("klienten; aldrig tredje part")
			.contains("som klienten alltid får läsa");
		notice.category("Omdömen på webbplatsen")
			.contains("Raderas direkt när du återkallar ditt samtycke, avregistrerar dig eller ber oss ta bort uppgiften.");
		notice.category("Nyhetsbrev")
			.contains("Raderas direkt när du återkallar ditt samtycke, avregistrerar dig eller ber oss ta bort uppgiften.")
			.contains("e-postleverantören (personuppgiftsbiträde)");
		notice.category("Kommentarer på artiklar").contains("efter granskning");
		notice.category("Inspelade utbildningar och föreläsningar")
			.contains("Sparas i 2 dagar efter att uppgiften registrerades och raderas sedan.");
		notice.all()
			.contains("Det enda som spelas in beskrivs under rubriken ”Inspelade utbildningar och föreläsningar” nedan.");
		notice.right("consent").contains("när som helst återkalla", "Nyhetsbrev", "Omdömen på webbplatsen");
		notice.right("access").contains("Rätt att få tillgång till dina uppgifter");
		notice.right("erasure").contains("Anteckningar från samtal: En patientjournal måste sparas");
		notice.right("rectification").as("“förändrar dina uppgifter”").contains("rättad eller kompletterad");
		notice.right("complaint").as("Datainspektionen, now IMY").contains("Integritetsskyddsmyndigheten (IMY)");
	}

	private Notice fetch(String organisation, String language) {
		HttpResponse<String> response = new Http(port).get("/privacy/" + organisation + "?lang=" + language);
		assertThat(response.statusCode()).as(organisation).isEqualTo(200);
		assertThat(response.body()).contains("<html lang=\"" + language + "\"");
		return new Notice(organisation, response.body());
	}

	/** One notice, read by its parts. */
	record Notice(String organisation, String html) {

		AbstractStringAssert<?> all() {
			return assertThat(text(html)).as(organisation);
		}

		/** The section of one category, found by its heading. */
		AbstractStringAssert<?> category(String name) {
			Matcher sections = Pattern.compile("<section class=\"category\".*?</section>", Pattern.DOTALL).matcher(html);
			while (sections.find()) {
				String section = sections.group();
				if (section.contains(">" + HtmlUtils.htmlEscape(name) + "</h3>") || section.contains(">" + name + "</h3>")) {
					return assertThat(text(section)).as(organisation + ": " + name);
				}
			}
			throw new AssertionError(organisation + "'s notice has no category " + name);
		}

		/** The section of one right, by its id (access, portability, erasure …). */
		AbstractStringAssert<?> right(String id) {
			Matcher section = Pattern.compile("<section class=\"right\" id=\"right-" + id + "\".*?</section>",
					Pattern.DOTALL).matcher(html);
			if (!section.find()) {
				throw new AssertionError(organisation + "'s notice does not state the right " + id);
			}
			return assertThat(text(section.group())).as(organisation + ": right " + id);
		}

		private static String text(String html) {
			return HtmlUtils.htmlUnescape(html.replaceAll("<[^>]+>", "")).replaceAll("\\s+", " ").trim();
		}
	}
}
