"""The answer at a glance: the lead chart's lines from the status engine, chip pages that open with the answer,
status charts with one legend row per meaning, timeline milestones, and the navigation readers see."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator.charts import href
from generator.draw.steps import Marker, Step, StepLine, steps_svg
from generator.explain import sale_sentence
from generator.gap import Gap, gap
from generator.link import Linked, link
from generator.load import read_content
from generator.settings import Settings
from generator.story_charts import chip_gap
from generator.validate import validate

ROOT = Path(__file__).parent.parent
TODAY = date(2026, 12, 3)


@pytest.fixture(scope="module")
def linked() -> Linked:
    dataset, problems = validate(read_content(ROOT / "content", None), Settings(today=TODAY))
    assert not [p for p in problems if p.severity.name == "ERROR"]
    return link(dataset, TODAY)


@pytest.fixture(scope="module")
def found(linked: Linked) -> Gap:
    return gap(linked, ["nvidia", "amd"], "huawei")


def _on(found: Gap, key: str, day: date) -> tuple[float | None, float | None, tuple[str, ...]]:
    line = next(line for line in found.lines if line.key == key)
    stretch = next(s for s in line.stretches if s.start <= day <= s.end)
    return stretch.low, stretch.high, stretch.chips


def test_every_day_is_covered_once_from_2020_to_today(found: Gap) -> None:
    for line in found.lines:
        assert line.stretches[0].start == date(2020, 1, 1) and line.stretches[-1].end == TODAY
        for before, after in zip(line.stretches, line.stretches[1:], strict=False):
            assert after.start == before.end + timedelta(days=1), f"{line.key}: a gap or an overlap at {after.start}"


def test_licences_only_add_to_what_could_be_sold_and_nothing_beats_the_frontier(found: Gap) -> None:
    for day in found.days:
        free, licensed, china, frontier = (_on(found, key, day)[1] or 0 for key in ("free", "licensed", "china", "frontier"))
        assert free <= licensed <= frontier and china <= frontier, day


def test_the_h20_rule_ended_sales_without_a_licence_and_is_named_as_the_step(linked: Linked, found: Gap) -> None:
    assert _on(found, "free", date(2025, 4, 8))[2] == ("nvidia-h20",)
    assert _on(found, "free", date(2025, 4, 9)) == (None, None, ())
    steps = [c for c in found.changes if c.day == date(2025, 4, 9)]
    assert [c.measure for c in steps] == ["us-2025-04-09-h20-mi308-license-requirement"]
    # Licences granted to some buyers from August 2025 bring the H20 back on the licensed line only.
    assert _on(found, "licensed", date(2025, 9, 1))[2] == ("nvidia-h20",) and _on(found, "free", date(2025, 9, 1))[1] is None


def test_a_chip_counts_only_once_it_is_on_sale(linked: Linked, found: Gap) -> None:
    """The H100 was announced in March 2022 but reached customers in October 2022, after the August licence rule: it
    never sets the line of chips sold without a licence."""
    free = next(line for line in found.lines if line.key == "free")
    assert all("nvidia-h100" not in s.chips for s in free.stretches)
    assert "nvidia-h100" in _on(found, "frontier", date(2023, 1, 1))[2]


def test_a_disputed_figure_stays_a_range_and_a_month_long_date_is_in_doubt(found: Gap) -> None:
    low, high, chips = _on(found, "free", date(2023, 1, 15))
    assert chips == ("nvidia-a800",) and (low, high) == (3488.0, 4992.0)  # sources disagree: never a midpoint
    line = next(line for line in found.lines if line.key == "free")
    november = next(s for s in line.stretches if s.start == date(2022, 11, 1))  # on sale "2022-11": some day that month
    assert november.doubtful and november.low is None


def test_the_figure_keys_each_step_to_its_measure_and_tabulates_every_change(linked: Linked, found: Gap) -> None:
    figure = chip_gap(linked, ["nvidia", "amd"], "huawei", "Nvidia or AMD", "Huawei")
    assert "9 April 2025: Licence requirement imposed on Nvidia H20 and AMD MI308 exports to China" in figure.wide
    assert len(figure.rows) == len({s.start for line in found.lines for s in line.stretches})
    h20_rule = next(row for row in figure.rows if row[0] == "9 April 2025")
    assert (h20_rule[1], h20_rule[2]) == ("none", "none")
    assert "none" not in figure.rows[-1][4]  # something is always on sale somewhere
    assert 'role="img"' in figure.wide and 'role="img"' in figure.narrow


def test_steps_draw_a_range_as_a_band_between_its_two_values_and_doubt_hatched() -> None:
    line = StepLine(
        "L",
        "#123456",
        "",
        (
            Step(2020.0, 2021.0, 1000.0, 1000.0, False, "A", "A"),
            Step(2021.0, 2022.0, 2000.0, 4000.0, False, "B", "B"),
            Step(2022.0, 2023.0, None, 8000.0, True, "C", "C"),
        ),
    )
    svg = steps_svg(
        "t", "T", "D", [line], 2020.0, 2023.0, markers=[Marker(2021.0, 1, "1 January 2021: a rule")], y_label="Y", source="S"
    )
    assert svg.count('fill="url(#t-hatch)"') >= 1  # the doubtful stretch (and the legend swatch)
    assert 'fill-opacity="0.25"' in svg  # the range, as a band
    assert "1. 1 January 2021: a rule" in svg and ">1</text>" in svg
    assert "3000" not in svg and "3,000" not in svg  # no midpoint of 2,000–4,000 anywhere


def test_the_h20_page_opens_with_the_answer_in_one_sentence(linked: Linked) -> None:
    periods = linked.histories["nvidia-h20"]
    sentence = sale_sentence(periods, ("export", "import"), lambda d: f"{d.day} {d:%B %Y}")
    assert sentence == (
        "Needs a US licence to be sold to China; licences granted to some buyers since 8 August 2025. "
        "China discourages purchases (since 12 August 2025) and bars it from state-funded data centres "
        "(since 5 November 2025)."
    )


def test_a_link_from_a_chart_reaches_the_record_from_any_page() -> None:
    assert href("measures/x.md", "timeline.md") == "../measures/x/"
    assert href("measures/x.md", "index.md") == "measures/x/"
    assert href("chips/y.md", "chips/compare.md") == "../y/"
    assert href("charts/chip-gap.svg", "chips/compare.md") == "../../charts/chip-gap.svg"  # a file keeps its name


def test_the_built_pages_lead_with_the_answer(real_site: Path) -> None:
    home = (real_site / "index.html").read_text(encoding="utf-8")
    lead = home[home.index('class="lead"') : home.index("fig-chip-gap")]
    assert "claims/huawei-comeback-ascend/" in lead and "claims/solar-evs-unhindered/" in lead
    assert lead.index("Start the story") < len(lead)
    h20 = (real_site / "chips" / "nvidia-h20" / "index.html").read_text(encoding="utf-8")
    first = h20[h20.index("<h1") : h20.index("chart-sale-")]
    assert "Can it be sold to China?</strong> Needs a US licence" in first
    assert first.count("Checked ") == 1 and "Verified" not in first and "Facts up to" not in h20
    assert re.search(r"<h3[^>]*>Not caught by the October 2023 thresholds", h20)
    wide = h20[h20.index('id="chart-sale-nvidia-h20-title"') :]
    wide = wide[: wide.index("</svg>")]
    legend = re.findall(r'<text x="\d+(?:\.\d)?" y="[\d.]+" font-size="14">([^<]+)</text>', wide)
    assert "No licence needed / No restriction recorded" in legend and len(legend) == len(set(legend))
    timeline = (real_site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../measures/bis-2019-huawei-entity-list/">' in timeline and "Huawei on the Entity List</text>" in timeline
