-- An organisation's own retention period for a data category, within the bounds the register declares.
-- No foreign key to organisation: the privacy module's migrations run before tenancy's.
CREATE TABLE retention_override (
    organisation_id uuid        NOT NULL,
    data_category   varchar(40) NOT NULL,
    kept_for        varchar(20) NOT NULL,
    PRIMARY KEY (organisation_id, data_category)
);
