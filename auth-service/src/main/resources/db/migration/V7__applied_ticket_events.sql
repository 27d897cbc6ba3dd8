-- Ticket approvals auth has applied, by event id: each is applied once, in the transaction of its change.
CREATE TABLE applied_ticket_events (
    event_id    UUID        PRIMARY KEY,
    applied_at  TIMESTAMPTZ NOT NULL
);
