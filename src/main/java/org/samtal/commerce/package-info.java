/**
 * Customers, invoices, courses and material orders. So far the module declares, in the processing register, the
 * personal data it will keep (its screens and tables arrive in the commerce issue), so that retention rules, notices
 * and the compliance lint already cover it.
 * <p>
 * Personal data it will keep: invoices until the end of the 7th year after the fiscal year in Sweden (5 years in
 * Norway); customer records until the client stops being a customer; material orders until dispatched; recordings of
 * trainings at most 2 days.
 */
@ApplicationModule(displayName = "Commerce")
package org.samtal.commerce;

import org.springframework.modulith.ApplicationModule;
