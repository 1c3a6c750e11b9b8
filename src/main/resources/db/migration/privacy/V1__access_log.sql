CREATE TABLE access_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              timestamptz  NOT NULL,
    actor_id        uuid         NOT NULL,
    actor_role      varchar(16)  NOT NULL,
    organisation_id uuid,
    reception_id    uuid,
    subject         varchar(100) NOT NULL,
    data_category   varchar(40)  NOT NULL,
    action          varchar(10)  NOT NULL,
    context         varchar(200) NOT NULL
);

CREATE INDEX access_log_by_subject ON access_log (subject);
