package org.samtal.privacy;

/**
 * A data subject restricted the processing of their data (GDPR Art. 18). Published in the restricting transaction, so
 * a module that passed the data on to a recipient outside Samtal can tell that recipient, as GDPR Art. 19 asks.
 * @param subjectKey the key the subject is filed under (the event stays in memory; it is not stored)
 */
public record SubjectRestricted(String subjectKey) {
}
