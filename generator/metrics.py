"""The metrics the rule engine computes and the rules test, each declared once."""

from __future__ import annotations

from dataclasses import dataclass

from .model import RuleMetric


@dataclass(frozen=True)
class MetricSpec:
    key: RuleMetric
    label: str  # as a sentence uses it: "TPP is 2,368"
    heading: str  # as a table column or fact label shows it
    decimals: int
    missing: str  # the spec a reader would have to find for the metric to be known
    plot: tuple[float, float]  # the range a log-scale chart of this metric spans

    def format(self, value: float) -> str:
        return f"{value:,.{self.decimals}f}"


METRICS: dict[RuleMetric, MetricSpec] = {
    spec.key: spec
    for spec in (
        MetricSpec("tpp", "TPP", "TPP", 0, "dense 16-, 8- or 4-bit throughput", (100, 100_000)),
        MetricSpec(
            "performance_density", "performance density", "Performance density", 2, "die area (or dense throughput)", (0.1, 100)
        ),
        MetricSpec(
            "interconnect_gbs",
            "chip-to-chip I/O (GB/s)",
            "Chip-to-chip I/O (GB/s)",
            0,
            "chip-to-chip I/O bandwidth",
            (10, 10_000),
        ),
    )
}

# Bits per operand for each precision; TF32 is left out because its bit length under the rule is unclear.
BIT_LENGTH = {"fp64": 64, "fp32": 32, "bf16": 16, "fp16": 16, "fp8": 8, "int8": 8, "fp4": 4, "int4": 4}
# TPP peaks at narrow tensor formats: a source counts only if it gives a figure this narrow or narrower.
NARROW_BITS = 16
