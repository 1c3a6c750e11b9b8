package org.samtal.privacy;

import java.text.Normalizer;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * The register's own words in the reader's language. Modules declare purposes, recipients and reasons in English;
 * the Swedish and Norwegian are in the notices bundles under a key made from the English text itself
 * ({@code declared.counseling-conversation-between-a-visitor-and-a-counselor}), so rewording a declaration leaves its
 * old translation behind instead of publishing it for a purpose that changed. A test lists what is missing.
 * @param lang the language the text is in when it is not the page's (a missing translation shows the English)
 */
record DeclaredText(String text, String lang) {

	/** The language modules write their declarations in. */
	static final Locale DECLARED_IN = Locale.ENGLISH;

	static DeclaredText of(String declared, MessageSource messages, Locale locale) {
		if (locale.getLanguage().equals(DECLARED_IN.getLanguage())) {
			return new DeclaredText(declared, null);
		}
		String translated = messages.getMessage(key(declared), null, null, locale);
		return translated == null ? new DeclaredText(declared, DECLARED_IN.getLanguage())
				: new DeclaredText(translated, null);
	}

	/** "Counseling conversation (visitor's)" becomes "declared.counseling-conversation-visitor-s". */
	static String key(String declared) {
		// ø and æ are letters of their own, not a letter and a mark, so NFD leaves them: spell them in ASCII.
		String ascii = Normalizer.normalize(declared, Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.replace("ø", "o")
			.replace("Ø", "O")
			.replace("æ", "ae")
			.replace("Æ", "AE");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
		return "declared." + slug;
	}
}
