package org.samtal.chat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.samtal.platform.Problems;

/**
 * Which files may be shared in chat, decided by their content (magic bytes), not by what the sender claims. A file
 * whose name or declared type says otherwise is refused too: a mismatch is a sign of a disguised file.
 */
enum FileTypes {

	PDF("application/pdf", "pdf"), PNG("image/png", "png"), JPEG("image/jpeg", "jpg", "jpeg"), TEXT("text/plain", "txt");

	static final long MAX_BYTES = 10L * 1024 * 1024;

	final String mediaType;
	private final String[] extensions;

	FileTypes(String mediaType, String... extensions) {
		this.mediaType = mediaType;
		this.extensions = extensions;
	}

	static FileTypes check(String fileName, String declaredType, byte[] content) {
		if (content.length == 0) {
			throw Problems.badRequest("file-empty", "Empty file", "The file is empty.");
		}
		if (content.length > MAX_BYTES) {
			throw Problems.of(org.springframework.http.HttpStatus.CONTENT_TOO_LARGE, "file-too-large", "File too large",
					"A file may be at most 10 MB.");
		}
		FileTypes detected = detect(content);
		if (detected == null) {
			throw Problems.of(org.springframework.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE, "file-type-not-allowed",
					"File type not allowed", "Only PDF, PNG, JPEG and plain-text files can be shared.");
		}
		if (!detected.matchesName(fileName) || !detected.matchesDeclared(declaredType)) {
			throw Problems.of(org.springframework.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE, "file-type-mismatch",
					"File content does not match its name",
					"The file's content is " + detected.name() + ", which does not match its name or declared type.");
		}
		return detected;
	}

	static FileTypes detect(byte[] content) {
		if (startsWith(content, '%', 'P', 'D', 'F', '-')) {
			return PDF;
		}
		if (startsWith(content, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			return PNG;
		}
		if (startsWith(content, 0xFF, 0xD8, 0xFF)) {
			return JPEG;
		}
		return isPlainText(content) ? TEXT : null;
	}

	private boolean matchesName(String fileName) {
		String lower = fileName.toLowerCase(Locale.ROOT);
		for (String extension : extensions) {
			if (lower.endsWith("." + extension)) {
				return true;
			}
		}
		return false;
	}

	private boolean matchesDeclared(String declaredType) {
		if (declaredType == null || declaredType.isBlank() || declaredType.startsWith("application/octet-stream")) {
			return true;
		}
		return declaredType.toLowerCase(Locale.ROOT).startsWith(mediaType);
	}

	private static boolean startsWith(byte[] content, int... magic) {
		if (content.length < magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if ((content[i] & 0xFF) != magic[i]) {
				return false;
			}
		}
		return true;
	}

	/** Valid UTF-8 without control characters other than tab, line breaks and form feed. */
	private static boolean isPlainText(byte[] content) {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content))
				.toString();
			return text.chars().noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F);
		}
		catch (CharacterCodingException notUtf8) {
			return false;
		}
	}

	/** A name safe to store and send back: no path, no control characters, at most 200 characters. */
	static String safeName(String original) {
		String name = original == null ? "" : original;
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		name = name.replaceAll("[\\p{Cntrl}\"]", "").strip();
		if (name.isEmpty()) {
			name = "file";
		}
		return name.length() > 200 ? name.substring(name.length() - 200) : name;
	}
}
