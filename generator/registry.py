"""The one list of collections, in the order they are read (sources first).

What each holds, how its pages and index read, what its export adds.

Everything else iterates over `COLLECTIONS`. Adding a collection takes a model (`model.py`), an entry here, a
template (`templates/records/<name>.md.j2`) and content; `tests/test_registry.py` names any missing piece.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from . import vocab
from .model import Chip, Claim, Company, Customer, Measure, Record, Rule, Sector, Source, Term
from .vocab import Vocabulary

Show = Literal[
    "text",  # the value as plain text
    "label",  # a vocabulary value, in the reader's words (`vocab`)
    "labels",  # a list of vocabulary values
    "date",  # a PartialDate as readers see it
    "link",  # an id: a link to the record, named by its title (the collection comes from the model's `Ref`)
    "links",  # a list of ids
    "self",  # a link to the record itself
    "figures",  # sourced figures, side by side when sources disagree (`unit` when the field's name gives it)
    "texts",  # sourced short texts
    "companies",  # sourced company ids
    "yesno",
    "list",  # a list of texts
    "count",  # how many items a list holds
    "url",
    "entity-list",  # computed: the measures that put a company on the US Entity List
    "note",  # a flag that, when set, shows the field's `note`
]


@dataclass(frozen=True)
class Field:
    """One row of a record page's facts table, or one column of an index page.

    `path` is an attribute of the record; `a.b` takes `b` of every item of the list `a`.
    """

    label: str
    path: str
    show: Show = "text"
    vocab: Vocabulary | None = None
    unit: str = ""
    empty: str | None = None  # shown when the value is missing; None leaves the row out (facts) or the cell blank
    note: str = ""  # for `note`: the words shown when the flag is set


@dataclass(frozen=True, kw_only=True)
class Collection:
    name: str
    model: type[Record]
    title: str
    title_field: str | None  # None: the link stage names the record (orders are named after buyer and chip)
    summary_field: str | None
    search_boost: float
    facts: tuple[Field, ...]
    index: tuple[Field, ...]
    sort: tuple[str, ...] = ()  # index order: these attributes, text compared without case; else file order
    tally: Field | None = None  # the index page counts its records by this field's values
    exports: tuple[str, ...] = ()  # computed fields added to the published JSON (providers in `export.COMPUTED`)
    singular: str = ""  # one record, as search results label it ("Chip"); empty: the title without its final s

    @property
    def kind(self) -> str:
        return self.singular or self.title.removesuffix("s")

    @property
    def template(self) -> str:
        return f"records/{self.name}.md.j2"


def _dates(*pairs: tuple[str, str]) -> tuple[Field, ...]:
    return tuple(Field(label, path, "date") for label, path in pairs)


_CONFIDENCE = Field("Confidence", "confidence", "label", vocab.CONFIDENCE)

COLLECTIONS: tuple[Collection, ...] = (
    Collection(
        name="sources",
        model=Source,
        title="Sources",
        title_field="title",
        summary_field=None,
        search_boost=0.5,
        facts=(
            Field(
                "Title",
                "title_from_address",
                "note",
                note="taken from the words of the page's address; its headline could not be read",
            ),
            Field("Headline", "description", "note", note="none shown; the heading above describes the document"),
            Field("Publisher", "publisher"),
            Field("Published", "published", "date"),
            Field("Kind", "kind", "label", vocab.SOURCE_KINDS),
            Field("Grade", "grade", "label", vocab.SOURCE_GRADES),
            Field("Read at", "read_at"),
            Field("Accessed", "accessed", "date"),
            Field("Address", "url", "url"),
            Field("Original address", "original_url", "url"),
            Field("Original it cites", "cites.publisher"),
            Field("Original's title", "cites.title"),
            Field("Original's date", "cites.published", "date"),
            Field("Original's address (not read)", "cites.url", "url"),
        ),
        index=(
            Field("Source", "id", "self"),
            Field("Publisher", "publisher"),
            Field("Published", "published", "date"),
            Field("Grade", "grade", "label", vocab.SOURCE_GRADES),
        ),
        sort=("publisher",),
        tally=Field("Grade", "grade", "label", vocab.SOURCE_GRADES),
    ),
    Collection(
        name="companies",
        model=Company,
        title="Companies",
        title_field="name",
        summary_field="summary",
        search_boost=4,
        facts=(
            Field("Chinese name", "name_zh"),
            Field("Country", "country", "label", vocab.COUNTRIES),
            Field("Roles", "roles", "labels", vocab.COMPANY_ROLES),
            Field("Parent", "parent", "link"),
            Field("Founded", "founded", "date"),
            Field("US Entity List", "id", "entity-list"),
        ),
        index=(
            Field("Company", "id", "self"),
            Field("Chinese name", "name_zh"),
            Field("Country", "country", "label", vocab.COUNTRIES),
            Field("Roles", "roles", "labels", vocab.COMPANY_ROLES),
        ),
        exports=("entity_list",),
        singular="Company",
    ),
    Collection(
        name="chips",
        model=Chip,
        title="Chips",
        title_field="name",
        summary_field="summary",
        search_boost=4,
        facts=(
            Field("Vendor", "vendor", "link"),
            Field("Kind", "kind", "label", vocab.CHIP_KINDS),
            Field("For data centres", "data_center", "yesno"),
            Field("Launched", "launched", "date", empty="not recorded"),
            Field("Foundry", "foundry", "companies"),
            Field("Process", "process", "texts"),
            Field("Memory type", "memory_type", "texts"),
            Field("Die area", "die_area_mm2", "figures", unit="mm²"),
            Field("Transistors", "transistors_billion", "figures", unit="billion"),
            Field("Memory", "memory_gb", "figures", unit="GB"),
            Field("Memory bandwidth", "memory_bandwidth_gbs", "figures", unit="GB/s"),
            Field("Chip-to-chip I/O", "interconnect_gbs", "figures", unit="GB/s"),
        ),
        index=(
            Field("Chip", "id", "self"),
            Field("Vendor", "vendor", "link"),
            Field("Launched", "launched", "date"),
            Field("Kind", "kind", "label", vocab.CHIP_KINDS),
            _CONFIDENCE,
        ),
        exports=("chip_metrics", "sale_history"),
    ),
    Collection(
        name="rules",
        model=Rule,
        title="Rules",
        title_field="name",
        summary_field="summary",
        search_boost=2,
        facts=(Field("Made by", "measure", "link"), Field("Effective", "effective", "date")),
        index=(
            Field("Rule", "id", "self"),
            Field("Effective", "effective", "date"),
            Field("Paragraphs", "paragraphs.label", "list"),
            _CONFIDENCE,
        ),
    ),
    Collection(
        name="measures",
        model=Measure,
        title="Measures",
        title_field="name",
        summary_field="summary",
        search_boost=2,
        facts=(
            Field("Kind", "kind", "label", vocab.MEASURE_KINDS),
            Field("Jurisdiction", "jurisdiction", "label", vocab.JURISDICTIONS),
            Field("Issuer", "issuer"),
            Field("Instrument", "instrument"),
            *_dates(
                ("Announced", "announced"),
                ("Effective", "effective"),
                ("Published", "published"),
                ("First reported", "reported"),
                ("Ended", "ended"),
            ),
            Field("Targets", "targets", "links"),
            Field("Chips affected", "chips", "links"),
            Field("Related", "related", "links"),
        ),
        index=(
            Field("Date", "first_date", "date"),
            Field("Measure", "id", "self"),
            Field("Jurisdiction", "jurisdiction", "label", vocab.JURISDICTIONS),
            Field("Kind", "kind", "label", vocab.MEASURE_KINDS),
            _CONFIDENCE,
        ),
        sort=("first_date", "name"),
    ),
    Collection(
        name="customers",
        model=Customer,
        title="Customers",
        title_field=None,
        summary_field="summary",
        search_boost=1,
        facts=(
            Field("Customer", "customer", "link"),
            Field("Supplier", "supplier", "link"),
            Field("Chip", "chip", "link"),
            Field("Kind", "kind", "label", vocab.CUSTOMER_KINDS),
            Field("Date", "date", "date"),
            Field("Status", "status", "label", vocab.CUSTOMER_STATUSES),
            Field("Quantity", "quantity", "figures"),
            Field("Value", "amount", "figures"),
            Field("Servers", "servers", "figures"),
            Field("Delivered", "delivered", "figures"),
        ),
        index=(
            Field("Date", "date", "date"),
            Field("Customer", "id", "self"),
            Field("Chip", "chip", "link"),
            Field("Kind", "kind", "label", vocab.CUSTOMER_KINDS),
            Field("Status", "status", "label", vocab.CUSTOMER_STATUSES),
            _CONFIDENCE,
        ),
        sort=("date",),
        singular="Order or purchase",
    ),
    Collection(
        name="sectors",
        model=Sector,
        title="Sectors",
        title_field="name",
        summary_field="summary",
        search_boost=1,
        facts=(),
        index=(Field("Sector", "id", "self"), Field("Metrics", "metrics", "count")),
    ),
    Collection(
        name="claims",
        model=Claim,
        title="Claims",
        title_field="claim",
        summary_field="summary",
        search_boost=2,
        facts=(
            Field("Verdict", "verdict", "label", vocab.VERDICTS),
            Field("Assessed", "assessed", "date"),
            Field("Related", "related", "links"),
        ),
        index=(
            Field("Claim", "id", "self"),
            Field("Verdict", "verdict", "label", vocab.VERDICTS),
            Field("Assessed", "assessed", "date"),
        ),
    ),
    Collection(
        name="glossary",
        model=Term,
        title="Glossary",
        title_field="term",
        summary_field="definition",
        search_boost=3,
        facts=(Field("Also written", "aliases", "list"),),
        index=(Field("Term", "id", "self"), Field("Definition", "definition")),
        sort=("term",),
        singular="Glossary term",
    ),
)

BY_NAME: dict[str, Collection] = {c.name: c for c in COLLECTIONS}
NAMES: tuple[str, ...] = tuple(BY_NAME)
MODELS: dict[str, type[Record]] = {c.name: c.model for c in COLLECTIONS}
