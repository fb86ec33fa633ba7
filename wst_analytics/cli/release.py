"""`wst release create NAME --period 2019-20`, `wst release list`, `wst release diff NAME`,
`wst release allow-purge NAME`: freezing the published tables when a period's figures are
released, and what has changed since (docs/publication.md#releases-and-revisions).

`create` and `allow-purge` write the warehouse: they hold the load lock (refused while a load
runs), then publish the copies again so report authors see the release. `diff` reads the
warehouse under the lock too (it names file versions, which only the audit holds); `list`
reads the report authors' copy.
"""

from __future__ import annotations

import duckdb

from wst_analytics import activity, settings
from wst_analytics.copies import publish_copies_from
from wst_analytics.export.read import CopyDamaged, open_published
from wst_analytics.indicators.catalogue import load_catalogue
from wst_analytics.releases.create import ReleaseRefused, check_name, create_release, last_month
from wst_analytics.releases.decisions import allow_purge
from wst_analytics.releases.diff import changes, lines
from wst_analytics.releases.frozen import list_releases
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.health import open_checked
from wst_analytics.warehouse.lock import LoadInProgress, load_lock


def register(commands) -> None:
    command = commands.add_parser("release", help="freeze the published tables as a release; list, compare")
    kinds = command.add_subparsers(dest="kind", required=True, metavar="ACTION")
    create = kinds.add_parser("create", help="freeze every published table as release NAME of a financial year",
                              description="Freeze the published tables as they are now into an immutable "
                                          "release (warehouse and report copy): who, when, the file versions "
                                          "behind it and a content hash. A name is used once.")
    create.add_argument("name", help="the release's name: letters, digits, '.', '_', '-' (e.g. 2019-20-annual)")
    create.add_argument("--period", required=True, help="the financial year it releases, e.g. 2019-20")
    create.set_defaults(run=run_create)
    kinds.add_parser("list", help="the releases: name, period, when, who, hash, cells").set_defaults(run=run_list)
    diff = kinds.add_parser("diff", help="what has changed since a release, cell by cell, and why")
    diff.add_argument("name")
    diff.set_defaults(run=run_diff)
    allow = kinds.add_parser("allow-purge", help="record the decision that retention may purge the records "
                                                 "behind a release (its frozen tables are kept)")
    allow.add_argument("name")
    allow.set_defaults(run=run_allow)


def _writing(args, action) -> int:
    """Run `action(con)` on the warehouse under the lock, publish the copies again, and then
    what it returns (which records it in the activity log and says what was done)."""
    warehouse = settings.warehouse_path()
    if not warehouse.exists():
        print(f"wst release: there is no warehouse at {warehouse}: run `wst load` (or `wst demo`) first")
        return 2
    try:
        with load_lock(warehouse):
            con = connect(warehouse)
            try:
                done = action(con)
            finally:
                con.close()
            publish_copies_from(warehouse)
            return done(warehouse)  # its activity entry, anchored while the lock is held
    except LoadInProgress as error:
        print(f"wst release: refusing: {error}")
        return 3
    except ReleaseRefused as error:
        print(f"wst release {args.kind}: {error}")
        return 2


def run_create(args) -> int:
    def made(warehouse) -> int:
        activity.record_beside(warehouse, "release", f"release {release['release_name']} of {args.period} made",
                               [(f"release {release['release_name']}", release["content_sha256"])])
        print(f"Made release {release['release_name']} of {args.period}: {release['cells']:,} figures, "
              f"content sha256 {release['content_sha256']}. Report authors see it in the report copy: "
              f"`wst export TABLE --release {release['release_name']}`, `wst report annual --release ...`.")
        return 0

    try:  # what is asked is checked before the warehouse is touched
        check_name(args.name), last_month(args.period)
    except ReleaseRefused as error:
        print(f"wst release create: {error}")
        return 2
    release = {}
    return _writing(args, lambda con: release.update(create_release(con, args.name, args.period)) or made)


def run_allow(args) -> int:
    def recorded(warehouse) -> int:
        activity.record_beside(warehouse, "release", f"retention may purge what release {args.name} rests on")
        print(f"Recorded: retention may now purge the records behind release {args.name} (its tables are kept).")
        return 0

    return _writing(args, lambda con: allow_purge(con, args.name) and recorded)


def run_list(args) -> int:
    try:
        con = open_published()
    except (FileNotFoundError, CopyDamaged) as error:
        print(f"wst release list: {error}")
        return 2
    try:
        releases = list_releases(con)
    finally:
        con.close()
    if not releases:
        print("No releases yet: make one with `wst release create NAME --period YYYY-YY`.")
    for r in releases:
        print(f"{r.name}  {r.period}  {r.created_at:%Y-%m-%d %H:%M} UTC  {r.created_by}  "
              f"sha256 {r.content_sha256}  {r.cells:,} cells")
    return 0


def run_diff(args) -> int:
    warehouse = settings.warehouse_path()
    if not warehouse.exists():
        print(f"wst release diff: there is no warehouse at {warehouse}: run `wst load` (or `wst demo`) first")
        return 2
    try:
        with load_lock(warehouse):
            con = open_checked(warehouse, read_only=True)
            try:
                found = changes(con, args.name, load_catalogue())
            finally:
                con.close()
    except LoadInProgress as error:
        print(f"wst release diff: refusing: {error}")
        return 3
    except (ReleaseRefused, duckdb.CatalogException) as error:
        print(f"wst release diff: {error}")
        return 2
    print(f"{found.height:,} figures have changed since release {args.name}" + (":" if found.height else "."))
    for line in lines(found):
        print(line)
    return 0
