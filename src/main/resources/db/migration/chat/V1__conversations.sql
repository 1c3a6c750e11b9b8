-- Everything personal about a conversation hangs off its row and goes with it: ending a conversation is one DELETE.
CREATE TABLE conversation (
    id              uuid PRIMARY KEY,
    reception_id    uuid        NOT NULL REFERENCES reception (id),
    handle          varchar(16) NOT NULL,
    token_hash      bytea       NOT NULL,
    status          varchar(8)  NOT NULL CHECK (status IN ('WAITING', 'ACTIVE')),
    counselor_id    uuid REFERENCES staff_account (id),
    created_at      timestamptz NOT NULL,
    taken_at        timestamptz,
    visitor_seen_at timestamptz NOT NULL
);

CREATE INDEX conversation_queue ON conversation (reception_id, created_at, id) WHERE status = 'WAITING';
CREATE INDEX conversation_by_counselor ON conversation (counselor_id) WHERE status = 'ACTIVE';
CREATE INDEX conversation_by_visitor_presence ON conversation (visitor_seen_at);

CREATE TABLE conversation_form_answer (
    conversation_id uuid         NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    field           varchar(64)  NOT NULL,
    answer          varchar(200) NOT NULL,
    PRIMARY KEY (conversation_id, field)
);

CREATE TABLE chat_file (
    id              uuid PRIMARY KEY,
    conversation_id uuid         NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    name            varchar(255) NOT NULL,
    media_type      varchar(64)  NOT NULL,
    size            integer      NOT NULL,
    content         bytea        NOT NULL,
    uploaded_at     timestamptz  NOT NULL
);

CREATE INDEX chat_file_by_conversation ON chat_file (conversation_id);

CREATE TABLE chat_message (
    id                uuid PRIMARY KEY,
    conversation_id   uuid        NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    client_message_id varchar(64) NOT NULL,
    author            varchar(10) NOT NULL CHECK (author IN ('VISITOR', 'COUNSELOR')),
    body              text        NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
    file_id           uuid REFERENCES chat_file (id) ON DELETE CASCADE,
    sent_at           timestamptz NOT NULL,
    UNIQUE (conversation_id, author, client_message_id)
);

-- Not personal: which reception, which day, how long. Nothing links a row to a visitor or a counselor.
CREATE TABLE conversation_statistic (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reception_id     uuid        NOT NULL REFERENCES reception (id),
    ended_on         date        NOT NULL,
    duration_seconds integer     NOT NULL,
    ended_by         varchar(10) NOT NULL
);

-- Given after a conversation, stored with reception and day only: no link to the conversation, counselor or visitor.
CREATE TABLE feedback (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reception_id uuid     NOT NULL REFERENCES reception (id),
    given_on     date     NOT NULL,
    rating       smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment      varchar(1000)
);
