-- 0001: the PostgreSQL evidence store, equal to the SQLite store after its scripts 0001-0006.
-- PostgresSchemaMigrator runs each script in one transaction with its schema_migrations row.
-- Column names are SQLite's, so rows read the same way. Times are EvidenceHasher.FormatTime text (fixed width, UTC),
-- exactly as SQLite stores them: stored event times re-hash byte for byte, and under COLLATE "C" (byte order, whatever
-- the database's locale) text order is time order. Streams are COLLATE "C" too, so ORDER BY stream is ordinal.

-- SQLite's COLLATE NOCASE: incident ids and change services compare without case ("inc-7" finds INC-7).
CREATE COLLATION incidentbot_nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- Evidence: hash-chained, append-only streams of events (0002 makes the database refuse changes).
CREATE TABLE events (
    id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream          text    COLLATE "C" NOT NULL,
    seq             bigint  NOT NULL CHECK (seq >= 1),
    event_id        text    NOT NULL UNIQUE,
    type            text    NOT NULL,
    actor           text    NOT NULL,
    surface         text    NOT NULL,
    occurred_utc    text    COLLATE "C" NOT NULL,
    payload         text    NOT NULL,
    runbook_version text,
    prev_hash       text    NOT NULL,
    hash            text    NOT NULL,
    CONSTRAINT events_stream_seq UNIQUE (stream, seq)
);

-- Requests already applied: the primary key decides a retry, never a check-then-insert.
-- stream and seq: where the request's append ended (the stream's last seq after it).
CREATE TABLE deliveries (
    delivery_id  text   NOT NULL PRIMARY KEY,
    stream       text   COLLATE "C" NOT NULL,
    seq          bigint NOT NULL,
    received_utc text   COLLATE "C" NOT NULL
);

-- The last allocated incident number (one row), bumped inside the append transaction.
CREATE TABLE incident_counter (
    id   integer NOT NULL PRIMARY KEY CHECK (id = 1),
    last integer NOT NULL
);
INSERT INTO incident_counter (id, last) VALUES (1, 0);

-- Projection of incidents (IncidentSummary), written in the same transaction as their events. mac: a keyed checksum
-- of the row (key derived from the evidence signing key, kept outside the database); NULL until computed.
CREATE TABLE incidents (
    id              text    COLLATE incidentbot_nocase NOT NULL PRIMARY KEY,
    number          integer NOT NULL UNIQUE,
    title           text    NOT NULL,
    state           text    NOT NULL,
    severity        integer CHECK (severity BETWEEN 1 AND 4),
    service         text    NOT NULL,
    runbook_id      text    NOT NULL,
    runbook_version text    NOT NULL,
    runbook_hash    text    NOT NULL,
    commander       text    NOT NULL,
    version         integer NOT NULL,
    last_seq        bigint  NOT NULL,
    declared_utc    text    COLLATE "C" NOT NULL,
    updated_utc     text    COLLATE "C" NOT NULL,
    mac             text
);

-- Which conversation (Slack thread, Teams conversation, console thread) belongs to which incident; reference is the
-- typed reference (JSON) the binding was made with.
CREATE TABLE conversations (
    surface          text NOT NULL,
    conversation_key text NOT NULL,
    incident_id      text COLLATE incidentbot_nocase NOT NULL REFERENCES incidents (id),
    reference        text,
    PRIMARY KEY (surface, conversation_key)
);

-- Places the bot has been told of (a Teams team it was added to), with the last reference seen there.
CREATE TABLE known_conversations (
    surface   text NOT NULL,
    channel   text NOT NULL,
    reference text NOT NULL,
    seen_utc  text COLLATE "C" NOT NULL,
    PRIMARY KEY (surface, channel)
);

-- Runbook texts incidents are pinned to, once per content hash (append-only, 0002).
CREATE TABLE runbook_versions (
    content_hash text NOT NULL PRIMARY KEY,
    runbook_id   text NOT NULL,
    source_text  text NOT NULL
);

-- Projection of the change log; seq is the event's position in the 'changes' stream.
CREATE TABLE changes (
    seq          bigint  NOT NULL PRIMARY KEY,
    service      text    COLLATE incidentbot_nocase NOT NULL,
    layer        text    NOT NULL,
    version      text    NOT NULL,
    deployed_by  text    NOT NULL,
    deployed_utc text    COLLATE "C" NOT NULL,
    approved     boolean NOT NULL,
    note         text    NOT NULL
);
CREATE INDEX changes_by_service ON changes (service, deployed_utc);

-- Work committed with the evidence that caused it, done after the request ends. A claim is owned: only the worker
-- holding claim_token may complete, reschedule or release it; claimed_until is the lease.
CREATE TABLE outbox (
    id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream        text    COLLATE "C" NOT NULL,
    kind          text    NOT NULL,
    target        text    NOT NULL,
    payload       text    NOT NULL,
    created_utc   text    COLLATE "C" NOT NULL,
    due_utc       text    COLLATE "C" NOT NULL,
    attempts      integer NOT NULL DEFAULT 0,
    claimed_until text    COLLATE "C",
    done_utc      text    COLLATE "C",
    last_error    text,
    claim_token   text
);
-- Partial indexes: only unfinished items, so they stay as small as the backlog however long the history grows.
CREATE INDEX outbox_due ON outbox (kind, due_utc, id) WHERE done_utc IS NULL;
CREATE INDEX outbox_by_target ON outbox (kind, target, id);
CREATE INDEX outbox_stream_heads ON outbox (kind, target, stream, id) WHERE done_utc IS NULL;

-- Signed checkpoints: the heads a commit moved, the row counts that must agree, the previous checkpoint's hash and an
-- ECDSA signature by a key kept outside the database. stream is NULL for group commits (see checkpoint_streams).
CREATE TABLE checkpoints (
    number           bigint  NOT NULL PRIMARY KEY CHECK (number >= 1),
    created_utc      text    COLLATE "C" NOT NULL,
    "full"           boolean NOT NULL,  -- quoted: FULL is a keyword here (SQLite accepts "full" too)
    stream           text    COLLATE "C",
    heads            text    NOT NULL,  -- JSON [[stream, seq, hash], ...], sorted by stream
    deliveries       bigint  NOT NULL,
    incidents        bigint  NOT NULL,
    incident_counter bigint  NOT NULL,
    runbooks         bigint  NOT NULL,
    key_id           text    NOT NULL,
    prev_hash        text    NOT NULL,
    hash             text    NOT NULL UNIQUE,
    signature        text    NOT NULL
);
CREATE INDEX checkpoints_by_stream ON checkpoints (stream, number);

-- An incident's seal is the checkpoint written by the commit that last moved its stream. A lookup, not evidence: no
-- foreign key that could stand in the way of reading a damaged store.
CREATE TABLE checkpoint_streams (
    stream text   COLLATE "C" NOT NULL PRIMARY KEY,
    number bigint NOT NULL
);
