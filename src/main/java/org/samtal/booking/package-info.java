/**
 * Availability, appointment types and appointments. So far the module declares, in the processing register, the
 * personal data it will keep (its screens and tables arrive in the booking issue), so that retention rules, notices
 * and the compliance lint already cover it.
 * <p>
 * Personal data it will keep: appointments (time, reception, the client's pseudonym), deleted when the appointment
 * has been held or cancelled.
 */
@ApplicationModule(displayName = "Booking")
package org.samtal.booking;

import org.springframework.modulith.ApplicationModule;
