"""A fast national-scale sample: every local authority's monthly partner extracts, for
performance benchmarks ("Performance at national scale").

`generate_national(out_dir, scale="region" | "england" | Scale(...))` writes
`out_dir/raw/<extract>/<partner>_<YYYY-MM>.csv` (five financial years ending 2024-25 by
default; police files one per force, serving several LAs, with `la_code`; the population,
benchmarks and neighbours of every LA), `out_dir/incremental/...` (one further month, April
2025, to load on top), `out_dir/partners.toml` (the registry: areas, partnerships, every
authority's partners, the forces) and `out_dir/sample.json` (what was written, the places and
every LA's and partnership's true figures). Records are built column-wise with numpy and
written with polars: no Python loop runs per row. Every identifier is invented.

Unlike the city sample (`wst_analytics.sample`), nothing here reproduces published figures:
the volumes are England's orders of magnitude, and files carry a record when it starts and
again when it changes (see `docs/performance.md`).
"""

from .generator import generate_national
from .scales import SCALES, Scale

__all__ = ["SCALES", "Scale", "generate_national"]
