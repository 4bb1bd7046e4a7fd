"""Stage 2: the typed records. Field docs here feed the JSON Schema and the editing guide."""

from __future__ import annotations

import functools
import re
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)

from .dates import PATTERN, PartialDate, parse_date
from .vocab import COUNTRIES

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_MAX = 80


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value is the id of a record in `collection` (None: any collection)."""

    collection: str | None


@dataclass(frozen=True)
class Plausible:
    """The range a figure must fall in; outside it, it is almost surely a slip (a decimal point, a unit, a digit)."""

    low: float
    high: float
    unit: str
    why: str  # what bounds it, said once, e.g. "the largest chips made"


@functools.cache
def ref_of(model: type[BaseModel], name: str) -> Ref | None:
    """The collection a field's ids point into, if the field holds ids."""
    info = model.model_fields[name]
    for meta in info.metadata:
        if isinstance(meta, Ref):
            return meta
    return _ref_in(info.annotation)


def _ref_in(annotation: Any) -> Ref | None:
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, Ref):
            return meta
    for arg in typing.get_args(annotation):
        found = _ref_in(arg)
        if found is not None:
            return found
    return None


def _check_id(value: str) -> str:
    if not ID_PATTERN.match(value) or len(value) > ID_MAX:
        raise ValueError(
            f"id {value!r} is not kebab-case: use lowercase letters, digits and single hyphens "
            f"(at most {ID_MAX} characters), like 'nvidia-h20'"
        )
    return value


def _date_validator(*precisions: str) -> Any:
    def check(value: object) -> PartialDate:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"expected a date like 2023-10-17, got {value!r}")
        parsed = parse_date(value)
        if precisions and parsed.precision not in precisions:
            raise ValueError(f"expected a full date (YYYY-MM-DD), got {value!r}")
        return parsed

    return check


_DATE_SCHEMA = {"type": "string", "pattern": PATTERN}
_DAY_SCHEMA = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
_serialize_date = PlainSerializer(str, return_type=str)

Id = Annotated[str, AfterValidator(_check_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN.pattern})]
When = Annotated[PartialDate, PlainValidator(_date_validator()), _serialize_date, WithJsonSchema(_DATE_SCHEMA)]
Day = Annotated[PartialDate, PlainValidator(_date_validator("day")), _serialize_date, WithJsonSchema(_DAY_SCHEMA)]

SourceRef = Annotated[str, Ref("sources")]
CompanyRef = Annotated[str, Ref("companies")]
ChipRef = Annotated[str, Ref("chips")]
MeasureRef = Annotated[str, Ref("measures")]
RuleRef = Annotated[str, Ref("rules")]
AnyRef = Annotated[str, Ref(None)]

_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")


def _check_markdown(text: str) -> str:
    if _HTML_TAG.search(text):
        raise ValueError("raw HTML is not allowed here; use Markdown")
    for target in _LINK_TARGET.findall(text):
        if ":" in target.split("/")[0] and urlsplit(target).scheme.lower() not in ("http", "https", "mailto"):
            raise ValueError(f"link target {target!r} is not allowed: use an http(s) address")
    return text


def _check_country(code: str) -> str:
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise ValueError(f"expected a two-letter country code in capitals (CN, US), got {code!r}")
    if code not in COUNTRIES.labels:
        known = ", ".join(COUNTRIES.labels)
        raise ValueError(
            f"unknown country code {code!r}: use an ISO 3166-1 alpha-2 code the site names ({known}), "
            "or add the code and its name to COUNTRIES in generator/vocab.py"
        )
    return code


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        hint = "; write the full address, starting with https://" if not parts.scheme and "." in url.split("/")[0] else ""
        raise ValueError(f"expected an http:// or https:// address, got {url!r}{hint}")
    return url


Markdown = Annotated[str, AfterValidator(_check_markdown), Field(json_schema_extra={"contentMediaType": "text/markdown"})]
Text = Annotated[str, Field(min_length=1)]
Url = Annotated[str, AfterValidator(_check_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]
Confidence = Literal["confirmed", "reported", "disputed"]


def _one_or_many(value: object) -> object:
    if isinstance(value, dict):
        return [value]
    if not isinstance(value, list):
        raise ValueError(f"expected a sourced value {{value: ..., source: ...}} or a list of them, got {value!r}")
    return value


def _schema_one_or_many(schema: dict[str, Any]) -> None:
    item = schema.pop("items")
    schema.pop("type", None)
    schema["anyOf"] = [item, {"type": "array", "items": item, "minItems": 1}]


# A sourced value, or a list of them when sources disagree.
_ONE = BeforeValidator(_one_or_many)
_MANY = Field(min_length=1, json_schema_extra=_schema_one_or_many)


class Base(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class Sourced(Base):
    """A figure with the source it comes from."""

    value: float = Field(description="The figure.")
    qualifier: Literal["about", "more than", "at least", "fewer than", "at most"] | None = Field(
        None, description="When the source gives a bound or an approximation, not an exact figure ('more than 100,000')."
    )
    unit: str | None = Field(None, description="Unit, when the field's name does not say it (CNY, chips, GW).")
    source: SourceRef = Field(description="Id of the source stating this figure.")
    as_of: When | None = Field(None, description="When the figure held, if it changes over time.")
    note: Markdown | None = Field(None, description="Caveat: how the figure was measured or derived.")


class SourcedText(Base):
    """A short text fact with the source it comes from."""

    value: Text = Field(description="The fact, e.g. 'SMIC N+2 (7 nm class)'.")
    source: SourceRef = Field(description="Id of the source stating it.")
    note: Markdown | None = Field(None, description="Caveat.")


class SourcedCompany(Base):
    """A company id with the source that names it."""

    value: CompanyRef = Field(description="Id of the company.")
    source: SourceRef = Field(description="Id of the source naming it.")
    note: Markdown | None = Field(None, description="Caveat.")


class SourcedDate(Base):
    """A date with the source that gives it."""

    value: When = Field(description="The day, month, quarter or year.")
    source: SourceRef = Field(description="Id of the source giving this date.")
    note: Markdown | None = Field(None, description="Caveat: what happened on that date (first shipments, general availability).")


Figures = Annotated[list[Sourced], _ONE, _MANY]
Facts = Annotated[list[SourcedText], _ONE, _MANY]
Companies = Annotated[list[SourcedCompany], _ONE, _MANY]
Dates = Annotated[list[SourcedDate], _ONE, _MANY]


class Record(Base):
    id: Id = Field(description="Stable kebab-case id; the page lives at /<collection>/<id>/.")


class Factual(Record):
    confidence: Confidence = Field(
        description="confirmed: official or company statement; reported: press, leaks, estimates; disputed: sources conflict."
    )
    verified: Day = Field(description="When an editor last checked this record against its sources.")
    sources: list[SourceRef] = Field(min_length=1, description="Ids of the sources for this record.")
    notes: Markdown | None = Field(None, description="Caveats, in Markdown.")
    milestone: Annotated[str, Field(min_length=1, max_length=32)] | None = Field(
        None,
        description="A few words that make this a key event of the story, labelled on the timeline charts "
        "(e.g. 'Huawei on the Entity List'); at most 32 characters.",
    )


class CitedOriginal(Base):
    """The report a copy or an analysis relays, as the document read names it."""

    publisher: Text = Field(description="Who published the original (Reuters, Financial Times, Nvidia).")
    title: Text | None = Field(None, description="The original's title, only as the document read gives it.")
    published: When | None = Field(None, description="The original's date, only as the document read gives it.")
    url: Url | None = Field(None, description="The original's address, only if the document read shows it.")


class Source(Record):
    """A document cited by the site."""

    title: Text | None = Field(None, description="The title as the page shows it; leave it out when the page shows none.")
    description: Text | None = Field(
        None,
        description="When the page shows no headline: a short description of the document (shown in italics, "
        "never as a headline), e.g. 'Research note on Nvidia's H200 licences'.",
    )
    title_from_address: bool = Field(
        False, description="true when the headline could not be seen and `title` gives the words of the page's address."
    )
    publisher: Text = Field(description="Who published it (Reuters, US Federal Register, Nvidia).")
    url: Url | None = Field(
        None,
        description="The exact address read. Leave it out only when the text was read where it has no address of "
        "its own (a note quoted in a public repository): `read_at` then says where, and `original_url` may give the "
        "original's address as that text shows it.",
    )
    published: When | None = Field(None, description="Publication date shown by the page.")
    accessed: Day = Field(description="When it was read.")
    kind: Literal["official", "company", "news", "research", "dataset"] | None = Field(
        None, description="What sort of document it is."
    )
    language: str | None = Field(None, description="Language code when not English (zh, nl, ja).")
    grade: Literal["primary", "original", "copy", "analysis"] | None = Field(
        None,
        description="primary: the regulator's, court's or company's own text; original: the first publisher's report; "
        "copy: the original's text read on another site (name it in `read_at`); "
        "analysis: commentary, research or data compiled by others.",
    )
    read_at: Text | None = Field(
        None,
        description="For a copy: the site or document where the text was read (at `url`, when it has one); "
        "`publisher` names the original. For an analysis read where it has no address: where it was read.",
    )
    original_url: Url | None = Field(
        None, description="For a copy: the original's address, only if you saw it (e.g. linked from the copy); not read."
    )
    cites: CitedOriginal | None = Field(
        None,
        description="For a copy or an analysis that relays another publisher's report: the original it cites, "
        "as it names it (publisher, title, date, address only as given there).",
    )
    notes: Markdown | None = Field(None, description="Caveats: mirrors, dates read from the address, missing titles.")

    @model_validator(mode="after")
    def _copy_named(self) -> Source:
        if (self.grade == "copy" and self.read_at is None) or (self.read_at and self.grade not in ("copy", "analysis")):
            raise ValueError(
                "a source with grade 'copy' names the site it was read at in 'read_at' (and only a copy, or an "
                "analysis read where it has no address, has 'read_at')"
            )
        if self.url is None and self.read_at is None:
            raise ValueError(
                "give 'url', the address you read; only a copy read where it has no address of its own (a note in a "
                "public repository) leaves it out, and says where it was read in 'read_at'"
            )
        if self.cites is not None and self.grade in ("primary", "original"):
            raise ValueError(
                f"a source that cites an original it relays is not itself {self.grade!r}: grade it 'copy' "
                "(with read_at) or 'analysis'"
            )
        if self.title is not None and self.description is not None:
            raise ValueError("give either 'title' (the headline shown) or 'description' (when none is shown), not both")
        return self


class Company(Factual):
    """A vendor, foundry, customer or other firm in the story."""

    name: Text = Field(description="Common English name.")
    name_zh: str | None = Field(None, description="Chinese name, as the company writes it.")
    country: Annotated[str, AfterValidator(_check_country)] = Field(
        description="ISO 3166-1 alpha-2 code, one the site has a name for (CN, US, NL, JP, KR, TW…); quote it ('NO')."
    )
    roles: list[
        Literal[
            "vendor",
            "designer",
            "foundry",
            "customer",
            "ai-lab",
            "automaker",
            "battery-maker",
            "telecom",
            "cloud",
            "equipment",
            "research",
        ]
    ] = Field(min_length=1, description="What the company does in this story.")
    parent: CompanyRef | None = Field(None, description="Id of the parent company.")
    founded: When | None = Field(None, description="Year founded.")
    summary: Markdown = Field(description="One to three sentences.")


Precision = Literal["fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "int8", "fp4", "int4"]


class Throughput(Base):
    """Dense peak tensor throughput at one precision (never the sparse figure)."""

    precision: Precision = Field(description="Operand format.")
    value: Annotated[float, Field(gt=0), Plausible(0.01, 50000, "", "the fastest packages reach about 20,000 dense")] = Field(
        description="Dense peak, in `unit`."
    )
    unit: Literal["TFLOPS", "TOPS"] = Field(description="TFLOPS for floating point, TOPS for integer.")
    source: SourceRef = Field(description="Id of the source stating it.")
    note: Markdown | None = Field(None, description="How it was derived, e.g. half the sparse figure.")

    @model_validator(mode="after")
    def _unit_fits_precision(self) -> Throughput:
        expected = "TOPS" if self.precision.startswith("int") else "TFLOPS"
        if self.unit != expected:
            kind = "an integer" if expected == "TOPS" else "a floating-point"
            raise ValueError(f"{self.precision.upper()} is {kind} format: its unit is {expected}, not {self.unit}")
        return self


class Chip(Factual):
    """An AI accelerator or the phone system-on-chip at the centre of the story."""

    name: Text = Field(description="Product name with the variant.")
    vendor: CompanyRef = Field(description="Id of the company that sells it.")
    kind: Literal["datacenter-accelerator", "phone-soc"] = Field(description="What sort of chip.")
    data_center: bool = Field(description="Designed or marketed for use in data centres.")
    launched: When | None = Field(None, description="When it was announced or launched.")
    on_sale: Dates | None = Field(
        None,
        description="When customers first received it (volume shipments or general availability), with the source; "
        "leave out for a chip only announced. A list when sources disagree.",
    )
    foundry: Companies | None = Field(None, description="Who makes it (list when sources disagree).")
    process: Facts | None = Field(None, description="Manufacturing process.")
    throughput: list[Throughput] = Field(default_factory=list, description="Dense peak throughput by precision.")
    die_area_mm2: Annotated[Figures | None, Plausible(20, 2500, "mm²", "from a phone chip's die to a multi-die package")] = Field(
        None, description="Die area in mm²."
    )
    transistors_billion: Annotated[Figures | None, Plausible(0.1, 500, "billion", "today's largest packages hold about 200")] = (
        Field(None, description="Transistor count, billions.")
    )
    memory_gb: Annotated[Figures | None, Plausible(0.5, 1024, "GB", "accelerators carry up to a few hundred GB")] = Field(
        None, description="Memory capacity, GB."
    )
    memory_type: Facts | None = Field(None, description="Memory technology (HBM2e, HBM3).")
    memory_bandwidth_gbs: Annotated[Figures | None, Plausible(10, 30000, "GB/s", "HBM packages reach about 8,000")] = Field(
        None, description="Memory bandwidth, GB/s."
    )
    interconnect_gbs: Annotated[Figures | None, Plausible(1, 20000, "GB/s", "links reach a few thousand GB/s")] = Field(
        None, description="Chip-to-chip I/O bandwidth, bidirectional GB/s."
    )
    summary: Markdown = Field(description="What the chip is and why it matters, one to three sentences.")


ExportEffect = Literal["licence-required", "case-by-case", "licences-granted", "prohibited"]
ImportEffect = Literal["purchases-discouraged", "orders-halted", "imports-blocked", "imports-approved", "domestic-only"]
EXPORT_EFFECTS: tuple[str, ...] = typing.get_args(ExportEffect)


class Control(Base):
    """What a measure does to the sale of chips to China: which chips, on which side, with what effect, from when."""

    side: Literal["export", "import"] = Field(
        description="export: the United States' rules on selling the chips to China; import: China's on buying them."
    )
    # One list of words, not a union of two: a misspelt effect gets one message with every choice and a suggestion.
    effect: Literal[ExportEffect, ImportEffect] = Field(
        description="export: licence-required, case-by-case, licences-granted or prohibited; import: purchases-discouraged, "
        "orders-halted, imports-blocked, imports-approved or domestic-only."
    )
    chips: list[ChipRef] = Field(default_factory=list, description="The chips it names.")
    rule: RuleRef | None = Field(None, description="Or: every chip this rule's thresholds catch.")
    starts: When | None = Field(None, description="When it began to apply, if not the measure's effective date.")
    ends: When | None = Field(
        None, description="When it stopped applying, if not the measure's end (e.g. replaced by a new rule)."
    )
    source: SourceRef = Field(description="Id of the source saying which chips it covers and what it does.")
    note: Markdown | None = Field(None, description="Caveat, e.g. licences granted to some buyers only.")

    @model_validator(mode="after")
    def _targets_and_side(self) -> Control:
        if bool(self.chips) == (self.rule is not None):
            raise ValueError("a control names its chips under 'chips' or a threshold rule under 'rule' (one of the two)")
        if (self.effect in EXPORT_EFFECTS) != (self.side == "export"):
            raise ValueError(f"effect '{self.effect}' does not belong to the {self.side} side")
        return self


@dataclass(frozen=True)
class Ratio:
    """A physical limit on one sourced figure of a record divided by another: past it, one of them is a slip."""

    numerator: str
    denominator: str
    high: float
    unit: str
    why: str


CHIP_RATIOS = (
    Ratio("transistors_billion", "die_area_mm2", 0.5, "billion transistors per mm²", "the densest chips made hold about 0.3"),
)


class Measure(Factual):
    """A sanction, rule, listing, allied control or countermeasure."""

    name: Text = Field(description="Short descriptive name.")
    kind: Literal[
        "rule",
        "entity-listing",
        "denial-order",
        "license-requirement",
        "guidance",
        "decision",
        "lifting",
        "allied-control",
        "countermeasure",
        "enforcement",
    ] = Field(description="What sort of measure; enforcement: a prosecution, plea or penalty for breaking the controls.")
    jurisdiction: Literal["us", "nl", "jp", "eu", "cn"] = Field(description="Who imposed it.")
    issuer: Text = Field(description="The body that issued it.")
    instrument: str | None = Field(None, description="Federal Register citation, order or announcement number.")
    announced: When | None = Field(None, description="When it was announced.")
    effective: When | None = Field(None, description="When it took effect.")
    published: When | None = Field(None, description="Official publication (Federal Register etc.).")
    reported: When | None = Field(None, description="When the press first reported it, for measures never announced.")
    ended: When | None = Field(None, description="When it was lifted or rescinded.")
    summary: Markdown = Field(description="What it does, one to four sentences.")
    targets: list[CompanyRef] = Field(default_factory=list, description="Ids of the companies it targets.")
    chips: list[ChipRef] = Field(default_factory=list, description="Ids of the chips it affects.")
    related: list[MeasureRef] = Field(default_factory=list, description="Ids of related measures.")
    controls: list[Control] = Field(
        default_factory=list, description="What it does to the sale of chips to China, for the status of each chip on any date."
    )

    @property
    def in_force_from(self) -> PartialDate:
        """When it began to apply: effective, else announced, published or first reported."""
        return self.effective or self.announced or self.published or self.first_date

    @property
    def first_date(self) -> PartialDate:
        """The earliest of its dates: where the measure sits on the timeline."""
        dates = [d for d in (self.announced, self.effective, self.published, self.reported) if d is not None]
        return min(dates, key=lambda d: (d.start, d.end))

    @model_validator(mode="after")
    def _dated(self) -> Measure:
        if not (self.announced or self.effective or self.published or self.reported):
            raise ValueError("a measure needs at least one of 'announced', 'effective', 'published' or 'reported'")
        return self


class Customer(Factual):
    """Who bought, ordered or adopted which chip."""

    customer: CompanyRef = Field(description="Id of the buyer.")
    supplier: CompanyRef | None = Field(None, description="Id of the seller.")
    chip: ChipRef = Field(description="Id of the chip.")
    kind: Literal["order", "purchase", "adoption", "samples", "testing", "plan"] = Field(description="The relationship.")
    date: When = Field(description="When it happened.")
    status: Literal["planned", "ordered", "partly-delivered", "delivered", "in-use", "cancelled", "unknown"] = Field(
        description="Where it stands."
    )
    quantity: Figures | None = Field(None, description="How many chips.")
    amount: Figures | None = Field(None, description="Value, with its currency as `unit`.")
    servers: Figures | None = Field(None, description="How many servers.")
    delivered: Figures | None = Field(None, description="How many delivered, with `as_of`.")
    summary: Markdown = Field(description="One to three sentences.")


class Point(Base):
    """One dated value of a sector's series."""

    period: When = Field(description="The year, quarter, month or day the value refers to.")
    value: float = Field(description="The figure, in the metric's unit.")
    source: SourceRef = Field(description="Id of the source stating it.")
    note: Markdown | None = Field(None, description="Caveat.")


class Metric(Base):
    """A sector's series: what is measured, on which basis, and its dated values."""

    id: Id = Field(description="Kebab-case id, unique within the sector.")
    name: Text = Field(description="What is measured, precisely.")
    unit: Text = Field(description="percent, GW, million vehicles…")
    basis: Literal["capacity", "production", "sales", "installations", "exports", "deliveries", "revenue"] = Field(
        description="Capacity and production shares differ: say which."
    )
    points: list[Point] = Field(min_length=1, description="The dated series.")


class Sector(Factual):
    """A spillover sector with its metrics as dated series."""

    name: Text = Field(description="Sector name.")
    summary: Markdown = Field(description="The sector's story in a few sentences.")
    metrics: list[Metric] = Field(min_length=1, description="Dated series.")


class Evidence(Base):
    """One piece of evidence for or against a claim, with its sources."""

    text: Markdown = Field(description="The evidence, one or two sentences.")
    sources: list[SourceRef] = Field(min_length=1, description="Ids of its sources.")


class Claim(Factual):
    """A claim about the controls, assessed against the evidence."""

    claim: Text = Field(description="The claim, as a sentence.")
    verdict: Literal["supported", "partly-supported", "unsupported", "disputed"] = Field(description="The verdict.")
    assessed: Day = Field(description="When the verdict was reached.")
    summary: Markdown = Field(description="Why this verdict.")
    evidence_for: list[Evidence] = Field(default_factory=list, description="Evidence supporting the claim.")
    evidence_against: list[Evidence] = Field(default_factory=list, description="Evidence against it.")
    related: list[AnyRef] = Field(default_factory=list, description="Ids of related records of any collection.")


class Term(Record):
    """A glossary term, shown as a tooltip wherever it appears."""

    term: Text = Field(description="The term as readers see it.")
    aliases: list[Text] = Field(default_factory=list, description="Other spellings readers might meet.")
    definition: Markdown = Field(description="One or two sentences.")
    sources: list[SourceRef] = Field(default_factory=list, description="Ids of sources.")


RuleMetric = Literal["tpp", "performance_density", "interconnect_gbs"]


class Bound(Base):
    """A threshold on one metric: at least `min`, and/or below `below`."""

    min: float | None = Field(None, description="The metric must be at least this (≥).")
    below: float | None = Field(None, description="The metric must be less than this (<).")

    @model_validator(mode="after")
    def _some_bound(self) -> Bound:
        if self.min is None and self.below is None:
            raise ValueError("a bound needs 'min', 'below' or both")
        return self


class Criterion(Base):
    """One way to be caught: every bound must hold."""

    bounds: dict[RuleMetric, Bound] = Field(min_length=1, description="Bounds on tpp, performance_density, interconnect_gbs.")
    data_center: bool | None = Field(None, description="When set, only chips (not) designed or marketed for data centres match.")


class Paragraph(Base):
    """A paragraph of the rule that catches chips passing any one of its tests."""

    label: Text = Field(description="As the regulation numbers it, e.g. 3A090.a.")
    text: Markdown = Field(description="The paragraph's words, quoted or summarised (say which).")
    source: SourceRef = Field(description="Id of the source the text was read in.")
    any_of: list[Criterion] = Field(min_length=1, description="Alternative tests; meeting one is enough.")


class Exemption(Base):
    """A note that takes chips out of the rule when every bound holds."""

    label: Text = Field(description="How the regulation names it, e.g. Note 2 to 3A090.")
    text: Markdown = Field(description="The note's words, quoted or summarised.")
    source: SourceRef = Field(description="Id of the source the text was read in.")
    test: Criterion = Field(description="Chips meeting this test are outside the rule.")


class Rule(Factual):
    """A version of the advanced-computing chip controls, its thresholds as data."""

    name: Text = Field(description="Short name, e.g. ECCN 3A090 (October 2023 rule).")
    short: Text = Field(description="A label for table columns, e.g. Oct 2023.")
    measure: MeasureRef = Field(description="Id of the measure that made this version.")
    effective: When = Field(description="When this version took effect.")
    summary: Markdown = Field(description="What changed, in one to three sentences.")
    paragraphs: list[Paragraph] = Field(min_length=1, description="Controlled paragraphs, in the regulation's order.")
    exemptions: list[Exemption] = Field(default_factory=list, description="Notes that take chips out of the rule.")


class PageMeta(Base):
    """The front matter of a narrative page."""

    title: Text | None = Field(None, description="The page title for the browser tab and search; else its first heading.")
    description: Text | None = Field(None, description="One sentence for search engines and link previews.")
    updated: Day | None = Field(None, description="When the page's text was last checked against the data and updated.")
    chapter: Annotated[int, Field(ge=1)] | None = Field(
        None, description="The page's place in the story (1, 2, …): chapters get 'Chapter N of M' and previous/next links."
    )
    answers: Text | None = Field(
        None, description="For a chapter: the question it answers, shown on the home page's chapter cards."
    )
    hide: list[Literal["navigation", "toc"]] = Field(
        default_factory=list, description="Theme parts to hide on this page (the home page hides both sidebars)."
    )
