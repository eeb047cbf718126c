-- 0007: the incident projection says whether an incident is a drill (a practice incident, /incident drill), so lists
-- and the API can mark it. Every row written before is a real incident: 0. The row checksum covers the flag only when
-- it is 1, so rows checksummed before this version still verify, and a row edited from 0 to 1 (or back) does not.
ALTER TABLE incidents ADD COLUMN drill INTEGER NOT NULL DEFAULT 0 CHECK (drill IN (0, 1));
