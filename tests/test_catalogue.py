"""The catalogue holds every indicator of the partnership's first set, with its definition."""

import re
from pathlib import Path

import pytest

from wst_analytics import settings
from wst_analytics.indicators.catalogue import load_catalogue

#: the published interface, copied into the project (docs/interfaces/README.md)
INTERFACE = Path(__file__).parents[1] / "docs" / "interfaces" / "indicators.md"


def published_set() -> dict[str, str]:
    """id -> definition, from the indicator tables of the published interface (docs/interfaces/indicators.md)."""
    sections = INTERFACE.read_text().split("\n## ")
    indicator_sections = [s for s in sections if s.startswith(("Children", "Adults", "Police", "Training"))]
    rows = [re.findall(r"^\| ([a-z0-9_]+) \| (.+) \|$", s, flags=re.M) for s in indicator_sections]
    return {indicator_id: definition for section in rows for indicator_id, definition in section
            if indicator_id != "id"}


def test_every_published_id_is_in_the_catalogue_with_exactly_its_definition():
    catalogue = load_catalogue()
    expected = published_set()
    assert len(expected) == 32
    for indicator_id, definition in expected.items():
        assert catalogue[indicator_id].definition == definition, indicator_id


def test_every_indicator_has_its_sql_and_sensible_settings():
    for indicator in load_catalogue():
        assert (settings.SQL_DIR / indicator.sql_file).exists() or not indicator.has_sql_file
        assert indicator.tolerance_red_pct > indicator.tolerance_amber_pct > 0
        if indicator.breakdown:
            assert indicator.counts_from, indicator.id


def test_a_bad_entry_is_refused(tmp_path):
    path = tmp_path / "indicators.toml"
    path.write_text('[[indicator]]\nid = "x"\ntitle = "X"\ndefinition = "x"\nunit = "furlongs"\n'
                    'measure = "flow"\npolarity = "neutral"\nsources = ["cp_plans"]\nbreakdown = ""\n'
                    'publishable = true\ndisclosure = "none"\ntolerance_amber_pct = 1\ntolerance_red_pct = 2\n')
    with pytest.raises(ValueError, match="unit 'furlongs'.*SQL file"):
        load_catalogue(path)
