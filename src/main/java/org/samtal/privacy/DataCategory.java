package org.samtal.privacy;

/**
 * The kinds of personal data Samtal keeps: the processing register's vocabulary. What each one is for, on which
 * legal basis and for how long is declared by the module that stores it, as a {@link CategoryDeclaration}.
 */
public enum DataCategory {
	// chat
	CHAT_CONTENT, FORM_ANSWER, CHAT_FILE, FEEDBACK,
	// identity
	STAFF_ACCOUNT, LOGIN_ATTEMPT, CLIENT_ACCOUNT, CONTACT_DETAIL,
	// tenancy
	ORGANISATION_CONTACT,
	// privacy
	ACCESS_LOG_ENTRY, CARE_CONTACT, CONSENT_RECORD,
	// privacy: who changed an organisation's register, and when
	REGISTER_CHANGE,
	// privacy: a subject's restriction of processing and objection
	RIGHTS_REQUEST,
	// requests: data-subject requests made on the public form
	DATA_SUBJECT_REQUEST,
	// booking
	APPOINTMENT,
	// journal
	JOURNAL_ENTRY, SESSION_NOTE, MEMORY_NOTE,
	// commerce
	CUSTOMER_RECORD, INVOICE, MATERIAL_ORDER, RECORDING,
	// referral
	REFERRAL,
	// outreach
	ANALYTICS_EVENT, MARKETING_CONTACT, NEWSLETTER_SUBSCRIPTION, TESTIMONIAL, COMMENT, SERVICE_TICKET,
	// notification
	NOTIFICATION
}
