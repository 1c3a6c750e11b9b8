/**
 * Organisations (the controllers of personal data), their receptions (mottagningar), and opening hours.
 * <p>
 * Personal data kept: the name and work contact of each organisation's data protection officer, which the
 * organisation publishes in its privacy notice. Kept as long as the organisation uses Samtal.
 */
@ApplicationModule(displayName = "Tenancy")
package org.samtal.tenancy;

import org.springframework.modulith.ApplicationModule;
