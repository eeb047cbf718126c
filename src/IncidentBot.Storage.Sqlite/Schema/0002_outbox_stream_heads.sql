-- Ordered delivery (ClaimStreamHeadsAsync) asks, per stream, for the oldest unfinished item of a kind and target.
-- Without this index that question scans every item of the kind ever written, done ones included, so delivery
-- slowed down as history grew. Partial: only unfinished items are indexed, so it stays as small as the backlog.
CREATE INDEX outbox_stream_heads ON outbox (kind, target, stream, id) WHERE done_utc IS NULL;
