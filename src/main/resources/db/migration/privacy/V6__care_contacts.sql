-- Periods in which staff have a reason to see a client's data: a visitor waiting at a reception (all its staff), a
-- counselor holding the conversation (that counselor). The log review flags accesses outside any such period.
CREATE TABLE care_contact (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id uuid         NOT NULL,
    reception_id    uuid         NOT NULL,
    staff_id        uuid,
    subject         varchar(100) NOT NULL,
    started_at      timestamptz  NOT NULL,
    ended_at        timestamptz
);

CREATE INDEX care_contact_by_subject ON care_contact (subject, organisation_id);
