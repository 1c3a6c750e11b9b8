package org.samtal.identity;

import java.security.Principal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.samtal.platform.Problems;
import org.samtal.privacy.NoClientData;
import org.samtal.tenancy.Organisation;
import org.samtal.tenancy.Reception;
import org.samtal.tenancy.Receptions;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin's staff page: the organisation's staff accounts, and closing one when someone leaves. Closing asks first,
 * on a page of its own that says what it does, since it cannot be undone.
 */
@Controller
class StaffPage {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

	private final StaffAccounts accounts;
	private final Receptions receptions;
	private final MessageSource messages;

	StaffPage(StaffAccounts accounts, Receptions receptions, MessageSource messages) {
		this.accounts = accounts;
		this.receptions = receptions;
		this.messages = messages;
	}

	/** One account as the page shows it, dates in the organisation's own time zone. */
	record Row(UUID id, String displayName, String username, StaffRole role, List<String> receptions, String createdOn,
			String closedOn, boolean self) {
	}

	@NoClientData("staff accounts of the admin's own organisation: names, usernames, roles and receptions")
	@GetMapping("/admin/staff")
	@PreAuthorize("hasRole('ADMIN')")
	String list(Principal principal, Model model) {
		StaffMember admin = admin(principal);
		model.addAttribute("accounts", rows(admin));
		return "admin-staff";
	}

	@NoClientData("one staff account of the admin's own organisation, before closing it")
	@GetMapping("/admin/staff/{id}/close")
	@PreAuthorize("hasRole('ADMIN')")
	String confirm(@PathVariable UUID id, Principal principal, Model model) {
		StaffMember admin = admin(principal);
		Row row = rows(admin).stream()
			.filter(each -> each.id().equals(id))
			.findFirst()
			.orElseThrow(StaffPage::notFound);
		if (row.closedOn() != null || row.self()) {
			return "redirect:/admin/staff";
		}
		model.addAttribute("account", row);
		return "admin-staff-close";
	}

	@NoClientData("closes a staff account of the admin's own organisation")
	@PostMapping("/admin/staff/{id}/close")
	@PreAuthorize("hasRole('ADMIN')")
	String close(@PathVariable UUID id, Principal principal, Locale locale, RedirectAttributes redirect) {
		StaffMember admin = admin(principal);
		try {
			String name = rows(admin).stream()
				.filter(each -> each.id().equals(id))
				.map(Row::displayName)
				.findFirst()
				.orElseThrow(StaffPage::notFound);
			boolean closed = accounts.close(admin, id);
			redirect.addFlashAttribute("status", messages.getMessage(closed ? "staff.closed" : "staff.alreadyClosed",
					new Object[] { name }, locale));
		}
		catch (Problems refused) {
			if (refused.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
				throw refused;
			}
			redirect.addFlashAttribute("error",
					messages.getMessage("staff.problem." + refused.slug(), null, refused.detail(), locale));
		}
		return "redirect:/admin/staff";
	}

	private List<Row> rows(StaffMember admin) {
		List<StaffAccount> all = accounts.ofOrganisation(admin);
		Map<UUID, Reception> at = receptions.byIds(all.stream()
			.flatMap(account -> account.receptionIds().stream())
			.collect(Collectors.toSet()));
		ZoneId zone = receptions.organisation(admin.organisationId())
			.map(Organisation::timeZone)
			.orElse(ZoneId.of("Europe/Stockholm"));
		return all.stream()
			.map(account -> new Row(account.id(), account.displayName(), account.username(), account.role(),
					account.receptionIds().stream()
						.map(at::get)
						.filter(Objects::nonNull)
						.map(Reception::name)
						.sorted()
						.toList(),
					day(account.createdAt(), zone), account.closedAt() == null ? null : day(account.closedAt(), zone),
					account.id().equals(admin.id())))
			.toList();
	}

	private static String day(Instant at, ZoneId zone) {
		return DAY.format(at.atZone(zone));
	}

	private static StaffMember admin(Principal principal) {
		return StaffMember.of(principal)
			.orElseThrow(() -> Problems.of(HttpStatus.UNAUTHORIZED, "login-required", "Log in", "Log in as staff."));
	}

	private static Problems notFound() {
		return Problems.notFound("staff-account-not-found", "No such staff account",
				"Your organisation has no staff account with that id.");
	}
}
