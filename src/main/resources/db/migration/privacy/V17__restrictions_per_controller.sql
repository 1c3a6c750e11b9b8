-- A restriction or objection reaches what the controller it was made to holds: '*' every controller (the client on
-- their own page), 'operator' the platform operator, or an organisation's id (a request answered by its staff).
ALTER TABLE subject_restriction ADD COLUMN held_by varchar(40) NOT NULL DEFAULT '*';
ALTER TABLE subject_restriction DROP CONSTRAINT subject_restriction_pkey;
ALTER TABLE subject_restriction ADD PRIMARY KEY (subject_key, held_by);
