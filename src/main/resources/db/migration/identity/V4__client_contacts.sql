-- A client's optional e-mail address and mobile number, at most one of each. Neither is used before it is verified
-- with a one-time code, and then only for what the client asked for (a code, a password reset) or switched on.
CREATE TABLE client_contact (
    id          uuid         PRIMARY KEY,
    account_id  uuid         NOT NULL REFERENCES client_account (id) ON DELETE CASCADE,
    channel     varchar(5)   NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    address     varchar(254) NOT NULL,
    created_at  timestamptz  NOT NULL,
    verified_at timestamptz,
    UNIQUE (account_id, channel)
);

-- One-time codes: only a hash is kept; each may be tried a few times, used once, and lives minutes.
CREATE TABLE client_code (
    id          uuid        PRIMARY KEY,
    account_id  uuid        NOT NULL REFERENCES client_account (id) ON DELETE CASCADE,
    contact_id  uuid        NOT NULL REFERENCES client_contact (id) ON DELETE CASCADE,
    purpose     varchar(8)  NOT NULL CHECK (purpose IN ('VERIFY', 'RESET')),
    code_hash   bytea       NOT NULL,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    used_at     timestamptz
);
CREATE INDEX client_code_by_account ON client_code (account_id, purpose, issued_at);
CREATE INDEX client_code_by_expiry ON client_code (expires_at);
