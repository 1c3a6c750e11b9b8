package org.samtal.tenancy;

import java.util.Locale;
import java.util.Map;

/** A text an organisation writes in one or more of Samtal's languages, e.g. a welcome text or a form label. */
public record LocalizedText(Map<String, String> texts) {

	public LocalizedText {
		texts = Map.copyOf(texts);
	}

	public static LocalizedText of(String sv, String nb, String en) {
		return new LocalizedText(Map.of("sv", sv, "nb", nb, "en", en));
	}

	/** The text in the wanted language; else Swedish, bokmål or English, whichever the organisation wrote. */
	public String in(Locale locale) {
		String wanted = texts.get(locale.getLanguage());
		if (wanted != null) {
			return wanted;
		}
		for (String fallback : new String[] { "sv", "nb", "en" }) {
			if (texts.containsKey(fallback)) {
				return texts.get(fallback);
			}
		}
		return "";
	}
}
