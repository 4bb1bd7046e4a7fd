"""Dates as editors write them: a day, a month, a quarter, a year, or a span of days ("2025-08-01/2025-08-08")
when a source says only that something happened between two days; never more precise than the source."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["year", "quarter", "month", "day", "span"]

_FORMS = re.compile(r"^(?P<year>\d{4})(?:-(?:Q(?P<quarter>[1-4])|(?P<month>\d{2})(?:-(?P<day>\d{2}))?))?$")
_DAY = r"\d{4}-\d{2}-\d{2}"
_FORM = _FORMS.pattern.replace("?P<year>", "").replace("?P<quarter>", "").replace("?P<month>", "").replace("?P<day>", "")
# Each form anchored at both ends: "2018-04x" is not a date.
PATTERN = f"^(?:{_FORM[1:-1]})$|^{_DAY}/{_DAY}$"


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
        """How a reader sees it: 17 October 2023, October 2023, Q4 2023, 2023, between 1 and 8 August 2025."""
        if self.precision == "span":
            if (self.start.year, self.start.month) == (self.end.year, self.end.month):
                return f"between {self.start.day} and {day_label(self.end)}"
            return f"between {day_label(self.start)} and {day_label(self.end)}"
        if self.precision == "day":
            return day_label(self.start)
        if self.precision == "month":
            return f"{self.start:%B %Y}"
        if self.precision == "quarter":
            return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"
        return str(self.start.year)


def parse_date(text: str) -> PartialDate:
    """Parse `YYYY`, `YYYY-Qn`, `YYYY-MM`, `YYYY-MM-DD` or a span of days `YYYY-MM-DD/YYYY-MM-DD`."""
    if re.match(r"^\d{4}-\d{2}-\d{2}/", text):
        return _span(text)
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


def _span(text: str) -> PartialDate:
    first, _, last = text.partition("/")
    start, end = parse_date(first), parse_date(last) if last else None
    if start.precision != "day" or end is None or end.precision != "day":
        raise ValueError(f"a span of days is written 2025-08-01/2025-08-08, got {text!r}")
    if end.start <= start.start:
        raise ValueError(f"a span of days must end after it starts, got {text!r}")
    return PartialDate(text, start.start, end.start, "span")
