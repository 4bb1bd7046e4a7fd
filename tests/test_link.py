"""The link stage's joins, asked directly: backlinks, Entity List listings and the timeline's end-of-measure entries."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURE, TODAY

from generator.link import Backlink, Linked, _backlinks, link
from generator.load import read_content
from generator.pipeline import build
from generator.registry import NAMES
from generator.settings import Settings
from generator.validate import Dataset, Reference, validate


def linked_fixture(content: Path = FIXTURE) -> Linked:
    dataset, problems = validate(read_content(content), Settings(today=TODAY))
    assert [p for p in problems if p.severity.value == "error"] == []
    return link(dataset, TODAY)


def test_backlinks_name_each_referring_record_once_and_never_the_record_itself() -> None:
    references = [
        Reference("measures", "m1", "targets", "companies", "c1"),
        Reference("measures", "m1", "related", "companies", "c1"),  # a second field of the same record
        Reference("measures", "m1", "related", "measures", "m1"),  # the record itself
        Reference("customers", "o1", "customer", "companies", "c1"),
        Reference("sources", "s1", "publisher", "companies", "c1"),  # a source's own references are not shown
        Reference("chips", "x1", "sources", "sources", "s1"),
    ]
    dataset = Dataset({name: {} for name in NAMES}, {}, references=references)
    assert _backlinks(dataset) == {
        ("companies", "c1"): [Backlink("measures", "m1"), Backlink("customers", "o1")],
        ("sources", "s1"): [Backlink("chips", "x1")],
    }


def test_only_entity_listings_put_a_company_on_the_entity_list() -> None:
    listings = linked_fixture().entity_listings
    # example-rule-2022 also targets the company, but it is a rule, not a listing
    assert {company: [m.id for m in measures] for company, measures in listings.items()} == {
        "example-chipmaker": ["example-listing-2023"]
    }


def test_a_measure_that_ended_has_an_end_entry_on_the_timeline(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    measures = tmp_path / "content" / "measures.yaml"
    text = measures.read_text(encoding="utf-8")
    measures.write_text(text.replace("  effective: 2022-10-21\n", "  effective: 2022-10-21\n  ended: 2024-01-01\n", 1))
    entries = [(e.id, e.title, e.ended) for e in linked_fixture(tmp_path / "content").timeline if e.id == "example-rule-2022"]
    assert entries == [
        ("example-rule-2022", "Example rule on advanced computing", False),
        ("example-rule-2022", "Ended: Example rule on advanced computing", True),
    ]


def test_a_chip_with_no_launch_date_and_no_measure_has_a_history_from_today(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    chips = tmp_path / "content" / "chips.yaml"
    chips.write_text(
        chips.read_text(encoding="utf-8")
        + "- id: example-y1\n  name: Example Y1\n  vendor: example-chipmaker\n  kind: datacenter-accelerator\n"
        "  data_center: true\n  summary: A chip no measure names.\n  confidence: reported\n  verified: 2026-11-01\n"
        "  sources: [maker-x1-datasheet]\n",
        encoding="utf-8",
    )
    # The threshold rule cannot decide a chip without figures: it does not start the history in 2022.
    history = linked_fixture(tmp_path / "content").histories["example-y1"]
    assert [(p.start, p.end) for p in history] == [(TODAY, None)]
    page = build(tmp_path / "content", Settings(today=TODAY)).files["chips/example-y1.md"]
    assert "no sourced launch date for the chip and no measure known to cover it, so its history starts\ntoday." in page
