-- Who an entry names as its actor: for the log review's filter by staff, and for the retention engine, which deletes
-- a closed staff account only once no kept entry or review names its holder.
CREATE INDEX access_log_by_actor ON access_log (actor_id) WHERE actor_id IS NOT NULL;
CREATE INDEX access_log_review_by_reviewer ON access_log_review (reviewed_by);
