-- 0004: signed checkpoints. Every append writes one in its own transaction: the heads the commit moved (every
-- stream's head in the first checkpoint of a store), the row counts that must agree, the previous checkpoint's hash,
-- and an ECDSA signature by a key kept outside this file (Evidence:SigningKeyPath). A store written before this
-- version gets its first checkpoint, over all existing heads, when the bot next starts.
CREATE TABLE checkpoints (
    number           INTEGER NOT NULL PRIMARY KEY CHECK (number >= 1),
    created_utc      TEXT    NOT NULL,
    full             INTEGER NOT NULL CHECK (full IN (0, 1)),
    stream           TEXT,              -- the stream the commit moved; NULL for a checkpoint over an existing store
    heads            TEXT    NOT NULL,  -- JSON [[stream, seq, hash], ...], sorted by stream
    deliveries       INTEGER NOT NULL,
    incidents        INTEGER NOT NULL,
    incident_counter INTEGER NOT NULL,
    runbooks         INTEGER NOT NULL,
    key_id           TEXT    NOT NULL,
    prev_hash        TEXT    NOT NULL,
    hash             TEXT    NOT NULL UNIQUE,
    signature        TEXT    NOT NULL
);
-- An incident's seal is the checkpoint written by its stream's last append.
CREATE INDEX checkpoints_by_stream ON checkpoints (stream, number);

CREATE TRIGGER checkpoints_append_only_u BEFORE UPDATE ON checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
CREATE TRIGGER checkpoints_append_only_d BEFORE DELETE ON checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;

-- Pinned runbook texts never change once stored (the verifier re-hashes them anyway).
CREATE TRIGGER runbook_versions_append_only_u BEFORE UPDATE ON runbook_versions BEGIN SELECT RAISE(ABORT, 'runbook versions are append-only'); END;
CREATE TRIGGER runbook_versions_append_only_d BEFORE DELETE ON runbook_versions BEGIN SELECT RAISE(ABORT, 'runbook versions are append-only'); END;
