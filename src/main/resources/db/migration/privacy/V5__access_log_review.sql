-- Log review notes, kept beside the append-only log.
CREATE TABLE access_log_review (
    seq         bigint PRIMARY KEY,
    reviewed_by uuid          NOT NULL,
    reviewed_at timestamptz   NOT NULL,
    note        varchar(1000) NOT NULL
);
