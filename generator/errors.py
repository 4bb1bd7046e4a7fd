"""The problems the generator reports to editors: one model for every stage."""

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
