CREATE TABLE organisation (
    id                    uuid PRIMARY KEY,
    slug                  varchar(64)  NOT NULL UNIQUE,
    name                  varchar(200) NOT NULL,
    country               char(2)      NOT NULL CHECK (country IN ('SE', 'NO')),
    organisation_number   varchar(20)  NOT NULL,
    time_zone             varchar(64)  NOT NULL,
    dpo_name              varchar(200) NOT NULL,
    dpo_email             varchar(200) NOT NULL,
    supervisory_authority varchar(200) NOT NULL
);

CREATE TABLE reception (
    id              uuid PRIMARY KEY,
    organisation_id uuid         NOT NULL REFERENCES organisation (id),
    slug            varchar(64)  NOT NULL UNIQUE,
    name            varchar(200) NOT NULL,
    chat_enabled    boolean      NOT NULL DEFAULT true,
    always_open     boolean      NOT NULL DEFAULT false,
    welcome_text    jsonb        NOT NULL,
    pre_chat_form   jsonb
);

CREATE TABLE opening_hours (
    reception_id uuid     NOT NULL REFERENCES reception (id) ON DELETE CASCADE,
    day_of_week  smallint NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    opens        time     NOT NULL,
    closes       time     NOT NULL,
    PRIMARY KEY (reception_id, day_of_week, opens),
    CHECK (closes > opens)
);
