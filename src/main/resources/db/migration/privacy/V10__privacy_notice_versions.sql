-- The versions of each organisation's privacy notice. Version 1 is implicit: the notice the organisation had when it
-- began using Samtal, in force since the epoch, so the first version published here is number 2.
-- No foreign key to organisation: the privacy module's migrations run before tenancy's.
CREATE TABLE privacy_notice_version (
    organisation_id uuid         NOT NULL,
    version         integer      NOT NULL CHECK (version >= 2),
    published_at    timestamptz  NOT NULL,
    effective_from  timestamptz  NOT NULL,
    significant     boolean      NOT NULL,
    summary_sv      varchar(500),
    summary_nb      varchar(500),
    summary_en      varchar(500),
    PRIMARY KEY (organisation_id, version),
    CHECK (effective_from >= published_at),
    CHECK (coalesce(summary_sv, summary_nb, summary_en) IS NOT NULL)
);
