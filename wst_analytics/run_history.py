"""Where Dagster keeps its run history: SQLite files in `DAGSTER_HOME` (the default, for one
machine), or a PostgreSQL database when `WST_DAGSTER_POSTGRES_URL` is set (a team server: the
webserver, the daemon and every `wst load` share one history of runs, event logs, schedules
and sensor ticks).

The instance settings Dagster reads (`$DAGSTER_HOME/dagster.yaml`) are the project's
`dagster.yaml` (else the package's) with, for PostgreSQL, the package's storage section
(`defaults/dagster-storage-postgres.yaml`) added. That section names the variable, never its
value, so no password is written to a file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

URL_VARIABLE = "WST_DAGSTER_POSTGRES_URL"


def postgres_url() -> str | None:
    """The PostgreSQL URL of the run history, or None for SQLite in DAGSTER_HOME."""
    return os.environ.get(URL_VARIABLE) or None


def instance_settings(base: Path, defaults: Path) -> bytes:
    """The text of `$DAGSTER_HOME/dagster.yaml`: `base` plus the storage section in use."""
    text = base.read_bytes()
    if postgres_url():
        text += (defaults / "dagster-storage-postgres.yaml").read_bytes()
    return text


def ensure_home(own: Path, base: Path, defaults: Path) -> Path:
    """Point `DAGSTER_HOME` at the project's own folder `own` unless it is already set.

    The instance settings are written into `own` whenever they change, and into a home the user
    chose only if that has none (theirs is never replaced).
    """
    own = own.resolve()
    home = Path(os.environ.get("DAGSTER_HOME") or own).resolve()
    home.mkdir(parents=True, exist_ok=True)
    os.environ["DAGSTER_HOME"] = str(home)
    target, wanted = home / "dagster.yaml", instance_settings(base, defaults)
    if base.resolve() != target.resolve():
        if not target.exists() or (home == own and target.read_bytes() != wanted):
            target.write_bytes(wanted)
    return home


def shown(url: str) -> str:
    """The URL as it may be printed: any password replaced by `***`."""
    return re.sub(r"(//[^:/@?]*:)[^@/?]*@", r"\1***@", url)


def check_reachable(timeout_seconds: int = 10) -> None:
    """Refuse in one line, before a run starts, if the PostgreSQL run history cannot be used."""
    url = postgres_url()
    if url is None:
        return
    import psycopg2  # the driver Dagster's storage uses (SQLAlchemy 2.0's default for postgresql://)

    try:
        psycopg2.connect(url, connect_timeout=timeout_seconds).close()
    except psycopg2.Error as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        password = re.search(r"//[^:/@?]*:([^@/?]*)@", url)
        if password and password.group(1):
            reason = reason.replace(password.group(1), "***")
        raise ValueError(f"{URL_VARIABLE}: Dagster's run history in PostgreSQL ({shown(url)}) "
                         f"cannot be used ({reason.rstrip('.')}). Check the server is running and the URL, "
                         "user and password are right.") from None
