"""The build-time SVG charts: accessible names, every point drawn, round axis ticks, escaped labels."""

from __future__ import annotations

import re

import pytest

from generator.draw.plane import Axis, PlotPoint, Region, plane_svg
from generator.draw.svg import nice_step


@pytest.mark.parametrize(("high", "step"), [(16.49, 5.0), (97, 20.0), (0.3, 0.1), (2_000_000, 500_000.0), (5, 1.0)])
def test_ticks_are_round(high: float, step: float) -> None:
    assert nice_step(high) == step


AXES = (Axis("TPP", 100, 100_000), Axis("density", 0.1, 100))


def test_plane_shades_regions_and_keeps_crowded_points_without_labels() -> None:
    points = [PlotPoint(f"Chip {i}", (2000, 2000), (3, 3)) for i in range(15)]
    regions = [Region("a: TPP ≥ 4,800", 4800, None, None, None, 0)]
    svg = plane_svg("p", "Plane", "Desc", regions, points, *AXES, [("3A090.a", 0)])
    assert svg.count("<circle") == 15
    # six rows on either side of the spot, then labels stop; the table has every chip
    assert svg.count('font-size="12"') == 12
    assert svg.count('stroke="#868e96"') == 10  # each label off its point's row has a line back to it
    assert "<title>a: TPP ≥ 4,800</title>" in svg
    assert ">3A090.a</text>" in svg  # the legend


def test_disputed_values_are_bars_not_invented_midpoints() -> None:
    points = [
        PlotPoint("Wide", (3488, 4992), (5, 5)),
        PlotPoint("Tall", (2000, 2000), (4.2, 6.0)),
        PlotPoint("Both", (300, 500), (1, 2)),
    ]
    svg = plane_svg("p", "Plane", "Desc", [], points, *AXES, [])
    assert svg.count("<circle") == 0
    assert svg.count('stroke-width="6"') == 2
    assert re.search(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#212529"', svg)
    assert re.findall(r">(\d[\d,.]*)</text>", svg)[:4] == ["100", "1,000", "10,000", "100,000"]


def test_a_label_keeps_off_another_chips_mark() -> None:
    # Chip A's label would run over chip B's dot on the right, so it goes to A's left, on A's own row.
    points = [PlotPoint("Chip A", (1000, 1000), (1, 1)), PlotPoint("Chip B", (1150, 1150), (1, 1))]
    svg = plane_svg("p", "Plane", "Desc", [], points, *AXES, [])
    assert re.search(r'<text x="[\d.]+" y="[\d.]+" font-size="12" text-anchor="end">Chip A</text>', svg)
    assert 'stroke="#868e96"' not in svg


def test_threshold_maps_span_the_decades_their_chips_and_lines_need() -> None:
    from generator.render.record_charts import _decades_around

    assert _decades_around([2368, 32000], [1600, 4800], (100, 100_000)) == (1000, 100_000)
    assert _decades_around([2.91, 19.45], [1.6, 5.92], (0.1, 100)) == (1, 100)
    assert _decades_around([50, 200_000], [], (100, 100_000)) == (100, 100_000)  # never past the metric's range
    assert _decades_around([], [], (10, 10_000)) == (10, 10_000)
