-- Transactional outbox: an account change and its events commit together; OutboxRelay sends them to Kafka and
-- deletes what the broker acknowledged. A row sent but not yet deleted when auth dies is sent again; consumers
-- deduplicate by event id.
CREATE TABLE outbox (
    id           BIGSERIAL    PRIMARY KEY,
    event_id     UUID         NOT NULL UNIQUE,
    topic        VARCHAR(249) NOT NULL,
    record_key   VARCHAR(255) NOT NULL,
    ce_type      VARCHAR(255) NOT NULL,
    payload      BYTEA        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);
