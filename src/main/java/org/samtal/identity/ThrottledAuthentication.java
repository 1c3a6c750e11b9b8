package org.samtal.identity;

import java.time.Duration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/** Password login that refuses to even check a password while the username is throttled. */
class ThrottledAuthentication implements AuthenticationProvider {

	private final DaoAuthenticationProvider passwords;
	private final LoginThrottle throttle;

	ThrottledAuthentication(DaoAuthenticationProvider passwords, LoginThrottle throttle) {
		this.passwords = passwords;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = StaffAccounts.normalise(authentication.getName());
		Duration wait = throttle.waitBefore(username);
		if (!wait.isZero()) {
			throw new LoginThrottled(wait);
		}
		try {
			Authentication result = passwords.authenticate(UsernamePasswordAuthenticationToken
				.unauthenticated(username, authentication.getCredentials()));
			throttle.succeeded(username);
			return result;
		}
		catch (BadCredentialsException wrong) {
			throttle.failed(username);
			throw wrong;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	static class LoginThrottled extends AuthenticationException {

		private final Duration wait;

		LoginThrottled(Duration wait) {
			super("Too many failed logins; wait " + wait.toSeconds() + " s");
			this.wait = wait;
		}

		Duration waitTime() {
			return wait;
		}
	}
}
