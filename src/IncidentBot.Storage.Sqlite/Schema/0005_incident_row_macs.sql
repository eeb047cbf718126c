-- 0005: each incident projection row carries a keyed checksum (HMAC with a key derived from the evidence signing key,
-- which lives outside the database), so a row edited behind the store is recognised and served from its events.
-- Rows written before this version get theirs at start-up, from the fold of their events.
ALTER TABLE incidents ADD COLUMN mac TEXT;
