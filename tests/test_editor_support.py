"""Editor support: schemas that match the model and the content, and a guide that covers every field."""

from __future__ import annotations

import os
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
