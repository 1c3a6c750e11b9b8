-- A client's account: a pseudonym and a password hash, nothing else. The platform operator controls it (seed 001);
-- what the client tells a counselor belongs to that counselor's organisation and is kept elsewhere.
CREATE TABLE client_account (
    id                  uuid PRIMARY KEY,
    username            varchar(32)  NOT NULL UNIQUE,
    password_hash       varchar(200) NOT NULL,
    created_at          timestamptz  NOT NULL,
    last_login_at       timestamptz  NOT NULL,
    password_changed_at timestamptz  NOT NULL
);
-- The retention engine deletes accounts by the time of their last login.
CREATE INDEX client_account_by_last_login ON client_account (last_login_at);
