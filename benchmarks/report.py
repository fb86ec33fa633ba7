"""Printing the benchmark's figures: a table per scale, and the summary across scales against
the targets, with the linearity. Used by `benchmarks/run.py`."""

from __future__ import annotations

SCALES = ("city", "region", "england")
EXTRACTS = ("cp_plans", "adult_concerns", "s42_enquiries", "police_incidents",
            "training_attendance", "population")
TARGETS = {"vs_floor": 2.0, "pandas_speedup": 3.0, "peak_rss_mb": 4096.0, "incremental": 0.10}
MB = 1024  # ru_maxrss is in KiB on Linux


def summarise(result: dict) -> dict:
    steps = result["steps"]
    load = steps["load"]["wall_seconds"]
    rows = result["sample"]["rows_read"]
    cpu = {name: step["user_seconds"] + step["system_seconds"] for name, step in steps.items() if step}
    summary = {"rows": rows, "load_seconds": load, "peak_rss_mb": steps["load"]["peak_rss_mb"],
               "load_cpu_seconds": round(cpu["load"], 3),
               "load_ok": steps["load"]["returncode"] == 0,
               "noop_seconds": steps["noop"]["wall_seconds"],
               "seconds_per_million_rows": round(load / rows * 1e6, 3) if rows else None}
    if steps.get("floor"):
        summary["floor_seconds"] = steps["floor"]["wall_seconds"]
        summary["vs_floor"] = round(load / steps["floor"]["wall_seconds"], 2)
        summary["vs_floor_cpu"] = round(cpu["load"] / cpu["floor"], 2) if cpu["floor"] else None
        floor_rows = (result["floor"] or {}).get("rows")
        if floor_rows:
            summary["floor_seconds_per_million_rows"] = round(
                steps["floor"]["wall_seconds"] / floor_rows * 1e6, 3)
    if steps.get("pandas"):
        summary["pandas_seconds"] = steps["pandas"]["wall_seconds"]
        summary["pandas_speedup"] = round(steps["pandas"]["wall_seconds"] / load, 2)
        summary["pandas_speedup_cpu"] = round(cpu["pandas"] / cpu["load"], 2) if cpu["load"] else None
        pandas_rows = (result["pandas"] or {}).get("rows")
        if pandas_rows:
            summary["pandas_seconds_per_million_rows"] = round(
                steps["pandas"]["wall_seconds"] / pandas_rows * 1e6, 3)
    if steps.get("incremental"):
        summary["incremental_seconds"] = steps["incremental"]["wall_seconds"]
        summary["incremental_ratio"] = round(steps["incremental"]["wall_seconds"] / load, 3)
    return summary


# --- printing ------------------------------------------------------------------------------------

def _rate(rows, seconds) -> str:
    return f"{rows / seconds:,.0f}" if rows and seconds else "-"


def _f(value, digits: int = 2) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def print_scale(result: dict) -> None:
    s = result["sample"]
    print(f"\n{result['scale']}: {s['rows_read']:,} rows read by wst load, {s['files']} files, "
          f"{s['bytes'] / 1e6:,.1f} MB")
    print(f"  {'step':<36}{'wall s':>10}{'CPU s':>9}{'peak RSS MB':>13}{'rows/s':>12}  exit")
    floor_rows = (result["floor"] or {}).get("rows")
    pandas_rows = (result["pandas"] or {}).get("rows")
    incremental_rows_ = (result["incremental"] or {}).get("rows")
    row_counts = {"load": s["rows_read"], "floor": floor_rows, "pandas": pandas_rows,
                  "incremental": incremental_rows_}
    for key, step in result["steps"].items():
        if not step:
            continue
        cpu = step["user_seconds"] + step["system_seconds"]
        print(f"  {step['step']:<36}{step['wall_seconds']:>10,.2f}{cpu:>9,.2f}{step['peak_rss_mb']:>13,.0f}"
              f"{_rate(row_counts.get(key), step['wall_seconds']):>12}  {step['returncode']}")
    marts = result["marts"]
    if marts:
        print(f"    of which build_indicators {marts['indicators']:.2f} s, "
              f"build_exceptions {marts['exceptions']:.2f} s (in-process times)")

    rates, pandas = result["wst_extracts"], (result["pandas"] or {}).get("extracts", {})
    floor = (result["floor"] or {}).get("extracts", {})
    print("\n  wst load per extract (audit.file_versions, audit.loads): rows/s of reading and "
          "validating (per-file durations), of storing and core, of the whole extract")
    print(f"  {'extract':<21}{'files':>6}{'read':>10}{'loaded':>10}{'quar.':>7}"
          f"{'read+val s':>11}{'rows/s':>10}{'store s':>9}{'rows/s':>10}{'extract s':>10}{'rows/s':>10}")
    for extract in EXTRACTS:
        v = rates.get(extract)
        if not v:
            continue
        read_s, store_s, total_s = (v.get("duration_seconds"), v.get("store_and_core_seconds"),
                                    v.get("extract_seconds"))
        print(f"  {extract:<21}{v['files']:>6}{v['rows_read']:>10,}{v['rows_loaded']:>10,}"
              f"{v['rows_quarantined']:>7,}{_f(read_s):>11}{_rate(v['rows_read'], read_s):>10}"
              f"{_f(store_s):>9}{_rate(v['rows_read'], store_s):>10}{_f(total_s):>10}"
              f"{_rate(v['rows_read'], total_s):>10}")
        others = {k: x for k, x in v.items() if k.endswith("_seconds") and k not in
                  ("duration_seconds", "store_and_core_seconds", "extract_seconds")}
        if others:
            print("  " + " " * 21 + ", ".join(f"{k} {x:.2f} ({_rate(v['rows_read'], x)} rows/s)"
                                              for k, x in others.items()))
    if pandas:
        print("\n  pandas reference per extract: seconds (rows/s) of each phase; loaded and "
              "quarantined rows compared with wst load")
        print(f"  {'extract':<21}{'read':>16}{'validate':>16}{'pseudonymise':>16}{'load':>16}"
              f"{'loaded':>9}{'quar.':>7}  same as wst?")
        for extract in EXTRACTS:
            p = pandas.get(extract)
            if not p:
                continue
            cells = "".join(f"{p['seconds'][ph]:>7.2f} ({_rate(p['rows_read'], p['seconds'][ph]):>7})"
                            for ph in ("read", "validate", "pseudonymise", "load"))
            w = rates.get(extract, {})
            same = (p["rows_loaded"], p["rows_quarantined"]) == (w.get("rows_loaded"), w.get("rows_quarantined"))
            note = "yes" if same else (f"no: wst {w.get('rows_loaded')} loaded, "
                                       f"{w.get('rows_quarantined')} quarantined")
            print(f"  {extract:<21}{cells}{p['rows_loaded']:>9,}{p['rows_quarantined']:>7,}  {note}")
    if floor:
        print("\n  floor per extract: " + ", ".join(
            f"{e} {v['rows']:,} rows {v['seconds']:.2f} s ({_rate(v['rows'], v['seconds'])} rows/s)"
            + (f", {v['transcoded_files']} transcoded" if v.get("transcoded_files") else "")
            + (f", {v['xlsx_not_read']} xlsx not read" if v.get("xlsx_not_read") else "")
            for e, v in floor.items() if v["files"]))


def _verdict(value, target, better: str) -> str:
    if value is None:
        return "-"
    met = value <= target if better == "lower" else value >= target
    return "met" if met else "MISSED"


def print_summary(results: dict[str, dict], fresh: set[str]) -> None:
    order = [s for s in SCALES if s in results]
    if not order:
        return
    print("\n== summary ==")
    if set(order) - fresh:
        print("(" + ", ".join(f"{s} from an earlier run, {results[s]['finished_at']}"
                              for s in order if s not in fresh) + ")")
    header = f"  {'':<44}" + "".join(f"{s:>14}" for s in order) + f"{'target':>14}"
    print(header)

    def line(label: str, values: list, target: str = "") -> None:
        print(f"  {label:<44}" + "".join(f"{v:>14}" for v in values) + f"{target:>14}")

    summaries = [results[s]["summary"] for s in order]
    line("rows read", [f"{x['rows']:,}" for x in summaries])
    line("wst load, end to end (s)", [_f(x["load_seconds"]) for x in summaries])
    line("wst load with nothing new (s)", [_f(x.get("noop_seconds")) for x in summaries])
    line("DuckDB floor (s)", [_f(x.get("floor_seconds")) for x in summaries])
    line("pandas reference (s)", [_f(x.get("pandas_seconds")) for x in summaries])
    line("end to end / floor", [_f(x.get("vs_floor")) + "x" if x.get("vs_floor") else "-"
                                for x in summaries], f"<= {TARGETS['vs_floor']:g}x")
    line("  verdict", [_verdict(x.get("vs_floor"), TARGETS["vs_floor"], "lower") for x in summaries])
    line("  the same in CPU time (user + system)", [_f(x.get("vs_floor_cpu")) + "x"
                                                    if x.get("vs_floor_cpu") else "-" for x in summaries])
    line("speed-up over pandas (pandas / end to end)",
         [_f(x.get("pandas_speedup")) + "x" if x.get("pandas_speedup") else "-" for x in summaries],
         f">= {TARGETS['pandas_speedup']:g}x")
    line("  verdict", [_verdict(x.get("pandas_speedup"), TARGETS["pandas_speedup"], "higher")
                       for x in summaries])
    line("  the same in CPU time (user + system)", [_f(x.get("pandas_speedup_cpu")) + "x"
                                                    if x.get("pandas_speedup_cpu") else "-"
                                                    for x in summaries])
    line("peak RSS of wst load (MB)", [_f(x["peak_rss_mb"], 0) for x in summaries],
         f"< {TARGETS['peak_rss_mb']:,.0f}")
    line("  verdict", [_verdict(x["peak_rss_mb"], TARGETS["peak_rss_mb"] - 1e-9, "lower")
                       for x in summaries])
    line("one new month / full load", [f"{x['incremental_ratio']:.1%}" if x.get("incremental_ratio")
                                       is not None else "-" for x in summaries],
         f"<= {TARGETS['incremental']:.0%}")
    line("  verdict", [_verdict(x.get("incremental_ratio"), TARGETS["incremental"], "lower")
                       for x in summaries])
    print("  (the targets are set for England scale; smaller scales are dominated by fixed costs)")

    print("\n  linearity: seconds per million rows, and its ratio to the next smaller scale "
          "(1.0 = linear)")
    for label, key in (("wst load", "seconds_per_million_rows"),
                       ("floor", "floor_seconds_per_million_rows"),
                       ("pandas", "pandas_seconds_per_million_rows")):
        values = [x.get(key) for x in summaries]
        if not any(values):
            continue
        line(f"{label} (s per million rows)", [_f(v) for v in values])
        ratios = ["-"] + [f"{b / a:.2f}" if a and b else "-" for a, b in zip(values, values[1:])]
        line(f"{label} ratio to previous scale", ratios)
    marginal = []
    for x in summaries:
        if x.get("noop_seconds") is not None and x["rows"]:
            marginal.append(_f((x["load_seconds"] - x["noop_seconds"]) / x["rows"] * 1e6))
        else:
            marginal.append("-")
    line("wst load less its fixed cost (s per M rows)", marginal)
    rows = [x["rows"] for x in summaries]
    if len(rows) > 1:
        line("rows relative to previous scale", ["-"] + [f"{b / a:.1f}x" if a else "-"
                                                          for a, b in zip(rows, rows[1:])])
