# Every target bootstraps .venv with the pinned dependencies first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Zensical lives in its own venv (requirements-zensical.lock), so the default setup stays MkDocs-only.
ZVENV := .venv-zensical
ZSTAMP := $(ZVENV)/.installed
ZENSICAL := $(ZVENV)/bin/zensical
# Zensical's own copy of the theme: the pages' Content-Security-Policy hashes the inline scripts it writes.
ZTEMPLATES = $(shell $(ZVENV)/bin/python -c 'import pathlib, zensical; print(pathlib.Path(zensical.__file__).parent / "templates")')
# Material prints an end-of-life notice on every build; the README covers the plan.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve serve-full check lint format types goldens schema clean bench bench-quick site-zensical mutate validate lock release lighthouse

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(ZSTAMP): requirements-zensical.lock
	$(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-zensical.lock
	touch $@

# axe-core for the browser tests, when npm is there (CI installs it; see .ci/run).
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/browser --no-audit --no-fund --silent; else echo "npm not found: accessibility tests will fail"; fi

site: $(STAMP)
	$(BIN)/mkdocs build --strict
	@echo "Site built in $(CURDIR)/site (open site/index.html)"

test: $(STAMP) $(AXE)
	$(BIN)/pytest

# --dirty rebuilds only the pages an edit changes (about a second); the preview's search then covers only those.
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

serve-full: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks

format: $(STAMP)
	$(BIN)/ruff check --fix generator tests benchmarks
	$(BIN)/ruff format generator tests benchmarks

types: $(STAMP)
	$(BIN)/mypy

goldens: $(STAMP)
	$(BIN)/pytest tests/test_golden.py --update-goldens

# Check the content as the build does: every problem as FILE:LINE:COL, warnings included (exit 1 on any).
validate: $(STAMP)
	$(BIN)/python -m generator check --strict

# Accept the engine's computed results (metrics, verdicts, status histories) after reviewing what changed.
lock: $(STAMP)
	$(BIN)/python -m generator lock

# Cut a dated release of the data: content/releases/<today>.json (commit it); the build publishes it and its changes.
release: $(STAMP)
	$(BIN)/python -m generator release

schema: $(STAMP)
	$(BIN)/python -m generator schema --out content/schema

bench: $(STAMP) $(ZSTAMP)
	$(BIN)/python benchmarks/run.py --sizes 100 1000 10000 --zensical $(ZENSICAL) --json bench.json
	$(BIN)/python benchmarks/edit_loop.py

# Lighthouse on every page type of the built site, served compressed as a static host serves it (npm, chromium).
lighthouse: site
	npm ci --prefix benchmarks/lighthouse --no-audit --no-fund --silent
	$(BIN)/python benchmarks/lighthouse.py --check

# CI's regression guard: 1,000 records, fails past a 15% generator share or 1 GB of memory.
bench-quick: $(STAMP)
	$(BIN)/python benchmarks/run.py --sizes 1000 --check

# The same site built by Zensical: the generator writes build/zensical (rendered tree, overrides, mkdocs.yml
# without the plugin), Zensical builds it into build/zensical/site.
site-zensical: $(STAMP) $(ZSTAMP)
	$(BIN)/python -m generator zensical --out build/zensical --theme-templates $(ZTEMPLATES)
	$(ZENSICAL) build --strict --clean --config-file build/zensical/mkdocs.yml
	@echo "Site built in $(CURDIR)/build/zensical/site (open build/zensical/site/index.html)"

# Mutation testing of the core (engine, escaping, loading, validation, linking): [tool.mutmut] in pyproject.toml.
# Takes about half an hour on two cores; `mutmut results` lists the survivors, `mutmut show NAME` one diff.
mutate: $(STAMP)
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results

check: lint types test site

clean:
	rm -rf site build bench.json mutants .venv .venv-zensical .pytest_cache .mypy_cache .ruff_cache
