-- The notification outbox. Recipient, text and subject are kept only while a message waits; once it is sent,
-- skipped or finally failed they are set to NULL in the same statement (the development outbox keeps them for
-- samtal.notification.outbox.keep-content). The metadata left goes 30 days after creation (retention engine).
CREATE TABLE notification_message (
    id              uuid PRIMARY KEY,
    channel         text        NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    template        text        NOT NULL,
    language        text        NOT NULL,
    recipient       text,
    mail_subject    text,
    body            text,
    subject         text,
    purpose         text,
    status          text        NOT NULL CHECK (status IN ('QUEUED', 'SENT', 'FAILED', 'SKIPPED')),
    via             text,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    finished_at     timestamptz,
    CONSTRAINT erased_when_finished CHECK (status = 'QUEUED' OR via = 'outbox'
        OR (recipient IS NULL AND mail_subject IS NULL AND body IS NULL AND subject IS NULL))
);

CREATE INDEX notification_message_due ON notification_message (next_attempt_at) WHERE status = 'QUEUED';
CREATE INDEX notification_message_subject ON notification_message (subject) WHERE subject IS NOT NULL;
CREATE INDEX notification_message_created ON notification_message (created_at);
