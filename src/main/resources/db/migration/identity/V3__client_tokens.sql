-- Access tokens of the client API. Only a hash of each token is stored, so a copy of the database opens no account.
-- A token goes at logout, at account deletion (cascade) and, once expired, the next time any token is issued.
CREATE TABLE client_token (
    token_hash bytea       PRIMARY KEY,
    account_id uuid        NOT NULL REFERENCES client_account (id) ON DELETE CASCADE,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX client_token_by_account ON client_token (account_id);
CREATE INDEX client_token_by_expiry ON client_token (expires_at);
