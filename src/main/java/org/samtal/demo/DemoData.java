package org.samtal.demo;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.samtal.identity.StaffAccounts;
import org.samtal.identity.StaffRole;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.LegalBasis.Article6;
import org.samtal.privacy.ProcessingRegister;
import org.samtal.privacy.RetentionRule.Trigger;
import org.samtal.tenancy.LocalizedText;
import org.samtal.tenancy.OpeningHours;
import org.samtal.tenancy.Organisation;
import org.samtal.tenancy.Organisation.Country;
import org.samtal.tenancy.PreChatForm;
import org.samtal.tenancy.Reception;
import org.samtal.tenancy.Receptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Loads the five reference organisations and their staff, and prints the staff passwords. Passwords are new at every
 * start unless {@code samtal.demo.password} sets one, so a demo left running somewhere is not open to a known
 * password.
 */
@Component
@Profile("demo")
class DemoData implements ApplicationRunner {

	private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
	private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

	private final Receptions receptions;
	private final StaffAccounts staff;
	private final ProcessingRegister register;
	private final String fixedPassword;
	private final Map<String, String> passwords = new LinkedHashMap<>();

	DemoData(Receptions receptions, StaffAccounts staff, ProcessingRegister register,
			@Value("${samtal.demo.password:}") String fixedPassword) {
		this.receptions = receptions;
		this.register = register;
		this.staff = staff;
		this.fixedPassword = fixedPassword;
	}

	@Override
	public void run(ApplicationArguments args) {
		load();
		printPasswords();
	}

	void load() {
		Organisation supportLine = organisation("spelstodet", "Spelstödet Väststrand", Country.SE, "232100-0999",
				STOCKHOLM, "Dataskyddsombudet, Region Väststrand", "dataskyddsombud@vaststrand.example",
				"Integritetsskyddsmyndigheten (IMY)", "spelstodet@vaststrand.example", "Box 1000, 400 10 Väststrand");
		Reception supportChat = reception("spelstodet", supportLine, "Spelstödet – chatt", true, true,
				LocalizedText.of(
						"Här kan du chatta anonymt om spel om pengar, dygnet runt. Vi ser inte ditt nummer eller din IP-adress.",
						"Her kan du chatte anonymt om pengespill, hele døgnet. Vi ser ikke nummeret eller IP-adressen din.",
						"Chat anonymously about gambling, around the clock. We never see your number or IP address."),
				null, List.of());
		register(supportLine, supportChat);
		// Seed 000: material orders go after dispatch; memory notes only with the client's approval.
		keeps(supportLine, true, DataCategory.MATERIAL_ORDER, DataCategory.MEMORY_NOTE);
		// A public authority cannot rest anything on legitimate interests (GDPR Art. 6(1), last paragraph).
		register.baseOn(supportLine.id(), DataCategory.FEEDBACK, Article6.PUBLIC_INTEREST);
		person("kurator.spel", "Alex Lind", StaffRole.COUNSELOR, supportLine, supportChat);
		person("admin.spel", "Robin Ek", StaffRole.ADMIN, supportLine, supportChat);

		Organisation youth = organisation("umo-norrvik", "Ungdomsmottagningarna i Norrvik", Country.SE, "222000-0998",
				STOCKHOLM, "Dataskyddsombud, Norrviks kommunförbund", "dataskydd@norrvik.example",
				"Integritetsskyddsmyndigheten (IMY)", "umo@norrvik.example", "Storgatan 1, 900 10 Norrvik");
		Reception alvstad = reception("umo-alvstad", youth, "Ungdomsmottagningen Älvstad", true, false,
				LocalizedText.of(
						"Chatta med en kurator. Du behöver inget konto och du får vara anonym.",
						"Chat med en kurator. Du trenger ingen konto, og du kan være anonym.",
						"Chat with a counselor. You need no account, and you may stay anonymous."),
				youthForm(), weekdays(LocalTime.of(9, 0), LocalTime.of(16, 0)));
		Reception bergby = reception("umo-bergby", youth, "Ungdomsmottagningen Bergby", true, false,
				LocalizedText.of("Chatten är öppen tisdagar och torsdagar eftermiddag och kväll.",
						"Chatten er åpen tirsdager og torsdager ettermiddag og kveld.",
						"The chat is open Tuesday and Thursday afternoons and evenings."),
				null, List.of(hours(TUESDAY, 13, 19), hours(THURSDAY, 13, 19)));
		register(youth, alvstad, bergby);
		// Seed 001: pseudonymous accounts, optional contact details for notices, bookings; logs kept 5 years.
		keeps(youth, false, DataCategory.CLIENT_ACCOUNT, DataCategory.CONTACT_DETAIL, DataCategory.APPOINTMENT);
		person("kurator.alvstad", "Sam Berg", StaffRole.COUNSELOR, youth, alvstad, bergby);
		person("kurator.bergby", "Noa Falk", StaffRole.COUNSELOR, youth, bergby);
		person("admin.norrvik", "Jo Dahl", StaffRole.ADMIN, youth, alvstad, bergby);

		Organisation cbt = organisation("kbt-lindo", "KBT-kliniken Lindö", Country.SE, "556000-0997", STOCKHOLM,
				"Dataskyddsombud, KBT-kliniken Lindö", "dpo@kbt-lindo.example", "Integritetsskyddsmyndigheten (IMY)",
				"reception@kbt-lindo.example", "Lindövägen 2, 600 10 Lindö");
		List<OpeningHours> cbtHours = new ArrayList<>(weekdays(LocalTime.of(8, 0), LocalTime.of(17, 0)));
		cbtHours.removeIf(h -> h.day() == FRIDAY);
		cbtHours.add(hours(FRIDAY, 8, 15));
		Reception cbtReception = reception("kbt-lindo", cbt, "KBT-kliniken Lindö – rådgivning", true, false,
				LocalizedText.of("Frågor om behandling hos oss? Chatta med en behandlare.",
						"Spørsmål om behandling hos oss? Chat med en behandler.",
						"Questions about treatment with us? Chat with a therapist."),
				null, cbtHours);
		register(cbt, cbtReception);
		// Seed 002: a PDL journal, purchases and invoices, marketing and statistics kept 12 months.
		keeps(cbt, true, DataCategory.JOURNAL_ENTRY, DataCategory.CUSTOMER_RECORD, DataCategory.INVOICE,
				DataCategory.MARKETING_CONTACT, DataCategory.ANALYTICS_EVENT, DataCategory.APPOINTMENT);
		register.overrideRetention(cbt.id(), DataCategory.ANALYTICS_EVENT, Period.ofMonths(12));
		// A private clinic: bookings and conversations rest on the agreement with the client.
		basedOn(cbt, Article6.CONTRACT, DataCategory.APPOINTMENT, DataCategory.CHAT_CONTENT, DataCategory.FORM_ANSWER,
				DataCategory.CHAT_FILE);
		person("behandlare.lindo", "Kim Sjö", StaffRole.COUNSELOR, cbt, cbtReception);
		person("admin.lindo", "Eli Strand", StaffRole.ADMIN, cbt, cbtReception);

		Organisation broker = organisation("terapiformidling", "Terapiformidlingen", Country.NO, "999000999",
				OSLO, "Personvernombud, Terapiformidlingen", "personvern@terapiformidling.example", "Datatilsynet",
				"post@terapiformidling.example", "Postboks 100 Sentrum, 0101 Oslo");
		Reception brokerReception = reception("terapiformidling", broker, "Terapiformidlingen – veiledning", true, false,
				LocalizedText.of("Osäker på vilken mottagning som passar dig? Vi hjälper dig att välja.",
						"Usikker på hvilken klinikk som passer for deg? Vi hjelper deg å velge.",
						"Not sure which clinic fits you? We help you choose."),
				null, weekdays(LocalTime.of(8, 0), LocalTime.of(20, 0)));
		register(broker, brokerReception);
		// Seed 003: referrals anonymised after 5 months, customer service until handled, analytics 3 months.
		keeps(broker, false, DataCategory.REFERRAL, DataCategory.SERVICE_TICKET, DataCategory.ANALYTICS_EVENT);
		// Seed 003: the service rests on the client's consent.
		basedOn(broker, Article6.CONSENT, DataCategory.CHAT_CONTENT, DataCategory.FORM_ANSWER, DataCategory.CHAT_FILE);
		person("radgiver.terapi", "Kari Nordvik", StaffRole.COUNSELOR, broker, brokerReception);
		person("admin.terapi", "Ola Haugen", StaffRole.ADMIN, broker, brokerReception);

		Organisation solo = organisation("mira-holm", "Mira Holm Samtalsterapi", Country.SE, "700101-0000", STOCKHOLM,
				"Mira Holm", "kontakt@miraholm.example", "Integritetsskyddsmyndigheten (IMY)", "kontakt@miraholm.example",
				"Box 200, 100 10 Stockholm");
		Reception soloReception = reception("mira-holm", solo, "Mira Holm Samtalsterapi", false, false,
				LocalizedText.of("Jag tar emot för samtal efter bokning. Chatten är inte öppen.",
						"Jeg tar imot for samtaler etter avtale. Chatten er ikke åpen.",
						"I see clients by appointment. The chat is not open."),
				null, List.of(hours(MONDAY, 10, 18), hours(WEDNESDAY, 10, 18)));
		register(solo, soloReception);
		// Seed 004: invoices 7 years; session notes under PDL, deleted when the package is completed (the compliance
		// lint flags it); testimonials, comments, newsletter; recordings of lectures within 2 days.
		keeps(solo, true, DataCategory.CUSTOMER_RECORD, DataCategory.INVOICE, DataCategory.SESSION_NOTE,
				DataCategory.TESTIMONIAL, DataCategory.COMMENT, DataCategory.NEWSLETTER_SUBSCRIPTION,
				DataCategory.RECORDING, DataCategory.APPOINTMENT);
		register.countFrom(solo.id(), DataCategory.SESSION_NOTE, Trigger.PACKAGE_COMPLETED);
		register.overrideRetention(solo.id(), DataCategory.SESSION_NOTE, Period.ZERO);
		basedOn(solo, Article6.CONTRACT, DataCategory.APPOINTMENT, DataCategory.CHAT_CONTENT, DataCategory.FORM_ANSWER,
				DataCategory.CHAT_FILE);
		person("mira", "Mira Holm", StaffRole.ADMIN, solo, soloReception);
	}

	private void printPasswords() {
		StringBuilder box = new StringBuilder("\n==== Samtal demo: staff accounts (log in at /login) ====\n");
		passwords.forEach((user, password) -> box.append(String.format("  %-18s %s%n", user, password)));
		box.append("Visitors need no account: open http://localhost:8080/ and pick a reception.\n");
		box.append("=========================================================\n");
		System.out.println(box);
	}

	private void register(Organisation organisation, Reception... receptionsOfIt) {
		receptions.register(organisation, List.of(receptionsOfIt));
	}

	private void basedOn(Organisation organisation, Article6 basis, DataCategory... categories) {
		for (DataCategory category : categories) {
			register.baseOn(organisation.id(), category, basis);
		}
	}

	private void keeps(Organisation organisation, boolean careProvider, DataCategory... categories) {
		register.declareCareProvider(organisation.id(), careProvider);
		for (DataCategory category : categories) {
			register.switchOn(organisation.id(), category);
		}
	}

	private void person(String username, String displayName, StaffRole role, Organisation organisation,
			Reception... at) {
		String password = fixedPassword.isBlank() ? randomPassword() : fixedPassword;
		Set<UUID> receptionIds = new java.util.HashSet<>();
		for (Reception reception : at) {
			receptionIds.add(reception.id());
		}
		try {
			staff.createOrResetPassword(username, displayName, role, organisation.id(), receptionIds, password);
			passwords.put(username, password);
		}
		catch (IllegalStateException closed) {
			// An admin closed this demo account on an earlier run; closed stays closed.
			passwords.put(username, "(closed)");
		}
	}

	private static Organisation organisation(String slug, String name, Country country, String number, ZoneId zone,
			String dpoName, String dpoEmail, String authority, String contactEmail, String postalAddress) {
		return new Organisation(id("organisation:" + slug), slug, name, country, number, zone, dpoName, dpoEmail,
				authority, contactEmail, postalAddress);
	}

	private static Reception reception(String slug, Organisation organisation, String name, boolean chat,
			boolean alwaysOpen, LocalizedText welcome, PreChatForm form, List<OpeningHours> hours) {
		return new Reception(id("reception:" + slug), slug, name, organisation, chat, alwaysOpen, welcome,
				Optional.ofNullable(form), hours);
	}

	private static PreChatForm youthForm() {
		return new PreChatForm(List.of(
				new PreChatForm.Field("ageGroup", LocalizedText.of("Hur gammal är du?", "Hvor gammel er du?", "How old are you?"),
						false,
						List.of(option("13-15", "13–15 år", "13–15 år", "13–15"), option("16-19", "16–19 år", "16–19 år", "16–19"),
								option("20-25", "20–25 år", "20–25 år", "20–25"))),
				new PreChatForm.Field("topic",
						LocalizedText.of("Vad vill du prata om?", "Hva vil du snakke om?", "What would you like to talk about?"),
						false,
						List.of(option("relationships", "Relationer", "Relasjoner", "Relationships"),
								option("body", "Kropp och sex", "Kropp og sex", "Body and sex"),
								option("wellbeing", "Hur jag mår", "Hvordan jeg har det", "How I feel"),
								option("other", "Något annat", "Noe annet", "Something else")))));
	}

	private static PreChatForm.Option option(String value, String sv, String nb, String en) {
		return new PreChatForm.Option(value, LocalizedText.of(sv, nb, en));
	}

	private static List<OpeningHours> weekdays(LocalTime opens, LocalTime closes) {
		List<OpeningHours> hours = new ArrayList<>();
		for (DayOfWeek day : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)) {
			hours.add(new OpeningHours(day, opens, closes));
		}
		return hours;
	}

	private static OpeningHours hours(DayOfWeek day, int opens, int closes) {
		return new OpeningHours(day, LocalTime.of(opens, 0), LocalTime.of(closes, 0));
	}

	/** Stable ids, so that restarting the demo finds the organisations it made before. */
	private static UUID id(String name) {
		return UUID.nameUUIDFromBytes(("samtal-demo:" + name).getBytes(StandardCharsets.UTF_8));
	}

	private static String randomPassword() {
		String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 12; i++) {
			password.append(alphabet.charAt(random.nextInt(alphabet.length())));
			if (i == 3 || i == 7) {
				password.append('-');
			}
		}
		return password.toString();
	}
}
