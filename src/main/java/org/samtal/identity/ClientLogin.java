package org.samtal.identity;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Checks a client's username and password, for the login page and the API alike, under the same throttle. */
@Component
class ClientLogin {

	private final ThrottledAuthentication authentication;

	ClientLogin(ClientAccounts clients, LoginThrottle throttle) {
		UserDetailsService clientDetails = username -> clients.principal(username)
			.orElseThrow(() -> new UsernameNotFoundException("No such client account"));
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(clientDetails);
		passwords.setPasswordEncoder(clients.passwordEncoder());
		// A client's failures are counted apart from a staff member's of the same name.
		this.authentication = new ThrottledAuthentication(passwords, throttle, "client:", ClientAccounts::normalise);
	}

	AuthenticationProvider provider() {
		return authentication;
	}
}
