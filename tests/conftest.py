from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "content"
TODAY = date(2026, 11, 28)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden from the current output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def settings() -> Settings:
    return Settings(today=TODAY)
