-- Accounts and their password hashes (Argon2id, PHC string format).
CREATE TABLE accounts (
    id            UUID PRIMARY KEY,
    email         VARCHAR(254) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    version       BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT accounts_email_unique UNIQUE (email),
    CONSTRAINT accounts_status_known CHECK (status IN ('PENDING', 'ACTIVE', 'FROZEN'))
);
