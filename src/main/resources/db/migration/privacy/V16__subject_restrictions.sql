-- A data subject's restriction of processing (GDPR Art. 18) and objection (Art. 21), by the key modules file them
-- under (client:<username>). While restricted, their data is only stored: the retention engine holds it, no notice is
-- sent, no new signed-in conversation starts. A row goes when both are lifted, and with the account.
CREATE TABLE subject_restriction (
    subject_key   varchar(100) PRIMARY KEY,
    restricted_at timestamptz,
    objected_at   timestamptz,
    CHECK (restricted_at IS NOT NULL OR objected_at IS NOT NULL)
);
