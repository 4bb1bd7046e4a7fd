"""Live preview: `mkdocs serve` picks up YAML edits, and shows content errors on the page instead of dying."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import jinja2
import pytest
from mkdocs.livereload import LiveReloadServer
from test_site import ENV, fixture_project

from generator.plugin import POLL_SECONDS, SETTLE_SECONDS, ExplainerPlugin
from generator.templating import COMPILED, MemoryBytecodeCache, make_environment


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


@pytest.fixture
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Path, str]]:
    """`mkdocs serve` on the fixture project; the parameter, when given, is the text of a broken glossary file."""
    project = fixture_project(tmp_path)
    broken = getattr(request, "param", None)
    if broken:
        (project / "content" / "glossary.yaml").write_text(broken, encoding="utf-8")
    yield from _serve(tmp_path, project)


@pytest.fixture
def served_dirty(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """`mkdocs serve --dirty`, as `make serve` runs it."""
    yield from _serve(tmp_path, fixture_project(tmp_path), "--dirty")


def _serve(tmp_path: Path, project: Path, *options: str) -> Iterator[tuple[Path, str]]:
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            *options,
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--config-file",
            str(project / "mkdocs.yml"),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=ENV,
    )
    try:
        yield project, f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def test_serve_rebuilds_on_yaml_change_and_survives_errors(served: tuple[Path, str]) -> None:
    project, base = served
    page = f"{base}/companies/acme-cloud/"
    wait_for(lambda: "Acme Cloud" in _get(page))
    companies = project / "content" / "companies.yaml"
    companies.write_text(
        companies.read_text(encoding="utf-8").replace("name: Acme Cloud", "name: Acme Renamed"), encoding="utf-8"
    )
    wait_for(lambda: "Acme Renamed" in _get(page))

    glossary = project / "content" / "glossary.yaml"
    good = glossary.read_text(encoding="utf-8")
    glossary.write_text("- id: tpp\n  term: TPP\n", encoding="utf-8")
    wait_for(lambda: "error(s) in content" in _get(page))
    assert "missing required field" in _get(page)

    glossary.write_text(good, encoding="utf-8")
    wait_for(lambda: "Acme Renamed" in _get(page) and "error(s) in content" not in _get(page))
    log = (project / "serve.log").read_text(encoding="utf-8")
    assert "Traceback" not in log


@pytest.mark.parametrize("served", ["- id: tpp\n  term: TPP\n"], indirect=True)
def test_serve_started_on_broken_content_shows_the_errors_then_the_site(served: tuple[Path, str]) -> None:
    project, base = served
    wait_for(lambda: "error(s) in content" in _get(base + "/"))
    home = _get(base + "/")
    assert "glossary.yaml:1:3" in home and "missing required field" in home
    for address in ("/companies/acme-cloud/", "/no-such-page/", "/chips/example-x1/"):
        assert "glossary.yaml:1:3" in _get(base + address), address
    (project / "content" / "glossary.yaml").write_text(
        "- id: tpp\n  term: TPP\n  definition: A chip's throughput times its bit length, doubled.\n", encoding="utf-8"
    )
    wait_for(lambda: "Acme Cloud" in _get(base + "/companies/acme-cloud/"))
    assert "error(s) in content" not in _get(base + "/")
    assert "Traceback" not in (project / "serve.log").read_text(encoding="utf-8")


def test_preview_polls_the_content_and_templates_often(tmp_path: Path) -> None:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path / "docs"))  # MkDocs' own watches keep its 0.5 s
        plugin = ExplainerPlugin()
        plugin.content = tmp_path / "content"
        plugin.on_serve(server, config=None, builder=None)
        polls = {Path(emitter.watch.path).name: emitter.timeout for emitter in server.observer.emitters}
        assert polls == {"docs": 0.5, "content": POLL_SECONDS, "templates": POLL_SECONDS}
        assert server.build_delay == SETTLE_SECONDS
    finally:
        server.server_close()


def test_preview_rebuilds_reuse_compiled_theme_templates() -> None:
    cache = MemoryBytecodeCache()
    sources = {"page.html": "{{ x }}!"}
    loader = jinja2.DictLoader(sources)
    assert jinja2.Environment(loader=loader, bytecode_cache=cache).get_template("page.html").render(x=1) == "1!"
    rebuild = jinja2.Environment(loader=loader, bytecode_cache=cache)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    rebuild.compile = never
    assert rebuild.get_template("page.html").render(x=2) == "2!"
    sources["page.html"] = "{{ x }}?"  # an edited template is compiled again
    edited = jinja2.Environment(loader=loader, bytecode_cache=cache)
    assert edited.get_template("page.html").render(x=3) == "3?"


def test_each_build_reads_the_templates_afresh_and_reuses_what_compiled() -> None:
    first, second = make_environment(), make_environment()
    assert first is not second  # an environment that outlived a build would keep serving an edited template's old text
    assert first.bytecode_cache is second.bytecode_cache is COMPILED


def test_the_dirty_preview_drops_the_page_of_a_deleted_record(served_dirty: tuple[Path, str]) -> None:
    project, base = served_dirty
    term = f"{base}/glossary/tpp/"
    wait_for(lambda: "doubled" in _get(term))
    (project / "content" / "glossary.yaml").write_text("[]\n", encoding="utf-8")
    wait_for(lambda: _get(term) == "" and "Acme Cloud" in _get(f"{base}/companies/acme-cloud/"))
