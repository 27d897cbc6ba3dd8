-- The account's security questions with their answers' Argon2id hashes, as auth sealed them on its snapshot (opened
-- only when a reactivation case is checked).
ALTER TABLE accounts ADD COLUMN security_questions TEXT;
