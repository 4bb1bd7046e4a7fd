"""Dated releases: a manifest cut by one command, the changes between releases on a page and in the feed."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXTURE

from generator.cli import main
from generator.pipeline import Build, build
from generator.releases import RELEASES_DIR
from generator.settings import Settings

FIRST, SECOND = "2026-11-20", "2026-11-28"
OLD_TERM = "- id: old-term\n  term: Old term\n  definition: A term the next release drops.\n"
NEW_TERM = "- id: new-term\n  term: New term\n  definition: A term the next release adds.\n"
ATOM = "{http://www.w3.org/2005/Atom}"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture released, then edited (a term added and one dropped, a figure and a status changed, a record
    re-verified) and released again."""
    content = tmp_path_factory.mktemp("releases") / "content"
    shutil.copytree(FIXTURE, content)
    glossary = content / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + OLD_TERM, encoding="utf-8")
    assert main(["release", "--content", str(content), "--today", FIRST]) == 0
    edit(glossary, OLD_TERM, NEW_TERM)
    edit(content / "customers.yaml", "status: partly-delivered", "status: delivered")
    edit(content / "customers.yaml", "delivered: {value: 1000,", "delivered: {value: 1600,")
    edit(content / "chips.yaml", "value: 280, unit: TFLOPS", "value: 300, unit: TFLOPS")
    edit(content / "chips.yaml", "sources: [maker-x1-datasheet, wire-2023-11-07-order]", "sources: [maker-x1-datasheet]")
    edit(content / "sources.yaml", "published: 2022-10-07\n  accessed: 2026-11-01", "published: 2022-10\n  accessed: 2026-11-01")
    edit(
        content / "companies.yaml",
        "A buyer of *X1* chips.\n  confidence: reported\n  verified: 2026-11-01",
        "A buyer of *X1* chips.\n  confidence: reported\n  verified: 2026-11-25",
    )
    assert main(["release", "--content", str(content), "--today", SECOND]) == 0
    return content


@pytest.fixture(scope="module")
def released(two_releases: Path) -> Build:
    result = build(two_releases, Settings(today=date(2026, 11, 30), site_url="https://example.org/x/"))
    assert result.errors == []
    return result


def section(page: str, release: str) -> str:
    return page.split(f"{{ #release-{release} }}", 1)[1].split("\n## ", 1)[0]


def test_the_changes_page_lists_what_the_release_added_changed_and_retired(released: Build) -> None:
    second = section(released.files["changes.md"], SECOND)
    assert "14 records, compared with the release of 20 November 2026." in second
    assert "**Added**\n\n- Glossary: [New term](glossary/new-term.md)\n" in second
    assert (
        "- [Acme Cloud: order of Example X1](customers/acme-cloud-example-x1-2023.md)\n"
        "    - Delivered · as of October 2023 · value: 1,000 → 1,600\n"
        "    - Status: partly delivered → delivered\n"
    ) in second
    # Fields in the words of the record page, list items by what names them for a reader (not their JSON path).
    assert "    - Throughput · FP16 · value: 280 → 300\n" in second
    assert "    - Performance density (computed): 6.73–7.00 → 7.21–7.50\n" in second
    assert "TPP</abbr> (computed): 4,480 → 4,800\n" in second  # the engine's result moved with the figure
    # A record a list points at by its title; a date in words.
    assert "    - Sources: removed “Wire: Acme orders X1 chips”\n" in second
    assert "    - Published: 7 October 2022 → October 2022\n" in second
    assert "**Retired**\n\n- Glossary: `old-term`\n" in second
    # a record only re-checked is not a change
    assert 'nothing else changed: 1 record"\n    - Companies: [Acme Cloud](companies/acme-cloud.md)' in second
    assert "Acme Cloud](companies" not in second.split("??? note")[0]
    assert "the first release" in section(released.files["changes.md"], FIRST)


def test_each_release_s_data_is_published_under_its_day(released: Build) -> None:
    first = json.loads(released.files[f"data/releases/{FIRST}/explainer.json"])
    assert first["release"]["date"] == FIRST and first["release"]["previous"] is None
    assert "old-term" in [t["id"] for t in first["glossary"]]
    order = next(c for c in first["customers"] if c["id"] == "acme-cloud-example-x1-2023")
    assert order["status"] == "partly-delivered"
    [row] = csv.DictReader(io.StringIO(released.files[f"data/releases/{SECOND}/customers.csv"]))
    assert (row["id"], row["status"]) == ("acme-cloud-example-x1-2023", "delivered")
    assert json.loads(released.files[f"data/releases/{SECOND}/manifest.json"])["previous"] == FIRST


def test_explainer_json_names_its_release_and_the_address_of_its_changes(released: Build) -> None:
    data = json.loads(released.files["data/explainer.json"])
    assert data["release"] == {
        "date": SECOND,
        "changes": f"https://example.org/x/changes/#release-{SECOND}",
        "files": f"data/releases/{SECOND}/",
        "records_changed_since": 0,
    }


def test_without_a_release_explainer_json_says_so() -> None:
    assert json.loads(build(FIXTURE, Settings(today=date(2026, 11, 28))).files["data/explainer.json"])["release"] is None


def test_the_feed_leads_with_events_and_releases_and_groups_stamps_by_release(released: Build) -> None:
    entries = ET.fromstring(released.files["feed.xml"]).findall(f"{ATOM}entry")
    kinds = [e.find(f"{ATOM}category").get("term") for e in entries]  # type: ignore[union-attr]
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert kinds[:2] == ["release", "release"]
    assert titles[0] == "28 November 2026: data release (1 added, 3 changed, 1 retired)"
    events = [t for t, k in zip(titles, kinds, strict=True) if k not in ("release", "verified")]
    assert events[0] == "August 2023: Example X1"  # the newest event comes before every older one
    assert kinds.index("verified") > max(i for i, k in enumerate(kinds) if k != "verified")  # stamps come last
    assert titles[-2:] == [
        "28 November 2026: facts re-verified for the release, 1 record",
        "20 November 2026: facts re-verified for the release, 8 records",  # Acme Cloud moved to the second,
    ]


def test_a_release_must_come_after_the_latest(two_releases: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["release", "--content", str(two_releases), "--today", SECOND]) == 1
    assert f"a release of {SECOND} exists" in capsys.readouterr().err


def test_an_edited_manifest_is_an_error(two_releases: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(two_releases, content)
    manifest = content / RELEASES_DIR / f"{FIRST}.json"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('"status": "partly-delivered"', '"status": "delivered"'), encoding="utf-8"
    )
    [problem] = build(content, Settings(today=date(2026, 11, 30))).errors
    assert problem.path == str(manifest)
    assert problem.message == (
        "customers/acme-cloud-example-x1-2023: the hash does not match the record in its records; the manifest was edited"
    )
