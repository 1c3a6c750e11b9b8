-- Signed checkpoints of the access-log chain. The signing key is kept outside the database, so whoever can rewrite
-- the database cannot forge a checkpoint. A purge of expired entries leaves a checkpoint at its boundary, from which
-- the remaining chain still verifies.
CREATE TABLE access_log_checkpoint (
    seq        bigint PRIMARY KEY,
    hash       bytea       NOT NULL,
    signed_at  timestamptz NOT NULL,
    public_key bytea       NOT NULL,
    signature  bytea       NOT NULL
);
