CREATE TABLE staff_account (
    id              uuid PRIMARY KEY,
    username        varchar(64)  NOT NULL UNIQUE,
    display_name    varchar(100) NOT NULL,
    password_hash   varchar(200) NOT NULL,
    role            varchar(16)  NOT NULL CHECK (role IN ('COUNSELOR', 'ADMIN')),
    organisation_id uuid         NOT NULL REFERENCES organisation (id),
    created_at      timestamptz  NOT NULL
);

CREATE TABLE staff_reception (
    staff_id     uuid NOT NULL REFERENCES staff_account (id) ON DELETE CASCADE,
    reception_id uuid NOT NULL REFERENCES reception (id) ON DELETE CASCADE,
    PRIMARY KEY (staff_id, reception_id)
);

CREATE TABLE login_throttle (
    username_hash   bytea PRIMARY KEY,
    failures        integer     NOT NULL,
    last_failure_at timestamptz NOT NULL,
    blocked_until   timestamptz
);
