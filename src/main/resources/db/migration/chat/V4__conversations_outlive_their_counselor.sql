-- A closed staff account is deleted years later by the retention engine; a conversation it once handled (long ended
-- and deleted by then, normally) must not stop that.
ALTER TABLE conversation DROP CONSTRAINT conversation_counselor_id_fkey;
ALTER TABLE conversation ADD CONSTRAINT conversation_counselor_id_fkey
    FOREIGN KEY (counselor_id) REFERENCES staff_account (id) ON DELETE SET NULL;
