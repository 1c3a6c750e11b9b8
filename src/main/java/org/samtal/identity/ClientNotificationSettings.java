package org.samtal.identity;

import java.util.Locale;
import java.util.UUID;
import org.samtal.notification.NotificationConsent;
import org.samtal.privacy.ConsentLedger;
import org.samtal.privacy.ConsentRecord;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.DataSubject;
import org.samtal.privacy.Restrictions;
import org.springframework.stereotype.Component;

/**
 * The notifications a client has switched on, kept as consents to the platform operator in the consent ledger:
 * switching off withdraws at once, and the notification module asks again before every attempt.
 */
@Component
class ClientNotificationSettings implements NotificationConsent {

	static final ConsentRecord.Purpose INACTIVITY_WARNING = new ConsentRecord.Purpose("inactivity-warning",
			"Warn me by e-mail or SMS 14 days before my account is deleted for inactivity");

	private final ConsentLedger ledger;
	private final ClientAccounts accounts;
	private final Restrictions restrictions;

	ClientNotificationSettings(ConsentLedger ledger, ClientAccounts accounts, Restrictions restrictions) {
		this.restrictions = restrictions;
		this.ledger = ledger;
		this.accounts = accounts;
	}

	boolean inactivityWarning(UUID accountId) {
		return ledger.isGivenToOperator(subjectKey(accountId), INACTIVITY_WARNING.code());
	}

	void switchInactivityWarning(UUID accountId, boolean on, Locale language) {
		if (on) {
			ledger.giveToOperator(subjectKey(accountId), INACTIVITY_WARNING, DataCategory.NOTIFICATION,
					ConsentRecord.Method.WEB_FORM, language);
		}
		else {
			ledger.withdrawFromOperator(subjectKey(accountId), INACTIVITY_WARNING.code(), ConsentRecord.Method.WEB_FORM);
		}
	}

	/** Only a client's own consents decide over messages to them; other subjects are not this module's. */
	@Override
	public boolean allows(String subject, String purpose) {
		// A client who restricted processing gets no notices until they lift it (GDPR Art. 18).
		return subject != null && subject.startsWith("client:") && ledger.isGivenToOperator(subject, purpose)
				&& !restrictions.isRestrictedFor(subject, null);
	}

	private static String subjectKey(UUID accountId) {
		return DataSubject.clientKey(accountId);
	}
}
