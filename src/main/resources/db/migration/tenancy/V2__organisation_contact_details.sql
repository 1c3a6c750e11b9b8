-- A notice names the controller with its own contact details (GDPR Art. 13(1)(a)), beside the DPO's: where to write
-- about one's data, by e-mail and by post.
ALTER TABLE organisation ADD COLUMN contact_email varchar(200);
ALTER TABLE organisation ADD COLUMN postal_address varchar(300);
