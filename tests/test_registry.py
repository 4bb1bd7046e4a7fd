"""Each fact about the code lives in one place: the registry, the vocabulary and the metrics agree with the model.

A new collection or choice that misses one of its pieces fails here, with the piece named.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from generator import vocab
from generator.engine import Outcome, Status
from generator.export import COMPUTED
from generator.metrics import BIT_LENGTH, METRICS
from generator.model import (
    Chip,
    Claim,
    Company,
    Customer,
    Measure,
    Metric,
    Precision,
    RuleMetric,
    Source,
    Throughput,
    ref_of,
)
from generator.nav import site_nav
from generator.pages import PAGES
from generator.registry import COLLECTIONS, Collection
from generator.render.records import EXTRAS
from generator.validate import Dataset

ROOT = Path(__file__).parent.parent
TEMPLATES = ROOT / "generator" / "templates"


def choices(model: type[Any], field: str) -> set[str]:
    """The values a `Literal` field (or a list or optional of one) accepts."""
    annotation = model.model_fields[field].annotation
    found: set[str] = set()
    stack = [annotation]
    while stack:
        current = stack.pop()
        if typing.get_origin(current) is typing.Literal:
            found |= set(typing.get_args(current))
        else:
            stack += list(typing.get_args(current))
    return found


VOCABULARIES = [
    (vocab.CONFIDENCE, Chip, "confidence"),
    (vocab.JURISDICTIONS, Measure, "jurisdiction"),
    (vocab.MEASURE_KINDS, Measure, "kind"),
    (vocab.CHIP_KINDS, Chip, "kind"),
    (vocab.CUSTOMER_KINDS, Customer, "kind"),
    (vocab.CUSTOMER_STATUSES, Customer, "status"),
    (vocab.COMPANY_ROLES, Company, "roles"),
    (vocab.SOURCE_KINDS, Source, "kind"),
    (vocab.SOURCE_GRADES, Source, "grade"),
    (vocab.VERDICTS, Claim, "verdict"),
    (vocab.SECTOR_BASES, Metric, "basis"),
]


@pytest.mark.parametrize(("table", "model", "field"), VOCABULARIES, ids=[v[0].name for v in VOCABULARIES])
def test_every_choice_of_the_model_has_words_for_readers(table: vocab.Vocabulary, model: type[Any], field: str) -> None:
    assert set(table.labels) == choices(model, field), f"vocab.{table.name} and {model.__name__}.{field} list different values"


def test_engine_enums_and_metrics_have_words() -> None:
    assert set(vocab.STATUSES.labels) == {s.value for s in Status}
    assert set(vocab.OUTCOMES.labels) == {o.value for o in Outcome}
    assert set(METRICS) == set(typing.get_args(RuleMetric))
    assert set(BIT_LENGTH) == set(typing.get_args(Precision)) - {"tf32"}


def test_every_measure_and_jurisdiction_has_a_place_on_the_timeline() -> None:
    assert set(vocab.EVENT_KIND_OF_MEASURE) == set(vocab.MEASURE_KINDS.labels)
    assert set(vocab.EVENT_KIND_OF_MEASURE.values()) <= set(vocab.EVENT_KINDS.labels)
    assert set(vocab.ACTOR_OF_JURISDICTION) == set(vocab.JURISDICTIONS.labels)
    assert set(vocab.ACTOR_OF_JURISDICTION.values()) <= set(vocab.ACTORS.labels)


@pytest.mark.parametrize("collection", COLLECTIONS, ids=[c.name for c in COLLECTIONS])
def test_each_collection_has_every_piece(collection: Collection) -> None:
    template = TEMPLATES / collection.template
    assert template.is_file(), f"{collection.name}: add the page template {template.relative_to(ROOT)}"
    assert "{% extends" in template.read_text(encoding="utf-8"), f"{collection.template} extends a base template"
    model = collection.model
    for name in (collection.title_field, collection.summary_field):
        assert name is None or name in model.model_fields, f"{collection.name}: no field {name!r}"
    for field in (*collection.facts, *collection.index):
        head, _, rest = field.path.partition(".")
        assert head in model.model_fields or isinstance(getattr(model, head, None), property), (
            f"{collection.name}: {field.label!r} reads {field.path!r}, which {model.__name__} does not have"
        )
        if field.show in ("label", "labels"):
            assert field.vocab is not None, f"{collection.name}: {field.label!r} shows labels but names no vocabulary"
        if field.show in ("link", "links") and not rest:
            assert ref_of(model, head) is not None, f"{collection.name}: {field.path!r} holds no ids to link"
    for name in collection.exports:
        assert name in COMPUTED, f"{collection.name}: no computed-field provider {name!r} in export.COMPUTED"
    for name in collection.sort:
        assert name in model.model_fields or isinstance(getattr(model, name, None), property)


def test_every_collection_index_is_in_the_navigation() -> None:
    nav = [{"Home": "index.md"}, {"Data": [{"Chips": "chips/index.md"}]}, {"About": "about.md"}]
    completed = site_nav(nav, "Data")
    data = completed[1]["Data"]
    assert data[0] == {"Chips": "chips/index.md"}
    assert {page for item in data for page in item.values()} == {f"{c.name}/index.md" for c in COLLECTIONS}
    assert completed[0] == nav[0] and completed[2] == nav[2]
    assert site_nav(completed, "Data") == completed


def test_every_declared_page_is_in_its_navigation_section() -> None:
    nav = [{"Home": "index.md"}, {"Tools": []}, {"Data": []}, {"About": "about.md"}]
    completed = site_nav(nav, "Data")
    sections = {key: value for item in completed for key, value in item.items()}
    for page in PAGES:
        entry = {page.title: page.path}
        if not page.in_nav:
            assert entry not in completed and all(entry not in v for v in sections.values() if isinstance(v, list))
        elif page.section is None:
            assert entry in completed, f"{page.path} is missing from the top level of the navigation"
        else:
            assert entry in sections[page.section], f"{page.path} is missing from the section {page.section!r}"
    assert [next(iter(item)) for item in completed][:4] == ["Home", "Tools", "Data", "About"]
    assert site_nav(completed, "Data") == completed


def test_a_section_inside_a_section_is_filled_where_it_stands() -> None:
    """The collections sit one level down (a theme shows them collapsed); pages go into the nested section, once."""
    nav = [{"Home": "index.md"}, {"Data and updates": [{"About the data": "about.md"}, {"Browse the records": []}]}]
    completed = site_nav(nav, "Browse the records")
    outer = completed[1]["Data and updates"]
    assert outer[0] == {"About the data": "about.md"}
    records = next(item["Browse the records"] for item in outer if "Browse the records" in item)
    assert [next(iter(item.values())) for item in records] == [f"{c.name}/index.md" for c in COLLECTIONS]
    assert {"What's new": "whats-new.md"} in outer and {"Downloads": "downloads.md"} in outer
    assert [next(iter(item)) for item in completed].count("Browse the records") == 0
    assert site_nav(completed, "Browse the records") == completed


def test_a_section_the_nav_lacks_is_added_at_its_end() -> None:
    completed = site_nav([{"Home": "index.md"}], "Data")
    names = [next(iter(item)) for item in completed]
    assert names[0] == "Home" and "Tools" in names and "Data" in names


@pytest.mark.parametrize("page", PAGES, ids=[p.path for p in PAGES])
def test_each_declared_page_has_every_piece(page: Any) -> None:
    assert page.path.endswith(".md") and not page.path.startswith("/"), f"{page.path}: a relative Markdown path"
    assert page.title and page.search_label, f"{page.path}: a title and a search label"
    assert callable(page.build), f"{page.path}: a builder"
    for script in page.scripts:
        assert (ROOT / "generator" / "static" / script.removeprefix("assets/")).is_file(), f"{page.path}: no {script}"


def test_declared_pages_have_distinct_addresses() -> None:
    urls = [p.url for p in PAGES]
    assert len(urls) == len(set(urls))


def test_every_template_is_used() -> None:
    used = {c.template for c in COLLECTIONS}
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "generator").rglob("*.py"))
    templates = "\n".join(p.read_text(encoding="utf-8") for p in TEMPLATES.rglob("*.j2"))
    for path in TEMPLATES.rglob("*.j2"):
        name = path.relative_to(TEMPLATES).as_posix()
        assert name in used or f'"{name}"' in code or f'"{name}"' in templates, f"template {name} is never used"


def test_page_extras_belong_to_collections() -> None:
    assert set(EXTRAS) <= {c.name for c in COLLECTIONS}


def test_throughput_units_are_the_two_the_rule_counts() -> None:
    assert choices(Throughput, "unit") == {"TFLOPS", "TOPS"}


@pytest.mark.parametrize("collection", COLLECTIONS, ids=[c.name for c in COLLECTIONS])
def test_each_collection_has_a_typed_view(collection: Collection) -> None:
    """`dataset.chips` is a `Mapping[str, Chip]`: pages look records up by attribute, typed, never by a string."""
    view = getattr(Dataset, collection.name, None)
    assert isinstance(view, property), f"add a typed view `Dataset.{collection.name}` in generator/validate.py"
    hints = typing.get_type_hints(view.fget)
    assert hints["return"] == Mapping[str, collection.model], f"Dataset.{collection.name} returns {hints['return']}"
