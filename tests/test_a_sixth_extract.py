"""Adding an extract is its spec and its indicators' catalogue entries, nothing else: a
throwaway `referrals` extract (a spec in a folder of its own, `WST_EXTRACTS`; a catalogue with
one more entry in the project's config/) is read, loaded, given its asset, history and core
tables, and counted per place and period, by a `wst load` that knows nothing else of it."""

import os
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.conftest import TEST_COPY_KEY, TEST_KEY, TEST_WAREHOUSE_KEY, csv_bytes, open_db
from wst_analytics import settings

SPEC = '''"""referrals: a throwaway extract, to prove adding one needs only its spec."""
from wst_analytics.extracts.common import code, date, identifier
from wst_analytics.extracts.spec import extract_schema

schema = extract_schema(
    "referrals", key=["referral_id"], counted_by="referral_date",
    description="Referrals to children's social care: one row per referral.",
    columns={"referral_id": identifier(required=True, pseudonymise=True),
             "referral_date": date(required=True, not_after_month_end=True),
             "source": code(["POLICE", "SCHOOL", "HEALTH"], required=True)})
'''
ENTRY = '''
[[indicator]]
id = "referrals_received"
title = "Referrals received"
definition = "referrals with referral_date in the period"
unit = "count"
polarity = "neutral"
measure = "flow"
sources = ["referrals"]
breakdown = ""
block = "referrals_in_period"
publishable = false
disclosure = "none"
tolerance_amber_pct = 10
tolerance_red_pct = 20
'''
REGISTRY = '''
[areas.E08000031]
name = "Wolverhampton"
region = "E12000005"
[partners.cwc-cs]
organisation = "City of Wolverhampton Council, Children's Services"
areas = ["E08000031"]
owes = ["referrals"]
first_month = "2019-04"
'''


def test_a_sixth_extract_loads_and_is_counted_with_no_code_but_its_spec(tmp_path):
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "referrals.py").write_text(SPEC)
    (tmp_path / "config").mkdir()
    catalogue = (settings.DEFAULTS_DIR / "indicators.toml").read_text() + ENTRY
    (tmp_path / "config" / "indicators.toml").write_text(catalogue)
    (tmp_path / "config" / "partners.toml").write_text(REGISTRY)
    rows = [{"referral_id": f"R{n}", "referral_date": "2019-04-0{}".format(n + 1), "source": "school"}
            for n in range(3)] + [{"referral_id": "R9", "referral_date": "2019-05-01", "source": "SCHOOL"}]
    (tmp_path / "raw" / "referrals").mkdir(parents=True)
    (tmp_path / "raw" / "referrals" / "cwc-cs_2019-04.csv").write_bytes(csv_bytes(rows))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WST_", "DAGSTER_"))}
    env |= {"WST_HOME": str(tmp_path), "WST_EXTRACTS": str(tmp_path / "specs"), "WST_PSEUDONYM_KEY": TEST_KEY,
            "WST_WAREHOUSE_KEY": TEST_WAREHOUSE_KEY, "WST_COPY_KEY": TEST_COPY_KEY, "WST_SETTLE_SECONDS": "0"}
    done = subprocess.run([str(Path(sys.executable).parent / "wst"), "load"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    con = open_db(tmp_path / "warehouse" / "wst.duckdb")
    try:
        assert con.execute("SELECT count(*), count(DISTINCT la_code) FROM core.referrals").fetchall() == [(3, 1)]
        assert con.execute("SELECT source_row, rule FROM quarantine.rows").fetchall() == [(5, "after_month_end")]
        assert con.execute(
            "SELECT area_type, value FROM marts.indicator_values WHERE indicator_id = 'referrals_received' "
            "AND period_type = 'month' AND period = '2019-04' ORDER BY 1").fetchall() == [
            ("local_authority", 3.0), ("partnership", 3.0)]
    finally:
        con.close()
    assert "referrals" in done.stdout
    assert not (Path(settings.PACKAGE) / "extracts" / "referrals.py").exists()
