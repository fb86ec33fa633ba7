"""`wst release create` checks what it is asked before it touches the warehouse."""

import pytest

from wst_analytics.cli import main


@pytest.mark.parametrize("name", ["bad/name", "../x", "_leading", "a" * 65, "jane smith"])
def test_a_release_name_outside_its_alphabet_is_refused(workspace, capsys, name):
    assert main(["release", "create", name, "--period", "2019-20"]) == 2
    assert "use 1 to 64 letters, digits" in capsys.readouterr().out
    assert not workspace.warehouse.exists()


@pytest.mark.parametrize("period", ["2019-21", "2019", "19-20", "2019/20"])
def test_a_period_that_is_not_a_financial_year_is_refused(workspace, capsys, period):
    assert main(["release", "create", "y2019", "--period", period]) == 2
    assert "is not a financial year: say e.g. 2019-20" in capsys.readouterr().out
