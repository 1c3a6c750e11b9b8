package org.samtal.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StaffRepository {

	private static final String ACCOUNT_COLUMNS = """
			id, username, display_name, role, created_at, closed_at,
			ARRAY(SELECT reception_id FROM staff_reception WHERE staff_id = s.id) AS receptions""";

	private final JdbcClient jdbc;

	StaffRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StaffPrincipal> findByUsername(String username) {
		return jdbc.sql("""
				SELECT id, username, display_name, role, organisation_id, password_hash
				FROM staff_account WHERE username = ? AND closed_at IS NULL""")
			.param(username)
			.query((rs, n) -> {
				UUID id = rs.getObject("id", UUID.class);
				StaffMember member = new StaffMember(id, rs.getString("username"), rs.getString("display_name"),
						StaffRole.valueOf(rs.getString("role")), rs.getObject("organisation_id", UUID.class),
						receptionsOf(id));
				return new StaffPrincipal(member, rs.getString("password_hash"));
			})
			.optional();
	}

	Optional<UUID> idOf(String username) {
		return jdbc.sql("SELECT id FROM staff_account WHERE username = ?").param(username).query(UUID.class).optional();
	}

	Optional<String> usernameOf(UUID id) {
		return jdbc.sql("SELECT username FROM staff_account WHERE id = ?").param(id).query(String.class).optional();
	}

	Optional<String> displayNameOf(UUID id) {
		return jdbc.sql("SELECT display_name FROM staff_account WHERE id = ?").param(id).query(String.class).optional();
	}

	private Set<UUID> receptionsOf(UUID staffId) {
		return new HashSet<>(jdbc.sql("SELECT reception_id FROM staff_reception WHERE staff_id = ?")
			.param(staffId)
			.query(UUID.class)
			.list());
	}

	void insert(UUID id, String username, String displayName, StaffRole role, UUID organisationId, String passwordHash,
			Set<UUID> receptionIds, Instant now) {
		jdbc.sql("""
				INSERT INTO staff_account (id, username, display_name, role, organisation_id, password_hash, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, username, displayName, role.name(), organisationId, passwordHash,
					Timestamp.from(now))
			.update();
		for (UUID receptionId : receptionIds) {
			jdbc.sql("INSERT INTO staff_reception (staff_id, reception_id) VALUES (?, ?)")
				.params(id, receptionId)
				.update();
		}
	}

	/** False for a closed account, whose password is gone for good. */
	boolean updatePassword(UUID id, String passwordHash) {
		return jdbc.sql("UPDATE staff_account SET password_hash = ? WHERE id = ? AND closed_at IS NULL")
			.params(passwordHash, id)
			.update() == 1;
	}

	/** The organisation's staff accounts, open ones first, each by name. */
	List<StaffAccount> ofOrganisation(UUID organisationId) {
		return jdbc.sql("SELECT " + ACCOUNT_COLUMNS + """
				 FROM staff_account s WHERE organisation_id = ?
				ORDER BY closed_at IS NOT NULL, lower(display_name), username""")
			.param(organisationId)
			.query(StaffRepository::account)
			.list();
	}

	/** One of the organisation's staff accounts; empty for another organisation's. */
	Optional<StaffAccount> find(UUID id, UUID organisationId) {
		return jdbc.sql("SELECT " + ACCOUNT_COLUMNS + " FROM staff_account s WHERE id = ? AND organisation_id = ?")
			.params(id, organisationId)
			.query(StaffRepository::account)
			.optional();
	}

	private static StaffAccount account(ResultSet rs, int rowNum) throws SQLException {
		Timestamp closed = rs.getTimestamp("closed_at");
		return new StaffAccount(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
				StaffRole.valueOf(rs.getString("role")), rs.getTimestamp("created_at").toInstant(),
				closed == null ? null : closed.toInstant(), Set.of((UUID[]) rs.getArray("receptions").getArray()));
	}

	/** Whether a signed-in staff member's account is still open (a closed one's sessions end). */
	boolean isOpen(UUID id) {
		return jdbc.sql("SELECT 1 FROM staff_account WHERE id = ? AND closed_at IS NULL")
			.param(id)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	/** Whether the account is open, keeping it so (a share lock) until the transaction ends. */
	boolean lockOpen(UUID id) {
		return jdbc.sql("SELECT 1 FROM staff_account WHERE id = ? AND closed_at IS NULL FOR SHARE")
			.param(id)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	/**
	 * Closes an open account: the password hash goes for good and the holder leaves every reception. Name and
	 * username stay for the access log. False when it was not open.
	 */
	boolean close(UUID id, Instant now) {
		boolean closed = jdbc.sql("""
				UPDATE staff_account SET closed_at = ?, password_hash = NULL WHERE id = ? AND closed_at IS NULL""")
			.params(Timestamp.from(now), id)
			.update() == 1;
		if (closed) {
			jdbc.sql("DELETE FROM staff_reception WHERE staff_id = ?").param(id).update();
		}
		return closed;
	}
}
