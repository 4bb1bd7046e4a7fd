"""The generator's exceptions and the problems it reports to editors."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, at a place an editor can open."""

    path: str
    line: int
    col: int
    message: str
    severity: Severity = Severity.ERROR
    source_line: str | None = None

    def format(self) -> str:
        """`FILE:LINE:COL: error: MESSAGE`, then the offending source line when known."""
        head = f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message}"
        if self.source_line is None:
            return head
        caret = " " * (max(self.col, 1) - 1) + "^"
        return f"{head}\n    {self.source_line}\n    {caret}"


class GeneratorError(Exception):
    """Base class of every error the generator raises on purpose."""


class ContentError(GeneratorError):
    """The content has problems; nothing was rendered or written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        errors = sum(1 for p in self.problems if p.severity is Severity.ERROR)
        super().__init__(f"{errors} error(s) in content")

    def report(self) -> str:
        lines = [p.format() for p in self.problems]
        lines.append(str(self))
        return "\n".join(lines)
