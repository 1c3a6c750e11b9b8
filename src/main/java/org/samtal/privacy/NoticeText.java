package org.samtal.privacy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.samtal.privacy.CategoryDeclaration.Controller;
import org.samtal.privacy.Controllers.DataController;
import org.samtal.privacy.LegalBasis.Article6;
import org.samtal.privacy.LegalBasis.Article9;
import org.springframework.context.MessageSource;

/**
 * One organisation's privacy notice in one language, written from its register entries alone: the entries the
 * retention engine acts on, so the notice cannot promise a period the engine does not keep. The template adds only
 * the fixed sentences that are the same for every organisation.
 */
record NoticeText(DataController controller, String authority, String authoritySite, String operator,
		String operatorEmail, List<Category> categories, List<String> operatorCategories, boolean recordsNothing,
		List<Storage> storage, boolean euOnly, List<Exempt> notErasable, List<String> portable,
		List<String> objectable, List<String> consentBased, NoticeVersionStamp.Stamp version) {

	/** A category as the notice tells it: everything in its name, already in the reader's language. */
	record Category(String id, String name, List<DeclaredText> purposes, List<DeclaredText> subjects, String basis,
			String basisArticle, String condition, String conditionArticle, String retention,
			List<DeclaredText> recipients, boolean byOperator, DeclaredText notErasableBecause) {
	}

	record Storage(DeclaredText location, List<String> categories) {
	}

	record Exempt(String name, DeclaredText reason) {
	}

	private static final Set<Article6> PORTABLE = EnumSet.of(Article6.CONSENT, Article6.CONTRACT);
	private static final Set<Article6> OBJECTABLE = EnumSet.of(Article6.PUBLIC_INTEREST, Article6.LEGITIMATE_INTERESTS);

	static NoticeText write(DataController controller, List<RegisterEntry> entries, String operator,
			String operatorEmail, NoticeVersionStamp.Stamp version, MessageSource messages, Locale locale) {
		RetentionWording wording = new RetentionWording(messages);
		List<Category> categories = new ArrayList<>();
		List<String> byOperator = new ArrayList<>();
		Map<String, Storage> storage = new LinkedHashMap<>();
		List<Exempt> notErasable = new ArrayList<>();
		List<String> portable = new ArrayList<>();
		List<String> objectable = new ArrayList<>();
		List<String> consentBased = new ArrayList<>();
		boolean euOnly = true;
		boolean recordsNothing = true;
		for (RegisterEntry entry : entries) {
			CategoryDeclaration d = entry.declaration();
			String name = messages.getMessage("category." + d.category().name(), null, locale);
			DeclaredText exemption = entry.erasableOnRequest() ? null
					: DeclaredText.of(entry.erasureExemption(), messages, locale);
			boolean operatorControls = d.controller() == Controller.PLATFORM_OPERATOR;
			categories.add(new Category(d.category().name(), name, declared(d.purposes(), messages, locale),
					declared(d.dataSubjects(), messages, locale),
					messages.getMessage("basis." + entry.legalBasis().name(), null, locale), entry.legalBasis().article,
					d.specialCategoryCondition() == Article9.NONE ? null
							: messages.getMessage("condition." + d.specialCategoryCondition().name(), null, locale),
					d.specialCategoryCondition().article, wording.describe(entry, locale),
					declared(d.recipients(), messages, locale), operatorControls, exemption));
			if (operatorControls) {
				byOperator.add(name);
			}
			storage.computeIfAbsent(d.storageLocation(),
					location -> new Storage(DeclaredText.of(location, messages, locale), new ArrayList<>()))
				.categories()
				.add(name);
			// The register test holds every location to the EU/EEA; the notice says so only while it is true.
			euOnly &= d.storageLocation().contains("EU/EEA");
			recordsNothing &= d.category() != DataCategory.RECORDING;
			if (exemption != null) {
				notErasable.add(new Exempt(name, exemption));
			}
			if (PORTABLE.contains(entry.legalBasis())) {
				portable.add(name);
			}
			if (OBJECTABLE.contains(entry.legalBasis())) {
				objectable.add(name);
			}
			if (entry.legalBasis() == Article6.CONSENT || d.specialCategoryCondition() == Article9.EXPLICIT_CONSENT) {
				consentBased.add(name);
			}
		}
		// The law decides the supervisory authority by the controller's country, whatever the organisation typed.
		String country = controller.country();
		return new NoticeText(controller, messages.getMessage("authority." + country, null, locale),
				messages.getMessage("authority." + country + ".site", null, locale),
				operator.isBlank() ? messages.getMessage("operator.default", null, locale) : operator, operatorEmail,
				categories, byOperator, recordsNothing, List.copyOf(storage.values()), euOnly, notErasable, portable,
				objectable, consentBased, version);
	}

	private static List<DeclaredText> declared(List<String> texts, MessageSource messages, Locale locale) {
		return texts.stream().map(text -> DeclaredText.of(text, messages, locale)).toList();
	}

	/** "www.imy.se": the address as people write it, for the link text. */
	public String authoritySiteName() {
		return authoritySite.replaceFirst("^https?://", "");
	}
}
