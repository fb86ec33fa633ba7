"""The activity log: who did what to the warehouse and with its data (loads, purges, reports,
exports), when, with the files involved and their hashes, tamper-evidently.

The log is `activity.log` beside the warehouse (`WST_ACTIVITY_LOG` moves it); it holds no
personal data. Three things protect it (SECURITY.md says what each does and does not catch):

- **a chain**: each entry carries the sha256 of the line before it, and its number;
- **seals**: each entry carries an HMAC under a key derived from the pseudonymisation key
  (`entries.log_key`), so nobody without that key can write an entry that verifies, edit one, or
  rebuild the chain after removing or moving one;
- **anchors**: what writes the warehouse writes its entry inside the same transaction as what it
  records, and the warehouse keeps that entry's number and hash (`anchor`), so removing the
  newest entries, or replacing the whole log, is found too, and a kill at any moment leaves the
  log and the warehouse agreeing on what happened.

Exports and reports written from the read-only copies never touch the warehouse: their entries
are chained and sealed (`record`) but not anchored. `wst activity verify` checks the log
(`verify`).
"""

from wst_analytics.activity.anchor import AnchoredLog, anchors_in, files_taken_in, record_anchored, record_beside
from wst_analytics.activity.entries import GENESIS, hashed, key_from_environment, log_key, log_path, record
from wst_analytics.activity.verify import Verdict, examine, verify

__all__ = ["GENESIS", "AnchoredLog", "Verdict", "anchors_in", "examine", "files_taken_in", "hashed",
           "key_from_environment", "log_key", "log_path", "record", "record_anchored", "record_beside", "verify"]
