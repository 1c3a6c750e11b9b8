package org.samtal.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.support.RequestContextUtils;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.type.LogicalType;

/**
 * Turns every error of a JSON endpoint into RFC 9457 problem JSON with a specific, actionable detail. A number where
 * text belongs is refused rather than silently turned into text. A browser that navigated or posted a form (it asks
 * for HTML) gets the same problem as a page in its language instead of raw JSON.
 */
@ControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final String PROBLEM = "urn:samtal:problem:";

	private final ViewResolver views;

	ApiProblems(@Qualifier("thymeleafViewResolver") ViewResolver views) {
		this.views = views;
	}

	@Override
	protected ResponseEntity<Object> handleErrorResponseException(ErrorResponseException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null
				&& wantsPage(servlet.getRequest()) && !servlet.getResponse().isCommitted()) {
			renderPage(ex, status, servlet.getRequest(), servlet.getResponse());
			// Written: nothing more for Spring to send.
			return null;
		}
		return super.handleErrorResponseException(ex, headers, status, request);
	}

	/** A page, not a script: the browser asks for HTML, and the address is not one of the JSON APIs. */
	private static boolean wantsPage(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return accept != null && accept.contains("text/html") && !path.contains("/api/") && !path.startsWith("/actuator");
	}

	private void renderPage(ErrorResponseException ex, HttpStatusCode status, HttpServletRequest request,
			HttpServletResponse response) {
		Locale locale = RequestContextUtils.getLocale(request);
		String type = ex.getBody().getType().toString();
		Map<String, Object> model = new HashMap<>();
		model.put("status", status.value());
		// Our own problems have a translated text under their slug, or else the service's detail.
		model.put("problemKey", type.startsWith(PROBLEM) ? "problem." + type.substring(PROBLEM.length()) : null);
		model.put("detail", ex.getBody().getDetail());
		model.put("currentLanguage", locale.getLanguage());
		try {
			View page = views.resolveViewName("error", locale);
			response.setStatus(status.value());
			page.render(model, request, response);
		}
		catch (Exception e) {
			throw new IllegalStateException("The error page could not be rendered", e);
		}
	}

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
