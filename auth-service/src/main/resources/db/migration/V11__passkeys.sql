-- Passkeys (WebAuthn credentials): a second factor, and a passwordless login. The public key is kept as the
-- attested credential data webauthn4j serializes (AAGUID, credential id, COSE key); no secret is stored.
CREATE TABLE passkeys (
    id                          UUID          PRIMARY KEY,
    account_id                  UUID          NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    credential_id               VARCHAR(1400) NOT NULL,
    attested_credential_data    BYTEA         NOT NULL,
    sign_count                  BIGINT        NOT NULL DEFAULT 0,
    uv_initialized              BOOLEAN       NOT NULL DEFAULT FALSE,
    backup_eligible             BOOLEAN       NOT NULL DEFAULT FALSE,
    backed_up                   BOOLEAN       NOT NULL DEFAULT FALSE,
    name                        VARCHAR(64)   NOT NULL,
    transports                  VARCHAR(128),
    created_at                  TIMESTAMPTZ   NOT NULL,
    last_used_at                TIMESTAMPTZ,
    -- base64url of the credential id: one account per credential, found by it at a passwordless login
    CONSTRAINT passkeys_credential_unique UNIQUE (credential_id)
);
CREATE INDEX passkeys_account ON passkeys (account_id);
