package org.samtal.privacy;

/** The kinds of personal data Samtal keeps, as named in the processing register. */
public enum DataCategory {
	CHAT_CONTENT, FORM_ANSWER, CHAT_FILE, FEEDBACK, STAFF_ACCOUNT, ACCESS_LOG_ENTRY
}
