package org.samtal.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may reach what. Visitors need no account; staff log in with a password. Authorization on client data is
 * checked again in the services: these URL rules are the outer wall, not the only one.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	/** No inline script or style, nothing from other origins. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
			+ "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

	/** The public visitor API: authenticated per conversation by bearer token, so no session and no CSRF. */
	@Bean
	@Order(1)
	SecurityFilterChain visitorApiSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	/**
	 * Clients' own pages. They have a login of their own, against client accounts only, so a client's password can
	 * never open the console and a staff password never opens a client's data.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain clientSecurity(HttpSecurity http, ClientAccounts clients, ClientLogin login)
			throws Exception {
		http.securityMatcher("/account", "/account/**")
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/account/register", "/account/login", "/account/forgotten", "/account/reset",
						"/account/reset/request")
				.permitAll()
				.anyRequest().hasRole("CLIENT"))
			.authenticationManager(new ProviderManager(login.provider()))
			.formLogin(form -> form.loginPage("/account/login")
				.successHandler((request, response, authentication) -> {
					clients.loggedIn(((ClientPrincipal) authentication.getPrincipal()).id());
					response.sendRedirect(request.getContextPath() + "/account");
				})
				.failureHandler(ClientAccountPages.loginFailureHandler())
				.authenticationDetailsSource(request -> null)
				.permitAll())
			.logout(logout -> logout.logoutUrl("/account/logout").logoutSuccessUrl("/account/login?logout"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions(frame -> frame.deny()));
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain webSecurity(HttpSecurity http, AuthenticationManager authentication,
			ClosedAccountSessions closedAccounts) throws Exception {
		http.addFilterAfter(closedAccounts.filter(), SecurityContextHolderFilter.class);
		http.authorizeHttpRequests(requests -> requests
				.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				.requestMatchers("/actuator/**").hasRole("ADMIN")
				.requestMatchers("/admin/**").hasRole("ADMIN")
				.requestMatchers("/console/**").hasRole("COUNSELOR")
				.anyRequest().permitAll())
			.authenticationManager(authentication)
			.formLogin(form -> form.loginPage("/login")
				.defaultSuccessUrl("/console", true)
				.failureHandler(LoginController.failureHandler())
				// The default details hold the client's IP address; Samtal keeps none.
				.authenticationDetailsSource(request -> null)
				.permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			// Starting a chat is protected by an Origin check instead of a token: a token would need a cookie
			// before the visitor chose to start, and the reception page sets none.
			.csrf(csrf -> csrf.ignoringRequestMatchers("/r/*/chat"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions(frame -> frame.deny()));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * The only way to authenticate, with no parent manager, so a failed attempt is counted exactly once. Being a bean,
	 * it also keeps Spring Boot from adding a default user with a generated password.
	 */
	@Bean
	AuthenticationManager staffAuthentication(StaffRepository staff, PasswordEncoder passwordEncoder,
			LoginThrottle throttle) {
		return new ProviderManager(throttledPasswords(staff, passwordEncoder, throttle));
	}

	private static ThrottledAuthentication throttledPasswords(StaffRepository staff, PasswordEncoder passwordEncoder,
			LoginThrottle throttle) {
		UserDetailsService staffDetails = username -> staff.findByUsername(StaffAccounts.normalise(username))
			.orElseThrow(() -> new UsernameNotFoundException("No such staff account"));
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(staffDetails);
		passwords.setPasswordEncoder(passwordEncoder);
		return new ThrottledAuthentication(passwords, throttle, "", StaffAccounts::normalise);
	}
}
