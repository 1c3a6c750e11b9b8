-- A review of an entry no longer replaces the one before: every review is kept, with who made it and when, so the
-- systematic review (HSLF-FS 2016:40) can show its own history. The page shows the latest.
ALTER TABLE access_log_review DROP CONSTRAINT access_log_review_pkey;
ALTER TABLE access_log_review ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
CREATE INDEX access_log_review_by_entry ON access_log_review (seq, id);
