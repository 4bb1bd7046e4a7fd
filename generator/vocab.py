"""Every value→label table of the site, in reading order. Templates, exports and browser scripts read them from here.

The model's `Literal` choices and these tables must name the same values: `tests/test_registry.py` checks them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Vocabulary:
    """The values one field may take, each with the words a reader sees, in the order pages list them."""

    name: str
    labels: dict[str, str]

    def label(self, value: str) -> str:
        return self.labels[value]

    def rank(self, value: str) -> int:
        """Position in reading order (1-based), e.g. for a rating scale."""
        return list(self.labels).index(value) + 1


# Companies' countries (ISO 3166-1 alpha-2) and the jurisdictions that are countries, with the names readers see.
COUNTRIES = Vocabulary(
    "country",
    {
        "CN": "China",
        "US": "United States",
        "NL": "Netherlands",
        "JP": "Japan",
        "KR": "South Korea",
        "TW": "Taiwan",
        "CA": "Canada",
        "GB": "United Kingdom",
        "DE": "Germany",
        "FR": "France",
        "IN": "India",
        "ID": "Indonesia",
        "LA": "Laos",
        "VN": "Vietnam",
        "MY": "Malaysia",
        "SG": "Singapore",
        "IL": "Israel",
        "CH": "Switzerland",
    },
)
CONFIDENCE = Vocabulary("confidence", {"confirmed": "Confirmed", "reported": "Reported", "disputed": "Disputed"})
JURISDICTIONS = Vocabulary(
    "jurisdiction",
    {
        "us": COUNTRIES.label("US"),
        "nl": COUNTRIES.label("NL"),
        "jp": COUNTRIES.label("JP"),
        "eu": "European Union",
        "cn": COUNTRIES.label("CN"),
    },
)
MEASURE_KINDS = Vocabulary(
    "measure kind",
    {
        "rule": "rule",
        "entity-listing": "entity listing",
        "denial-order": "denial order",
        "license-requirement": "licence requirement",
        "guidance": "guidance",
        "decision": "decision",
        "lifting": "lifting",
        "allied-control": "allied control",
        "countermeasure": "countermeasure",
        "enforcement": "enforcement",
    },
)
CHIP_KINDS = Vocabulary("chip kind", {"datacenter-accelerator": "data-centre accelerator", "phone-soc": "phone system-on-chip"})
CUSTOMER_KINDS = Vocabulary(
    "customer kind",
    {
        "order": "order",
        "purchase": "purchase",
        "adoption": "adoption",
        "samples": "samples",
        "testing": "testing",
        "plan": "plan",
    },
)
CUSTOMER_STATUSES = Vocabulary(
    "customer status",
    {
        "planned": "planned",
        "ordered": "ordered",
        "partly-delivered": "partly delivered",
        "delivered": "delivered",
        "in-use": "in use",
        "cancelled": "cancelled",
        "unknown": "unknown",
    },
)
COMPANY_ROLES = Vocabulary(
    "company role",
    {
        "vendor": "vendor",
        "designer": "designer",
        "foundry": "foundry",
        "customer": "customer",
        "ai-lab": "AI lab",
        "automaker": "automaker",
        "battery-maker": "battery maker",
        "telecom": "telecom",
        "cloud": "cloud",
        "equipment": "equipment",
        "research": "research",
    },
)
SOURCE_KINDS = Vocabulary(
    "source kind",
    {"official": "official", "company": "company", "news": "news", "research": "research", "dataset": "dataset"},
)
SOURCE_GRADES = Vocabulary(
    "source grade",
    {"primary": "Primary text", "original": "Original report", "copy": "Copy", "analysis": "Analysis"},
)
# Worst to best: a claim's rating scale in ClaimReview follows this order.
VERDICTS = Vocabulary(
    "verdict",
    {"unsupported": "Unsupported", "disputed": "Disputed", "partly-supported": "Partly supported", "supported": "Supported"},
)
SECTOR_BASES = Vocabulary(
    "basis",
    {
        "capacity": "capacity",
        "production": "production",
        "sales": "sales",
        "installations": "installations",
        "exports": "exports",
        "deliveries": "deliveries",
        "revenue": "revenue",
    },
)
# The engine's verdict on a chip under one rule.
STATUSES = Vocabulary(
    "status",
    {
        "controlled": "Controlled",
        "not-controlled": "Not controlled",
        "exempt": "Outside the rule",
        "undecidable": "Cannot be decided",
        "depends": "Depends on disputed figures",
    },
)
# The same results as headings over a rule's tests, so that a heading never reads as the answer to "can it be sold?".
STATUS_HEADINGS = Vocabulary(
    "status as a heading",
    {
        "controlled": "Caught by the {rule} thresholds",
        "not-controlled": "Not caught by the {rule} thresholds",
        "exempt": "Outside the {rule} thresholds",
        "undecidable": "The {rule} thresholds: cannot be decided",
        "depends": "The {rule} thresholds: depends on disputed figures",
    },
)
# What a measure does to the sale of a chip to China (a measure's `controls`), and the combined answer on a date.
EXPORT_STATUSES = Vocabulary(
    "export status",
    {
        "not-controlled": "No licence needed",
        "licence-required": "Licence required",
        "case-by-case": "Licences reviewed case by case",
        "licences-granted": "Licences granted to some buyers",
        "prohibited": "Prohibited",
        "depends": "Depends on disputed facts",
        "undecidable": "Cannot be decided",
    },
)
IMPORT_STATUSES = Vocabulary(
    "import status",
    {
        "no-restriction": "No restriction recorded",
        "purchases-discouraged": "Purchases discouraged",
        "orders-halted": "Buyers told to stop ordering",
        "imports-blocked": "Blocked at customs",
        "imports-approved": "Imports approved for some buyers",
        "domestic-only": "Barred from state-funded data centres",
        "depends": "Depends on disputed facts",
        "undecidable": "Cannot be decided",
    },
)
# The same answers as sentences, for a chip page's first line ("Needs a US licence; licences granted to some buyers").
EXPORT_SENTENCES = Vocabulary(
    "export status as a sentence",
    {
        "not-controlled": "No US licence needed to sell it to China",
        "licence-required": "Needs a US licence to be sold to China",
        "case-by-case": "Needs a US licence to be sold to China; applications reviewed case by case",
        "licences-granted": "Needs a US licence to be sold to China; licences granted to some buyers",
        "prohibited": "Its sale to China is prohibited",
        "depends": "Whether it needs a US licence depends on disputed facts",
        "undecidable": "Whether it needs a US licence cannot be decided from the data",
    },
)
IMPORT_SENTENCES = Vocabulary(
    "import status as a sentence",
    {
        "no-restriction": "China has no recorded restriction on buying it",
        "purchases-discouraged": "discourages purchases",
        "orders-halted": "has told buyers to stop ordering it",
        "imports-blocked": "blocks it at customs",
        "imports-approved": "has approved imports for some buyers",
        "domestic-only": "bars it from state-funded data centres",
        "depends": "China's stance depends on disputed facts",
        "undecidable": "China's stance cannot be decided from the data",
    },
)
# One check of one bound.
OUTCOMES = Vocabulary("outcome", {"yes": "meets", "no": "fails", "unknown": "unknown", "disputed": "disputed"})

# The timeline: who acted, and what kind of event it was.
ACTORS = Vocabulary("actor", {"us": "United States", "allies": "Allies", "china": "China", "companies": "Companies"})
EVENT_KINDS = Vocabulary(
    "event kind",
    {
        "rule": "Rule",
        "listing": "Listing",
        "decision": "Decision",
        "enforcement": "Enforcement action",
        "countermeasure": "Countermeasure",
        "product": "Product",
        "order": "Order",
    },
)
ACTOR_OF_JURISDICTION = {"us": "us", "nl": "allies", "jp": "allies", "eu": "allies", "cn": "china"}
# Where each kind of measure sits on the timeline; a statement or guidance is not a rule.
EVENT_KIND_OF_MEASURE = {
    "rule": "rule",
    "license-requirement": "decision",  # a letter imposing a licence is a decision, not a rule
    "allied-control": "rule",
    "entity-listing": "listing",
    "denial-order": "listing",
    "guidance": "decision",
    "decision": "decision",
    "lifting": "decision",
    "enforcement": "enforcement",
    "countermeasure": "countermeasure",
}
