-- Every change an admin makes to the organisation's register: who, when, which category, and what the setting was
-- and became. Only inserts and the retention purge touch it.
CREATE TABLE register_change (
    id              bigserial PRIMARY KEY,
    organisation_id uuid        NOT NULL,
    changed_by      uuid        NOT NULL,
    changed_at      timestamptz NOT NULL,
    data_category   varchar(40) NOT NULL,
    setting         varchar(20) NOT NULL,
    old_value       varchar(40),
    new_value       varchar(40) NOT NULL
);

CREATE INDEX register_change_by_organisation ON register_change (organisation_id, changed_at);
