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
