"""One declarative spec per extract of the contract (`spec.py` says what a spec holds).

Every module of this package holding a `schema` is the spec of one extract (the others,
`common`, `alphabet`, `spec` and `docs`, are what specs are built with). `SCHEMAS` maps the extract name (the folder under `raw/`) to its spec, in load order
(an extract after those its rules read). The specs are the single source of the contract's
columns: header matching, parsing, validation, pseudonymisation, the history tables, the load
assets, the code lists and the docs' contract tables all read them. Adding an extract is one
module here (and its indicators in the catalogue): nothing lists the extracts by hand.
"""

from __future__ import annotations

import importlib
import pkgutil

import pandera.polars as pa

from wst_analytics.extracts.spec import load_order

#: Extracts in the order the contract lists them (others follow, by name).
CONTRACT_ORDER = ("cp_plans", "adult_concerns", "s42_enquiries", "police_incidents",
                  "training_attendance", "population", "benchmarks", "neighbours")
_BUILDERS = {"common", "alphabet", "spec", "docs"}  # not specs: imported by them, or about them


def discover(paths=None, package: str = __name__) -> dict[str, pa.DataFrameSchema]:
    """Every spec module's schema, by extract name, in load order."""
    found = {}
    for module in pkgutil.iter_modules(paths or __path__):
        if module.name not in _BUILDERS:
            schema = importlib.import_module(f"{package}.{module.name}").schema
            found[schema.name] = schema
    rank = {name: n for n, name in enumerate(CONTRACT_ORDER)}
    ordered = dict(sorted(found.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))
    return {name: ordered[name] for name in load_order(ordered)}


SCHEMAS = discover()
EXTRACTS = tuple(SCHEMAS)
MONTHLY = tuple(name for name, spec in SCHEMAS.items() if spec.metadata["monthly"])
REFERENCE = tuple(name for name in SCHEMAS if name not in MONTHLY)
