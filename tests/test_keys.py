"""The pseudonymisation key: weak keys are refused before anything is read, and a key the
warehouse was not built with is refused with a hint, never printing either key."""

import pytest

from tests.conftest import TEST_KEY, VALID
from tests.test_cli import wst
from wst_analytics import settings

WEAK = {
    "all white space": " " * 16,
    "one repeated character": "a" * 40,
    "few different characters": "abcabcabcabcabcabc",
    "leading white space": " " + TEST_KEY,
    "trailing white space": TEST_KEY + "\n",
    "too short": "s3cr3t-k3y",
}


@pytest.mark.parametrize("key", WEAK.values(), ids=WEAK.keys())
def test_a_weak_key_is_refused(key, monkeypatch):
    monkeypatch.setenv("WST_PSEUDONYM_KEY", key)
    with pytest.raises(settings.MissingKeyError, match="WST_PSEUDONYM_KEY"):
        settings.pseudonym_key()


def test_a_strong_key_is_accepted(monkeypatch):
    monkeypatch.setenv("WST_PSEUDONYM_KEY", TEST_KEY)
    assert settings.pseudonym_key() == TEST_KEY.encode()


def test_wst_load_refuses_a_weak_key_without_printing_it(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    done = wst("load", env={"WST_PSEUDONYM_KEY": "x" * 20})
    assert done.returncode == 2 and "different characters" in done.stdout
    assert "x" * 20 not in done.stdout + done.stderr and not workspace.warehouse.exists()


def test_a_refused_demo_key_load_leaves_no_binding_and_the_real_key_then_loads(workspace, monkeypatch):
    from tests.helpers import materialize

    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    monkeypatch.setenv("WST_PSEUDONYM_KEY", settings.DEMO_PSEUDONYM_KEY)
    refused = materialize(workspace, raise_on_error=False)
    assert not refused.success
    if workspace.warehouse.exists():
        assert workspace.query("SELECT * FROM audit.warehouse_info WHERE name = 'key_check'") == []
    monkeypatch.setenv("WST_PSEUDONYM_KEY", TEST_KEY)
    assert materialize(workspace).success
    assert workspace.scalar("SELECT count(*) FROM core.police_incidents") == 1


def test_a_demo_key_load_of_an_empty_drop_folder_binds_nothing(workspace, monkeypatch):
    from tests.helpers import materialize

    monkeypatch.setenv("WST_PSEUDONYM_KEY", settings.DEMO_PSEUDONYM_KEY)
    materialize(workspace, raise_on_error=False)
    assert workspace.query("SELECT * FROM audit.warehouse_info WHERE name = 'key_check'") == []


def demo_built_warehouse(workspace):
    """A warehouse bound to the demo's key, as `wst demo` leaves it (one demo file loaded)."""
    from tests.test_load import load
    from wst_analytics.demo_files import write_marker

    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    write_marker(workspace.raw, ["police_incidents/wmp_2019-04.csv"])
    load(workspace, key=settings.DEMO_PSEUDONYM_KEY)


def test_a_real_key_on_a_demo_warehouse_is_told_it_holds_the_demo(workspace):
    demo_built_warehouse(workspace)
    (workspace.raw / ".wst-demo").unlink()
    done = wst("load")
    assert done.returncode == 2 and "built with the demo's public throwaway key" in done.stdout
    assert TEST_KEY not in done.stdout and settings.DEMO_PSEUDONYM_KEY not in done.stdout


def test_the_library_load_gives_the_same_hint(workspace):
    from tests.test_load import load
    from wst_analytics.warehouse.audit import KeyMismatch

    demo_built_warehouse(workspace)
    workspace.drop("police_incidents/wmp_2019-05.csv", [VALID["police_incidents"]])
    with pytest.raises(KeyMismatch, match="built with the demo's public throwaway key"):
        load(workspace)


def test_the_demo_key_on_a_real_warehouse_is_told_so(workspace):
    from tests.test_load import load

    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    load(workspace)
    (workspace.raw / "police_incidents/wmp_2019-04.csv").unlink()
    workspace.drop("police_incidents/wmp_2019-05.csv", [VALID["police_incidents"]])
    from wst_analytics.demo_files import write_marker

    write_marker(workspace.raw, ["police_incidents/wmp_2019-05.csv"])  # the demo's files only
    done = wst("load", env={"WST_PSEUDONYM_KEY": settings.DEMO_PSEUDONYM_KEY})
    assert done.returncode == 2 and "The key given is the demo's throwaway key" in done.stdout
    assert settings.DEMO_PSEUDONYM_KEY not in done.stdout


def test_a_demo_key_load_of_real_files_is_refused_before_it_starts(workspace):
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    done = wst("load", env={"WST_PSEUDONYM_KEY": settings.DEMO_PSEUDONYM_KEY})
    assert done.returncode == 2 and "public throwaway key" in done.stdout
    assert not workspace.warehouse.exists()
