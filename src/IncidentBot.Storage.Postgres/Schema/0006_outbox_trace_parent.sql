-- 0006: an outbox row keeps the W3C traceparent of the span that wrote it (the command that caused the message or
-- job), so the worker that delivers or runs it continues that trace. NULL when nothing was traced, and on every row
-- written before this version. Not evidence: the outbox is work to do, outside the hash chain and the row checksums.
ALTER TABLE outbox ADD COLUMN trace_parent text;
