package org.samtal.privacy;

/**
 * The kinds of personal data Samtal keeps: the processing register's vocabulary. What each one is for, on which
 * legal basis and for how long is declared by the module that stores it, as a {@link CategoryDeclaration}.
 */
public enum DataCategory {
	CHAT_CONTENT, FORM_ANSWER, CHAT_FILE, FEEDBACK, STAFF_ACCOUNT, LOGIN_ATTEMPT, ORGANISATION_CONTACT, ACCESS_LOG_ENTRY, CARE_CONTACT
}
