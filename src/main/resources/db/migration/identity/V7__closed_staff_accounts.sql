-- A staff account is closed, not deleted, when someone leaves: they can no longer log in (the password hash goes at
-- once), but the access log must still say who read what for as long as it keeps entries naming them
-- (HSLF-FS 2016:40 4 kap. 9 §). The retention engine deletes the account once no kept entry or review names them.
ALTER TABLE staff_account ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE staff_account ADD COLUMN closed_at timestamptz;
ALTER TABLE staff_account ADD CONSTRAINT staff_account_closed_has_no_password
    CHECK ((closed_at IS NULL) = (password_hash IS NOT NULL));
CREATE INDEX staff_account_closed ON staff_account (organisation_id, closed_at) WHERE closed_at IS NOT NULL;
