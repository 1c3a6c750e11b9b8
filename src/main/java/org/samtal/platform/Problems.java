package org.samtal.platform;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error a user or API client caused and can act on. It reaches API clients as RFC 9457 problem JSON with a stable
 * {@code type}, and pages as a message. The {@code messageKey} lets pages show it in the visitor's language.
 */
public class Problems extends ErrorResponseException {

	private final String messageKey;

	private Problems(HttpStatus status, String slug, String title, String detail, String messageKey) {
		super(status, problem(status, slug, title, detail), null);
		this.messageKey = messageKey;
	}

	private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:samtal:problem:" + slug));
		problem.setTitle(title);
		return problem;
	}

	public static Problems of(HttpStatus status, String slug, String title, String detail) {
		return new Problems(status, slug, title, detail, "problem." + slug);
	}

	public static Problems badRequest(String slug, String title, String detail) {
		return of(HttpStatus.BAD_REQUEST, slug, title, detail);
	}

	public static Problems notFound(String slug, String title, String detail) {
		return of(HttpStatus.NOT_FOUND, slug, title, detail);
	}

	public static Problems conflict(String slug, String title, String detail) {
		return of(HttpStatus.CONFLICT, slug, title, detail);
	}

	public static Problems forbidden(String slug, String title, String detail) {
		return of(HttpStatus.FORBIDDEN, slug, title, detail);
	}

	public String slug() {
		return getBody().getType().getSchemeSpecificPart().replace("samtal:problem:", "");
	}

	public String messageKey() {
		return messageKey;
	}

	public String detail() {
		return getBody().getDetail();
	}
}
