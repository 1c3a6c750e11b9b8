-- A purge blanks an entry's personal fields, after which its hash can no longer be recomputed. So that nobody can
-- blank a recent entry unnoticed (the purge switch is a session setting any connection may turn on), every purge
-- leaves a warrant signed with the installation's key, kept outside the database: this organisation's entries written
-- before the cutoff were purged at this time. Verification accepts a purged entry only under a warrant of its own
-- organisation and purge time whose cutoff lies after the entry was written. Installations have no purged entries
-- from before this version (none were old enough), so none go without a warrant.
CREATE TABLE access_log_purge_warrant (
    organisation_id uuid        NOT NULL,
    purged_at       timestamptz NOT NULL,
    cutoff          timestamptz NOT NULL,
    signature       bytea       NOT NULL,
    PRIMARY KEY (organisation_id, purged_at, cutoff)
);
