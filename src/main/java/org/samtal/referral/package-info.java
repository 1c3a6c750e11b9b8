/**
 * Encrypted contact requests to clinics the client chooses. So far the module declares, in the processing register, the
 * personal data it will keep (its screens and tables arrive in the referral issue), so that retention rules, notices
 * and the compliance lint already cover it.
 * <p>
 * Personal data it will keep: a referral's need for help and contact details; 5 months after sending, the contact
 * details are deleted and the rest is kept anonymised.
 */
@ApplicationModule(displayName = "Referral")
package org.samtal.referral;

import org.springframework.modulith.ApplicationModule;
