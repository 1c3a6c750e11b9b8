-- Retention per organisation in one chain. An expired entry loses what is personal (actor, subject, context) and
-- keeps its link (seq, prev_hash, hash) and what is not (time, role, organisation, reception, category, action), so
-- the chain still verifies around it and every other organisation keeps its own entries as long as it chose. Once
-- every entry before a point is purged, that prefix is deleted outright behind a signed checkpoint.
ALTER TABLE access_log ADD COLUMN purged_at timestamptz;
-- Every entry belongs to an organisation, whose period decides when it goes.
ALTER TABLE access_log ALTER COLUMN organisation_id SET NOT NULL;
ALTER TABLE access_log ALTER COLUMN actor_id DROP NOT NULL;
ALTER TABLE access_log ALTER COLUMN subject DROP NOT NULL;
ALTER TABLE access_log ALTER COLUMN context DROP NOT NULL;
ALTER TABLE access_log ADD CONSTRAINT access_log_whole_or_purged
    CHECK ((purged_at IS NULL) = (actor_id IS NOT NULL AND subject IS NOT NULL AND context IS NOT NULL));
CREATE INDEX access_log_unpurged ON access_log (organisation_id, at) WHERE purged_at IS NULL;
CREATE INDEX access_log_first_unpurged ON access_log (seq) WHERE purged_at IS NULL;

CREATE OR REPLACE FUNCTION access_log_append_only() RETURNS trigger AS $$
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
            NEW.data_category, NEW.action, NEW.context, NEW.purged_at)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.at, OLD.actor_id, OLD.actor_role, OLD.organisation_id, OLD.reception_id, OLD.subject,
            OLD.data_category, OLD.action, OLD.context, OLD.purged_at) THEN
        RETURN NEW;
    END IF;
    -- The retention purge: only the personal fields go, only once, and the links stay as they were.
    IF current_setting('samtal.access_log_purge', true) = 'on'
       AND OLD.purged_at IS NULL AND NEW.purged_at IS NOT NULL
       AND NEW.actor_id IS NULL AND NEW.subject IS NULL AND NEW.context IS NULL
       AND (NEW.id, NEW.seq, NEW.prev_hash, NEW.hash, NEW.at, NEW.actor_role, NEW.organisation_id, NEW.reception_id,
            NEW.data_category, NEW.action)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.seq, OLD.prev_hash, OLD.hash, OLD.at, OLD.actor_role, OLD.organisation_id, OLD.reception_id,
            OLD.data_category, OLD.action) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'access_log is append-only: entries cannot be changed';
END;
$$ LANGUAGE plpgsql;
