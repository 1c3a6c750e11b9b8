/**
 * Patient records, session notes and the support line's memory notes. So far the module declares, in the processing
 * register, the personal data it will keep (its screens and tables arrive in the journal issue), so that retention
 * rules, notices and the compliance lint already cover it.
 * <p>
 * Personal data it will keep: journal entries, 10 years after the last entry (patientdatalagen 3 kap. 17 §); session
 * notes, by default the same, or until a session package is completed where the organisation chooses so (flagged by
 * the compliance lint for care providers); memory notes for follow-up, only with the client's consent.
 */
@ApplicationModule(displayName = "Journal")
package org.samtal.journal;

import org.springframework.modulith.ApplicationModule;
