-- A purge passes by the expired entries a legal hold or a restriction keeps. Its warrant now names them, signed with
-- the rest, so that none of them can later be blanked under that warrant's purge time and still verify: a warrant
-- covers an entry written before its cutoff only if it does not name it. Warrants already issued name none, and are
-- verified as they were signed (version 1).
ALTER TABLE access_log_purge_warrant ADD COLUMN held bigint[] NOT NULL DEFAULT '{}';
