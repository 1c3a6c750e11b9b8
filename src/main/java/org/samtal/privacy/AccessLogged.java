package org.samtal.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a staff endpoint that reads or changes a client's personal data and records it in the {@link AccessLog}. A
 * test holds every staff endpoint to carry this or {@link NoClientData}, and checks that these really write entries.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AccessLogged {

	DataCategory[] value();
}
