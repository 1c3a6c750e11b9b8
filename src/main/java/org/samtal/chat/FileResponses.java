package org.samtal.chat;

import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Files go out as downloads that a browser will neither sniff nor run, and nothing caches them. */
final class FileResponses {

	private FileResponses() {
	}

	static ResponseEntity<byte[]> attachment(MessageRepository.StoredFile file) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.mediaType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.name(), StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "sandbox; default-src 'none'")
			.cacheControl(CacheControl.noStore())
			.body(file.content());
	}
}
