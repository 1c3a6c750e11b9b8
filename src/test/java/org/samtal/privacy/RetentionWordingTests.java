package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.samtal.privacy.RetentionRule.Action.ANONYMISE;
import static org.samtal.privacy.RetentionRule.Action.DELETE;

import java.time.Period;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.samtal.platform.Languages;
import org.samtal.privacy.RetentionRule.Trigger;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Every shape a retention rule can take, in the words the notice uses, in all three languages. No Spring context. */
class RetentionWordingTests {

	static final Locale SV = Languages.SWEDISH;
	static final Locale NB = Languages.BOKMAL;
	static final Locale EN = Locale.ENGLISH;

	final RetentionWording wording = new RetentionWording(bundles());

	/** The notices bundles as the application loads them (spring.messages in application.yml). */
	static ResourceBundleMessageSource bundles() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("messages", "register", "notices");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	@Test
	void aZeroPeriodIsDeletedAtOnceWhenTheEventHappens() {
		assertThat(wording.describe(Trigger.CONVERSATION_ENDED, Period.ZERO, DELETE, SV))
			.isEqualTo("Raderas direkt när konversationen avslutas.");
		assertThat(wording.describe(Trigger.CONVERSATION_ENDED, Period.ZERO, DELETE, NB))
			.isEqualTo("Slettes straks når samtalen avsluttes.");
		assertThat(wording.describe(Trigger.CONVERSATION_ENDED, Period.ZERO, DELETE, EN))
			.isEqualTo("Deleted immediately when the conversation ends.");
		assertThat(wording.describe(Trigger.PACKAGE_COMPLETED, Period.ZERO, DELETE, SV))
			.isEqualTo("Raderas direkt när samtalspaketet är fullgjort.");
		assertThat(wording.describe(Trigger.HANDLED, Period.ZERO, DELETE, NB))
			.isEqualTo("Slettes straks når henvendelsen er fulgt opp eller besvart.");
		assertThat(wording.describe(Trigger.CONSENT_WITHDRAWN, Period.ZERO, DELETE, EN))
			.isEqualTo("Deleted immediately when you withdraw your consent, unsubscribe or ask us to remove it.");
	}

	@Test
	void aPeriodIsKeptFromItsEventAndThenDeleted() {
		assertThat(wording.describe(Trigger.CREATED, Period.ofYears(5), DELETE, SV))
			.isEqualTo("Sparas i 5 år efter att uppgiften registrerades och raderas sedan.");
		assertThat(wording.describe(Trigger.CREATED, Period.ofYears(5), DELETE, NB))
			.isEqualTo("Lagres i 5 år etter at opplysningen ble registrert, og slettes deretter.");
		assertThat(wording.describe(Trigger.CREATED, Period.ofYears(5), DELETE, EN))
			.isEqualTo("Kept for 5 years from when it was recorded, then deleted.");

		assertThat(wording.describe(Trigger.LAST_CONTACT, Period.ofMonths(12), DELETE, SV))
			.isEqualTo("Sparas i 12 månader efter den senaste kontakten och raderas sedan.");
		assertThat(wording.describe(Trigger.LAST_CONTACT, Period.ofMonths(12), DELETE, NB))
			.isEqualTo("Lagres i 12 måneder etter siste kontakt, og slettes deretter.");
		assertThat(wording.describe(Trigger.LAST_CONTACT, Period.ofMonths(12), DELETE, EN))
			.isEqualTo("Kept for 12 months after the last contact, then deleted.");

		assertThat(wording.describe(Trigger.LAST_ENTRY, Period.ofYears(10), DELETE, SV))
			.isEqualTo("Sparas i 10 år efter den senaste anteckningen och raderas sedan.");
		assertThat(wording.describe(Trigger.LAST_FAILED_LOGIN, Period.ofDays(1), DELETE, EN))
			.isEqualTo("Kept for 1 day after the last failed attempt, then deleted.");
		assertThat(wording.describe(Trigger.CREATED, Period.ofMonths(1), DELETE, NB))
			.isEqualTo("Lagres i 1 måned etter at opplysningen ble registrert, og slettes deretter.");
	}

	@Test
	void anAccountGoesAfterAStretchWithoutLogin() {
		assertThat(wording.describe(Trigger.LAST_LOGIN_WITHOUT_ONGOING_CASE, Period.ofDays(365), DELETE, SV))
			.isEqualTo("Raderas när du inte har loggat in på 365 dagar och inget ärende pågår.");
		assertThat(wording.describe(Trigger.LAST_LOGIN_WITHOUT_ONGOING_CASE, Period.ofDays(365), DELETE, NB))
			.isEqualTo("Slettes når du ikke har logget inn på 365 dager og ingen sak pågår.");
		assertThat(wording.describe(Trigger.LAST_LOGIN_WITHOUT_ONGOING_CASE, Period.ofDays(365), DELETE, EN))
			.isEqualTo("Deleted when you have not logged in for 365 days and no case is ongoing.");
	}

	@Test
	void anonymisingDeletesWhatIdentifiesAndKeepsTheRest() {
		assertThat(wording.describe(Trigger.SENT, Period.ofMonths(5), ANONYMISE, SV)).isEqualTo(
				"Kontaktuppgifter och annat som kan identifiera dig raderas 5 månader efter att förfrågan skickades; resten anonymiseras.");
		assertThat(wording.describe(Trigger.SENT, Period.ofMonths(5), ANONYMISE, NB)).isEqualTo(
				"Kontaktopplysninger og annet som kan identifisere deg, slettes 5 måneder etter at forespørselen ble sendt; resten anonymiseres.");
		assertThat(wording.describe(Trigger.SENT, Period.ofMonths(5), ANONYMISE, EN)).isEqualTo(
				"Contact details and anything else that could identify you are deleted 5 months after the request was sent; the rest is anonymised.");
		assertThat(wording.describe(Trigger.SENT, Period.ZERO, ANONYMISE, SV)).isEqualTo(
				"Kontaktuppgifter och annat som kan identifiera dig raderas direkt när förfrågan har skickats; resten anonymiseras.");
		assertThat(wording.describe(Trigger.HANDLED, Period.ZERO, ANONYMISE, EN)).isEqualTo(
				"Contact details and anything else that could identify you are deleted immediately once the matter has been handled; the rest is anonymised.");
	}

	@Test
	void bookkeepingIsKeptToTheEndOfTheNthYearAfterTheFiscalYear() {
		assertThat(wording.describe(Trigger.FISCAL_YEAR_ENDED, Period.ofYears(7), DELETE, SV))
			.isEqualTo("Sparas till utgången av det 7:e året efter det kalenderår då räkenskapsåret avslutades och raderas sedan.");
		assertThat(wording.describe(Trigger.FISCAL_YEAR_ENDED, Period.ofYears(7), DELETE, NB))
			.isEqualTo("Lagres til utgangen av det 7. året etter kalenderåret da regnskapsåret ble avsluttet, og slettes deretter.");
		assertThat(wording.describe(Trigger.FISCAL_YEAR_ENDED, Period.ofYears(7), DELETE, EN))
			.isEqualTo("Kept until the end of the 7th year after the calendar year in which the financial year ended, then deleted.");
		assertThat(wording.describe(Trigger.FISCAL_YEAR_ENDED, Period.ofYears(5), DELETE, NB))
			.as("the Norwegian bookkeeping law's five years").contains("det 5. året");
		// Not whole years: the general sentence still says exactly what is kept.
		assertThat(wording.describe(Trigger.FISCAL_YEAR_ENDED, Period.of(5, 6, 0), DELETE, SV))
			.isEqualTo("Sparas i 5 år och 6 månader efter utgången av det kalenderår då räkenskapsåret avslutades och raderas sedan.");
		assertThat(wording.describe(Trigger.FISCAL_YEAR_ENDED, Period.ZERO, DELETE, EN))
			.isEqualTo("Deleted immediately when the calendar year in which the financial year ended is over.");
	}

	@Test
	void ordinalsFollowEachLanguage() {
		assertThat(RetentionWording.ordinal(1, SV)).isEqualTo("1:a");
		assertThat(RetentionWording.ordinal(2, SV)).isEqualTo("2:a");
		assertThat(RetentionWording.ordinal(3, SV)).isEqualTo("3:e");
		assertThat(RetentionWording.ordinal(11, SV)).isEqualTo("11:e");
		assertThat(RetentionWording.ordinal(12, SV)).isEqualTo("12:e");
		assertThat(RetentionWording.ordinal(21, SV)).isEqualTo("21:a");
		assertThat(RetentionWording.ordinal(10, NB)).isEqualTo("10.");
		assertThat(RetentionWording.ordinal(1, EN)).isEqualTo("1st");
		assertThat(RetentionWording.ordinal(2, EN)).isEqualTo("2nd");
		assertThat(RetentionWording.ordinal(3, EN)).isEqualTo("3rd");
		assertThat(RetentionWording.ordinal(7, EN)).isEqualTo("7th");
		assertThat(RetentionWording.ordinal(11, EN)).isEqualTo("11th");
		assertThat(RetentionWording.ordinal(13, EN)).isEqualTo("13th");
		assertThat(RetentionWording.ordinal(22, EN)).isEqualTo("22nd");
	}

	@Test
	void periodsNameEveryUnitTheyHold() {
		assertThat(wording.period(Period.ofYears(1), SV)).isEqualTo("1 år");
		assertThat(wording.period(Period.ofYears(1), EN)).isEqualTo("1 year");
		assertThat(wording.period(Period.ofMonths(1), SV)).isEqualTo("1 månad");
		assertThat(wording.period(Period.ofDays(2), SV)).isEqualTo("2 dagar");
		assertThat(wording.period(Period.ofDays(2), NB)).isEqualTo("2 dager");
		assertThat(wording.period(Period.of(1, 6, 0), SV)).isEqualTo("1 år och 6 månader");
		assertThat(wording.period(Period.of(1, 6, 0), NB)).isEqualTo("1 år og 6 måneder");
		assertThat(wording.period(Period.of(1, 2, 3), EN)).isEqualTo("1 year, 2 months and 3 days");
	}

	@Test
	void everyTriggerHasItsWordsForBothShapesInEveryLanguage() {
		for (Locale language : Languages.SUPPORTED) {
			for (Trigger trigger : Trigger.values()) {
				for (RetentionRule.Action action : RetentionRule.Action.values()) {
					assertThat(wording.describe(trigger, Period.ZERO, action, language))
						.as(trigger + " " + action + " at once, " + language)
						.doesNotContain("{")
						.endsWith(".");
					assertThat(wording.describe(trigger, Period.ofMonths(3), action, language))
						.as(trigger + " " + action + " after 3 months, " + language)
						.doesNotContain("{")
						.contains(language == Locale.ENGLISH ? "3 months" : language == NB ? "3 måneder" : "3 månader");
				}
			}
		}
	}
}
