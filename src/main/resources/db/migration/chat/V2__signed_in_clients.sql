-- A client signed in to an account may start a chat like a visitor; the counselor then sees the client's username
-- instead of a random handle. The content is still deleted when the conversation ends. No foreign key to the account:
-- deleting an account ends its conversations through the rights engine instead.
ALTER TABLE conversation ADD COLUMN client_account_id uuid;
ALTER TABLE conversation ALTER COLUMN handle TYPE varchar(32);
CREATE INDEX conversation_by_client_account ON conversation (client_account_id) WHERE client_account_id IS NOT NULL;
