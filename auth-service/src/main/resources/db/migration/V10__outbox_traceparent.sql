-- The W3C traceparent of the request that wrote the row: the relay sends it as the record's traceparent header,
-- so the trace goes on past the relay (null when tracing is off).
ALTER TABLE outbox ADD COLUMN traceparent text;
