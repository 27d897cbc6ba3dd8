-- One-time codes sent to an email address or a phone: registration, and the second factors that use codes.
-- Only a keyed hash of each code is kept (HMAC bound to the row's id); a code is single use and burns after
-- max-tries wrong tries.
CREATE TABLE verification_codes (
    id          UUID         PRIMARY KEY,
    account_id  UUID         NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose     VARCHAR(32)  NOT NULL,
    channel     VARCHAR(8)   NOT NULL,
    destination VARCHAR(254) NOT NULL,
    code_hash   VARCHAR(64)  NOT NULL,
    tries_left  INTEGER      NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    used_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT verification_codes_channel_known CHECK (channel IN ('EMAIL', 'SMS'))
);
CREATE INDEX verification_codes_live ON verification_codes (account_id, purpose, created_at DESC) WHERE used_at IS NULL;
