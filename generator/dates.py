"""Dates as editors write them: a day, a month, a quarter or a year, never more precise than the source."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["year", "quarter", "month", "day"]

_FORMS = re.compile(r"^(?P<year>\d{4})(?:-(?:Q(?P<quarter>[1-4])|(?P<month>\d{2})(?:-(?P<day>\d{2}))?))?$")
PATTERN = _FORMS.pattern.replace("?P<year>", "").replace("?P<quarter>", "")
PATTERN = PATTERN.replace("?P<month>", "").replace("?P<day>", "")


@dataclass(frozen=True)
class PartialDate:
    """A period: its first and last day, and the text it was written as."""

    text: str
    start: date
    end: date
    precision: Precision

    def __str__(self) -> str:
        return self.text

    def __lt__(self, other: PartialDate) -> bool:
        return (self.start, self.end) < (other.start, other.end)

    @property
    def year(self) -> int:
        return self.start.year

    def label(self) -> str:
        """How a reader sees it: 17 October 2023, October 2023, Q4 2023, 2023."""
        if self.precision == "day":
            return day_label(self.start)
        if self.precision == "month":
            return f"{self.start:%B %Y}"
        if self.precision == "quarter":
            return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"
        return str(self.start.year)


def parse_date(text: str) -> PartialDate:
    """Parse `YYYY`, `YYYY-Qn`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError otherwise."""
    match = _FORMS.match(text)
    if not match:
        raise ValueError(f"expected an ISO 8601 date (YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY), got {text!r}")
    year = int(match["year"])
    if match["quarter"]:
        first = (int(match["quarter"]) - 1) * 3 + 1
        return PartialDate(text, date(year, first, 1), _month_end(year, first + 2), "quarter")
    if not match["month"]:
        return PartialDate(text, date(year, 1, 1), date(year, 12, 31), "year")
    month = int(match["month"])
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} does not exist in {text!r}")
    if not match["day"]:
        return PartialDate(text, date(year, month, 1), _month_end(year, month), "month")
    try:
        day = date(year, month, int(match["day"]))
    except ValueError:
        raise ValueError(f"{text!r} is not a day of the calendar") from None
    return PartialDate(text, day, day, "day")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def day_label(day: date) -> str:
    """17 October 2023."""
    return f"{day.day} {day:%B %Y}"
