-- A code stays (until it expires and the retention of its account removes it) when its contact is removed, so that
-- removing and re-adding an address cannot reset the hourly limit on codes sent.
ALTER TABLE client_code ALTER COLUMN contact_id DROP NOT NULL;
ALTER TABLE client_code DROP CONSTRAINT client_code_contact_id_fkey;
ALTER TABLE client_code ADD CONSTRAINT client_code_contact_id_fkey
    FOREIGN KEY (contact_id) REFERENCES client_contact (id) ON DELETE SET NULL;
