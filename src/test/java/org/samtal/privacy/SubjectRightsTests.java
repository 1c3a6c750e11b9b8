package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.SamtalTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The rights engine reaches only what the controller asked holds (seed 001's handover), and tells the modules when it
 * erased or restricted something, so those that passed data on can tell the recipients (GDPR Art. 19).
 */
@SamtalTest
@RecordApplicationEvents
class SubjectRightsTests {

	static final ConsentRecord.Purpose FOLLOW_UP = new ConsentRecord.Purpose("follow-up", "Uppföljning");

	@Autowired
	SubjectRights rights;

	@Autowired
	ConsentLedger consents;

	@Autowired
	Restrictions restrictions;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApplicationEvents events;

	@Test
	void anExportForOneOrganisationShowsOnlyWhatThatOrganisationHolds() {
		UUID first = fixtures.openReception().organisation().id();
		UUID second = fixtures.openReception().organisation().id();
		DataSubject subject = DataSubject.client(UUID.randomUUID(), "export-scope");
		String key = DataSubject.clientKey(subject.clientAccountId());
		consents.give(first, key, FOLLOW_UP, DataCategory.MEMORY_NOTE, ConsentRecord.Method.WEB_FORM, Locale.of("sv"));
		consents.give(second, key, FOLLOW_UP, DataCategory.MEMORY_NOTE, ConsentRecord.Method.WEB_FORM, Locale.of("sv"));

		SubjectRights.Export everything = rights.export(subject, Locale.ENGLISH);
		assertThat(everything.sections()).extracting(section -> section.controller().organisationId())
			.contains(first, second);
		SubjectRights.Export firstOnly = rights.export(subject.heldBy(DataSubject.HeldBy.organisation(first)),
				Locale.ENGLISH);
		assertThat(firstOnly.sections()).isNotEmpty()
			.allSatisfy(section -> assertThat(section.controller().organisationId()).isEqualTo(first));
		assertThat(rights.holdersOf(subject.heldBy(DataSubject.HeldBy.organisation(first))))
			.as("who else holds data is known whoever was asked")
			.extracting(SubjectRights.Holder::organisationId).contains(first, second);
	}

	@Test
	void anErasureForOneOrganisationWithdrawsOnlyTheConsentsGivenToIt() {
		UUID first = fixtures.openReception().organisation().id();
		UUID second = fixtures.openReception().organisation().id();
		DataSubject subject = DataSubject.client(UUID.randomUUID(), "erase-scope");
		String key = DataSubject.clientKey(subject.clientAccountId());
		consents.give(first, key, FOLLOW_UP, DataCategory.MEMORY_NOTE, ConsentRecord.Method.WEB_FORM, Locale.of("sv"));
		consents.give(second, key, FOLLOW_UP, DataCategory.MEMORY_NOTE, ConsentRecord.Method.WEB_FORM, Locale.of("sv"));
		consents.giveToOperator(key, FOLLOW_UP, DataCategory.NOTIFICATION, ConsentRecord.Method.WEB_FORM,
				Locale.of("sv"));

		rights.erase(subject.heldBy(DataSubject.HeldBy.organisation(first)), Locale.ENGLISH);

		assertThat(consents.isGiven(first, key, FOLLOW_UP.code())).isFalse();
		assertThat(consents.recordsOf(first, key)).singleElement()
			.satisfies(record -> assertThat(record.withdrawalMethod()).isEqualTo(ConsentRecord.Method.ERASED_ON_REQUEST));
		assertThat(consents.isGiven(second, key, FOLLOW_UP.code())).isTrue();
		assertThat(consents.isGivenToOperator(key, FOLLOW_UP.code())).isTrue();
	}

	@Test
	void anErasureIsAnnouncedSoThatRecipientsOfTheDataCanBeTold() {
		DataSubject subject = DataSubject.client(UUID.randomUUID(), "announced");
		restrictions.restrict(DataSubject.clientKey(subject.clientAccountId()), true);

		SubjectRights.Erasure erasure = rights.erase(subject, Locale.ENGLISH);

		assertThat(erasure.erased()).containsEntry(DataCategory.RIGHTS_REQUEST, 1);
		assertThat(erasure.recipients()).as("the register names no recipient of a restriction").isEmpty();
		assertThat(events.stream(SubjectDataErased.class)).singleElement().satisfies(erased -> {
			assertThat(erased.subjectKeys()).containsExactly(DataSubject.clientKey(subject.clientAccountId()));
			assertThat(erased.erased()).containsEntry(DataCategory.RIGHTS_REQUEST, 1);
			assertThat(erased.heldBy()).isEqualTo(DataSubject.HeldBy.ANYONE);
		});
	}

	@Test
	void aNewRestrictionIsAnnouncedOnceSoThatRecipientsCanBeTold() {
		String key = DataSubject.clientKey(UUID.randomUUID());
		restrictions.restrict(key, true);
		restrictions.restrict(key, true);
		restrictions.restrict(key, false);
		assertThat(events.stream(SubjectRestricted.class)).singleElement()
			.satisfies(restricted -> assertThat(restricted.subjectKey()).isEqualTo(key));
	}

	@Test
	void nothingIsAnnouncedWhenNothingWasErased() {
		rights.erase(DataSubject.client(UUID.randomUUID(), "nobody"), Locale.ENGLISH);
		assertThat(events.stream(SubjectDataErased.class)).isEmpty();
	}
}
