-- 0003: claims with an owner, and conversations as typed references.

-- A claim is owned: its token is handed to the worker that claimed the item, and only that token can complete,
-- reschedule or release it. claimed_until stays the lease; an expired lease makes the item claimable again.
ALTER TABLE outbox ADD COLUMN claim_token TEXT;

-- The typed reference a binding was made with (JSON: surface, channel, thread, serviceUrl, tenantId); NULL for rows
-- written before this version, whose key is split back into channel/thread.
ALTER TABLE conversations ADD COLUMN reference TEXT;

-- Places the bot has been told of (a Teams team it was added to), with the last reference seen there: an incident
-- announced in a Teams channel needs the service URL an authenticated activity from that team carried.
CREATE TABLE known_conversations (
    surface   TEXT NOT NULL,
    channel   TEXT NOT NULL,
    reference TEXT NOT NULL,
    seen_utc  TEXT NOT NULL,
    PRIMARY KEY (surface, channel)
);

-- Before this version the console read its notifications from the outbox without ever completing them (the outbox was
-- its permanent feed). They were shown then; completing them now keeps the console's delivery worker from replaying
-- the whole history into the room after an upgrade.
UPDATE outbox SET done_utc = created_utc WHERE kind = 'notify' AND target = 'console' AND done_utc IS NULL;
