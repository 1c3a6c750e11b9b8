-- Finds the entries a purge warrant covers, so that a warrant whose entries have all been deleted goes too.
CREATE INDEX access_log_purged ON access_log (organisation_id, purged_at) WHERE purged_at IS NOT NULL;
