package org.samtal.identity;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.ExpiringRecords;
import org.samtal.privacy.SubjectRights;
import org.samtal.privacy.TableRecords;
import org.springframework.beans.factory.ObjectProvider;

/**
 * An account past its 365 days goes the way a client's own deletion does, through the rights engine: its contacts,
 * codes and tokens go, an ongoing conversation would end, and its standing consents are withdrawn. A plain row delete
 * would leave those behind. Which accounts are due is {@link TableRecords}' answer.
 */
class ExpiredClientAccounts implements ExpiringRecords {

	private final TableRecords due;
	private final ObjectProvider<ClientAccounts> accounts;
	private final ObjectProvider<SubjectRights> rights;

	ExpiredClientAccounts(TableRecords due, ObjectProvider<ClientAccounts> accounts, ObjectProvider<SubjectRights> rights) {
		this.due = due;
		this.accounts = accounts;
		this.rights = rights;
	}

	@Override
	public DataCategory category() {
		return DataCategory.CLIENT_ACCOUNT;
	}

	@Override
	public boolean perOrganisation() {
		return false;
	}

	@Override
	public long countDue(Scope scope) {
		return due.countDue(scope);
	}

	@Override
	public List<String> dueKeys(Scope scope, int limit) {
		return due.dueKeys(scope, limit);
	}

	@Override
	public int purge(Scope scope, int limit) {
		int erased = 0;
		for (String key : due.dueKeys(scope, limit)) {
			UUID accountId = UUID.fromString(key);
			rights.getObject().erase(accounts.getObject().subject(accountId), Locale.ENGLISH);
			erased++;
		}
		return erased;
	}
}
