"""One declarative spec per extract of the contract (`spec.py` says what a spec holds).

Every module of this package holding a `schema` is the spec of one extract (the others,
`common`, `alphabet`, `spec`, `rules` and `docs`, are what specs are built with). `SCHEMAS` maps the extract name (the folder under `raw/`) to its spec, in load order
(an extract after those its rules read). The specs are the single source of the contract's
columns: header matching, parsing, validation, pseudonymisation, the history tables, the load
assets, the code lists and the docs' contract tables all read them. Adding an extract is one
module here (and its indicators in the catalogue): nothing lists the extracts by hand. A
deployment can add extracts of its own without touching the package: every `*.py` in the
folders `WST_EXTRACTS` names (separated by `:`) is read as a spec too.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil
from pathlib import Path

import pandera.polars as pa

from wst_analytics.extracts.spec import load_order

#: Extracts in the order the contract lists them (others follow, by name).
CONTRACT_ORDER = ("cp_plans", "adult_concerns", "s42_enquiries", "police_incidents",
                  "training_attendance", "population", "benchmarks", "neighbours")
_BUILDERS = {"common", "place_columns", "alphabet", "spec", "rules", "docs"}  # not specs: imported by them, or about them


def _local_specs() -> list[pa.DataFrameSchema]:
    """The specs in the folders `WST_EXTRACTS` names, a module each."""
    found = []
    for folder in filter(None, os.environ.get("WST_EXTRACTS", "").split(os.pathsep)):
        for file in sorted(Path(folder).expanduser().glob("*.py")):
            loader = importlib.util.spec_from_file_location(f"wst_local_extracts.{file.stem}", file)
            module = importlib.util.module_from_spec(loader)
            loader.loader.exec_module(module)
            found.append(module.schema)
    return found


def discover(package: str = __name__) -> dict[str, pa.DataFrameSchema]:
    """Every spec module's schema (the package's, then `WST_EXTRACTS`'), by extract name, in
    load order."""
    found = {}
    for module in pkgutil.iter_modules(__path__):
        if module.name not in _BUILDERS:
            schema = importlib.import_module(f"{package}.{module.name}").schema
            found[schema.name] = schema
    for schema in _local_specs():
        if schema.name in found:
            raise ValueError(f"WST_EXTRACTS: an extract {schema.name!r} exists already")
        found[schema.name] = schema
    rank = {name: n for n, name in enumerate(CONTRACT_ORDER)}
    ordered = dict(sorted(found.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))
    return {name: ordered[name] for name in load_order(ordered)}


SCHEMAS = discover()
EXTRACTS = tuple(SCHEMAS)
MONTHLY = tuple(name for name, spec in SCHEMAS.items() if spec.metadata["monthly"])
REFERENCE = tuple(name for name in SCHEMAS if name not in MONTHLY)
