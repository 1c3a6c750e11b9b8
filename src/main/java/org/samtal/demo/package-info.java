/**
 * The five reference organisations of DESIGN.md, with fictional names and contacts, and their demo staff. Active
 * only in the {@code demo} profile; nothing here runs otherwise.
 * <p>
 * Personal data kept: none real. Demo staff accounts are fictional.
 */
@ApplicationModule(displayName = "Demo")
package org.samtal.demo;

import org.springframework.modulith.ApplicationModule;
