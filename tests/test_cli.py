"""The command line: exit codes, messages and the rendered tree."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE

from generator.cli import main
from generator.pipeline import safe_path, write_tree


def test_check_passes_on_clean_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content", str(FIXTURE), "--today", "2026-11-28"]) == 0
    assert capsys.readouterr().out.startswith("ok: 13 records")


def test_check_fails_with_file_line_col(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "content" / "glossary.yaml").write_text("- id: tpp\n  term: TPP\n  vendorr: x\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--content", "content", "--today", "2026-11-28"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(Path(__file__).parent.parent)},
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "content/glossary.yaml:1:3: error: glossary[tpp]: missing required field 'definition'"
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == "2 error(s), 0 warning(s)"


def test_strict_check_fails_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check", "--content", str(FIXTURE), "--today", "2028-01-01"]
    assert main(args) == 0
    assert main([*args, "--strict"]) == 1
    assert "warning: last verified on 2026-11-01, more than 365 days ago" in capsys.readouterr().err


def test_future_date_is_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content", str(FIXTURE), "--today", "2023-01-01", "--max-age-days", "100000"]) == 0
    assert "warning: date 2023-11-07 is in the future" in capsys.readouterr().err


def test_render_writes_the_tree(tmp_path: Path) -> None:
    assert main(["render", "--content", str(FIXTURE), "--today", "2026-11-28", "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "chips" / "example-x1.md").read_text(encoding="utf-8").startswith("---\ntitle:")
    assert (tmp_path / "out" / "data" / "explainer.json").is_file()


def test_render_replaces_an_existing_tree(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "chips").mkdir(parents=True)
    (out / "stale.md").write_text("from an older build", encoding="utf-8")
    (out / "chips" / "example-x1.md").write_text("old", encoding="utf-8")
    assert main(["render", "--content", str(FIXTURE), "--today", "2026-11-28", "--out", str(out)]) == 0
    assert not (out / "stale.md").exists()
    assert (out / "chips" / "example-x1.md").read_text(encoding="utf-8").startswith("---\ntitle:")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out-")], "staging folders are cleaned up"


def test_render_on_bad_content_leaves_the_old_tree(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.md").write_text("old", encoding="utf-8")
    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "content" / "glossary.yaml").write_text("- id: tpp\n", encoding="utf-8")
    assert main(["render", "--content", str(tmp_path / "content"), "--out", str(out)]) == 1
    assert [p.name for p in out.iterdir()] == ["keep.md"]


@pytest.mark.parametrize("bad", ["../escape.md", "/etc/passwd", "a/../../b.md", "..", "a\\b.md", "c:/x.md"])
def test_no_path_escapes_the_output_folder(bad: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="refusing to write outside the output folder"):
        safe_path(bad)
    with pytest.raises(ValueError):
        write_tree({bad: "x"}, tmp_path / "out")
    assert not (tmp_path / "escape.md").exists()
    assert not (tmp_path / "out").exists()


def test_schema_command_matches_the_committed_schemas(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    committed = Path(__file__).parent.parent / "content" / "schema"
    for path in tmp_path.iterdir():
        assert path.read_text(encoding="utf-8") == (committed / path.name).read_text(encoding="utf-8"), (
            f"{path.name} is stale: run `make schema`"
        )


def test_uncited_source_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    extra = (
        "- id: nobody-cites-me\n  title: Unused\n  publisher: Nobody\n  url: https://example.org/unused\n  accessed: 2026-11-01\n"
    )
    with (tmp_path / "content" / "sources.yaml").open("a", encoding="utf-8") as handle:
        handle.write(extra)
    args = ["check", "--content", str(tmp_path / "content"), "--today", "2026-11-28"]
    assert main(args) == 0
    assert main([*args, "--strict"]) == 1
    assert "warning: source 'nobody-cites-me' is cited by no page" in capsys.readouterr().err
