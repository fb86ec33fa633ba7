"""Adding a partner or a second local authority is a change to the registry file only."""

import pytest

from tests.conftest import VALID
from tests.helpers import materialize
from wst_analytics.registry import load_registry

SECOND_LA = """
due_day = 15
[areas.E08000031]
name = "Wolverhampton"
region = "E12000005"
[areas.E08000027]
name = "Dudley"
region = "E12000005"
[partners.cwc-cs]
organisation = "City of Wolverhampton Council, Children's Services"
areas = ["E08000031"]
owes = ["cp_plans"]
[partners.dud-cs]
organisation = "Dudley Council, Children's Services"
areas = ["E08000027"]
owes = ["cp_plans"]
first_month = "2019-04"
"""


def test_the_shipped_registry_matches_the_contract():
    registry = load_registry()
    assert sorted(registry.returns_owed()) == sorted([
        ("cwc-cs", "cp_plans"), ("cwc-asc", "adult_concerns"), ("cwc-asc", "s42_enquiries"),
        ("wmp", "police_incidents"), ("wst", "training_attendance")])
    assert registry.partners["ons"].reference == ("population",)
    assert registry.partners["dfe"].reference == ("benchmarks", "neighbours")
    assert registry.places.authorities["E08000031"].region == "E12000005"
    assert registry.places.partnerships["wst"].areas == ("E08000031",)
    assert registry.due_day == 15


def test_a_second_local_authority_loads_with_keys_kept_apart(workspace, tmp_path, monkeypatch):
    registry = tmp_path / "partners.toml"
    registry.write_text(SECOND_LA)
    monkeypatch.setenv("WST_PARTNERS", str(registry))
    workspace.drop("cp_plans/cwc-cs_2019-04.csv", [VALID["cp_plans"]])
    workspace.drop("cp_plans/dud-cs_2019-04.csv", [VALID["cp_plans"]])  # same child id, other LA
    materialize(workspace)
    assert workspace.query("SELECT partner FROM core.cp_plans ORDER BY 1") == [("cwc-cs",), ("dud-cs",)]


def test_a_partner_not_in_the_registry_is_rejected(workspace):
    workspace.drop("cp_plans/dud-cs_2019-04.csv", [VALID["cp_plans"]])
    materialize(workspace)
    assert workspace.query("SELECT status, reason FROM audit.file_versions") == [
        ("rejected", "the partner code the name starts with is not in the partner registry (partners.toml): "
                     "check the code, or add the partner")]  # never the code itself: it may be a name


def test_a_registry_naming_an_unknown_extract_is_refused(tmp_path):
    path = tmp_path / "partners.toml"
    path.write_text('[partners.x]\norganisation = "X"\nowes = ["referrals"]\n')
    with pytest.raises(ValueError, match="unknown extracts"):
        load_registry(path)


def test_a_registry_naming_an_unknown_extract_is_refused_before_areas(tmp_path):
    path = tmp_path / "partners.toml"
    path.write_text('[areas.E08000031]\nname = "W"\nregion = "E12000005"\n'
                    '[partners.x]\norganisation = "X"\nareas = ["E08000031"]\nowes = ["referrals"]\n')
    with pytest.raises(ValueError, match="partner x names unknown extracts"):
        load_registry(path)


@pytest.mark.parametrize("text, message", [
    ('[partners.x]\norganisation = "X"\nareas = ["E08000099"]\nowes = ["cp_plans"]\n',
     "partner x serves E08000099, not an area of the registry"),
    ('[areas.E08000031]\nname = "W"\n[partners.x]\norganisation = "X"\nowes = ["cp_plans"]\n',
     "area E08000031 has no region"),
    ('[areas.E08000031]\nname = "W"\nregion = "E12000005"\n'
     '[partners.x]\norganisation = "X"\nowes = ["cp_plans"]\n',
     "partner x sends monthly returns but serves no area"),
    ('[areas.W08000031]\nname = "W"\nregion = "E12000005"\n', "area 'W08000031' is not a local authority's GSS code"),
    ('[areas.E08000031]\nname = "W"\nregion = "North"\n', "region 'North' is not a region's GSS code"),
    ('[areas.E08000031]\nname = "W"\nregion = "E12000005"\n[partnerships.p]\nareas = ["E06000001"]\n',
     "partnership p names E06000001, not an area of the registry"),
])
def test_a_bad_area_entry_is_refused_naming_it(tmp_path, text, message):
    path = tmp_path / "partners.toml"
    path.write_text(text)
    with pytest.raises(ValueError, match=message):
        load_registry(path)


def test_without_partnerships_all_the_registrys_las_form_one(tmp_path):
    path = tmp_path / "partners.toml"
    path.write_text(SECOND_LA)
    places = load_registry(path).places
    assert [(p.code, p.areas) for p in places.partnerships.values()] == [("all", ("E08000031", "E08000027"))]
    assert sorted(places.members()) == sorted([
        ("local_authority", "E08000031", "E08000031"), ("local_authority", "E08000027", "E08000027"),
        ("partnership", "all", "E08000031"), ("partnership", "all", "E08000027")])


PARTNER_ENTRY = '[partners.wmp]\norganisation = "West Midlands Police"\nowes = ["police_incidents"]\n'
BAD_REGISTRIES = {
    "due_day 31": ("due_day = 31\n" + PARTNER_ENTRY, "due_day"),
    "due_day 29": ("due_day = 29\n" + PARTNER_ENTRY, "due_day"),
    "due_day 0": ("due_day = 0\n" + PARTNER_ENTRY, "due_day"),
    "due_day negative": ("due_day = -3\n" + PARTNER_ENTRY, "due_day"),
    "due_day not whole": ("due_day = 15.5\n" + PARTNER_ENTRY, "due_day"),
    "due_day text": ('due_day = "15"\n' + PARTNER_ENTRY, "due_day"),
    "due_day true": ("due_day = true\n" + PARTNER_ENTRY, "due_day"),
    "first_month not a month": (PARTNER_ENTRY + 'first_month = "2019-13"\n', "wmp.*first_month"),
    "first_month not text": (PARTNER_ENTRY + "first_month = 201904\n", "wmp.*first_month"),
    "first_month with a day": (PARTNER_ENTRY + 'first_month = "2019-04-01"\n', "wmp.*first_month"),
    "last_month before first_month": (PARTNER_ENTRY + 'first_month = "2019-04"\nlast_month = "2019-03"\n',
                                      "wmp.*last_month.*before"),
    "late_from not a month": (PARTNER_ENTRY + 'late_from = "2024-4"\n', "wmp.*late_from.*YYYY-MM"),
    "late_from not text": (PARTNER_ENTRY + "late_from = 2024-04-01\n", "wmp.*late_from.*YYYY-MM"),
    "registry late_from not a month": ('late_from = "April 2024"\n' + PARTNER_ENTRY, "late_from.*YYYY-MM"),
    "unknown partner key": (PARTNER_ENTRY + 'owse = ["cp_plans"]\n', "wmp.*owse"),
    "unknown top-level key": ("due_dya = 15\n" + PARTNER_ENTRY, "due_dya"),
    "duplicate partner code": (PARTNER_ENTRY + PARTNER_ENTRY, "not valid TOML"),
    "no organisation": ('[partners.wmp]\nowes = ["police_incidents"]\n', "wmp.*organisation"),
    "owes not a list": ('[partners.wmp]\norganisation = "P"\nowes = "police_incidents"\n', "wmp.*owes"),
    "a monthly return of reference data": ('[partners.ons]\norganisation = "ONS"\nowes = ["population"]\n',
                                           "ons.*population.*reference"),
    "reference data that is a monthly return": ('[partners.wmp]\norganisation = "P"\nreference = ["police_incidents"]\n',
                                                "wmp.*police_incidents.*monthly"),
    "unknown area key": ('[areas.E08000031]\nname = "W"\nregion = "E12000005"\nregoin = "E12000005"\n'
                         + PARTNER_ENTRY, "area E08000031.*regoin"),
    "unknown partnership key": ('[partnerships.p]\nareas = []\nmembers = []\n' + PARTNER_ENTRY,
                                "partnership p.*members"),
    "no partners": ("due_day = 15\n", "no partners"),
    "not TOML": ("due_day = = 15\n", "not valid TOML"),
}


@pytest.mark.parametrize("text, message", BAD_REGISTRIES.values(), ids=BAD_REGISTRIES.keys())
def test_a_bad_registry_is_refused_naming_the_entry(tmp_path, text, message):
    path = tmp_path / "partners.toml"
    path.write_text(text)
    with pytest.raises(ValueError, match=f"partners.toml.*{message}"):
        load_registry(path)


def test_every_registry_the_project_writes_is_accepted(tmp_path):
    load_registry()  # the package's default
    path = tmp_path / "partners.toml"
    path.write_text(SECOND_LA)
    assert load_registry(path).due_day == 15


def test_wst_load_refuses_a_bad_registry_before_it_starts(workspace, tmp_path):
    from tests.test_cli import wst

    path = tmp_path / "partners.toml"
    path.write_text("due_day = 31\n" + PARTNER_ENTRY)
    workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    done = wst("load", env={"WST_PARTNERS": str(path)})
    assert done.returncode == 2 and "due_day" in done.stdout and "Traceback" not in done.stderr
    assert not workspace.warehouse.exists()


def test_wst_validate_refuses_a_bad_registry_in_one_line(workspace, tmp_path):
    from tests.test_cli import wst

    path = tmp_path / "partners.toml"
    path.write_text("due_day = 31\n" + PARTNER_ENTRY)
    file = workspace.drop("police_incidents/wmp_2019-04.csv", [VALID["police_incidents"]])
    done = wst("validate", str(file), env={"WST_PARTNERS": str(path)})
    assert done.returncode == 2 and "due_day" in done.stdout and "Traceback" not in done.stderr
