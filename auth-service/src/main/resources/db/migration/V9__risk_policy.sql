-- Stricter lockout numbers a master account chose for itself and its sub-accounts; each sub-account row holds a
-- copy of its master's (so a login reads it with the account, and risk gets it on the sub-account's snapshot).
ALTER TABLE accounts ADD COLUMN risk_lockout_threshold SMALLINT;
ALTER TABLE accounts ADD COLUMN risk_lock_minutes INTEGER;
