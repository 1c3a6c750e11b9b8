-- The language a client uses, for the few messages Samtal sends them, and when an inactive account was last warned
-- that it will be deleted (so the warning goes once per stretch of inactivity).
ALTER TABLE client_account ADD COLUMN language varchar(2) NOT NULL DEFAULT 'sv' CHECK (language IN ('sv', 'nb', 'en'));
ALTER TABLE client_account ADD COLUMN inactivity_warned_at timestamptz;
