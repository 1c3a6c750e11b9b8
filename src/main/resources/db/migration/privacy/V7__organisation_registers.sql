-- An organisation's own register: the categories it has switched on beyond those every organisation keeps, the event
-- it counts a retention period from where the law lets it choose, and whether it keeps patient records as a care
-- provider (which brings legal floors the compliance lint checks).
CREATE TABLE category_in_use (
    organisation_id uuid        NOT NULL,
    data_category   varchar(40) NOT NULL,
    PRIMARY KEY (organisation_id, data_category)
);

ALTER TABLE retention_override ADD COLUMN counted_from varchar(40);
ALTER TABLE retention_override ALTER COLUMN kept_for DROP NOT NULL;

CREATE TABLE register_profile (
    organisation_id uuid PRIMARY KEY,
    care_provider   boolean NOT NULL
);
