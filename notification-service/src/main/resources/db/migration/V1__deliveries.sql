-- One row per message notification-service was asked for: a request id, or the id of the decision or security
-- event an alert comes from. The primary key is the idempotency key: a redelivered or replayed record finds its
-- row and sends nothing. The row is also the message's state, written in the same transactions as its attempts.
CREATE TABLE deliveries (
    request_id          uuid PRIMARY KEY,
    source              text        NOT NULL,           -- request | decision | security-event | digest
    account_id          text        NOT NULL,
    channel             text        NOT NULL,           -- EMAIL | SMS
    destination         text,                           -- explicit; null: the contact projection's, at send time
    template            text        NOT NULL,
    locale              text,
    params              jsonb       NOT NULL,
    sealed_params       text,                           -- opened only at send time, never stored opened
    expires_at          timestamptz,
    alert               boolean     NOT NULL,           -- beyond the rate limit: folded into a digest (else refused)
    status              text        NOT NULL,           -- PENDING SENDING DELIVERED FAILED EXPIRED RATE_LIMITED FOLDED DIGESTED
    attempts            integer     NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL,
    lease_until         timestamptz,
    handed_over_at      timestamptz,                    -- set just before the provider is called: after a crash,
                                                        -- a SENDING row without it never reached the provider
    sent_to             text,                           -- the destination actually used
    message_id          text,                           -- our Message-ID / gateway idempotency key
    provider_message_id text,
    last_error          text,
    digest_id           uuid,
    source_topic        text,
    source_partition    integer,
    source_offset       bigint,
    record_key          text,                           -- the record as it came: what notification.dlq receives
    payload             bytea,
    source_headers      jsonb,
    occurred_at         timestamptz NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX deliveries_folded ON deliveries (channel, sent_to) WHERE status = 'FOLDED';

-- The delivery log: one row per send attempt and per final outcome.
CREATE TABLE delivery_attempts (
    id          bigserial PRIMARY KEY,
    request_id  uuid        NOT NULL REFERENCES deliveries (request_id),
    attempt     integer     NOT NULL,
    outcome     text        NOT NULL,
    detail      text,
    at          timestamptz NOT NULL
);
CREATE INDEX delivery_attempts_request ON delivery_attempts (request_id);

-- Records that could not be read at all, by position: a redelivery does not dead-letter them twice.
CREATE TABLE dead_letters (
    source_topic     text        NOT NULL,
    source_partition integer     NOT NULL,
    source_offset    bigint      NOT NULL,
    reason           text        NOT NULL,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (source_topic, source_partition, source_offset)
);

-- The contact projection of the compacted auth.accounts: the highest version per account wins.
CREATE TABLE contacts (
    account_id         text PRIMARY KEY,
    email              text,
    phone              text,
    locale             text,
    anti_phishing_code text,
    version            bigint      NOT NULL,
    updated_at         timestamptz NOT NULL
);

-- Events to publish (notification.deliveries, notification.dlq), written in the transaction of the change they tell.
CREATE TABLE outbox (
    id         bigserial PRIMARY KEY,
    topic      text        NOT NULL,
    record_key text,
    value      bytea,
    headers    jsonb       NOT NULL,
    created_at timestamptz NOT NULL
);
