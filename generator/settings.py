"""What a build is run with, besides the content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

SITE_NAME = "China's chips under US export controls"


@dataclass(frozen=True)
class Settings:
    today: date
    max_age_days: int = 365
    site_name: str = SITE_NAME
    site_url: str = ""  # the published address (SITE_URL), for the feed's absolute links; empty: links stay relative
