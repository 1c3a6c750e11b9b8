-- The Art. 6 basis an organisation rests a category on, where the declaration allows more than one (NULL: the
-- declaration's own).
ALTER TABLE retention_override ADD COLUMN legal_basis varchar(30);
