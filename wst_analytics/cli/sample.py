"""`wst sample`: write sample partner extracts to a folder, at city, region or England scale.

`city` is the demo's two financial years for one authority (`wst_analytics.sample`), written
to DIR/raw and nothing else; `region` (15 authorities) and `england` (150) are the
national-scale sample for performance work (`wst_analytics.sample.national`): DIR/raw, one
further month in DIR/incremental, the partner registry DIR/partners.toml and DIR/sample.json.
`--las N` changes how many authorities a national sample has (keeping their average size):
`--scale region --las 3` is three LAs served by one police force.
"""

from __future__ import annotations

from pathlib import Path


def register(commands) -> None:
    command = commands.add_parser(
        "sample", help="write sample partner extracts (city, region or England scale) to a folder",
        description="Write synthetic partner extracts into DIR/raw. city: the demo's sample for one "
                    "authority (2018-19 and 2019-20). region (15 authorities) and england (150): "
                    "monthly files for five financial years to 2024-25, plus April 2025 in "
                    "DIR/incremental, the population, benchmarks and neighbours of every authority, "
                    "a partner registry DIR/partners.toml (areas, partnerships, police forces serving "
                    "several authorities) and DIR/sample.json (with each authority's true figures). "
                    "Refuses a DIR/raw that is not empty. Every identifier is invented.")
    command.add_argument("--scale", choices=["city", "region", "england"], default="city")
    command.add_argument("--out", required=True, metavar="DIR", help="folder to write into")
    command.add_argument("--seed", type=int, default=2020, help="random seed (default 2020)")
    command.add_argument("--years", type=int, default=None, metavar="N",
                         help="financial years (default: 2 for city, ending 2019-20; 5 otherwise, "
                              "ending 2024-25)")
    command.add_argument("--las", type=int, default=None, metavar="N",
                         help="region or england only: N authorities instead of 15 or 150, of the "
                              "same average size")
    command.set_defaults(run=run)


def _city(raw: Path, seed: int, years: int) -> None:
    from wst_analytics.sample import generate_sample
    from wst_analytics.sample.calendar import fy_label

    labels = tuple(fy_label(2019 - years + 1 + i) for i in range(years))
    manifest = generate_sample(raw, seed=seed, years=labels)
    print(f"Wrote {len(manifest.files)} city sample files ({', '.join(labels)}) to {raw}")
    print(f"""
To load them (the project's partner registry, config/partners.toml, lists the city's partners):
  export WST_RAW_DIR={raw} WST_WAREHOUSE={raw.parent / 'warehouse' / 'wst.duckdb'}
  uv run wst load""")


def _national(out: Path, scale: str, seed: int, years: int, las: int | None) -> None:
    from wst_analytics.sample.national import generate_national

    manifest = generate_national(out, scale=scale, seed=seed, years=years, las=las)
    print(f"""
Wrote {manifest['files']['raw']:,} files to {out / 'raw'} and {manifest['files']['incremental']:,} to \
{out / 'incremental'} ({manifest['total_rows']:,} rows, {manifest['bytes'] / 1e6:,.0f} MB), the partner \
registry {out / 'partners.toml'} and {out / 'sample.json'}.

To load them:
  export WST_RAW_DIR={out / 'raw'} WST_PARTNERS={out / 'partners.toml'} \
WST_WAREHOUSE={out / 'warehouse' / 'wst.duckdb'}
  uv run wst load
Then one more month on top: copy each {out / 'incremental'}/<extract>/*.csv into \
{out / 'raw'}/<extract>/ and run `uv run wst load` again.""")


def run(args) -> int:
    out = Path(args.out).expanduser().resolve()
    raw = out / "raw"
    if out.exists() and not out.is_dir():
        print(f"wst sample: refusing: {out} is not a folder")
        return 2
    if raw.exists() and any(raw.iterdir()):
        print(f"wst sample: refusing: {raw} is not empty; choose an empty or new folder")
        return 2
    if args.years is not None and not 1 <= args.years <= 20:
        print("wst sample: --years must be between 1 and 20")
        return 2
    if args.las is not None and (args.scale == "city" or not 1 <= args.las <= 999):
        print("wst sample: --las is for --scale region or england, between 1 and 999")
        return 2
    if args.scale == "city":
        _city(raw, args.seed, args.years or 2)
    else:
        try:
            _national(out, args.scale, args.seed, args.years or 5, args.las)
        except FileExistsError as error:
            print(f"wst sample: refusing: {error}")
            return 2
    return 0
