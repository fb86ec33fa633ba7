"""Real storage faults for the tests: a tiny full disk (tmpfs) and a read-only file system (a
read-only bind mount), mounted over a folder under tmp_path and unmounted afterwards. Root
ignores file modes, so a mount is the honest way; without the right to mount the tests skip,
and under CI they fail."""

from __future__ import annotations

import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"mounting is needed for the storage fault tests: {done.stderr.strip()}")
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")


def _unmount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], check=True, capture_output=True)


def fill(folder: Path) -> None:
    """Write a file until the disk is full (hidden: the drop folder skips it)."""
    with open(folder / ".filler", "wb") as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
        except OSError:
            pass


@contextmanager
def full_disk(folder: Path, size_kib: int = 512, keep_files: bool = True):
    """`folder` on a tmpfs of `size_kib` KiB, holding what it held, then filled."""
    folder.mkdir(parents=True, exist_ok=True)
    held = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()} if keep_files else {}
    _mount("-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(folder))
    try:
        for relative, data in held.items():
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_bytes(data)
        fill(folder)
        yield folder
    finally:
        _unmount(folder)


@contextmanager
def read_only(folder: Path):
    """`folder` (and all under it) on a read-only file system."""
    folder.mkdir(parents=True, exist_ok=True)
    _mount("--bind", str(folder), str(folder))
    try:
        _mount("-o", "remount,ro,bind", str(folder))
        yield folder
    finally:
        _unmount(folder)
