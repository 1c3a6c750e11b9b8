package org.samtal.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.samtal.platform.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.samtal.privacy.DataSubject;
import org.samtal.privacy.SubjectRights;
import org.springframework.context.MessageSource;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client account API for clinics' apps: open an account, get a short-lived bearer token, see the account, log
 * out. Errors are RFC 9457 problem JSON whose {@code type} names the reason.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Client accounts", description = "Pseudonymous client accounts and their access tokens")
class ClientApi {

	private final ClientAccounts clients;
	private final ClientLogin login;
	private final ClientTokens tokens;
	private final SubjectRights rights;
	private final MessageSource messages;

	ClientApi(ClientAccounts clients, ClientLogin login, ClientTokens tokens, SubjectRights rights,
			MessageSource messages) {
		this.rights = rights;
		this.messages = messages;
		this.clients = clients;
		this.login = login;
		this.tokens = tokens;
	}

	record Credentials(String username, String password) {
	}

	record AccountView(UUID id, String username, Instant createdAt, Instant lastLoginAt) {

		static AccountView of(ClientAccounts.ClientAccount account) {
			return new AccountView(account.id(), account.username(), account.createdAt(), account.lastLoginAt());
		}
	}

	record Token(String accessToken, String tokenType, long expiresIn) {
	}

	@PostMapping("/accounts")
	@Operation(summary = "Open a pseudonymous account: 201, 409 when the username is taken, 400 with the reason when "
			+ "the username or password will not do (type urn:samtal:problem:<reason>, e.g. password.common)")
	ResponseEntity<AccountView> register(@RequestBody(required = false) Credentials credentials, java.util.Locale locale) {
		Credentials given = credentials == null ? new Credentials(null, null) : credentials;
		try {
			ClientAccounts.ClientAccount account = clients.register(given.username(), given.password(), locale);
			return ResponseEntity.created(URI.create("/api/v1/me")).body(AccountView.of(account));
		}
		catch (ClientAccounts.Refused refused) {
			throw Problems.of(refused.isConflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, refused.reason(),
					refused.isConflict() ? "Username taken" : "Not accepted", explain(refused.reason()));
		}
	}

	@PostMapping("/auth/token")
	@Operation(summary = "Exchange a username and password for a bearer token that lives 15 minutes by default; "
			+ "401 when they do not match, 429 while the username is throttled after failed attempts")
	Token token(@RequestBody(required = false) Credentials credentials) {
		Credentials given = credentials == null ? new Credentials(null, null) : credentials;
		if (given.username() == null || given.password() == null) {
			throw Problems.badRequest("credentials-missing", "Username and password needed",
					"Send {\"username\": ..., \"password\": ...}.");
		}
		ClientPrincipal client;
		try {
			client = (ClientPrincipal) login.provider()
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(given.username(), given.password()))
				.getPrincipal();
		}
		catch (ThrottledAuthentication.LoginThrottled throttled) {
			Problems problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "login-throttled", "Too many failed attempts",
					"Wait " + throttled.waitTime().toSeconds() + " seconds before trying again.");
			problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, throttled.waitTime().toSeconds())));
			throw problem;
		}
		catch (AuthenticationException wrong) {
			throw Problems.of(HttpStatus.UNAUTHORIZED, "login-failed", "Wrong username or password",
					"The username and password do not match an account.");
		}
		clients.loggedIn(client.id());
		ClientTokens.Issued issued = tokens.issue(client.id());
		return new Token(issued.token(), "Bearer", issued.expiresIn().toSeconds());
	}

	@GetMapping("/me")
	@Operation(summary = "The signed-in client's account (Authorization: Bearer <accessToken>)")
	AccountView me(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		UUID account = accountOf(authorization);
		return AccountView.of(clients.byId(account).orElseThrow(ClientApi::unauthorized));
	}

	@GetMapping("/me/export")
	@Operation(summary = "Everything kept about the signed-in client, as JSON in the schema of docs/export-schema.md "
			+ "(the same as the download on the client's own data page)")
	ResponseEntity<StreamingResponseBody> export(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		DataSubject subject = clients.subject(accountOf(authorization));
		return ResponseEntity.ok()
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(out -> rights.exportJson(subject, out));
	}

	@DeleteMapping("/me")
	@Operation(summary = "Delete the account at once with everything an erasure may remove: 204; the token stops "
			+ "working. What the register keeps (e.g. access-log entries naming only the username) stays.")
	ResponseEntity<Void> delete(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			java.util.Locale locale) {
		clients.deleteConfirmed(accountOf(authorization), locale);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/auth/logout")
	@Operation(summary = "Revoke the bearer token at once: 204, and the token no longer works")
	ResponseEntity<Void> logout(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		accountOf(authorization);
		tokens.revoke(bearer(authorization));
		return ResponseEntity.noContent().build();
	}

	private UUID accountOf(String authorization) {
		return tokens.accountOf(bearer(authorization)).orElseThrow(ClientApi::unauthorized);
	}

	private static String bearer(String authorization) {
		return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				? authorization.substring(7).strip() : null;
	}

	private static Problems unauthorized() {
		Problems problem = Problems.of(HttpStatus.UNAUTHORIZED, "token-invalid", "Not signed in",
				"The access token is missing, expired or revoked. Get a new one from POST /api/v1/auth/token.");
		problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		return problem;
	}

	/** The account pages' own wording of the reason, in English, as the API speaks. */
	private String explain(String reason) {
		return messages.getMessage("account.error." + reason, new Object[] { PasswordPolicy.MINIMUM_LENGTH },
				"Not accepted: " + reason, java.util.Locale.ENGLISH);
	}
}
