-- Data-subject requests made through the public form: by people without an account, or about data self-service
-- cannot reach. The requester is known only by the contact detail a one-time code proved is theirs; nothing else is
-- collected to verify them.
CREATE TABLE subject_request (
    id                 uuid          PRIMARY KEY,
    -- The controller the request is for; null: the platform operator (accounts, login, notifications).
    organisation_id    uuid,
    kind               varchar(20)   NOT NULL
        CHECK (kind IN ('ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'OBJECTION', 'PORTABILITY')),
    channel            varchar(5)    NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    -- Erased once the answer's link has expired (or, unverified, after a day): only dates and outcome stay.
    address            varchar(254),
    details            varchar(2000),
    language           varchar(2)    NOT NULL,
    forward            boolean       NOT NULL,
    forwarded_from     uuid          REFERENCES subject_request (id) ON DELETE SET NULL,
    status             varchar(10)   NOT NULL CHECK (status IN ('UNVERIFIED', 'OPEN', 'ANSWERED')),
    received_at        timestamptz   NOT NULL,
    verified_at        timestamptz,
    due_at             timestamptz,
    extended_due_at    timestamptz,
    extension_reason   varchar(500),
    extended_at        timestamptz,
    extended_by        uuid,
    answered_at        timestamptz,
    answered_by        uuid,
    outcome            varchar(20),
    answer             text,
    answer_token_hash  bytea,
    answer_expires_at  timestamptz,
    CHECK ((status = 'UNVERIFIED') = (verified_at IS NULL)),
    CHECK ((status = 'ANSWERED') = (answered_at IS NOT NULL))
);

CREATE INDEX subject_request_queue ON subject_request (organisation_id, status, due_at);
CREATE UNIQUE INDEX subject_request_answer_token ON subject_request (answer_token_hash);
CREATE INDEX subject_request_address ON subject_request (lower(address), received_at);

-- One-time codes proving the requester holds the contact detail; one in use at a time per request.
CREATE TABLE subject_request_code (
    id           uuid          PRIMARY KEY,
    request_id   uuid          NOT NULL REFERENCES subject_request (id) ON DELETE CASCADE,
    code_hash    bytea         NOT NULL,
    issued_at    timestamptz   NOT NULL,
    expires_at   timestamptz   NOT NULL,
    attempts     integer       NOT NULL DEFAULT 0,
    used_at      timestamptz
);

CREATE INDEX subject_request_code_request ON subject_request_code (request_id, issued_at);
