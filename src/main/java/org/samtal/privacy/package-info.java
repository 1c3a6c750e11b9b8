/**
 * The privacy engine: the processing register (every category of personal data, declared by the module that keeps
 * it through {@link org.samtal.privacy.PersonalDataOwner}), and the access log, which records every staff read or
 * change of a client's personal data in an append-only, hash-chained table with signed checkpoints; and the retention
 * engine ({@link org.samtal.privacy.RetentionSweep}), which deletes or anonymises each module's records through
 * {@link org.samtal.privacy.ExpiringRecords} when each organisation's register says they are due, except under a legal
 * hold. The consent ledger (to organisations, and to the platform operator for account notices) and the rights
 * engine ({@link org.samtal.privacy.SubjectRights}: find, export and erase by subject through every module, and
 * {@link org.samtal.privacy.Restrictions}) build on these.
 * <p>
 * Personal data kept: access-log entries (staff id and role, the client's pseudonym or account key, never a name or
 * contact detail), for 5 years (each organisation's choice, 5–10); legal holds (a record key or pseudonym, the reason,
 * the admin) for 5 years after they are lifted, and retention reports (counts, the admin who asked), 5 years. Consent
 * records (the subject's pseudonym or account key, the purpose, the notice version, when, how and in which language
 * consent was given and withdrawn, and a hash of the withdrawal key), for as long as the consent stands and 3 years
 * after its withdrawal. A subject's restriction or objection (their key and since when), while it stands; it goes
 * when lifted and with the account.
 */
@ApplicationModule(displayName = "Privacy")
package org.samtal.privacy;

import org.springframework.modulith.ApplicationModule;
