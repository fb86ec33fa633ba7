-- The activity log's anchors: for every entry written by something that writes the warehouse
-- (a load, a purge) or runs inside a load's run (the exception report), its number and the
-- sha256 of its line, inserted in the same transaction as what the entry records. The log
-- (activity.log) holds the entries; these rows let `wst activity verify` find any entry
-- removed, changed or replaced, the newest included, and tell an entry whose transaction was
-- rolled back (no anchor) from one that was committed. No personal data: numbers and hashes.
CREATE TABLE IF NOT EXISTS audit.activity_anchors (
    entry        BIGINT PRIMARY KEY,  -- the entry's number `n` in the log
    line_sha256  VARCHAR NOT NULL,    -- sha256 of the entry's line, as written
    anchored_at  TIMESTAMP NOT NULL   -- UTC
);
