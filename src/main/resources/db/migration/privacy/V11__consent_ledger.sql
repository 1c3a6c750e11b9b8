-- Consent records (GDPR Art. 7(1)): who (a pseudonym or username, never a name) consented to what, under which
-- version of the notice, when, how and in which language; and when and how it was withdrawn. Fields follow the
-- Kantara Consent Receipt v1.1 / ISO/IEC TS 27560. Only a SHA-256 hash of the subject's withdrawal key is kept.
CREATE TABLE consent_record (
    id                  uuid         PRIMARY KEY,
    organisation_id     uuid         NOT NULL,
    subject             varchar(100) NOT NULL,
    purpose_code        varchar(64)  NOT NULL,
    purpose_text        varchar(500) NOT NULL,
    data_category       varchar(40)  NOT NULL,
    notice_version      integer      NOT NULL,
    given_at            timestamptz  NOT NULL,
    collection_method   varchar(20)  NOT NULL,
    language            varchar(8)   NOT NULL,
    withdrawal_key_hash bytea        NOT NULL,
    withdrawn_at        timestamptz,
    withdrawal_method   varchar(20),
    CHECK ((withdrawn_at IS NULL) = (withdrawal_method IS NULL))
);

CREATE INDEX consent_record_by_subject ON consent_record (organisation_id, subject, purpose_code);
CREATE INDEX consent_record_withdrawn ON consent_record (withdrawn_at) WHERE withdrawn_at IS NOT NULL;
