-- One row per run of an application node's access-log writer. A read's entry may be committed just after the read is
-- shown (samtal.access-log.reads-wait-for-entries=false), so a node that dies without draining its writer may lose
-- the entries of its last moments. Its run is then left without stopped_at, and once its heartbeat is stale another
-- node (or the next start) records that it was found unended: the log review shows it as a possible gap.
CREATE TABLE access_log_writer_run (
    id                uuid PRIMARY KEY,
    started_at        timestamptz NOT NULL,
    last_seen_at      timestamptz NOT NULL,
    stopped_at        timestamptz,
    found_unended_at  timestamptz,
    reads_wait        boolean     NOT NULL,
    gather_reads_ms   integer     NOT NULL CHECK (gather_reads_ms BETWEEN 0 AND 1000)
);

CREATE INDEX access_log_writer_run_unended ON access_log_writer_run (last_seen_at) WHERE stopped_at IS NULL;
