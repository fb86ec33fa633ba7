"""One line each on what is missing before a command starts, and what to do about it: a drop
folder that does not exist or holds no file, a warehouse not yet built."""

from __future__ import annotations

from pathlib import Path

from wst_analytics import settings


def drop_folder_missing(raw: Path) -> str | None:
    """The drop folder does not exist (or is not a folder): say where files go."""
    if raw.is_dir():
        return None
    what = "is not a folder" if raw.exists() else "does not exist"
    return (f"the drop folder {raw} {what}: create it and put partners' files in "
            f"{raw}/<extract>/<partner>_<YYYY-MM>.csv, or point WST_RAW_DIR at the folder that holds them")


def drop_folder_empty(raw: Path) -> str | None:
    """The drop folder holds no file at all: say where files go."""
    if not raw.is_dir() or any(path.is_file() for path in raw.rglob("*")):
        return None
    return (f"The drop folder {raw} is empty: partners' files go in "
            f"{raw}/<extract>/<partner>_<YYYY-MM>.csv (or try `wst demo`).")


def warehouse_missing() -> str | None:
    """No warehouse yet: say how one is made."""
    path = settings.warehouse_path()
    if path.exists():
        return None
    return (f"There is no warehouse yet ({path}): the UI shows no data until a load runs "
            "(`wst load`, or the monthly_load job in the UI).")
