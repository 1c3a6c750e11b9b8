package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.samtal.SamtalTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

/**
 * Every word a module declares in the register and the notice shows has its Swedish and Norwegian translation, and no
 * translation is left behind for words no module declares any more.
 */
@SamtalTest
class DeclaredTextTests {

	@Autowired
	ProcessingRegister register;

	@Test
	void everyDeclaredTextIsTranslatedAndNoTranslationIsStale() throws IOException {
		TreeMap<String, String> declared = new TreeMap<>();
		for (CategoryDeclaration d : register.categories().values()) {
			List<String> texts = new ArrayList<>(d.purposes());
			texts.addAll(d.dataSubjects());
			texts.addAll(d.recipients());
			texts.add(d.storageLocation());
			if (d.erasureExemption() != null) {
				texts.add(d.erasureExemption());
			}
			texts.forEach(text -> declared.put(DeclaredText.key(text), text));
		}
		for (String bundle : List.of("notices.properties", "notices_nb.properties")) {
			Properties translations = load(bundle);
			String missing = declared.entrySet()
				.stream()
				.filter(e -> !translations.containsKey(e.getKey()))
				.map(e -> e.getKey() + "=" + e.getValue())
				.collect(Collectors.joining("\n"));
			assertThat(missing).as(bundle + " lacks translations; add these lines, translated:\n" + missing).isEmpty();
			Set<String> stale = new TreeSet<>(translations.stringPropertyNames());
			stale.removeIf(key -> !key.startsWith("declared.") || declared.containsKey(key));
			assertThat(stale).as(bundle + " translates texts no module declares (reworded or removed?)").isEmpty();
		}
		assertThat(load("notices_en.properties").stringPropertyNames())
			.as("English is the declarations' own language: no translations")
			.noneMatch(key -> key.startsWith("declared."));
	}

	@Test
	void aKeyIsTheTextItselfInLowerCaseAscii() {
		assertThat(DeclaredText.key("Files the two sides share in a conversation"))
			.isEqualTo("declared.files-the-two-sides-share-in-a-conversation");
		assertThat(DeclaredText.key("bokföringslagen (1999:1078) 7 kap. 2 §; bokføringsloven § 13; Særlig"))
			.isEqualTo("declared.bokforingslagen-1999-1078-7-kap-2-bokforingsloven-13-saerlig");
	}

	private static Properties load(String bundle) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(new ClassPathResource(bundle).getInputStream(),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}
}
