-- The W3C traceparent of the request that wrote the row: the relay sends it as the record's traceparent header, so
-- the trace goes on past the relay (null when tracing is off).
ALTER TABLE outbox ADD COLUMN traceparent text;

-- When the case was first seen past each deadline: a breach is counted once (loginguard_ticket_sla_breaches_total),
-- by whichever instance marks it first.
ALTER TABLE cases ADD COLUMN first_reply_breached_at timestamptz;
ALTER TABLE cases ADD COLUMN resolution_breached_at timestamptz;
