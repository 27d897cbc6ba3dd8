-- An account is identified by an email or a phone number (E.164), each proven by a code before it may log in.
ALTER TABLE accounts ALTER COLUMN email DROP NOT NULL;
ALTER TABLE accounts ADD COLUMN phone VARCHAR(16);
ALTER TABLE accounts ADD CONSTRAINT accounts_phone_unique UNIQUE (phone);
ALTER TABLE accounts ADD CONSTRAINT accounts_has_identifier CHECK (email IS NOT NULL OR phone IS NOT NULL);
ALTER TABLE accounts ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE accounts ADD COLUMN phone_verified BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE accounts ADD COLUMN locale VARCHAR(16) NOT NULL DEFAULT 'en';
ALTER TABLE accounts ADD COLUMN frozen_at TIMESTAMPTZ;
ALTER TABLE accounts ADD COLUMN anti_phishing_code VARCHAR(64);
ALTER TABLE accounts ADD COLUMN master_account_id UUID REFERENCES accounts (id);
-- accounts made before verification existed were active: their email counts as proven
UPDATE accounts SET email_verified = TRUE WHERE status = 'ACTIVE';
CREATE INDEX accounts_pending_created ON accounts (created_at) WHERE status = 'PENDING';
