package org.samtal.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What a client's password must be: at least 10 characters, not one of the passwords people use most, and not the
 * username. Length beats rules about digits and capitals, so there are none of those.
 */
@Component
class PasswordPolicy {

	static final int MINIMUM_LENGTH = 10;

	/** Argon2 hashes any length, but a megabyte of password is an attack, not a password. */
	static final int MAXIMUM_LENGTH = 200;

	/** The 30,000 most common passwords of zxcvbn (MIT licence), plus Swedish and Norwegian favourites. */
	private static final String[] LISTS = { "/com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt",
			"/identity/common-passwords-nordic.txt" };

	private final Set<String> common = new HashSet<>();

	PasswordPolicy() throws IOException {
		for (String list : LISTS) {
			try (InputStream in = PasswordPolicy.class.getResourceAsStream(list)) {
				if (in == null) {
					throw new IllegalStateException("The list of common passwords is missing: " + list);
				}
				new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
					.map(String::strip)
					.filter(line -> !line.isEmpty() && !line.startsWith("#"))
					.forEach(line -> common.add(line.toLowerCase(Locale.ROOT)));
			}
		}
	}

	/** abcdefghij, 9876543210: each character one step from the last. */
	private static boolean isRun(String password) {
		int[] points = password.codePoints().toArray();
		int step = points[1] - points[0];
		if (Math.abs(step) != 1) {
			return false;
		}
		for (int i = 2; i < points.length; i++) {
			if (points[i] - points[i - 1] != step) {
				return false;
			}
		}
		return true;
	}

	/** Why this password will not do, as a message key; empty when it is fine. */
	Optional<String> weakness(String username, String password) {
		if (password == null || password.codePointCount(0, password.length()) < MINIMUM_LENGTH) {
			return Optional.of("password.tooShort");
		}
		if (password.length() > MAXIMUM_LENGTH) {
			return Optional.of("password.tooLong");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (common.contains(lower) || common.contains(lower.replaceAll("[\\d\\W_]+$", ""))
				&& lower.replaceAll("[\\d\\W_]+$", "").length() >= 6) {
			return Optional.of("password.common");
		}
		if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
			return Optional.of("password.containsUsername");
		}
		if (lower.codePoints().distinct().count() < 4 || isRun(lower)) {
			return Optional.of("password.common");
		}
		return Optional.empty();
	}
}
