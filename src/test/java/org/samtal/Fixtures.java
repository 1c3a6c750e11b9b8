package org.samtal;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.samtal.identity.StaffAccounts;
import org.samtal.identity.StaffRole;
import org.samtal.tenancy.LocalizedText;
import org.samtal.tenancy.OpeningHours;
import org.samtal.tenancy.Organisation;
import org.samtal.tenancy.PreChatForm;
import org.samtal.tenancy.Reception;
import org.samtal.tenancy.Receptions;
import org.springframework.boot.test.context.TestComponent;

/** Small, unique data for one test: an organisation with a reception, and staff who work there. */
@TestComponent
public class Fixtures {

	public static final String PASSWORD = "correct-horse-battery";
	/** The organisation whose admins act for the platform operator in tests (samtal.operator.organisation). */
	public static final String OPERATOR_SLUG = "plattformen";
	private static final AtomicInteger sequence = new AtomicInteger();

	private final Receptions receptions;
	private final StaffAccounts staff;

	Fixtures(Receptions receptions, StaffAccounts staff) {
		this.receptions = receptions;
		this.staff = staff;
	}

	public record Staff(UUID id, String username, String password) {
	}

	/** An always-open reception with chat, in a new organisation. */
	public Reception openReception() {
		return reception(true, true, null, List.of());
	}

	public Reception receptionWithForm() {
		PreChatForm form = new PreChatForm(List.of(
				new PreChatForm.Field("ageGroup", LocalizedText.of("Ålder", "Alder", "Age"), true,
						List.of(new PreChatForm.Option("13-15", LocalizedText.of("13–15", "13–15", "13–15")),
								new PreChatForm.Option("16-19", LocalizedText.of("16–19", "16–19", "16–19")))),
				new PreChatForm.Field("topic", LocalizedText.of("Ämne", "Emne", "Topic"), false,
						List.of(new PreChatForm.Option("body", LocalizedText.of("Kropp", "Kropp", "Body"))))));
		return reception(true, true, form, List.of());
	}

	/** A reception with chat but no opening hours at all: always closed. */
	public Reception closedReception() {
		return reception(true, false, null, List.of());
	}

	public Reception reception(boolean chat, boolean alwaysOpen, PreChatForm form, List<OpeningHours> hours) {
		return reception(Organisation.Country.SE, chat, alwaysOpen, form, hours);
	}

	/** A reception of the organisation that acts for the platform operator, made once and shared by tests. */
	public Reception operatorReception() {
		return receptions.all().stream().filter(r -> r.organisation().slug().equals(OPERATOR_SLUG)).findFirst()
			.orElseGet(() -> {
				Organisation operator = new Organisation(UUID.randomUUID(), OPERATOR_SLUG, "Plattformsförbundet",
						Organisation.Country.SE, "222000-0001", ZoneId.of("Europe/Stockholm"), "DPO plattformen",
						"dpo@plattformen.example", "Integritetsskyddsmyndigheten (IMY)");
				Reception reception = new Reception(UUID.randomUUID(), "plattformen-reception", "Plattformens mottagning",
						operator, false, false, LocalizedText.of("Välkommen", "Velkommen", "Welcome"), Optional.empty(),
						List.of());
				receptions.register(operator, List.of(reception));
				return receptions.all().stream().filter(r -> r.organisation().slug().equals(OPERATOR_SLUG)).findFirst()
					.orElseThrow();
			});
	}

	/** An open reception of a Norwegian organisation. */
	public Reception norwegianReception() {
		return reception(Organisation.Country.NO, true, true, null, List.of());
	}

	private Reception reception(Organisation.Country country, boolean chat, boolean alwaysOpen, PreChatForm form,
			List<OpeningHours> hours) {
		int n = sequence.incrementAndGet();
		String suffix = n + "-" + UUID.randomUUID().toString().substring(0, 6);
		boolean sweden = country == Organisation.Country.SE;
		Organisation organisation = new Organisation(UUID.randomUUID(), "org-" + suffix, "Organisation " + n, country,
				sweden ? "556000-" + String.format("%04d", n % 10000) : String.format("9%08d", n),
				ZoneId.of(sweden ? "Europe/Stockholm" : "Europe/Oslo"), "DPO " + n, "dpo" + n + "@org.example",
				sweden ? "Integritetsskyddsmyndigheten (IMY)" : "Datatilsynet", "kontakt" + n + "@org.example",
				"Box " + n + ", 111 " + String.format("%02d", n % 100) + (sweden ? " Stockholm" : " Oslo"));
		Reception reception = new Reception(UUID.randomUUID(), "rec-" + suffix, "Reception " + n, organisation, chat,
				alwaysOpen, LocalizedText.of("Välkommen", "Velkommen", "Welcome"), Optional.ofNullable(form), hours);
		receptions.register(organisation, List.of(reception));
		return reception;
	}

	public Staff counselor(Reception... at) {
		return person(StaffRole.COUNSELOR, at);
	}

	public Staff admin(Reception... at) {
		return person(StaffRole.ADMIN, at);
	}

	private Staff person(StaffRole role, Reception... at) {
		String username = role.name().toLowerCase() + "." + sequence.incrementAndGet();
		Set<UUID> ids = new java.util.HashSet<>();
		for (Reception reception : at) {
			ids.add(reception.id());
		}
		UUID id = staff.createOrResetPassword(username, "Staff " + username, role, at[0].organisation().id(), ids,
				PASSWORD);
		return new Staff(id, username, PASSWORD);
	}
}
