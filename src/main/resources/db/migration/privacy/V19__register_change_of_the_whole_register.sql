-- A change can concern the whole register rather than one category: an organisation declaring itself a care
-- provider (vårdgivare), which brings the patient data act's floors with it.
ALTER TABLE register_change ALTER COLUMN data_category DROP NOT NULL;
