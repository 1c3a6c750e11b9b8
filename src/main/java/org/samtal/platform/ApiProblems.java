package org.samtal.platform;

import java.net.URI;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.type.LogicalType;

/**
 * Turns every error of a JSON endpoint into RFC 9457 problem JSON with a specific, actionable detail. A number where
 * text belongs is refused rather than silently turned into text.
 */
@ControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = "The request body is not valid JSON for this call.";
		if (ex.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			String field = mismatch.getPath().getLast().getPropertyName();
			detail = "The field '" + field + "' has the wrong type: " + describe(mismatch) + ".";
		}
		else if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
			detail = "This call needs a JSON body.";
		}
		return problem(HttpStatus.BAD_REQUEST, "invalid-body", "Invalid request body", detail);
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "file-too-large", "File too large", "A file may be at most 10 MB.");
	}

	private static String describe(MismatchedInputException mismatch) {
		Class<?> target = mismatch.getTargetType();
		if (target == String.class) {
			return "expected text";
		}
		if (target != null && java.util.Map.class.isAssignableFrom(target)) {
			return "expected an object";
		}
		return "expected " + (target == null ? "another type" : target.getSimpleName());
	}

	private static ResponseEntity<Object> problem(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:samtal:problem:" + slug));
		problem.setTitle(title);
		return ResponseEntity.status(status).body(problem);
	}

	@Configuration(proxyBeanMethods = false)
	static class StrictJson {

		@Bean
		JsonMapperBuilderCustomizer noScalarCoercion() {
			return builder -> builder.withCoercionConfig(LogicalType.Textual, config -> config
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
		}
	}
}
