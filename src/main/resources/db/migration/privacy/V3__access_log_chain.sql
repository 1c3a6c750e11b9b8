-- Tamper evidence: every entry carries a gap-free sequence number and the SHA-256 of the previous entry's hash plus
-- its own canonical bytes. access_log_head holds the last link; appends lock it, so the chain never forks or gaps.
ALTER TABLE access_log ADD COLUMN seq bigint UNIQUE;
ALTER TABLE access_log ADD COLUMN prev_hash bytea;
ALTER TABLE access_log ADD COLUMN hash bytea;

CREATE TABLE access_log_head (
    id   smallint PRIMARY KEY CHECK (id = 1),
    seq  bigint NOT NULL,
    hash bytea  NOT NULL
);
INSERT INTO access_log_head (id, seq, hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'));

-- Append-only: the application can neither change nor delete an entry. Two exceptions: linking an entry written
-- before the chain existed (only the chain columns, only once), and the retention purge of expired entries, which
-- sets samtal.access_log_purge for its own transaction.
CREATE FUNCTION access_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'access_log is append-only: it cannot be truncated';
    END IF;
    IF TG_OP = 'DELETE' THEN
        IF current_setting('samtal.access_log_purge', true) = 'on' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'access_log is append-only: entries cannot be deleted';
    END IF;
    IF OLD.hash IS NULL AND NEW.hash IS NOT NULL
       AND (NEW.id, NEW.at, NEW.actor_id, NEW.actor_role, NEW.organisation_id, NEW.reception_id, NEW.subject,
            NEW.data_category, NEW.action, NEW.context)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.at, OLD.actor_id, OLD.actor_role, OLD.organisation_id, OLD.reception_id, OLD.subject,
            OLD.data_category, OLD.action, OLD.context) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'access_log is append-only: entries cannot be changed';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
