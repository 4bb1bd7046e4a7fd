"""Editor support: schemas that match the model and the content, and a guide that covers every field."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXTURE
from jsonschema import Draft202012Validator

from generator.export import schemas
from generator.guide import PARTS, guide
from generator.load import collection_files, load_file, read_content
from generator.registry import MODELS
from generator.settings import Settings
from generator.validate import validate

CONTENT = Path(__file__).parent.parent / "content"
FILES = [(name, path) for name, paths in collection_files(CONTENT).items() for path in paths]


@pytest.mark.parametrize(("collection", "path"), FILES, ids=[str(p.relative_to(CONTENT)) for _, p in FILES])
def test_each_file_points_editors_at_its_schema_and_passes_it(collection: str, path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    expected = os.path.relpath(CONTENT / "schema" / f"{collection}.schema.json", path.parent)
    assert first == f"# yaml-language-server: $schema={expected}"
    doc, problems = load_file(path, str(path))
    assert doc is not None and problems == []
    errors = list(Draft202012Validator(schemas()[collection]).iter_errors(doc.data))
    assert errors == []


def test_schema_rejects_what_the_checker_rejects() -> None:
    validator = Draft202012Validator(schemas()["chips"])
    bad = [{"id": "Not-Kebab", "vendorr": "x"}]
    messages = sorted(e.message for e in validator.iter_errors(bad))
    assert "Additional properties are not allowed ('vendorr' was unexpected)" in messages
    assert "'Not-Kebab' does not match '^[a-z0-9]+(?:-[a-z0-9]+)*$'" in messages


def test_every_field_is_documented() -> None:
    for model in [*MODELS.values(), *PARTS]:
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description"


def test_guide_covers_every_collection_and_field(settings: Settings) -> None:
    dataset, _ = validate(read_content(FIXTURE), settings)
    docs = {doc.name: doc for doc in guide(dataset)}
    for collection, model in MODELS.items():
        names = [f.name for f in docs[collection].fields]
        assert sorted(names) == sorted(model.model_fields)
        assert names[0] == "id"
    chips = {f.name: f for f in docs["chips"].fields}
    assert chips["vendor"].type == "id of a `companies` record"
    assert chips["die_area_mm2"].type == "one Sourced (see below), or a list of them when sources disagree"
    assert chips["kind"].type == "one of `datacenter-accelerator`, `phone-soc`"
    assert chips["launched"].type == "date (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD)"
    assert chips["verified"].type == "full date (YYYY-MM-DD)" and chips["verified"].required
    assert docs["chips"].example is not None and docs["chips"].example.startswith("- id: example-x1\n  name: Example X1\n")


def test_guide_documents_every_narrative_helper(settings: Settings) -> None:
    from types import SimpleNamespace

    from generator.cite import Citations
    from generator.pipeline import build
    from generator.stories import helpers

    linked = SimpleNamespace(records={}, sources={})
    names = helpers(linked, "x.md", Citations("x.md", linked))  # type: ignore[arg-type]
    guide_page = build(FIXTURE, settings).files["editing-guide.md"]
    for name in names:
        assert f"`{name}(" in guide_page, f"the editing guide does not document {name}()"


def test_every_control_recipe_is_a_valid_control_citing_shipped_records() -> None:
    from generator.guide import CONTROL_RECIPES, DATE_FORMS
    from generator.load import parse_yaml
    from generator.model import Control

    dataset, _ = validate(read_content(CONTENT), Settings(today=date.today()))
    for recipe in CONTROL_RECIPES:
        doc, problems = parse_yaml(recipe.example, recipe.title)
        assert doc is not None and problems == []
        for item in doc.data["controls"]:
            control = Control.model_validate(item)
            assert set(control.chips) <= set(dataset.chips), recipe.title
            assert control.rule is None or control.rule in dataset.rules, recipe.title
            assert control.source in dataset.sources, recipe.title
    for written, _ in DATE_FORMS:
        doc, _problems = parse_yaml(f"starts: {written}\n", "date form")
        assert doc is not None
        Control.model_validate({"side": "export", "effect": "prohibited", "rule": "r", "source": "s", **doc.data})


def test_the_guide_has_a_control_section_with_every_effect_and_a_recipe_for_each_kind(settings: Settings) -> None:
    from generator.pipeline import build

    page = build(FIXTURE, settings).files["editing-guide.md"]
    section = page[page.index("\n## Control\n") :]
    section = section[: section.index("\n## ", 1)]
    for effect in ("licence-required", "case-by-case", "licences-granted", "prohibited", "purchases-discouraged",
                   "orders-halted", "imports-blocked", "imports-approved", "domestic-only"):  # fmt: skip
        assert f"`{effect}`" in section
    for title in ("A letter naming chips", "A threshold rule", "A licence policy", "A China-side measure"):
        assert f"**{title}.**" in section
    assert "`2025-08-01/2025-08-08`" in section and '`"2025-08"`' in section


def test_each_collection_lives_in_one_place_and_files_are_named_for_what_they_hold() -> None:
    import re

    for collection, paths in collection_files(CONTENT).items():
        places = {path.parent == CONTENT for path in paths}
        assert len(places) <= 1, f"{collection}: both {collection}.yaml and {collection}/"
        for path in paths:
            assert not re.fullmatch(r"r\d+|review-v\d+", path.stem), f"{path}: name it for what it holds, not its round"
