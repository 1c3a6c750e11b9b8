-- Samtal's modules each keep their migrations in db/migration/<module>, run in module dependency order.
-- This root migration only records the schema's owner.
COMMENT ON SCHEMA public IS 'Samtal';
