package org.samtal.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ReceptionRepository {

	private static final String SELECT = """
			SELECT r.id, r.slug, r.name, r.chat_enabled, r.always_open, r.welcome_text, r.pre_chat_form,
			       o.id AS org_id, o.slug AS org_slug, o.name AS org_name, o.country, o.organisation_number,
			       o.time_zone, o.dpo_name, o.dpo_email, o.supervisory_authority, o.contact_email, o.postal_address
			FROM reception r JOIN organisation o ON o.id = r.organisation_id
			""";

	private static final String SELECT_ORGANISATION = """
			SELECT id AS org_id, slug AS org_slug, name AS org_name, country, organisation_number, time_zone,
			       dpo_name, dpo_email, supervisory_authority, contact_email, postal_address
			FROM organisation""";

	private final JdbcClient jdbc;
	private final JsonMapper json;

	ReceptionRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	List<Reception> findAll() {
		return withHours(jdbc.sql(SELECT + " ORDER BY o.name, r.name").query(this::row).list());
	}

	Optional<Reception> findBySlug(String slug) {
		return withHours(jdbc.sql(SELECT + " WHERE r.slug = ?").param(slug).query(this::row).list()).stream().findFirst();
	}

	List<Reception> findByIds(Collection<UUID> ids) {
		return withHours(jdbc.sql(SELECT + " WHERE r.id = ANY (?) ORDER BY r.name").param(ids.toArray(UUID[]::new))
			.query(this::row).list());
	}

	Optional<Reception> findById(UUID id) {
		return withHours(jdbc.sql(SELECT + " WHERE r.id = ?").param(id).query(this::row).list()).stream().findFirst();
	}

	List<Organisation> findAllOrganisations() {
		return jdbc.sql(SELECT_ORGANISATION + " ORDER BY name").query((rs, n) -> organisation(rs)).list();
	}

	Optional<Organisation> findOrganisation(UUID id) {
		return jdbc.sql(SELECT_ORGANISATION + " WHERE id = ?").param(id).query((rs, n) -> organisation(rs)).optional();
	}

	Optional<Organisation> findOrganisationBySlug(String slug) {
		return jdbc.sql(SELECT_ORGANISATION + " WHERE slug = ?").param(slug).query((rs, n) -> organisation(rs))
			.optional();
	}

	void insert(Organisation organisation) {
		jdbc.sql("""
				INSERT INTO organisation (id, slug, name, country, organisation_number, time_zone, dpo_name, dpo_email,
				                          supervisory_authority, contact_email, postal_address)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(organisation.id(), organisation.slug(), organisation.name(), organisation.country().name(),
					organisation.organisationNumber(), organisation.timeZone().getId(), organisation.dpoName(),
					organisation.dpoEmail(), organisation.supervisoryAuthority(), organisation.contactEmail(),
					organisation.postalAddress())
			.update();
	}

	void insert(Reception reception) {
		jdbc.sql("""
				INSERT INTO reception (id, organisation_id, slug, name, chat_enabled, always_open, welcome_text,
				                       pre_chat_form)
				VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""")
			.params(reception.id(), reception.organisation().id(), reception.slug(), reception.name(),
					reception.chatEnabled(), reception.alwaysOpen(), json.writeValueAsString(reception.welcome()),
					reception.preChatForm().map(json::writeValueAsString).orElse(null))
			.update();
		for (OpeningHours hours : reception.openingHours()) {
			jdbc.sql("INSERT INTO opening_hours (reception_id, day_of_week, opens, closes) VALUES (?, ?, ?, ?)")
				.params(reception.id(), hours.day().getValue(), Time.valueOf(hours.opens()), Time.valueOf(hours.closes()))
				.update();
		}
	}

	boolean organisationExists(String slug) {
		return jdbc.sql("SELECT count(*) FROM organisation WHERE slug = ?").param(slug).query(Integer.class).single() > 0;
	}

	private List<Reception> withHours(List<Reception> receptions) {
		if (receptions.isEmpty()) {
			return receptions;
		}
		Map<UUID, List<OpeningHours>> hours = jdbc.sql("""
				SELECT reception_id, day_of_week, opens, closes FROM opening_hours
				WHERE reception_id = ANY (?) ORDER BY day_of_week, opens""")
			.param(receptions.stream().map(Reception::id).toArray(UUID[]::new))
			.query((rs, n) -> Map.entry(rs.getObject("reception_id", UUID.class),
					new OpeningHours(DayOfWeek.of(rs.getInt("day_of_week")), rs.getTime("opens").toLocalTime(),
							rs.getTime("closes").toLocalTime())))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toCollection(ArrayList::new))));
		return receptions.stream()
			.map(r -> new Reception(r.id(), r.slug(), r.name(), r.organisation(), r.chatEnabled(), r.alwaysOpen(),
					r.welcome(), r.preChatForm(), hours.getOrDefault(r.id(), new ArrayList<>())))
			.toList();
	}

	private Reception row(ResultSet rs, int rowNum) throws SQLException {
		String form = rs.getString("pre_chat_form");
		return new Reception(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
				organisation(rs), rs.getBoolean("chat_enabled"), rs.getBoolean("always_open"),
				json.readValue(rs.getString("welcome_text"), LocalizedText.class),
				Optional.ofNullable(form).map(f -> json.readValue(f, PreChatForm.class)), List.of());
	}

	private static Organisation organisation(ResultSet rs) throws SQLException {
		return new Organisation(rs.getObject("org_id", UUID.class), rs.getString("org_slug"), rs.getString("org_name"),
				Organisation.Country.valueOf(rs.getString("country")), rs.getString("organisation_number"),
				ZoneId.of(rs.getString("time_zone")), rs.getString("dpo_name"), rs.getString("dpo_email"),
				rs.getString("supervisory_authority"), rs.getString("contact_email"), rs.getString("postal_address"));
	}
}
