-- The W3C traceparent of the record a message came in: its send is a span of that trace (null: untraced, a digest).
ALTER TABLE deliveries ADD COLUMN traceparent text;
