"""The annual report's "safeguarding in numbers" pages, from the published figures.

`wst report annual --year 2019-20` writes one self-contained HTML page: CP plans at the year
end against the previous year, by category of abuse and by age; adult concerns against the
previous year, those leading to a section 42 enquiry, by age, type and location of risk; CSE
incidents against crimes recorded; training delivered. Each rate and percentage is set beside
England's, the region's and the statistical neighbours' (`comparisons`). Every figure is the
disclosure-controlled one report authors may publish, for one place (`--area`: an LA or a
partnership; by default the partnership).
"""

from __future__ import annotations

from pathlib import Path

from wst_analytics.disclosure.numbers import percent_text
from wst_analytics.indicators.catalogue_checks import closed_codes
from wst_analytics.indicators.labels import code_labels
from wst_analytics.releases.marks import revised_marked, status_line
from wst_analytics.reports import charts
from wst_analytics.reports.comparisons import section_comparisons
from wst_analytics.reports.figures import PublishedFigures, previous_year, year_end
from wst_analytics.reports.page import Section, render

#: The rates and percentages each section compares with England, the region and neighbours.
COMPARED = {"children": ["cp_open_rate_per_10k", "cp_repeat_started_pct", "cp_ended_2y_plus_pct",
                         "icpc_within_15_days_pct"],
            "adults": ["adult_concerns_to_s42_pct", "msp_asked_pct", "msp_outcomes_achieved_pct"],
            "police": ["cse_crime_recorded_pct"], "training": ["training_fill_pct", "training_dna_pct"]}


def _change(figures: PublishedFigures, indicator_id: str, year: str) -> str:
    change = figures.change_pct(indicator_id, year)
    if change is None:
        return ""
    return f" ({'an increase' if change >= 0 else 'a fall'} of {percent_text(abs(change))} on {previous_year(year)})"


def _pair(figures: PublishedFigures, indicator_id: str, year: str, title: str, labels: list[str]):
    return charts.bars(title, labels, [figures.get(indicator_id, previous_year(year)), figures.get(indicator_id, year)])


def _by(figures: PublishedFigures, indicator_id: str, year: str, title: str, **options):
    """A breakdown's bars, each code by its label from the catalogue (`indicators.labels`)."""
    order = {code: n for n, code in enumerate(closed_codes(figures.catalogue[indicator_id]))}
    found = sorted(figures.breakdown(indicator_id, year), key=lambda item: order.get(item[0], len(order)))
    return charts.bars(title, code_labels(figures.catalogue, indicator_id, [c for c, _ in found]),
                       [f for _, f in found], **options)


def children(figures: PublishedFigures, year: str) -> Section:
    last, before = year_end(year), year_end(previous_year(year))
    open_now = figures.get("cp_open_at_period_end", year)
    ages = {year: dict(figures.breakdown("cp_open_by_age_band", year)),
            previous_year(year): dict(figures.breakdown("cp_open_by_age_band", previous_year(year)))}
    bands = list(figures.catalogue["cp_open_by_age_band"].codes)
    return Section("Children: child protection plans", [
        f"{open_now.text} children were on a child protection plan at {last}"
        f"{_change(figures, 'cp_open_at_period_end', year)}."], [
        _pair(figures, "cp_open_at_period_end", year, "Children on child protection plans at 31 March",
              [before, last]),
        _by(figures, "cp_open_by_category", year, f"Child protection plans by category of abuse, {last}", colour=2),
        charts.grouped("Children on child protection plans by age",
                       code_labels(figures.catalogue, "cp_open_by_age_band", bands), {
            f"Age at {year_end(period)}": [band.get(a, figures.get("cp_open_by_age_band", "")) for a in bands]
            for period, band in sorted(ages.items())}),
    ])


def adults(figures: PublishedFigures, year: str) -> Section:
    labels = [previous_year(year), year]
    concerns = figures.get("adult_concerns_received", year)
    to_s42 = figures.get("adult_concerns_to_s42", year)
    return Section("Adults: safeguarding concerns and enquiries", [
        f"{concerns.text} safeguarding concerns were received in {year}"
        f"{_change(figures, 'adult_concerns_received', year)}; {to_s42.text} of them led to a section 42 "
        f"enquiry{_change(figures, 'adult_concerns_to_s42', year)}."], [
        _pair(figures, "adult_concerns_received", year, "Safeguarding concerns received", labels),
        _pair(figures, "adult_concerns_to_s42", year, "Concerns leading to section 42 enquiries", labels),
        _by(figures, "adult_concerns_by_age_band", year, f"Concerns by age, {year}", colour=1),
        _by(figures, "adult_concerns_by_type_of_risk", year,
            f"Concerns by type of risk, {year} (a concern counts under each of its types)", colour=2, horizontal=True),
        _by(figures, "adult_concerns_by_location", year, f"Concerns by location of risk, {year}", colour=3,
            horizontal=True),
    ])


def police(figures: PublishedFigures, year: str) -> Section:
    years = [previous_year(year), year]
    conversion = [figures.get("cse_crime_recorded_pct", y).words for y in years]
    return Section("Police: child sexual exploitation", [
        f"{figures.get('police_child_abuse_incidents', year).text} child-abuse-related incidents were recorded "
        f"in {year}; {figures.get('cse_incidents', year).text} had a CSE marker, and a crime was recorded for "
        f"{conversion[1]} of those ({conversion[0]} in {years[0]})."], [
        charts.grouped("CSE incidents against confirmed crimes recorded", years, {
            "CSE incidents": [figures.get("cse_incidents", y) for y in years],
            "Crimes recorded": [figures.get("cse_crimes_recorded", y) for y in years]}),
    ])


TRAINING = [("training_course_types", "Types of course"), ("training_sessions", "Sessions"),
            ("training_places", "Places"), ("training_attended", "Attendances"),
            ("training_fill_pct", "Places filled (%)"), ("training_dna_pct", "Not attended (%)"),
            ("training_dna_charges_gbp", "Non-attendance charges (£)")]


def training(figures: PublishedFigures, year: str) -> Section:
    years = [previous_year(year), year]
    rows = [[label, *(figures.get(i, y).text for y in years)] for i, label in TRAINING]
    return Section("Safeguarding training", [
        f"{figures.get('training_course_types', year).text} types of safeguarding course were held in {year}."],
        [charts.grouped("Training delivered", [label for _, label in TRAINING[:4]], {
            y: [figures.get(i, y) for i, _ in TRAINING[:4]] for y in years})],
        table=(["", *years], rows))


def annual_report(year: str, out: Path, copies: Path | None = None, area: str | None = None,
                  release: str | None = None) -> Path:
    """Write one place's page (default: the partnership) from the report authors' copy (in
    `copies`, default the copies folder): the latest figures, or those `release` froze."""
    figures = PublishedFigures(copies, area, release)
    figures.values = revised_marked(figures.values)
    if year not in figures.years():
        raise ValueError(f"no published figures for {year}: the data covers {', '.join(figures.years()) or 'no year'}")
    sections = [children(figures, year), adults(figures, year), police(figures, year), training(figures, year)]
    for section, name in zip(sections, COMPARED):
        sentences, drawn = section_comparisons(figures, COMPARED[name], year)
        section.sentences += sentences
        section.charts += drawn
    page = render(f"Safeguarding in numbers, {year}: {figures.area['name']}",
                  " ".join(filter(None, [f"{figures.source}. Figures as at {figures.as_at}, disclosure "
                                         "controlled.", status_line(figures.values, year, release)])),
                  sections, figures.notes)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
