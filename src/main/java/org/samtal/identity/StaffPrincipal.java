package org.samtal.identity;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

final class StaffPrincipal implements UserDetails, CredentialsContainer {

	private final StaffMember member;
	private String passwordHash;

	StaffPrincipal(StaffMember member, String passwordHash) {
		this.member = member;
		this.passwordHash = passwordHash;
	}

	StaffMember member() {
		return member;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return member.isAdmin()
				? List.of(new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_COUNSELOR"))
				: List.of(new SimpleGrantedAuthority("ROLE_COUNSELOR"));
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return member.username();
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}
}
