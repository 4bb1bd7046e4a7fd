"""Write a valid synthetic content folder of N records shaped like the real one.

    python benchmarks/synth.py --records 10000 --out /tmp/content-10k

Every collection, realistic references between records, sources on every record, dense specs on chips,
the real rule thresholds, and narrative pages that use the data through Jinja.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import date
from pathlib import Path

# Shares of each collection, close to the shipped content (sources dominate).
SHARES = {
    "sources": 0.60,
    "measures": 0.15,
    "companies": 0.08,
    "customers": 0.07,
    "chips": 0.04,
    "claims": 0.02,
    "glossary": 0.02,
}
CHUNK = 250
_NEXT_SOURCE = 0
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.lock import write_lock  # noqa: E402
from generator.pipeline import build  # noqa: E402
from generator.settings import Settings  # noqa: E402

LOREM = (
    "The rule extends licence requirements to advanced computing items and adds entities that support "
    "the development of supercomputers, while allies align their own controls on chipmaking equipment."
)


def _counts(records: int) -> dict[str, int]:
    counts = {name: max(2, int(records * share)) for name, share in SHARES.items()}
    counts["sources"] += records - sum(counts.values()) - 4  # two sectors and two rules
    return counts


def _chunks(items: list[str], folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(items), CHUNK):
        header = f"# yaml-language-server: $schema=../schema/{name}.schema.json\n"
        (folder / f"part-{start // CHUNK:04d}.yaml").write_text(header + "".join(items[start : start + CHUNK]), encoding="utf-8")


def _sources(n: int) -> list[str]:
    return [
        f"- id: src-{i}\n  title: Report number {i} on export controls\n  publisher: Publisher {i % 40}\n"
        f"  url: https://example.org/reports/{i}\n  published: 20{18 + i % 8}-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
        f"  accessed: 2026-11-01\n  kind: news\n"
        for i in range(n)
    ]


def _common(rng: random.Random, sources: int) -> str:
    # Walk through the sources in turn so that every one is cited, as in the real content.
    global _NEXT_SOURCE
    cited = sorted({f"src-{(_NEXT_SOURCE + k) % sources}" for k in range(rng.randint(2, 3))})
    _NEXT_SOURCE += 2
    return f"  confidence: {rng.choice(['confirmed', 'reported', 'disputed'])}\n  verified: 2026-11-01\n  sources: [{', '.join(cited)}]\n"


def _companies(n: int, rng: random.Random, sources: int) -> list[str]:
    return [
        f"- id: company-{i}\n  name: Company {i}\n  name_zh: 公司{i}\n  country: {rng.choice(['CN', 'US', 'NL', 'JP', 'KR', 'TW'])}\n"
        f'  roles: [{rng.choice(["vendor", "customer", "foundry", "cloud"])}]\n  founded: "{1980 + i % 40}"\n'
        f"  summary: Company {i} designs, makes or buys chips. {LOREM}\n" + _common(rng, sources)
        for i in range(n)
    ]


def _chips(n: int, rng: random.Random, sources: int, companies: int) -> list[str]:
    out = []
    for i in range(n):
        src = f"src-{rng.randrange(sources)}"
        fp16 = rng.choice([60, 148, 256, 312, 800, 989.5])
        out.append(
            f"- id: chip-{i}\n  name: Accelerator {i}\n  vendor: company-{rng.randrange(companies)}\n"
            f'  kind: datacenter-accelerator\n  data_center: {str(rng.random() < 0.8).lower()}\n  launched: "20{18 + i % 8}-{1 + i % 12:02d}"\n'
            f"  foundry: {{value: company-{rng.randrange(companies)}, source: {src}}}\n  process: {{value: 7 nm class, source: {src}}}\n"
            f"  throughput:\n    - {{precision: fp16, value: {fp16}, unit: TFLOPS, source: {src}}}\n"
            f"    - {{precision: int8, value: {fp16 * 2}, unit: TOPS, source: {src}}}\n"
            f"  die_area_mm2:\n    - {{value: {rng.choice([107, 456, 665, 814, 826])}, source: {src}}}\n"
            f"  memory_gb: {{value: {rng.choice([32, 64, 80, 96])}, source: {src}}}\n"
            f"  interconnect_gbs: {{value: {rng.choice([300, 400, 600, 900])}, source: {src}}}\n"
            f"  summary: Accelerator {i} for training and inference. {LOREM}\n" + _common(rng, sources)
        )
    return out


def _measures(n: int, rng: random.Random, sources: int, companies: int, chips: int) -> list[str]:
    out = []
    for i in range(n):
        day = f"20{18 + i % 8}-{1 + i % 12:02d}-{1 + i % 27:02d}"
        effective = f"20{18 + i % 8}-{1 + i % 12:02d}-{2 + i % 27:02d}"
        kind = rng.choice(["rule", "entity-listing", "countermeasure", "allied-control"])
        out.append(
            f"- id: measure-{i}\n  name: Measure {i} on advanced chips\n  kind: {kind}\n"
            f"  jurisdiction: {rng.choice(['us', 'nl', 'jp', 'cn'])}\n  issuer: Ministry {i % 9}\n"
            f'  instrument: "{80 + i % 10} FR {i}"\n  announced: {day}\n  effective: {effective}\n'
            f"  summary: Measure {i} restricts exports. {LOREM}\n"
            f"  targets: [company-{rng.randrange(companies)}, company-{rng.randrange(companies)}]\n"
            f"  chips: [chip-{rng.randrange(chips)}]\n" + _common(rng, sources)
        )
    return out


def _customers(n: int, rng: random.Random, sources: int, companies: int, chips: int) -> list[str]:
    out = []
    for i in range(n):
        src = f"src-{rng.randrange(sources)}"
        out.append(
            f"- id: order-{i}\n  customer: company-{rng.randrange(companies)}\n  supplier: company-{rng.randrange(companies)}\n"
            f'  chip: chip-{rng.randrange(chips)}\n  kind: order\n  date: "20{18 + i % 8}-{1 + i % 12:02d}"\n  status: ordered\n'
            f"  quantity: {{value: {rng.randrange(100, 100_000)}, unit: chips, source: {src}}}\n"
            f"  amount: {{value: {rng.randrange(10**6, 10**9)}, unit: CNY, source: {src}}}\n"
            f"  summary: Order {i} of accelerators. {LOREM}\n" + _common(rng, sources)
        )
    return out


def _claims(n: int, rng: random.Random, sources: int, chips: int) -> list[str]:
    return [
        f"- id: claim-{i}\n  claim: Claim {i} about whether the controls work.\n"
        f"  verdict: {rng.choice(['supported', 'partly-supported', 'unsupported', 'disputed'])}\n  assessed: 2026-11-01\n"
        f"  summary: The evidence points both ways. {LOREM}\n"
        f"  evidence_for:\n    - {{text: Evidence for claim {i}., sources: [src-{rng.randrange(sources)}]}}\n"
        f"  evidence_against:\n    - {{text: Evidence against claim {i}., sources: [src-{rng.randrange(sources)}]}}\n"
        f"  related: [chip-{rng.randrange(chips)}]\n" + _common(rng, sources)
        for i in range(n)
    ]


def _glossary(n: int, rng: random.Random, sources: int) -> list[str]:
    return [
        f"- id: term-{i}\n  term: Term{i}\n  aliases: [T{i}]\n  definition: Definition of term {i}.\n  sources: [src-{rng.randrange(sources)}]\n"
        for i in range(n)
    ]


def _sectors(rng: random.Random, sources: int) -> list[str]:
    out = []
    for sector in ("solar", "electric-vehicles"):
        points = "".join(
            f'        - {{period: "{year}", value: {rng.randrange(10, 99)}, source: src-{rng.randrange(sources)}}}\n'
            for year in range(2015, 2026)
        )
        out.append(
            f"- id: {sector}\n  name: Sector {sector}\n  summary: {LOREM}\n  metrics:\n"
            f"    - id: share\n      name: China's share of capacity\n      unit: percent\n      basis: capacity\n      points:\n{points}"
            + _common(rng, sources)
        )
    return out


RULES = """- id: rule-2022
  name: Threshold rule (2022)
  short: Rule 2022
  measure: measure-0
  effective: "2022-10"
  summary: The 2022 test.
  paragraphs:
    - label: 3A090.a
      text: I/O and TPP.
      source: src-0
      any_of:
        - bounds: {interconnect_gbs: {min: 600}, tpp: {min: 4800}}
  confidence: reported
  verified: 2026-11-01
  sources: [src-0]
- id: rule-2023
  name: Threshold rule (2023)
  short: Rule 2023
  measure: measure-1
  effective: 2023-11-17
  summary: The 2023 test.
  paragraphs:
    - label: 3A090.a
      text: TPP or density.
      source: src-1
      any_of:
        - bounds: {tpp: {min: 4800}}
        - bounds: {tpp: {min: 1600}, performance_density: {min: 5.92}}
    - label: 3A090.b
      text: Lower band.
      source: src-1
      any_of:
        - bounds: {tpp: {min: 2400, below: 4800}, performance_density: {min: 1.6, below: 5.92}}
        - bounds: {tpp: {min: 1600}, performance_density: {min: 3.2, below: 5.92}}
  exemptions:
    - label: Note 2
      text: Not for data centres.
      source: src-1
      test: {data_center: false, bounds: {tpp: {below: 4800}}}
  confidence: reported
  verified: 2026-11-01
  sources: [src-0, src-1]
"""

HOME = """---
title: Home
description: Synthetic content for benchmarks.
---

# Synthetic explainer

{{ measures | length }} measures, {{ chips | length }} chips and {{ customers | length }} orders.
The first chip is {{ link("chips", "chip-0") }}, with a TPP of {{ metric("chip-0", "tpp") }}{{ cite("src-0") }}.
"""


def write(records: int, out: Path, seed: int = 7) -> dict[str, int]:
    """Write the folder; returns how many records each collection got."""
    global _NEXT_SOURCE
    _NEXT_SOURCE = 0
    rng = random.Random(seed)
    counts = _counts(records)
    if out.exists():
        shutil.rmtree(out)
    sources, companies, chips = counts["sources"], counts["companies"], counts["chips"]
    _chunks(_sources(sources), out / "sources", "sources")
    _chunks(_companies(companies, rng, sources), out / "companies", "companies")
    _chunks(_chips(chips, rng, sources, companies), out / "chips", "chips")
    _chunks(_measures(counts["measures"], rng, sources, companies, chips), out / "measures", "measures")
    _chunks(_customers(counts["customers"], rng, sources, companies, chips), out / "customers", "customers")
    _chunks(_claims(counts["claims"], rng, sources, chips), out / "claims", "claims")
    _chunks(_glossary(counts["glossary"], rng, sources), out / "glossary", "glossary")
    _chunks(_sectors(rng, sources), out / "sectors", "sectors")
    (out / "rules.yaml").write_text(RULES, encoding="utf-8")
    (out / "pages").mkdir()
    (out / "pages" / "index.md").write_text(HOME, encoding="utf-8")
    for name in ("about", "controls", "huawei", "chip-gap", "spillovers", "controls-working"):
        (out / "pages" / f"{name}.md").write_text(f"# {name}\n\nSee {{{{ link('measures', 'measure-0') }}}}.\n", encoding="utf-8")
    shutil.copytree(ROOT / "content" / "schema", out / "schema")
    _lock(out)
    return {**counts, "sectors": 2, "rules": 2}


def _lock(content: Path) -> None:
    """Accept the computed results, as an editor would after reviewing them, so the build has nothing to report."""
    result = build(content, Settings(today=date.today()))
    assert result.linked is not None, result.errors[:3]
    write_lock(content, result.linked)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    counts = write(args.records, args.out, args.seed)
    print(f"wrote {sum(counts.values())} records to {args.out}: {counts}")


if __name__ == "__main__":
    main()
