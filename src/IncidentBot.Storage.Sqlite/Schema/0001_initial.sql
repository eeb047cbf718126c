-- 0001: the evidence store's first schema.
-- SchemaMigrator runs each script in one transaction with its user_version bump, so a script must not contain
-- statements that cannot run in a transaction (VACUUM, PRAGMA journal_mode).
-- Times are EvidenceHasher.FormatTime text (fixed width, UTC), so text comparison is time order and stored event
-- times re-hash exactly.

-- Evidence: hash-chained, append-only streams of events.
CREATE TABLE events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    stream          TEXT    NOT NULL,
    seq             INTEGER NOT NULL CHECK (seq >= 1),
    event_id        TEXT    NOT NULL UNIQUE,
    type            TEXT    NOT NULL,
    actor           TEXT    NOT NULL,
    surface         TEXT    NOT NULL,
    occurred_utc    TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    runbook_version TEXT,
    prev_hash       TEXT    NOT NULL,
    hash            TEXT    NOT NULL,
    UNIQUE (stream, seq)
);

-- The database itself refuses to change evidence, whoever asks.
CREATE TRIGGER events_append_only_u BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_d BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Requests already applied: the primary key decides a retry, never a check-then-insert.
-- stream and seq: where the request's append ended (the stream's last seq after it).
CREATE TABLE deliveries (
    delivery_id  TEXT    NOT NULL PRIMARY KEY,
    stream       TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    received_utc TEXT    NOT NULL
);

-- The last allocated incident number (one row), bumped inside the append transaction.
CREATE TABLE incident_counter (
    id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    last INTEGER NOT NULL
);
INSERT INTO incident_counter (id, last) VALUES (1, 0);

-- Projection of incidents (IncidentSummary), written in the same transaction as their events.
CREATE TABLE incidents (
    id              TEXT    NOT NULL PRIMARY KEY COLLATE NOCASE,
    number          INTEGER NOT NULL UNIQUE,
    title           TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    severity        INTEGER CHECK (severity BETWEEN 1 AND 4),
    service         TEXT    NOT NULL,
    runbook_id      TEXT    NOT NULL,
    runbook_version TEXT    NOT NULL,
    runbook_hash    TEXT    NOT NULL,
    commander       TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    last_seq        INTEGER NOT NULL,
    declared_utc    TEXT    NOT NULL,
    updated_utc     TEXT    NOT NULL
);

-- Which conversation (Slack thread, Teams conversation, console thread) belongs to which incident.
CREATE TABLE conversations (
    surface          TEXT NOT NULL,
    conversation_key TEXT NOT NULL,
    incident_id      TEXT NOT NULL REFERENCES incidents (id),
    PRIMARY KEY (surface, conversation_key)
);

-- Runbook texts incidents are pinned to, once per content hash.
CREATE TABLE runbook_versions (
    content_hash TEXT NOT NULL PRIMARY KEY,
    runbook_id   TEXT NOT NULL,
    source_text  TEXT NOT NULL
);

-- Projection of the change log; seq is the event's position in the 'changes' stream.
CREATE TABLE changes (
    seq          INTEGER NOT NULL PRIMARY KEY,
    service      TEXT    NOT NULL COLLATE NOCASE,
    layer        TEXT    NOT NULL,
    version      TEXT    NOT NULL,
    deployed_by  TEXT    NOT NULL,
    deployed_utc TEXT    NOT NULL,
    approved     INTEGER NOT NULL CHECK (approved IN (0, 1)),
    note         TEXT    NOT NULL
);
CREATE INDEX changes_by_service ON changes (service, deployed_utc);

-- Work committed with the evidence that caused it, done after the request ends.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    stream        TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    target        TEXT    NOT NULL,
    payload       TEXT    NOT NULL,
    created_utc   TEXT    NOT NULL,
    due_utc       TEXT    NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    claimed_until TEXT,
    done_utc      TEXT,
    last_error    TEXT
);
CREATE INDEX outbox_due ON outbox (kind, due_utc, id) WHERE done_utc IS NULL;
CREATE INDEX outbox_by_target ON outbox (kind, target, id);
