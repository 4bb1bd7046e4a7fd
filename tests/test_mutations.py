"""Random damage to valid content ends in error messages or success: never a traceback or a hang."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from conftest import FIXTURE, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Problem
from generator.pipeline import build
from generator.settings import Settings

FILES = sorted(p.name for p in FIXTURE.glob("*.yaml"))


def _mutate(text: str, data: st.DataObject) -> bytes:
    lines = text.splitlines(keepends=True)
    kind = data.draw(st.sampled_from(["delete", "swap", "duplicate", "truncate", "bytes", "replace"]))
    i = data.draw(st.integers(0, len(lines) - 1))
    j = data.draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[i]
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "truncate":
        return "".join(lines).encode()[: data.draw(st.integers(0, len(text)))]
    elif kind == "replace":
        lines[i] = data.draw(st.text(max_size=40)) + "\n"
    else:
        raw = bytearray("".join(lines).encode())
        position = data.draw(st.integers(0, len(raw)))
        raw[position:position] = data.draw(st.binary(min_size=1, max_size=8))
        return bytes(raw)
    return "".join(lines).encode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_content_never_crashes(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(FILES))
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(FIXTURE, content)
        original = (content / name).read_text(encoding="utf-8")
        (content / name).write_bytes(_mutate(original, data))
        result = build(content, Settings(today=TODAY))
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1 and problem.col >= 1
        assert problem.message
    assert result.errors or result.files
