package org.samtal.identity;

import java.time.Duration;
import java.util.function.UnaryOperator;
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
	private final String throttleNamespace;
	private final UnaryOperator<String> normalise;

	/**
	 * @param throttleNamespace keeps a client's failures apart from a staff member's of the same name
	 * @param normalise how this kind of account writes a username
	 */
	ThrottledAuthentication(DaoAuthenticationProvider passwords, LoginThrottle throttle, String throttleNamespace,
			UnaryOperator<String> normalise) {
		this.passwords = passwords;
		this.throttle = throttle;
		this.throttleNamespace = throttleNamespace;
		this.normalise = normalise;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = normalise.apply(authentication.getName());
		String throttled = throttleNamespace + username;
		Duration wait = throttle.waitBefore(throttled);
		if (!wait.isZero()) {
			throw new LoginThrottled(wait);
		}
		try {
			Authentication result = passwords.authenticate(UsernamePasswordAuthenticationToken
				.unauthenticated(username, authentication.getCredentials()));
			throttle.succeeded(throttled);
			return result;
		}
		catch (BadCredentialsException wrong) {
			throttle.failed(throttled);
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
