-- Consents given to the platform operator rather than an organisation (seed 001: the operator controls account,
-- login and notification data), e.g. a client's "warn me before my inactive account is deleted". They have no
-- organisation; their notice is the operator's account terms, version 1.
ALTER TABLE consent_record ALTER COLUMN organisation_id DROP NOT NULL;
CREATE INDEX consent_record_operator ON consent_record (subject, purpose_code) WHERE organisation_id IS NULL;
