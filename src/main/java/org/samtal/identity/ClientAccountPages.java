package org.samtal.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.samtal.notification.Channel;
import org.samtal.platform.Languages;
import org.samtal.privacy.ConsentLedger;
import org.samtal.privacy.ConsentRecord;
import org.samtal.privacy.DataSubject;
import org.samtal.privacy.NoticeBannersForClients;
import org.samtal.privacy.RecordField;
import org.samtal.privacy.Restrictions;
import org.samtal.privacy.SubjectRights;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A client's own pages: register under a pseudonym, log in and out, change the password. A refused form comes back
 * with what was typed (except passwords, which are never sent back) and the reason next to the field.
 */
@Controller
class ClientAccountPages {

	private final ClientAccounts clients;
	private final ClientContacts contacts;
	private final ClientNotificationSettings settings;
	private final SubjectRights rights;
	private final Restrictions restrictions;
	private final ConsentLedger consents;
	private final NoticeBannersForClients banners;
	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	ClientAccountPages(ClientAccounts clients, ClientContacts contacts, ClientNotificationSettings settings,
			SubjectRights rights, Restrictions restrictions, ConsentLedger consents, NoticeBannersForClients banners) {
		this.consents = consents;
		this.banners = banners;
		this.restrictions = restrictions;
		this.settings = settings;
		this.clients = clients;
		this.contacts = contacts;
		this.rights = rights;
	}

	/** Adds (or replaces) an e-mail address or mobile number and sends a code to verify it. */
	@PostMapping("/account/contact")
	String addContact(@AuthenticationPrincipal ClientPrincipal client, @RequestParam(defaultValue = "") String channel,
			@RequestParam(defaultValue = "") String address, Locale locale, Model model, HttpServletResponse response) {
		Channel which = channel(channel);
		try {
			contacts.add(client.id(), which, address, Languages.supported(locale.getLanguage()).getLanguage());
		}
		catch (ClientAccounts.Refused refused) {
			showAccount(client, model);
			model.addAttribute("typedAddress", address.length() > 254 ? address.substring(0, 254) : address);
			model.addAttribute("typedChannel", which.name());
			return refused(model, response, "account", refused);
		}
		return "redirect:/account?codeSent#contacts";
	}

	@PostMapping("/account/contact/verify")
	String verifyContact(@AuthenticationPrincipal ClientPrincipal client, @RequestParam(defaultValue = "") String channel,
			@RequestParam(defaultValue = "") String code, Model model, HttpServletResponse response) {
		try {
			contacts.verify(client.id(), channel(channel), code);
		}
		catch (ClientAccounts.Refused refused) {
			showAccount(client, model);
			model.addAttribute("typedChannel", channel(channel).name());
			return refused(model, response, "account", refused);
		}
		return "redirect:/account?verified#contacts";
	}

	@PostMapping("/account/contact/resend")
	String resendCode(@AuthenticationPrincipal ClientPrincipal client, @RequestParam(defaultValue = "") String channel,
			Locale locale, Model model, HttpServletResponse response) {
		try {
			contacts.resend(client.id(), channel(channel), Languages.supported(locale.getLanguage()).getLanguage());
		}
		catch (ClientAccounts.Refused refused) {
			showAccount(client, model);
			model.addAttribute("typedChannel", channel(channel).name());
			return refused(model, response, "account", refused);
		}
		return "redirect:/account?codeSent#contacts";
	}

	/** Switches the inactivity warning on or off: a consent to the operator, given or withdrawn at once. */
	@PostMapping("/account/notifications")
	String notificationSettings(@AuthenticationPrincipal ClientPrincipal client,
			@RequestParam(defaultValue = "") String inactivityWarning, Locale locale) {
		settings.switchInactivityWarning(client.id(), "on".equals(inactivityWarning), locale);
		return "redirect:/account?settingsSaved#notifications";
	}

	@PostMapping("/account/contact/remove")
	String removeContact(@AuthenticationPrincipal ClientPrincipal client, @RequestParam(defaultValue = "") String channel) {
		contacts.remove(client.id(), channel(channel));
		return "redirect:/account?removed#contacts";
	}

	/** Step one of a reset: the username and a verified address; the same answer whether they match or not. */
	@GetMapping("/account/reset")
	String resetForm(HttpServletRequest request, Model model) {
		model.addAttribute("sent", request.getParameter("sent") != null);
		model.addAttribute("username", "");
		return "account-reset";
	}

	@PostMapping("/account/reset/request")
	String requestReset(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String address,
			Locale locale) {
		contacts.requestReset(username, address, Languages.supported(locale.getLanguage()).getLanguage());
		return "redirect:/account/reset?sent";
	}

	/** Step two: the code and a new password; the client is then signed in. */
	@PostMapping("/account/reset")
	String reset(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String passwordRepeat,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		model.addAttribute("sent", true);
		model.addAttribute("username", username.length() > 64 ? username.substring(0, 64) : username);
		if (!password.equals(passwordRepeat)) {
			return refused(model, response, "account-reset", new ClientAccounts.Refused("passwordRepeat",
					"password.mismatch"));
		}
		UUID accountId;
		try {
			accountId = contacts.reset(username, code, password);
		}
		catch (ClientAccounts.Refused refused) {
			return refused(model, response, "account-reset", refused);
		}
		signIn(clients.byId(accountId).orElseThrow(), request, response);
		clients.loggedIn(accountId);
		return "redirect:/account?passwordChanged";
	}

	private static Channel channel(String name) {
		return "SMS".equalsIgnoreCase(name) ? Channel.SMS : Channel.EMAIL;
	}

	/** Everything kept about the client, readable, with who holds it, why, for how long and whether it can go. */
	@GetMapping("/account/data")
	String data(@AuthenticationPrincipal ClientPrincipal client, Locale locale, Model model, HttpServletRequest request) {
		showData(client, locale, model);
		model.addAttribute("saved", request.getParameter("saved") != null);
		return "account-data";
	}

	/** The same as JSON in the documented schema (docs/export-schema.md), to keep or to take elsewhere. */
	@GetMapping("/account/data.json")
	ResponseEntity<StreamingResponseBody> dataJson(@AuthenticationPrincipal ClientPrincipal client) {
		DataSubject subject = clients.subject(client.id());
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename("samtal-" + client.getUsername() + ".json", java.nio.charset.StandardCharsets.UTF_8)
				.build()
				.toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(out -> rights.exportJson(subject, out));
	}

	/** Changes the username (GDPR Art. 16); the session carries on under the new name. */
	@PostMapping("/account/username")
	String rename(@AuthenticationPrincipal ClientPrincipal client, @RequestParam(defaultValue = "") String username,
			@RequestParam(defaultValue = "") String password, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		ClientAccounts.ClientAccount renamed;
		try {
			renamed = clients.rename(client.id(), username, password);
		}
		catch (ClientAccounts.Refused refused) {
			showAccount(client, model);
			model.addAttribute("typedUsername", username.length() > 64 ? username.substring(0, 64) : username);
			model.addAttribute("renameError", refused.reason());
			model.addAttribute("renameField", refused.field());
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return "account";
		}
		signIn(renamed, request, response);
		return "redirect:/account?renamed";
	}

	/** Restricts processing (GDPR Art. 18) or lifts the restriction, at once. */
	@PostMapping("/account/restriction")
	String restriction(@AuthenticationPrincipal ClientPrincipal client, @RequestParam(defaultValue = "") String restrict) {
		restrictions.restrict(currentKey(client), "on".equals(restrict));
		return "redirect:/account/data?saved#rights";
	}

	/** Objects to processing (GDPR Art. 21) or withdraws the objection, at once. */
	@PostMapping("/account/objection")
	String objection(@AuthenticationPrincipal ClientPrincipal client, @RequestParam(defaultValue = "") String object) {
		restrictions.object(currentKey(client), "on".equals(object));
		return "redirect:/account/data?saved#rights";
	}

	/** Withdraws one of the client's own consents, at once (GDPR Art. 7(3)): one action, as giving it was. */
	@PostMapping("/account/consents/withdraw")
	String withdrawConsent(@AuthenticationPrincipal ClientPrincipal client, @RequestParam(defaultValue = "") String record) {
		boolean withdrawn;
		try {
			withdrawn = consents.withdrawOwn(UUID.fromString(record), currentKey(client), ConsentRecord.Method.WEB_FORM);
		}
		catch (IllegalArgumentException notARecord) {
			withdrawn = false;
		}
		// Nothing said for a record that is not the client's: the page shows what still stands.
		return withdrawn ? "redirect:/account/data?withdrawn#consents" : "redirect:/account/data#consents";
	}

	/** Deletes the account at once and shows what stayed and why; the session ends with it. */
	@PostMapping("/account/delete")
	String delete(@AuthenticationPrincipal ClientPrincipal client, @RequestParam(defaultValue = "") String password,
			Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
		SubjectRights.Erasure erasure;
		try {
			erasure = clients.delete(client.id(), password, locale);
		}
		catch (ClientAccounts.Refused refused) {
			showData(client, locale, model);
			model.addAttribute("deleteError", refused.reason());
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return "account-data";
		}
		SecurityContextHolder.clearContext();
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		model.addAttribute("erasure", erasure);
		return "account-deleted";
	}

	private void showData(ClientPrincipal client, Locale locale, Model model) {
		DataSubject subject = clients.subject(client.id());
		SubjectRights.Export export = rights.export(subject, locale);
		model.addAttribute("noticeBanners",
				banners.of(export.sections().stream().map(SubjectRights.Section::controller).toList(), locale));
		model.addAttribute("sections", export.sections().stream()
			.map(section -> new SectionView(section, section.records().stream().map(RecordField::of).toList()))
			.toList());
		model.addAttribute("username", client.getUsername());
		model.addAttribute("standing", restrictions.of(currentKey(client)));
		// One line per controller and purpose: withdrawing it withdraws every standing record of that purpose.
		Map<String, ConsentRecord> standing = new java.util.LinkedHashMap<>();
		consents.standingOf(currentKey(client))
			.forEach(consent -> standing.putIfAbsent(consent.organisationId() + "/" + consent.purpose().code(), consent));
		model.addAttribute("consents", standing.values().stream()
			.map(consent -> new ConsentView(consent.id(), consent.purpose().text(),
					rights.holder(consent.organisationId()).name(),
					java.time.LocalDate.ofInstant(consent.givenAt(), java.time.ZoneOffset.UTC).toString()))
			.toList());
	}

	/** A standing consent as the page lists it, with the controller it was given to. */
	record ConsentView(UUID id, String purpose, String controller, String since) {
	}

	private static String currentKey(ClientPrincipal client) {
		return DataSubject.clientKey(client.id());
	}

	/** A section of the export, with each record's fields as text the page can show. */
	record SectionView(SubjectRights.Section section, List<List<RecordField>> records) {
	}

	@GetMapping("/account/register")
	String registerForm(Model model) {
		model.addAttribute("username", "");
		return "account-register";
	}

	@PostMapping("/account/register")
	String register(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String passwordRepeat, Locale locale, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		model.addAttribute("username", username.length() > 64 ? username.substring(0, 64) : username);
		if (!password.equals(passwordRepeat)) {
			return refused(model, response, "account-register", new ClientAccounts.Refused("passwordRepeat",
					"password.mismatch"));
		}
		ClientAccounts.ClientAccount account;
		try {
			account = clients.register(username, password, locale);
		}
		catch (ClientAccounts.Refused refused) {
			return refused(model, response, "account-register", refused);
		}
		signIn(account, request, response);
		return "redirect:/account?welcome";
	}

	@GetMapping("/account/login")
	String login(HttpServletRequest request, Model model) {
		HttpSession session = request.getSession(false);
		if (session != null && request.getParameter("error") != null) {
			model.addAttribute("username", session.getAttribute(LoginController.LAST_USERNAME));
			model.addAttribute("error", session.getAttribute(LoginController.LAST_ERROR));
			model.addAttribute("waitMinutes", session.getAttribute(LoginController.LAST_WAIT));
		}
		model.addAttribute("loggedOut", request.getParameter("logout") != null);
		return "account-login";
	}

	@GetMapping("/account/forgotten")
	String forgotten() {
		return "account-forgotten";
	}

	@GetMapping("/account")
	String account(@AuthenticationPrincipal ClientPrincipal client, HttpServletRequest request, Model model) {
		showAccount(client, model);
		model.addAttribute("welcome", request.getParameter("welcome") != null);
		model.addAttribute("passwordChanged", request.getParameter("passwordChanged") != null);
		model.addAttribute("codeSent", request.getParameter("codeSent") != null);
		model.addAttribute("verified", request.getParameter("verified") != null);
		model.addAttribute("settingsSaved", request.getParameter("settingsSaved") != null);
		model.addAttribute("renamed", request.getParameter("renamed") != null);
		return "account";
	}

	@PostMapping("/account/password")
	String changePassword(@AuthenticationPrincipal ClientPrincipal client,
			@RequestParam(defaultValue = "") String current, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String passwordRepeat, Model model, HttpServletResponse response) {
		showAccount(client, model);
		if (!password.equals(passwordRepeat)) {
			return refused(model, response, "account", new ClientAccounts.Refused("passwordRepeat", "password.mismatch"));
		}
		try {
			clients.changePassword(client.id(), current, password);
		}
		catch (ClientAccounts.Refused refused) {
			return refused(model, response, "account", refused);
		}
		return "redirect:/account?passwordChanged";
	}

	private void showAccount(ClientPrincipal client, Model model) {
		ClientAccounts.ClientAccount account = clients.byId(client.id()).orElseThrow();
		model.addAttribute("account", account);
		List<ClientContacts.Contact> known = contacts.of(client.id());
		model.addAttribute("contacts", known);
		model.addAttribute("canNotify", known.stream().anyMatch(ClientContacts.Contact::verified));
		model.addAttribute("inactivityWarning", settings.inactivityWarning(client.id()));
		model.addAttribute("since", java.time.LocalDate.ofInstant(account.createdAt(), java.time.ZoneOffset.UTC));
		model.addAttribute("noticeBanners",
				banners.of(clients.subject(client.id()), LocaleContextHolder.getLocale()));
	}

	private static String refused(Model model, HttpServletResponse response, String view,
			ClientAccounts.Refused refused) {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("errorField", refused.field());
		model.addAttribute("errorKey", refused.reason());
		model.addAttribute("minimumLength", PasswordPolicy.MINIMUM_LENGTH);
		return view;
	}

	/** A new account is signed in at once, in a new session id so nothing from before carries over. */
	private void signIn(ClientAccounts.ClientAccount account, HttpServletRequest request,
			HttpServletResponse response) {
		ClientPrincipal principal = new ClientPrincipal(account.id(), account.username(), null);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
				principal.getAuthorities()));
		SecurityContextHolder.setContext(context);
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		contexts.saveContext(context, request, response);
	}

	static AuthenticationFailureHandler loginFailureHandler() {
		return LoginController.failureHandler("/account/login");
	}
}
