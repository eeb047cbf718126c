-- 0006: the writer commits many appends in one transaction (group commit) and writes one checkpoint for it, listing
-- every head the transaction moved. An incident's seal, the checkpoint written by the commit that last moved its
-- stream, is therefore looked up here; checkpoints.stream names a stream only for checkpoints written one append at
-- a time, before this version, and is NULL from now on. This is a lookup, not evidence: `evidence verify` checks
-- the checkpoints themselves, so the table has no foreign key that could stand in the way of reading a damaged file.
CREATE TABLE checkpoint_streams (
    stream TEXT    NOT NULL PRIMARY KEY,
    number INTEGER NOT NULL
);
INSERT INTO checkpoint_streams (stream, number)
SELECT stream, MAX(number) FROM checkpoints WHERE stream IS NOT NULL GROUP BY stream;
