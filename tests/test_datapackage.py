"""The downloads as a Frictionless Data Package: generated from the models, and `frictionless validate` passes."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT, TODAY

from generator.pipeline import build, write_tree
from generator.settings import Settings

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def validate(package: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", package.name], cwd=package.parent, capture_output=True, text=True, check=False
    )


def published(content: Path, out: Path, today: date) -> Path:
    result = build(content, Settings(today=today))
    assert result.errors == []
    write_tree(result.files, out)
    return out / "data"


@pytest.mark.parametrize("content", [FIXTURE, ROOT / "content"], ids=["fixture", "shipped content"])
def test_the_data_package_validates(content: Path, tmp_path: Path) -> None:
    data = published(content, tmp_path / "site", TODAY)
    result = validate(data / "datapackage.json")
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps([t["errors"][:3] for t in report["tasks"]], indent=1)[:3000]
    assert {t["name"] for t in report["tasks"]} >= {"sources", "chips", "measures"}


def test_a_date_that_is_no_date_fails_validation(tmp_path: Path) -> None:
    data = published(FIXTURE, tmp_path / "site", TODAY)
    sources = data / "sources.csv"
    sources.write_text(sources.read_text(encoding="utf-8").replace(",2022-10-07,", ",October 2022,", 1), encoding="utf-8")
    report = json.loads(validate(data / "datapackage.json").stdout)
    assert not report["valid"]
    [error] = [e for t in report["tasks"] for e in t["errors"]]
    assert (error["type"], error["fieldName"], error["cell"]) == ("constraint-error", "published", "October 2022")


def test_every_column_is_typed_and_described_and_dates_say_their_precision() -> None:
    files = build(FIXTURE, Settings(today=TODAY)).files
    package = json.loads(files["data/datapackage.json"])
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    for resource in package["resources"]:
        header = files[f"data/{resource['path']}"].split("\n", 1)[0].split(",")
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header, resource["name"]
        assert all(f["description"] and f["type"] for f in fields), resource["name"]
    sources = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    assert sources["accessed"]["type"] == "date"  # always a day
    assert sources["published"]["type"] == "string"  # a day, a month, a quarter or a year: as precise as its source
    assert "YYYY-MM" in sources["published"]["description"]
    assert sources["kind"]["constraints"]["enum"] == ["official", "company", "news", "research", "dataset"]
