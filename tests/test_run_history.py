"""Which run history Dagster is given: the instance settings `wst` writes into DAGSTER_HOME."""

from wst_analytics import run_history, settings


def test_without_the_url_the_settings_are_the_project_s_own(tmp_path, monkeypatch):
    monkeypatch.delenv("WST_DAGSTER_POSTGRES_URL", raising=False)
    text = run_history.instance_settings(settings.dagster_yaml(), settings.DEFAULTS_DIR)
    assert text == settings.dagster_yaml().read_bytes() and b"postgres" not in text


def test_with_the_url_the_settings_name_the_variable_not_its_value(monkeypatch):
    monkeypatch.setenv("WST_DAGSTER_POSTGRES_URL", "postgresql://u:secret-pw@db/x")
    text = run_history.instance_settings(settings.dagster_yaml(), settings.DEFAULTS_DIR).decode()
    assert "env: WST_DAGSTER_POSTGRES_URL" in text and "secret-pw" not in text
    assert text.startswith(settings.dagster_yaml().read_text())  # pools, logs, telemetry kept


def test_the_project_s_own_home_follows_the_setting_and_a_chosen_home_is_never_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("WST_HOME", str(tmp_path))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    monkeypatch.setenv("WST_DAGSTER_POSTGRES_URL", "postgresql://u@db/x")
    home = settings.ensure_dagster_home()
    assert home == tmp_path / ".dagster" and b"postgres_url" in (home / "dagster.yaml").read_bytes()
    monkeypatch.delenv("WST_DAGSTER_POSTGRES_URL")
    monkeypatch.delenv("DAGSTER_HOME")
    assert b"postgres_url" not in (settings.ensure_dagster_home() / "dagster.yaml").read_bytes()
    chosen = tmp_path / "theirs"
    chosen.mkdir()
    (chosen / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    monkeypatch.setenv("DAGSTER_HOME", str(chosen))
    settings.ensure_dagster_home()
    assert (chosen / "dagster.yaml").read_text() == "telemetry:\n  enabled: false\n"


def test_a_password_is_never_shown():
    assert run_history.shown("postgresql://wst:s3cr3t@db:5432/h") == "postgresql://wst:***@db:5432/h"
    assert run_history.shown("postgresql://wst@/h?host=/run/pg") == "postgresql://wst@/h?host=/run/pg"
