-- Legal holds: a record (by its key) or a subject (by pseudonym) the retention engine must not touch, with the reason.
-- Lifting a hold keeps the row, so the report can say who held what and why.
CREATE TABLE legal_hold (
    id              uuid PRIMARY KEY,
    organisation_id uuid         NOT NULL,
    data_category   varchar(40)  NOT NULL,
    record_key      varchar(200) NOT NULL,
    reason          varchar(1000) NOT NULL,
    placed_by       uuid         NOT NULL,
    placed_at       timestamptz  NOT NULL,
    lifted_by       uuid,
    lifted_at       timestamptz
);
CREATE INDEX legal_hold_active ON legal_hold (organisation_id, data_category) WHERE lifted_at IS NULL;

-- What each run of the retention engine did, for admins: counts per category and organisation, duration, errors.
CREATE TABLE retention_run (
    id          uuid PRIMARY KEY,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    dry_run     boolean     NOT NULL,
    started_by  varchar(60) NOT NULL,
    status      varchar(20) NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED', 'INTERRUPTED')),
    items       jsonb       NOT NULL DEFAULT '[]'
);
CREATE INDEX retention_run_started ON retention_run (started_at DESC);
