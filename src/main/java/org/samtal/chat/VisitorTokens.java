package org.samtal.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A visitor's proof of holding a conversation: 256 random bits, handed out once; only its hash is stored. Handles are
 * the short pseudonyms counselors see, drawn from letters and digits that cannot be mistaken for each other.
 */
final class VisitorTokens {

	private static final SecureRandom random = new SecureRandom();
	private static final char[] HANDLE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();

	private VisitorTokens() {
	}

	static String newToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	static String newHandle() {
		char[] handle = new char[6];
		for (int i = 0; i < handle.length; i++) {
			handle[i] = HANDLE_ALPHABET[random.nextInt(HANDLE_ALPHABET.length)];
		}
		return new String(handle);
	}
}
