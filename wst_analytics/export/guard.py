"""Where `wst export` and `wst report` may write: never over a file of the project.

An output path is refused when, with links resolved (and hard links compared by inode), it is
one of the warehouse's files (the warehouse, its log, its lock, a file restore set aside), the
activity log, or anything inside the drop folder, the copies folder, the backups folder,
Dagster's home, the project's `config/`, the installed package, or a file the project's git
repository tracks; the partner registry and the Dagster settings wherever they are; or a
folder. An existing file is replaced only when asked (`--force`).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pipelines
import wst_analytics
from wst_analytics import activity, settings
from wst_analytics.copies import copies_dir
from wst_analytics.warehouse.backup_folder import backups_dir


def _folders() -> list[tuple[Path, str]]:
    """The folders nothing may be written into."""
    home = Path(os.environ.get("DAGSTER_HOME") or settings.project_dir() / ".dagster")
    return [(settings.raw_dir(), "the drop folder"), (copies_dir(), "the published copies"),
            (backups_dir(), "the backups"), (home, "Dagster's run history"),
            (settings.project_dir() / "config", "the project's configuration"),
            (Path(wst_analytics.__file__).parent, "the wst_analytics package"),
            (Path(pipelines.__file__).parent, "the pipelines package")]


def _files() -> list[tuple[Path, str]]:
    """The files nothing may be written over, wherever they are."""
    warehouse = settings.warehouse_path()
    return [(activity.log_path(), "the activity log"), (settings.partners_file(), "the partner registry"),
            (settings.dagster_yaml(), "Dagster's settings"), (warehouse, "the warehouse")]


def _tracked() -> set[Path]:
    """The files the project folder's git repository tracks (none if it is not one)."""
    top = settings.project_dir()
    try:
        listed = subprocess.run(["git", "-C", str(top), "ls-files", "-z", "--full-name"], capture_output=True,
                                timeout=30, check=True).stdout
        root = subprocess.run(["git", "-C", str(top), "rev-parse", "--show-toplevel"], capture_output=True,
                              text=True, timeout=30, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return set()
    return {(Path(root) / name).resolve() for name in listed.decode().split("\0") if name}


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.exists() and other.exists() and os.path.samefile(path, other)
    except OSError:
        return False


def _project_file(path: Path) -> str | None:
    """What of the project the path is, or None."""
    resolved = path.resolve()
    warehouse = settings.warehouse_path().resolve()
    for other, what in _files():
        if resolved == other.resolve() or _same_file(path, other):
            return what
    if resolved.parent == warehouse.parent and resolved.name.startswith(warehouse.name):
        return "one of the warehouse's files (its log, its lock, or a file restore set aside)"
    for folder, what in _folders():
        if resolved.is_relative_to(folder.resolve()):
            return f"inside {what} ({folder})"
    if resolved in _tracked():
        return "a file the project's repository tracks"
    return None


def refusal(paths: list[Path], force: bool = False) -> str | None:
    """Why the output files may not be written, or None."""
    for path in paths:
        if path.is_dir():
            return f"{path} is a folder: name a file to write"
        what = _project_file(path)
        if what:
            return f"refusing to write {path}: it is {what}. Choose another path."
        if (path.exists() or path.is_symlink()) and not force:
            return f"{path} already exists: add --force to replace it"
    return None


def folder_refusal(folder: Path) -> str | None:
    """Why reports may not be written into the folder, or None."""
    if folder.exists() and not folder.is_dir():
        return f"{folder} is not a folder"
    for protected, what in _folders():
        if folder.resolve().is_relative_to(protected.resolve()):
            return f"refusing to write into {folder}: it is inside {what} ({protected}). Choose another folder."
    return None
