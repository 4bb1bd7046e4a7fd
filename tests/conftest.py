from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.settings import Settings

ROOT = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "content"
TODAY = date(2026, 11, 28)
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's findings on the loaded page. Evaluated through the browser's tools rather than a script tag, which
    the pages' Content-Security-Policy would (rightly) refuse."""
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    violations: list[dict[str, Any]] = page.evaluate("async () => (await axe.run(document)).violations")
    return violations


def require_axe() -> None:
    """axe-core for the accessibility checks: without it they skip with a message, except under CI=true."""
    if AXE.exists():
        return
    message = "axe-core is not installed: run `npm ci --prefix tests/browser` (`make test` does when npm is there)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {message}")
    pytest.skip(message)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden from the current output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def settings() -> Settings:
    return Settings(today=TODAY)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built by MkDocs, once per run: the site tests and the Zensical parity tests read it."""
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return site
