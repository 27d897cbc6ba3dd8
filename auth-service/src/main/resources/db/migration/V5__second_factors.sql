-- Second factors: TOTP (its secret encrypted with AES-GCM), and SMS or email codes to a proven destination.
CREATE TABLE second_factors (
    id             UUID         PRIMARY KEY,
    account_id     UUID         NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind           VARCHAR(8)   NOT NULL,
    secret         VARCHAR(255),
    destination    VARCHAR(254),
    enabled        BOOLEAN      NOT NULL DEFAULT FALSE,
    last_used_step BIGINT       NOT NULL DEFAULT -1,
    created_at     TIMESTAMPTZ  NOT NULL,
    enabled_at     TIMESTAMPTZ,
    CONSTRAINT second_factors_kind_known CHECK (kind IN ('TOTP', 'SMS', 'EMAIL')),
    CONSTRAINT second_factors_one_per_kind UNIQUE (account_id, kind)
);

-- Single-use backup codes, shown once; only a keyed hash of each is kept.
CREATE TABLE backup_codes (
    id          UUID        PRIMARY KEY,
    account_id  UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash   VARCHAR(64) NOT NULL,
    used_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX backup_codes_unused ON backup_codes (account_id) WHERE used_at IS NULL;
