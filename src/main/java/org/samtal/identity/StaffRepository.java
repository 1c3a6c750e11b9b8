package org.samtal.identity;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StaffRepository {

	private final JdbcClient jdbc;

	StaffRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StaffPrincipal> findByUsername(String username) {
		return jdbc.sql("""
				SELECT id, username, display_name, role, organisation_id, password_hash
				FROM staff_account WHERE username = ?""")
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
					java.sql.Timestamp.from(now))
			.update();
		for (UUID receptionId : receptionIds) {
			jdbc.sql("INSERT INTO staff_reception (staff_id, reception_id) VALUES (?, ?)")
				.params(id, receptionId)
				.update();
		}
	}

	void updatePassword(UUID id, String passwordHash) {
		jdbc.sql("UPDATE staff_account SET password_hash = ? WHERE id = ?").params(passwordHash, id).update();
	}
}
