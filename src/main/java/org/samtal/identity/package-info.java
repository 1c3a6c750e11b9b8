/**
 * Staff accounts (counselors and admins), their reception memberships, clients' pseudonymous accounts,
 * authentication and login throttling.
 * <p>
 * Personal data kept: a staff member's username, display name and password hash while the account is open; when an
 * admin closes it, the password hash goes at once, and the name and username stay until no kept access-log entry or
 * review names the person (HSLF-FS 2016:40 4 kap. 9 §: the log must say who read), then the retention engine deletes
 * the account;
 * a client's chosen pseudonym and Argon2id password hash with the times of creation, last login and password change
 * and their language, until 365 days after the last login without an ongoing conversation (the retention engine
 * deletes it through the rights engine); their optional e-mail address and mobile number, verified by one-time codes
 * (kept as hashes, minutes long), and API tokens (as hashes, 15 minutes), all going with the account; a hash of a username with its count of recent
 * failed logins, until the next successful login or at most one day after the last failure. The platform operator
 * is the controller of all of it.
 */
@ApplicationModule(displayName = "Identity")
package org.samtal.identity;

import org.springframework.modulith.ApplicationModule;
