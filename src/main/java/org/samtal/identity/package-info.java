/**
 * Staff accounts (counselors and admins), their reception memberships, authentication and login throttling.
 * <p>
 * Personal data kept: a staff member's username, display name and password hash, for as long as the account exists;
 * a hash of a username with its count of recent failed logins, until the next successful login or at most one day
 * after the last failure. Client accounts arrive in their own issue.
 */
@ApplicationModule(displayName = "Identity")
package org.samtal.identity;

import org.springframework.modulith.ApplicationModule;
