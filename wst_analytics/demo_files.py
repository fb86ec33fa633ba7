"""Keeping the demo's sample data apart from real data.

`wst demo` records every file it writes (path and sha256) in `raw/.wst-demo`. Only those files
may be removed by the demo, and only those may be loaded with the demo's throwaway key: its key
is public, so a real file loaded with it could have its pseudonyms reversed by anyone.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from wst_analytics import settings
from wst_analytics.ingest.discover import drop_folder_files
from wst_analytics.ingest.hash_memo import digest_of
from wst_analytics.ingest.pseudonymise import Pseudonymiser

MARKER = ".wst-demo"


class DemoKeyRefused(RuntimeError):
    """A file that is not the demo's was about to be loaded with the demo's public key."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_marker(raw: Path, relative_paths: list[str]) -> None:
    files = {relative: _sha256(raw / relative) for relative in sorted(relative_paths)}
    (raw / MARKER).write_text(json.dumps({"written_by": "wst demo", "files": files}, indent=1))


def demo_files(raw: Path) -> dict[str, str]:
    """The demo's files (path -> sha256), or {} if the folder has no demo marker."""
    marker = raw / MARKER
    return json.loads(marker.read_text())["files"] if marker.exists() else {}


def foreign_files(raw: Path) -> list[str]:
    """Files in the drop folder that the demo did not write (or that changed since)."""
    listed = demo_files(raw)
    found = []
    for path in drop_folder_files(raw):
        relative = path.relative_to(raw).as_posix()
        if listed.get(relative) != digest_of(path):
            found.append(relative)
    return found


def guard_demo_key(key_is_demo: bool, raw: Path, variable: str = "WST_PSEUDONYM_KEY") -> None:
    """Refuse to load anything with a demo key (in `variable`) while the drop folder holds a file
    the demo did not write: every asset of the load refuses, so none binds the warehouse to it."""
    if not key_is_demo:
        return
    strangers = foreign_files(raw)
    if strangers:  # counted, never named: the message reaches the run's log
        raise DemoKeyRefused(
            f"{variable} is the demo's public throwaway key (wst_analytics.keys.DEMO_KEYS), which "
            f"may only load the demo's sample files; {len(strangers)} "
            "file(s) in the drop folder are not. Run `wst demo --clean`, set a secret key and "
            "load again.")


def key_mismatch(built_with: str, given: Pseudonymiser) -> str:
    """Why a key is refused by a warehouse built with the key whose check value is `built_with`,
    saying whether either is the demo's key (neither key is ever printed)."""
    demo = Pseudonymiser(settings.DEMO_PSEUDONYM_KEY.encode()).key_check()
    text = ("WST_PSEUDONYM_KEY is not the key this warehouse was built with: loading with it would "
            "break every link between records.")
    if built_with == demo:
        return (text + " The warehouse was built with the demo's public throwaway key: it holds "
                "sample data. Remove it with `wst demo --clean` (or set WST_WAREHOUSE to a new "
                "file) before loading real data.")
    if given.key_check() == demo:
        return text + " The key given is the demo's throwaway key: set the warehouse's own key."
    return text + " Use the original key (or start a new warehouse)."
