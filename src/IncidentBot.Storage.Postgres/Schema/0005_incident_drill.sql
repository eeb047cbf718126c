-- 0005: the incident projection says whether an incident is a drill (a practice incident, /incident drill), so lists
-- and the API can mark it. Every row written before is a real incident: false. The row checksum covers the flag only
-- when it is true, so rows checksummed before this version still verify, and a row edited from false to true (or
-- back) does not.
ALTER TABLE incidents ADD COLUMN drill boolean NOT NULL DEFAULT false;
