/**
 * Newsletter, testimonials, comments, marketing contacts, analytics and customer service. So far the module declares,
 * in the processing register, the personal data it will keep (its screens and tables arrive in the outreach issue),
 * so that retention rules, notices and the compliance lint already cover it.
 * <p>
 * Personal data it will keep: analytics 3 months; marketing contacts 12 months after the last contact; newsletter
 * subscriptions and testimonials until withdrawn; comments until removed; customer-service messages until handled.
 */
@ApplicationModule(displayName = "Outreach")
package org.samtal.outreach;

import org.springframework.modulith.ApplicationModule;
