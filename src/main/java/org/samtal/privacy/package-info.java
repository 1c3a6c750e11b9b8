/**
 * The privacy engine. In this first slice: the access log, which records every staff read or change of a client's
 * personal data. The processing register, retention engine, consent ledger and data-subject requests build on it.
 * <p>
 * Personal data kept: access-log entries (staff id and role, the client's pseudonym, never a name or contact
 * detail), for 5 years.
 */
@ApplicationModule(displayName = "Privacy")
package org.samtal.privacy;

import org.springframework.modulith.ApplicationModule;
