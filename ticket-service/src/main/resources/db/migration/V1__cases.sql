-- The projection of the compacted auth.accounts: what a case needs to know of an account. Highest version wins.
CREATE TABLE accounts (
    account_id     text PRIMARY KEY,
    email          text,
    email_lower    text,
    phone          text,
    status         text        NOT NULL,
    email_verified boolean     NOT NULL,
    phone_verified boolean     NOT NULL,
    second_factors text        NOT NULL,           -- comma-separated, sorted
    frozen_at      timestamptz,
    locale         text,
    version        bigint      NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX accounts_email ON accounts (email_lower);

-- Codes that prove a destination (the registered email, a phone) before a case is accepted. Only an HMAC is kept.
CREATE TABLE proof_codes (
    id               uuid PRIMARY KEY,
    account_id       text        NOT NULL,
    channel          text        NOT NULL,           -- EMAIL | SMS
    destination_hash text        NOT NULL,           -- sha-256 of the lower-cased destination
    code_hash        text        NOT NULL,           -- HMAC-SHA256(key, id || code)
    attempts         integer     NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    used_at          timestamptz
);
CREATE INDEX proof_codes_lookup ON proof_codes (account_id, channel, destination_hash, created_at DESC);

CREATE TABLE reviewers (
    id            uuid PRIMARY KEY,
    username      text UNIQUE NOT NULL,
    password_hash text        NOT NULL,           -- Argon2id, PHC string
    disabled      boolean     NOT NULL DEFAULT false,
    failed_logins integer     NOT NULL DEFAULT 0, -- wrong passwords in a row
    locked_until  timestamptz,                    -- after too many: no password is checked until then
    created_at    timestamptz NOT NULL
);

CREATE TABLE reviewer_tokens (
    token_hash  text PRIMARY KEY,                  -- sha-256 of the bearer token; the token itself is never stored
    reviewer_id uuid        NOT NULL REFERENCES reviewers (id),
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE cases (
    id                 uuid PRIMARY KEY,
    account_id         text        NOT NULL,
    type               text        NOT NULL,
    status             text        NOT NULL,       -- OPEN IN_REVIEW WAITING_FOR_PERSON APPROVED REJECTED
    description        text,
    new_phone          text,                       -- PHONE_CHANGE: the proven new number
    access_token_hash  text        NOT NULL,       -- sha-256 of the token mailed to the person
    claimed_by         uuid REFERENCES reviewers (id),
    created_at         timestamptz NOT NULL,
    first_reply_due_at timestamptz NOT NULL,       -- nominal: plus sla_paused_ms
    resolution_due_at  timestamptz NOT NULL,       -- nominal: plus sla_paused_ms
    first_replied_at   timestamptz,
    waiting_since      timestamptz,                -- the SLA clock is paused while the case waits for the person
    sla_paused_ms      bigint      NOT NULL DEFAULT 0,
    closed_at          timestamptz,
    decision_reason    text,
    files_delete_after timestamptz,
    files_deleted_at   timestamptz,
    version            integer     NOT NULL DEFAULT 0
);
CREATE INDEX cases_open_due ON cases (resolution_due_at) WHERE closed_at IS NULL;
CREATE INDEX cases_account ON cases (account_id);
CREATE INDEX cases_retention ON cases (files_delete_after) WHERE files_deleted_at IS NULL AND files_delete_after IS NOT NULL;

-- Uploaded documents: re-encoded without metadata, then AES-256-GCM encrypted (content null once deleted).
CREATE TABLE case_files (
    id           uuid PRIMARY KEY,
    case_id      uuid        NOT NULL REFERENCES cases (id),
    part         text        NOT NULL,            -- idFront | idBack | selfie | document
    content_type text        NOT NULL,
    size_bytes   bigint      NOT NULL,            -- of the stored (sanitized) document, before encryption
    upload_bytes bigint      NOT NULL,            -- as uploaded: counted against the case's limit
    sha256       text        NOT NULL,            -- of the stored (sanitized) document
    key_id       text        NOT NULL,
    content      bytea,                           -- nonce || ciphertext || tag
    added_at     timestamptz NOT NULL,
    deleted_at   timestamptz
);
CREATE INDEX case_files_case ON case_files (case_id);
-- ciphertext does not compress: store it out of line without trying
ALTER TABLE case_files ALTER COLUMN content SET STORAGE EXTERNAL;

-- What the person and reviewers said to each other.
CREATE TABLE case_messages (
    id      bigserial PRIMARY KEY,
    case_id uuid        NOT NULL REFERENCES cases (id),
    author  text        NOT NULL,                 -- PERSON | REVIEWER
    body    text        NOT NULL,
    at      timestamptz NOT NULL
);
CREATE INDEX case_messages_case ON case_messages (case_id, id);

-- The audit trail: append only, enforced by the database.
CREATE TABLE case_audit (
    id         bigserial PRIMARY KEY,
    case_id    uuid        NOT NULL,
    at         timestamptz NOT NULL,
    actor_kind text        NOT NULL,              -- PERSON | REVIEWER | SYSTEM
    actor      text        NOT NULL,
    action     text        NOT NULL,
    detail     text
);
CREATE INDEX case_audit_case ON case_audit (case_id, id);
CREATE FUNCTION case_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case_audit is append-only';
END $$;
CREATE TRIGGER case_audit_no_change BEFORE UPDATE OR DELETE ON case_audit
    FOR EACH ROW EXECUTE FUNCTION case_audit_append_only();
CREATE TRIGGER case_audit_no_truncate BEFORE TRUNCATE ON case_audit
    FOR EACH STATEMENT EXECUTE FUNCTION case_audit_append_only();

-- Records a consumer could not read, by position: a redelivery does not dead-letter them twice.
CREATE TABLE dead_letters (
    source_topic     text        NOT NULL,
    source_partition integer     NOT NULL,
    source_offset    bigint      NOT NULL,
    reason           text        NOT NULL,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (source_topic, source_partition, source_offset)
);

-- Events to publish (ticket.events, notification.requests, ticket.dlq), written in the transaction of their change.
CREATE TABLE outbox (
    id         bigserial PRIMARY KEY,
    topic      text        NOT NULL,
    record_key text,
    value      bytea,
    headers    jsonb       NOT NULL,
    created_at timestamptz NOT NULL
);
