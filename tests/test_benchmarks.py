"""The benchmark harness's inputs: synthetic content the checker accepts, and a baseline config without the generator."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import TODAY

from generator.pipeline import build
from generator.settings import Settings

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

import run
import synth


def test_synthetic_content_is_valid_and_shaped_like_the_real_one(tmp_path: Path) -> None:
    counts = synth.write(300, tmp_path / "content")
    assert sum(counts.values()) == 300
    result = build(tmp_path / "content", Settings(today=TODAY))
    assert result.problems == []
    assert result.linked is not None
    records = result.linked.dataset.records
    assert {name: len(records[name]) for name in counts} == counts
    assert any(ref.target_collection == "companies" for ref in result.linked.dataset.references)
    assert result.linked.classifications
    assert "index.md" in result.files


def test_baseline_config_takes_the_generator_out(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        (Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    config = run.baseline_config(tmp_path).read_text(encoding="utf-8")
    assert "- explainer" not in config
    assert "docs_dir: rendered" in config
    assert "  - search" in config
