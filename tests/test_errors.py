"""One case per problem class: the exact message, line and column an editor sees."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE

from generator import load
from generator.pipeline import build
from generator.registry import NAMES
from generator.settings import Settings

CHIPS = (FIXTURE / "chips.yaml").read_text(encoding="utf-8")
MEASURES = (FIXTURE / "measures.yaml").read_text(encoding="utf-8")
CLAIMS = (FIXTURE / "claims.yaml").read_text(encoding="utf-8")
SOURCES = (FIXTURE / "sources.yaml").read_text(encoding="utf-8")
COMPANIES = (FIXTURE / "companies.yaml").read_text(encoding="utf-8")
CUSTOMERS = (FIXTURE / "customers.yaml").read_text(encoding="utf-8")

CASES: dict[str, tuple[str, str | bytes, list[str]]] = {
    "yaml syntax": (
        "chips.yaml",
        "- id: x\n  name: [unclosed\n",
        [
            "content/chips.yaml:2:9: error: a list in [ ] is not closed: "
            "end it with ] on the same line, or put each item on its own line after '- '"
        ],
    ),
    "tab indentation": (
        "glossary.yaml",
        "- id: tpp\n\tterm: TPP\n",
        ["content/glossary.yaml:2:1: error: tab character in indentation; YAML needs spaces"],
    ),
    "not utf-8": (
        "glossary.yaml",
        b"- id: tpp\n  term: T\xffP\n",
        ["content/glossary.yaml:2:10: error: the file is not valid UTF-8 (byte 0xff); save it as UTF-8"],
    ),
    "duplicate key": (
        "glossary.yaml",
        "- id: tpp\n  term: TPP\n  term: Other\n  definition: d\n",
        [
            "content/glossary.yaml:3:3: error: duplicate key 'term': already set on line 2; "
            "YAML would silently keep only the last one"
        ],
    ),
    "duplicate id in a file": (
        "glossary.yaml",
        "- id: tpp\n  term: TPP\n  definition: d\n- id: tpp\n  term: TPP2\n  definition: d\n",
        ["content/glossary.yaml:4:7: error: duplicate id 'tpp' in glossary: first defined at content/glossary.yaml:1"],
    ),
    "unknown field": (
        "chips.yaml",
        CHIPS.replace("  vendor:", "  vendorr:"),
        [
            "content/chips.yaml:1:3: error: chips[example-x1]: missing required field 'vendor'",
            "content/chips.yaml:3:3: error: chips[example-x1].vendorr: unknown field 'vendorr' (did you mean 'vendor'?)",
        ],
    ),
    "wrong type": (
        "chips.yaml",
        CHIPS.replace("{value: 392,", "{value: big,"),
        ["content/chips.yaml:15:29: error: chips[example-x1].interconnect_gbs.value: expected a number, got 'big'"],
    ),
    "bare figure without source": (
        "chips.yaml",
        CHIPS.replace("interconnect_gbs: {value: 392, source: maker-x1-datasheet}", "interconnect_gbs: 392"),
        [
            "content/chips.yaml:15:21: error: chips[example-x1].interconnect_gbs: expected a sourced value "
            "{value: ..., source: ...} or a list of them, got 392"
        ],
    ),
    "missing field": (
        "glossary.yaml",
        "- id: tpp\n  term: TPP\n",
        ["content/glossary.yaml:1:3: error: glossary[tpp]: missing required field 'definition'"],
    ),
    "impossible date": (
        "chips.yaml",
        CHIPS.replace('launched: "2023-08"', "launched: 2023-13-01"),
        ["content/chips.yaml:6:13: error: chips[example-x1].launched: month 13 does not exist in '2023-13-01'"],
    ),
    "quarter where a day is needed": (
        "chips.yaml",
        CHIPS.replace("verified: 2026-11-01", 'verified: "2026-Q4"'),
        ["content/chips.yaml:18:13: error: chips[example-x1].verified: expected a full date (YYYY-MM-DD), got '2026-Q4'"],
    ),
    "not ISO 8601": (
        "chips.yaml",
        CHIPS.replace('launched: "2023-08"', "launched: 08/2023"),
        [
            "content/chips.yaml:6:13: error: chips[example-x1].launched: expected an ISO 8601 date "
            "(YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY), got '08/2023'"
        ],
    ),
    "effective before announced": (
        "measures.yaml",
        MEASURES.replace("effective: 2022-10-21", "effective: 2022-09-30"),
        [
            "content/measures.yaml:8:14: error: measures[example-rule-2022].effective: effective date 2022-09-30 "
            "is before the announcement (2022-10-07)"
        ],
    ),
    "unknown reference": (
        "chips.yaml",
        CHIPS.replace("vendor: example-chipmaker", "vendor: example-chipmakr"),
        [
            "content/chips.yaml:3:11: error: chips[example-x1].vendor: no record 'example-chipmakr' in companies "
            "(did you mean 'example-chipmaker'?)"
        ],
    ),
    "no source": (
        "claims.yaml",
        CLAIMS.replace("  sources: [wire-2023-11-07-order]\n", "  sources: []\n"),
        [
            "content/claims.yaml:13:12: error: claims[example-claim].sources: cites no source: list at "
            "least one source id under 'sources'"
        ],
    ),
    "javascript url": (
        "sources.yaml",
        SOURCES.replace("https://example.org/x1.pdf", "javascript:alert(1)"),
        [
            "content/sources.yaml:22:8: error: sources[maker-x1-datasheet].url: expected an http:// or "
            "https:// address, got 'javascript:alert(1)'"
        ],
    ),
    "data url": (
        "sources.yaml",
        SOURCES.replace("https://example.org/x1.pdf", "data:text/html,hi"),
        [
            "content/sources.yaml:22:8: error: sources[maker-x1-datasheet].url: expected an http:// or "
            "https:// address, got 'data:text/html,hi'"
        ],
    ),
    "id with a path": (
        "glossary.yaml",
        "- id: ../x\n  term: TPP\n  definition: d\n",
        [
            "content/glossary.yaml:1:7: error: glossary[0].id: id '../x' is not kebab-case: use lowercase letters, "
            "digits and single hyphens (at most 80 characters), like 'nvidia-h20'"
        ],
    ),
    "id in upper case": (
        "glossary.yaml",
        "- id: Big TPP\n  term: TPP\n  definition: d\n",
        [
            "content/glossary.yaml:1:7: error: glossary[0].id: id 'Big TPP' is not kebab-case: use lowercase letters, "
            "digits and single hyphens (at most 80 characters), like 'nvidia-h20'"
        ],
    ),
    "misspelt choice": (
        "chips.yaml",
        CHIPS.replace("confidence: disputed", "confidence: confimed"),
        [
            "content/chips.yaml:17:15: error: chips[example-x1].confidence: expected one of confirmed, reported, disputed; "
            "got 'confimed' (did you mean 'confirmed'?)"
        ],
    ),
    "yaml boolean for text": (
        "companies.yaml",
        COMPANIES.replace("country: CN\n  roles: [vendor]", "country: NO\n  roles: [vendor]"),
        [
            "content/companies.yaml:4:12: error: companies[example-chipmaker].country: expected text, got false "
            "(YAML reads unquoted yes/no/on/off/true/false as true or false; quote it for text)"
        ],
    ),
    "alias": (
        "glossary.yaml",
        "- id: tpp\n  term: TPP\n  definition: &a d\n  aliases: [*a, *a]\n",
        ["content/glossary.yaml:4:12: error: YAML anchors and aliases (&name / *name) are not supported; write the value out"],
    ),
    "raw html in markdown": (
        "glossary.yaml",
        "- id: tpp\n  term: TPP\n  definition: <script>alert(1)</script>\n",
        ["content/glossary.yaml:3:15: error: glossary[tpp].definition: raw HTML is not allowed here; use Markdown"],
    ),
    "javascript link in markdown": (
        "glossary.yaml",
        "- id: tpp\n  term: TPP\n  definition: '[x](javascript:alert(1))'\n",
        [
            "content/glossary.yaml:3:15: error: glossary[tpp].definition: link target 'javascript:alert(1' "
            "is not allowed: use an http(s) address"
        ],
    ),
    "not a list": (
        "glossary.yaml",
        "id: tpp\nterm: TPP\n",
        ["content/glossary.yaml:1:1: error: expected a list of records, each starting with '- id: ...'"],
    ),
    "stray collection file": (
        "chip.yaml",
        "- id: x\n",
        [
            "content/chip.yaml:1:1: error: unknown collection file (did you mean 'chips.yaml'?); expected one of "
            + ", ".join(f"{name}.yaml" for name in NAMES)  # the registry's order
        ],
    ),
    "zero throughput": (
        "chips.yaml",
        CHIPS.replace("value: 280,", "value: 0,"),
        ["content/chips.yaml:10:32: error: chips[example-x1].throughput[0].value: must be more than 0, got 0"],
    ),
    "not a finite number": (
        "chips.yaml",
        CHIPS.replace("{value: 392,", "{value: .nan,"),
        ["content/chips.yaml:15:29: error: chips[example-x1].interconnect_gbs.value: expected a finite number"],
    ),
    "lowercase country": (
        "companies.yaml",
        COMPANIES.replace("country: CN", "country: cn", 1),
        [
            "content/companies.yaml:4:12: error: companies[example-chipmaker].country: "
            "expected a two-letter country code in capitals (CN, US), got 'cn'"
        ],
    ),
    "country without a name": (
        "companies.yaml",
        COMPANIES.replace("country: CN", "country: XK", 1),
        [
            "content/companies.yaml:4:12: error: companies[example-chipmaker].country: unknown country code 'XK': "
            "use an ISO 3166-1 alpha-2 code the site names (CN, US, NL, JP, KR, TW, CA, GB, DE, FR, IN, ID, LA, VN, "
            "MY, SG, IL, CH), or add the code and its name to COUNTRIES in generator/vocab.py"
        ],
    ),
    "relay graded original": (
        "sources.yaml",
        SOURCES.replace("  grade: primary\n", "  grade: original\n  notes: Rewrites a report, citing Reuters.\n", 1),
        [
            "content/sources.yaml:9:10: error: sources[gazette-2022-10-07-rule].grade: graded 'original', but its notes "
            "say(s) 'citing Reuters': a page that relays another publisher's report is a copy. Set grade: copy, "
            "publisher: Reuters and read_at: the site you read it on (or grade: analysis for commentary), and name the "
            "original in 'cites'"
        ],
    ),
    "placeholder title": (
        "sources.yaml",
        SOURCES.replace("title: Example Gazette announces the rule", "title: '[News] Example Gazette announces the rule'", 1),
        [
            "content/sources.yaml:3:10: error: sources[gazette-2022-10-07-rule].title: '[News] Example Gazette announces "
            "the rule' is a placeholder, not a headline: drop a site's section label ('[News]') from a real headline; "
            "when the page shows no headline, leave 'title' out and write a short 'description' of the document instead"
        ],
    ),
    "cites on an original": (
        "sources.yaml",
        SOURCES.replace("  grade: primary\n", "  grade: original\n  cites: {publisher: Reuters}\n", 1),
        [
            "content/sources.yaml:2:3: error: sources[gazette-2022-10-07-rule]: a source that cites an original it "
            "relays is not itself 'original': grade it 'copy' (with read_at) or 'analysis'"
        ],
    ),
    "empty text": (
        "glossary.yaml",
        '- id: tpp\n  term: ""\n  definition: d\n',
        ["content/glossary.yaml:2:9: error: glossary[tpp].term: must not be empty"],
    ),
    "empty list": (
        "sectors.yaml",
        "- id: s\n  name: S\n  summary: s\n  metrics: []\n  confidence: confirmed\n  verified: 2026-11-01\n"
        "  sources: [gazette-2022-10-07-rule]\n",
        ["content/sectors.yaml:4:12: error: sectors[s].metrics: needs at least 1 item(s)"],
    ),
    "not a record": (
        "glossary.yaml",
        "- just text\n",
        ["content/glossary.yaml:1:3: error: glossary[0]: expected a record (key: value pairs), got 'just text'"],
    ),
    "a list where text goes": (
        "glossary.yaml",
        "- id: tpp\n  term: [a, b]\n  definition: d\n",
        ["content/glossary.yaml:2:9: error: glossary[tpp].term: expected text, got a list"],
    ),
    "a mapping where text goes": (
        "glossary.yaml",
        "- id: tpp\n  term: {a: b}\n  definition: d\n",
        ["content/glossary.yaml:2:9: error: glossary[tpp].term: expected text, got a mapping"],
    ),
    "unknown id in any collection": (
        "claims.yaml",
        CLAIMS.replace("related: [example-x1,", "related: [qqqq-zzzz,"),
        [
            "content/claims.yaml:10:13: error: claims[example-claim].related[0]: no record 'qqqq-zzzz' in any collection: "
            "remove or replace this reference, or add a record with id 'qqqq-zzzz' to the collection it belongs to"
        ],
    ),
    "end before start": (
        "measures.yaml",
        MEASURES.replace("  effective: 2023-01-15\n", "  effective: 2023-01-15\n  ended: 2022-01-01\n"),
        [
            "content/measures.yaml:24:10: error: measures[example-listing-2023].ended: end date 2022-01-01 "
            "is before the measure began (2023-01-15)"
        ],
    ),
    "stale verification": (
        "companies.yaml",
        COMPANIES.replace("verified: 2026-11-01", "verified: 2025-11-27", 1),
        [
            "content/companies.yaml:9:13: warning: last verified on 2025-11-27, more than 365 days ago: "
            "check it against its sources and update 'verified'"
        ],
    ),
    "front matter not a mapping": (
        "pages/index.md",
        "---\n- a\n---\n# Home\n",
        ["content/pages/index.md:2:1: error: front matter: expected key: value pairs, like 'title: The chip gap'"],
    ),
    "key that is not text": (
        "glossary.yaml",
        "- id: tpp\n  [a]: b\n",
        ["content/glossary.yaml:2:3: error: a key must be plain text"],
    ),
    "unsupported tag": (
        "glossary.yaml",
        "- id: !custom x\n",
        ["content/glossary.yaml:1:7: error: unsupported YAML tag '!custom'"],
    ),
    "value the tag cannot read": (
        "glossary.yaml",
        "- id: tpp\n  term: !!int abc\n  definition: d\n",
        ["content/glossary.yaml:2:9: error: cannot read 'abc': invalid literal for int() with base 10: 'abc'"],
    ),
    "nested too deep": (
        "glossary.yaml",
        "- id: tpp\n  term: " + "[" * 45 + "]" * 45 + "\n  definition: d\n",
        ["content/glossary.yaml:2:48: error: nested more than 40 levels deep"],
    ),
    "number as a key": (
        "glossary.yaml",
        "- id: tpp\n  term: T\n  definition: d\n  1: x\n",
        ["content/glossary.yaml:4:3: error: glossary[tpp].1: unknown field '1'"],
    ),
    "indentation deeper than the line above": (
        "glossary.yaml",
        "- id: tpp\n  term: TPP\n   definition: d\n",
        [
            "content/glossary.yaml:3:4: error: indentation: this line is indented by 3 space(s), but it belongs with line 2, "
            "indented by 2; indent it by 2 spaces (YAML reads what belongs together from the indentation)"
        ],
    ),
    "list item out of line": (
        "glossary.yaml",
        "- id: tpp\n  term: TPP\n  definition: d\n  aliases:\n    - a\n   - b\n",
        [
            "content/glossary.yaml:6:4: error: indentation: this line is indented by 3 space(s), but it belongs with line 5, "
            "indented by 4; indent it by 4 spaces (YAML reads what belongs together from the indentation)"
        ],
    ),
    "a key's first list item, after comments and a blank line": (
        "glossary.yaml",
        "- id: tpp\n  term: TPP\n  aliases:  \n  # spellings\n\n  # more\n - T P P\n  definition: d\n",
        [
            "content/glossary.yaml:7:2: error: indentation: this line is indented by 1 space(s), but it belongs with line 3, "
            "indented by 2; indent it by 4 spaces (YAML reads what belongs together from the indentation)"
        ],
    ),
    "a record's key deeper than its first line": (
        "glossary.yaml",
        "- id: tpp\n   term: TPP\n",
        [
            "content/glossary.yaml:2:4: error: indentation: this line is indented by 3 space(s), but it belongs with line 1, "
            "indented by 0; indent it by 2 spaces (YAML reads what belongs together from the indentation)"
        ],
    ),
    "a new record indented, after a nested list": (
        "glossary.yaml",
        "- id: tpp\n  term: TPP\n  definition: d\n  aliases:\n  - T\n - id: hbm\n  term: HBM\n  definition: d\n",
        [
            "content/glossary.yaml:6:2: error: indentation: this line is indented by 1 space(s), but it belongs with line 1, "
            "indented by 0; start it at the beginning of the line (YAML reads what belongs together from the indentation)"
        ],
    ),
    "a value list item indented too little, after its list": (
        "glossary.yaml",
        "- id: tpp\n  term: TPP\n  aliases:\n    - T P P\n - tpp\n  definition: d\n",
        [
            "content/glossary.yaml:5:2: error: indentation: this line is indented by 1 space(s), but it belongs with line 4, "
            "indented by 4; indent it by 4 spaces (YAML reads what belongs together from the indentation)"
        ],
    ),
    "a value list item indented too far: two ids read as one": (
        "chips.yaml",
        CHIPS.replace(
            "  sources: [maker-x1-datasheet, wire-2023-11-07-order]\n",
            "  sources:\n    - maker-x1-datasheet\n      - wire-2023-11-07-order\n",
        ),
        [
            "content/chips.yaml:21:7: error: chips[example-x1].sources[0]: 'maker-x1-datasheet - wire-2023-11-07-order' was "
            "read as one id: this line is indented further than the item on line 20, so YAML joined them; indent it by 4 "
            "spaces, like that line"
        ],
    ),
    "an unclosed mapping, lines before the parser notices": (
        "glossary.yaml",
        "- id: tpp\n  term: {a: b\n  definition: d\n  aliases: [x]\n",
        ["content/glossary.yaml:2:9: error: a {key: value} mapping is not closed: end it with } on the same line"],
    ),
    "unquoted colon in text": (
        "glossary.yaml",
        "- id: tpp\n  term: TPP\n  definition: Note: a thing\n",
        [
            "content/glossary.yaml:3:19: error: text containing ': ' must be in quotes: "
            "write definition: \"Note: a thing\" (YAML reads an unquoted ': ' as the start of another key)"
        ],
    ),
    "thousands separator in a flow mapping": (
        "customers.yaml",
        CUSTOMERS.replace("{value: 1600,", "{value: 1,600,"),
        [
            "content/customers.yaml:8:23: error: customers[acme-cloud-example-x1-2023].quantity: '1,600' was read as "
            "value: 1 and a key '600': write numbers without thousands separators (value: 1600)"
        ],
    ),
    "a number after a comma, following text": (
        "customers.yaml",
        CUSTOMERS.replace("{value: 1600, unit: chips,", "{value: 1600, unit: chips,600,"),
        ["content/customers.yaml:8:39: error: customers[acme-cloud-example-x1-2023].quantity.600: unknown field '600'"],
    ),
    "a number as a flow mapping's first key": (
        "customers.yaml",
        CUSTOMERS.replace("{value: 1600, unit: chips,", "{600, value: 1600, unit: chips,"),
        ["content/customers.yaml:8:14: error: customers[acme-cloud-example-x1-2023].quantity.600: unknown field '600'"],
    ),
    "unclosed quote": (
        "glossary.yaml",
        '- id: tpp\n  term: "TPP\n',
        [
            "content/glossary.yaml:2:9: error: a quotation mark is not closed: end the text with the same "
            "kind of quote it starts with"
        ],
    ),
    "a missing source cited in several places": (
        "chips.yaml",
        CHIPS.replace("source: maker-x1-datasheet", "source: maker-x9-spec-sheet"),
        [
            "content/chips.yaml:7:47: error: chips[example-x1].foundry.source: no record 'maker-x9-spec-sheet' in sources, "
            "also cited at content/chips.yaml:8:40, content/chips.yaml:10:59, content/chips.yaml:11:57, "
            "content/chips.yaml:13:31, content/chips.yaml:15:42: remove or replace these references, or add a record with "
            "id 'maker-x9-spec-sheet' to content/sources.yaml or a file in content/sources/"
        ],
    ),
    "a missing source like another, cited in several places": (
        "chips.yaml",
        CHIPS.replace("source: maker-x1-datasheet", "source: maker-x1-datasheets"),
        [
            "content/chips.yaml:7:47: error: chips[example-x1].foundry.source: no record 'maker-x1-datasheets' in sources "
            "(did you mean 'maker-x1-datasheet'?), also cited at content/chips.yaml:8:40, content/chips.yaml:10:59, "
            "content/chips.yaml:11:57, content/chips.yaml:13:31, content/chips.yaml:15:42: remove or replace these "
            "references, or add a record with id 'maker-x1-datasheets' to content/sources.yaml or a file in content/sources/"
        ],
    ),
    "implausible die area": (
        "chips.yaml",
        CHIPS.replace("{value: 640,", "{value: 6400,"),
        [
            "content/chips.yaml:14:15: error: chips[example-x1].die_area_mm2[1].value: 6,400 mm² is outside the plausible "
            "range 20–2,500 mm² (from a phone chip's die to a multi-die package); check the figure for a slipped decimal "
            "point, a missing digit or a wrong unit"
        ],
    ),
    "transistors too dense for the die": (
        "chips.yaml",
        CHIPS.replace(
            "  interconnect_gbs:", "  transistors_billion: {value: 80, source: maker-x1-datasheet}\n  interconnect_gbs:"
        ).replace("{value: 640,", "{value: 64,"),
        [
            "content/chips.yaml:14:15: error: chips[example-x1].die_area_mm2[1].value: 80 (transistors_billion) on 64 "
            "(die_area_mm2) would be 1.25 billion transistors per mm², over the limit of 0.5 (the densest chips made hold "
            "about 0.3); check both figures"
        ],
    ),
    "a unit the field's name contradicts": (
        "chips.yaml",
        CHIPS.replace("{value: 640, source", "{value: 640, unit: cm2, source"),
        [
            "content/chips.yaml:14:26: error: chips[example-x1].die_area_mm2[1].unit: 'cm2' is not this field's unit: "
            "die_area_mm2 is in mm² (the unit is in the field's name); convert the figure to mm² and leave 'unit' out"
        ],
    ),
    "a number with its unit in a field that names it": (
        "chips.yaml",
        CHIPS.replace("{value: 640, source", "{value: 640 mm2, source"),
        [
            "content/chips.yaml:14:15: error: chips[example-x1].die_area_mm2[1].value: expected a number, got '640 mm2': "
            "write the number alone, 640 (the unit, mm², is in the field's name)"
        ],
    ),
    "a number with its unit where 'unit' says it": (
        "customers.yaml",
        CUSTOMERS.replace("{value: 1600, unit: chips,", "{value: 1600 chips,"),
        [
            "content/customers.yaml:8:21: error: customers[acme-cloud-example-x1-2023].quantity.value: expected a number, "
            "got '1600 chips': write the number alone, 1600, and its unit under 'unit'"
        ],
    ),
    "a misspelt control effect": (
        "measures.yaml",
        MEASURES.replace("effect: licence-required", "effect: licence-requird", 1),
        [
            "content/measures.yaml:13:30: error: measures[example-rule-2022].controls[0].effect: expected one of "
            "licence-required, case-by-case, licences-granted, prohibited, purchases-discouraged, orders-halted, "
            "imports-blocked, imports-approved, domestic-only; got 'licence-requird' (did you mean 'licence-required'?)"
        ],
    ),
    "integer throughput in TFLOPS": (
        "chips.yaml",
        CHIPS.replace("{precision: int8, value: 560, unit: TOPS,", "{precision: int8, value: 560, unit: TFLOPS,"),
        [
            "content/chips.yaml:11:7: error: chips[example-x1].throughput[1]: "
            "INT8 is an integer format: its unit is TOPS, not TFLOPS"
        ],
    ),
    "address without its scheme": (
        "sources.yaml",
        SOURCES.replace("https://example.org/x1.pdf", "example.org/x1.pdf"),
        [
            "content/sources.yaml:22:8: error: sources[maker-x1-datasheet].url: expected an http:// or https:// address, "
            "got 'example.org/x1.pdf'; write the full address, starting with https://"
        ],
    ),
    "narrative page typo": (
        "pages/index.md",
        "# Home\n\n{{ chips['example-x1'].nmae }}\n",
        ["content/pages/index.md:3:4: error: chips[example-x1].nmae: unknown field 'nmae' (did you mean 'name'?)"],
    ),
    "narrative page typo below front matter": (
        "pages/index.md",
        "---\ntitle: Home\nupdated: 2026-11-01\n---\n# Home\n\n{{ link('chips', 'example-x2') }}\n",
        [
            'content/pages/index.md:7:4: error: link("chips", "example-x2"): no record \'example-x2\' in chips '
            "(did you mean 'example-x1'?)"
        ],
    ),
    "story: the second call on a line": (
        "pages/index.md",
        "# Home\n\nBy {{ link('chips', 'example-x1') }} and {{ link('companies', 'example-chipmakr') }}.\n",
        [
            'content/pages/index.md:3:45: error: link("companies", "example-chipmakr"): no record \'example-chipmakr\' '
            "in companies (did you mean 'example-chipmaker'?)"
        ],
    ),
    "story: a wrong collection name": (
        "pages/index.md",
        "# Home\n\n{{ link('chip', 'example-x1') }}\n",
        [
            'content/pages/index.md:3:4: error: link("chip", "example-x1"): no collection \'chip\' (did you mean '
            "'chips'?); the collections are " + ", ".join(NAMES)
        ],
    ),
    "story: an id of another collection": (
        "pages/index.md",
        "# Home\n\n{{ link('chips', 'acme-cloud') }}\n",
        [
            'content/pages/index.md:3:4: error: link("chips", "acme-cloud"): no record \'acme-cloud\' in chips; '
            '\'acme-cloud\' is in companies: write "companies" instead of "chips"'
        ],
    ),
    "story: a misspelt id in a collection lookup": (
        "pages/index.md",
        "# Home\n\n{{ chips['exmple-x1'].name }}\n",
        ["content/pages/index.md:3:4: error: chips[\"exmple-x1\"]: no record 'exmple-x1' in chips (did you mean 'example-x1'?)"],
    ),
    "story: a misspelt field": (
        "pages/index.md",
        "# Home\n\nIn force {{ date('measures', 'example-rule-2022', 'efective') }}.\n",
        [
            'content/pages/index.md:3:13: error: date("measures", "example-rule-2022", "efective"): '
            "measures[example-rule-2022].efective: unknown field 'efective' (did you mean 'effective'?)"
        ],
    ),
    "story: a misspelt source": (
        "pages/index.md",
        "# Home\n\nSaid so.{{ cite('wire-2023-11-07-ordr') }}\n",
        [
            "content/pages/index.md:3:12: error: cite(\"wire-2023-11-07-ordr\"): no record 'wire-2023-11-07-ordr' in "
            "sources (did you mean 'wire-2023-11-07-order'?)"
        ],
    ),
    "story: a misspelt helper": (
        "pages/index.md",
        "# Home\n\n{{ lnk('chips', 'example-x1') }}\n",
        [
            "content/pages/index.md:3:4: error: unknown name 'lnk' (did you mean 'link'?): a page can use the collections "
            f"({', '.join(NAMES)}) and the helpers (chart, gap_today, chapters, whats_new, newest_fact, fig, point, date, "
            "metric, status, verdict, cite, cite_record, link)"
        ],
    ),
    "story: a misspelt metric": (
        "pages/index.md",
        "# Home\n\n{{ metric('example-x1', 'tp') }}\n",
        [
            "content/pages/index.md:3:4: error: metric(\"example-x1\", \"tp\"): no metric 'tp' (did you mean 'tpp'?); "
            "the metrics are tpp, performance_density, interconnect_gbs"
        ],
    ),
    "story: a misspelt chart": (
        "pages/index.md",
        "# Home\n\n{{ chart('tp', ['example-x1'], 'example-threshold-rule') }}\n",
        [
            "content/pages/index.md:3:4: error: chart(\"tp\"): no chart 'tp' (did you mean 'tpp'?); the charts are "
            "chip-gap, measures-by-year, timeline-strip, tpp, orders, series, shares, verdicts"
        ],
    ),
    "story: a misspelt id in a chart": (
        "pages/index.md",
        "# Home\n\n{{ chart('tpp', ['example-x2'], 'example-threshold-rule') }}\n",
        ["content/pages/index.md:3:4: error: chart(\"tpp\"): no record 'example-x2' in chips (did you mean 'example-x1'?)"],
    ),
    "story: a misspelt key": (
        "pages/index.md",
        "# Home\n\n{% set r = rules['example-threshold-rule'] %}\n{{ r.paragraphs[0].any_of[0].bounds['tp'].min }}\n",
        ["content/pages/index.md:4:4: error: no key 'tp' (did you mean 'tpp'?)"],
    ),
    "front matter: unknown key": (
        "pages/index.md",
        "---\ntitle: Home\nupdate: 2026-11-01\n---\n# Home\n",
        ["content/pages/index.md:3:1: error: front matter.update: unknown field 'update' (did you mean 'updated'?)"],
    ),
    "front matter: date not a day": (
        "pages/index.md",
        "---\ntitle: Home\nupdated: 2026-11\n---\n# Home\n",
        ["content/pages/index.md:3:10: error: front matter.updated: expected a full date (YYYY-MM-DD), got '2026-11'"],
    ),
    "front matter: chapter 0": (
        "pages/index.md",
        "---\ntitle: Home\nchapter: 0\n---\n# Home\n",
        ["content/pages/index.md:3:10: error: front matter.chapter: must be at least 1, got 0"],
    ),
    "front matter: YAML syntax": (
        "pages/index.md",
        "---\ntitle: [Home\n---\n# Home\n",
        [
            "content/pages/index.md:2:8: error: a list in [ ] is not closed: "
            "end it with ] on the same line, or put each item on its own line after '- '"
        ],
    ),
}


def run_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str | bytes) -> list[str]:
    shutil.copytree(FIXTURE, tmp_path / "content")
    target = tmp_path / "content" / name
    target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    result = build(Path("content"), Settings(today=__import__("conftest").TODAY))
    return [p.format().split("\n")[0] for p in result.problems]


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_reported_exactly(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name, text, expected = CASES[case]
    assert run_case(tmp_path, monkeypatch, name, text) == expected


def test_every_problem_is_reported_in_one_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "content" / "glossary.yaml").write_text("- id: tpp\n  term: TPP\n", encoding="utf-8")
    bad_chips = CHIPS.replace("confidence: disputed", "confidence: sure").replace("{value: 392,", "{value: big,")
    (tmp_path / "content" / "chips.yaml").write_text(bad_chips, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    problems = build(Path("content"), Settings(today=__import__("conftest").TODAY)).errors
    assert [(p.path, p.line) for p in problems] == [
        ("content/chips.yaml", 15),
        ("content/chips.yaml", 17),
        ("content/glossary.yaml", 1),
    ]


def test_empty_file_is_an_empty_collection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "content" / "glossary.yaml").write_text("# nothing yet\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = build(Path("content"), Settings(today=__import__("conftest").TODAY))
    assert result.errors == []
    assert result.linked is not None and result.linked.dataset.records["glossary"] == {}


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_FILE_BYTES", 100)
    path = tmp_path / "glossary.yaml"
    path.write_text("- id: tpp\n  term: TPP\n  definition: " + "x" * 200 + "\n", encoding="utf-8")
    doc, problems = load.load_file(path, "glossary.yaml")
    assert doc is None
    assert [p.format() for p in problems] == [
        "glossary.yaml:1:1: error: file is 237 bytes, over the 100-byte limit; split it into a folder of files"
    ]


def test_duplicate_id_across_files_names_both_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    folder = tmp_path / "content" / "glossary"
    folder.mkdir()
    (folder / "more.yaml").write_text("- id: tpp\n  term: Again\n  definition: d\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    problems = [p.format().split("\n")[0] for p in build(Path("content"), Settings(today=__import__("conftest").TODAY)).problems]
    assert problems == [
        "content/glossary/more.yaml:1:7: error: duplicate id 'tpp' in glossary: first defined at content/glossary.yaml:1"
    ]


def test_problem_shows_the_source_line_with_a_caret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "content" / "glossary.yaml").write_text("- id: tpp\n  term: TPP\n  definitoin: d\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    problems = build(Path("content"), Settings(today=__import__("conftest").TODAY)).problems
    assert problems[-1].format() == (
        "content/glossary.yaml:3:3: error: glossary[tpp].definitoin: unknown field 'definitoin' (did you mean 'definition'?)\n"
        "      definitoin: d\n"
        "      ^"
    )


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    levels = ["  a: &a [" + ",".join(['"lol"'] * 9) + "]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"  {name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("- id: tpp\n" + "\n".join(levels) + "\n", encoding="utf-8")
    doc, problems = load.load_file(path, "bomb.yaml")
    assert doc is None
    assert [p.format().split("\n")[0] for p in problems] == [
        "bomb.yaml:3:6: error: YAML anchors and aliases (&name / *name) are not supported; write the value out"
    ]


def test_billion_laughs_in_front_matter_is_refused_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    levels = ["a: &a [" + ",".join(['"lol"'] * 9) + "]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    page = "---\ntitle: Home\n" + "\n".join(levels) + "\n---\n# Home\n"
    assert run_case(tmp_path, monkeypatch, "pages/index.md", page) == [
        "content/pages/index.md:4:4: error: YAML anchors and aliases (&name / *name) are not supported; write the value out"
    ]


def test_a_record_verified_exactly_a_year_ago_is_not_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = COMPANIES.replace("verified: 2026-11-01", "verified: 2025-11-28", 1)
    assert run_case(tmp_path, monkeypatch, "companies.yaml", fresh) == []


def test_a_page_with_empty_front_matter_is_named_by_its_heading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "content" / "pages" / "index.md").write_text(
        "---\n---\n# Home\n\n{{ cite('wire-2023-11-07-order') }}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = build(Path("content"), Settings(today=__import__("conftest").TODAY))
    assert result.problems == []
    assert "- [Home](../index.md)" in result.files["sources/wire-2023-11-07-order.md"]
    home = result.files["index.md"]
    assert home.startswith("---\nsearch:\n  boost: 6\n---\n# Home\n") and "title:" not in home  # only the search boost


def test_a_span_of_days_is_read_and_checked() -> None:
    from generator.dates import parse_date

    span = parse_date("2025-08-01/2025-08-08")
    assert (span.start.isoformat(), span.end.isoformat(), span.label()) == (
        "2025-08-01",
        "2025-08-08",
        "between 1 and 8 August 2025",
    )
    assert parse_date("2025-07-30/2025-08-08").label() == "between 30 July 2025 and 8 August 2025"
    with pytest.raises(ValueError, match="must end after it starts"):
        parse_date("2025-08-08/2025-08-01")
    with pytest.raises(ValueError, match="a span of days is written 2025-08-01/2025-08-08"):
        parse_date("2025-08-01/2025-09")


def test_an_error_in_a_story_shows_the_line_it_is_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    name, text, _ = CASES["narrative page typo below front matter"]
    (tmp_path / "content" / name).write_text(str(text), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    problems = build(Path("content"), Settings(today=__import__("conftest").TODAY)).problems
    assert [p.format() for p in problems] == [
        'content/pages/index.md:7:4: error: link("chips", "example-x2"): no record \'example-x2\' in chips '
        "(did you mean 'example-x1'?)\n    {{ link('chips', 'example-x2') }}\n       ^"
    ]


def _without_record(text: str, record_id: str) -> str:
    """A collection file with one record removed: the lines from its `- id:` to the next record's."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line == f"- id: {record_id}\n")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("- id: ")), len(lines))
    return "".join(lines[:start] + lines[end:])


def test_retiring_a_cited_source_lists_every_citing_place_in_one_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    story = tmp_path / "content" / "pages" / "story.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nAs ordered.{{ cite('wire-2023-11-07-order') }}\n", "utf-8")
    (tmp_path / "content" / "sources.yaml").write_text(_without_record(SOURCES, "wire-2023-11-07-order"), "utf-8")
    monkeypatch.chdir(tmp_path)
    problems = [p.format().split("\n")[0] for p in build(Path("content"), Settings(today=__import__("conftest").TODAY)).errors]
    assert problems == [
        "content/chips.yaml:14:28: error: chips[example-x1].die_area_mm2[1].source: no record 'wire-2023-11-07-order' in "
        "sources, also cited at content/chips.yaml:19:33, content/claims.yaml:7:56, content/claims.yaml:9:38, "
        "content/claims.yaml:13:13, content/companies.yaml:18:13, content/customers.yaml:8:48, content/customers.yaml:9:49, "
        "content/customers.yaml:10:67, content/customers.yaml:14:13, content/measures.yaml:14:99, "
        "content/sectors.yaml:11:52, content/pages/index.md:3:88, content/pages/story.md:14:15: remove or replace these "
        "references, or add a record with id 'wire-2023-11-07-order' to content/sources.yaml or a file in content/sources/"
    ]


def test_retiring_a_source_only_stories_cite_lists_every_page_in_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    pages = tmp_path / "content" / "pages"
    (pages / "index.md").write_text("# Home\n\nSee{{ cite('gone-source') }}.\n", encoding="utf-8")
    (pages / "story.md").write_text("# Story\n\nOne{{ cite('gone-source') }}, two{{ cite('gone-source') }}.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    problems = [p.format().split("\n")[0] for p in build(Path("content"), Settings(today=__import__("conftest").TODAY)).errors]
    assert problems == [
        "content/pages/index.md:3:7: error: cite(\"gone-source\"): no record 'gone-source' in sources, also cited at "
        "content/pages/story.md:3:7: remove or replace these references, or add a record with id 'gone-source' to "
        "content/sources.yaml or a file in content/sources/"
    ]


def test_a_duplicate_id_is_reported_in_the_file_saved_last_even_when_read_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    folder = tmp_path / "content" / "glossary"
    folder.mkdir()
    original = folder / "terms.yaml"
    (tmp_path / "content" / "glossary.yaml").rename(original)
    copy = folder / "a-copy.yaml"  # read before terms.yaml, but saved after it
    copy.write_text("- id: tpp\n  term: Again\n  definition: d\n", encoding="utf-8")
    os.utime(original, (1_000_000_000, 1_000_000_000))
    monkeypatch.chdir(tmp_path)
    result = build(Path("content"), Settings(today=__import__("conftest").TODAY))
    assert [p.format().split("\n")[0] for p in result.problems] == [
        "content/glossary/a-copy.yaml:1:7: error: duplicate id 'tpp' in glossary: first defined at content/glossary/terms.yaml:1"
    ]
