-- Appends a group of entries in one statement, so a group costs one round trip and one commit. The head row is
-- locked for the whole group, as before, so the chain never forks. Each link is SHA-256 over the previous hash and
-- the entry's canonical text; the application sends that text without the sequence number (unknown until the head
-- is locked), and the same bytes come out as AccessLogChain.link computes when it verifies.
CREATE FUNCTION access_log_append(ats text[], actors text[], roles text[], organisations text[], receptions text[],
                                  subjects text[], categories text[], actions text[], contexts text[],
                                  canonical_tails text[]) RETURNS bigint AS $$
DECLARE
    head_seq  bigint;
    head_hash bytea;
    link      bytea;
BEGIN
    SELECT seq, hash INTO head_seq, head_hash FROM access_log_head WHERE id = 1 FOR UPDATE;
    FOR i IN 1 .. coalesce(array_length(ats, 1), 0) LOOP
        head_seq := head_seq + 1;
        link := sha256(head_hash || convert_to('samtal-access-log-v1' || chr(10) || length(head_seq::text) || ':'
                                               || head_seq::text || chr(10) || canonical_tails[i], 'UTF8'));
        INSERT INTO access_log (at, actor_id, actor_role, organisation_id, reception_id, subject, data_category,
                                action, context, seq, prev_hash, hash)
        VALUES (ats[i]::timestamptz, actors[i]::uuid, roles[i], organisations[i]::uuid, receptions[i]::uuid,
                subjects[i], categories[i], actions[i], contexts[i], head_seq, head_hash, link);
        head_hash := link;
    END LOOP;
    UPDATE access_log_head SET seq = head_seq, hash = head_hash WHERE id = 1;
    RETURN head_seq;
END;
$$ LANGUAGE plpgsql;
