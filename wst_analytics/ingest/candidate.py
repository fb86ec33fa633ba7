"""A file version the drop folder offers a load: a contract return, or a file to reject."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from wst_analytics.extracts import EXTRACTS
from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.filenames import ReturnFile


@dataclass(frozen=True)
class Candidate:
    """A file version not seen before: either a contract return or a file to reject. `path`
    and `relative` are for reading it, in memory only: nothing stores, logs or shows them."""

    path: Path
    relative: str
    path_key: str  # the keyed hash of `relative`: how the audit knows this path
    sha256: str
    size_bytes: int
    received_at: datetime
    file: ReturnFile | None
    rejection: FileRejected | None

    @property
    def folder(self) -> str | None:
        parts = self.relative.split("/")
        return parts[0] if len(parts) > 1 else None

    @property
    def extract_folder(self) -> str | None:
        """The extract whose folder the file is in, if it is in one."""
        return self.folder if self.folder in EXTRACTS else None

    @property
    def unnamed_label(self) -> str:
        """The label of a file rejected on its name or nature: its extract's folder (if it is
        in one), when it was received and its content hash, never its name."""
        place = f"{self.extract_folder}/" if self.extract_folder else "(outside the extracts' folders) "
        content = f"sha256 {self.sha256[:12]}" if len(self.sha256) == 64 else self.sha256.split(":")[0]
        return f"{place}(file received {self.received_at:%Y-%m-%d %H:%M:%S}, {content})"
