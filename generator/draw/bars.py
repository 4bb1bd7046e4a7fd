"""Horizontal bars with values, ranges where sources disagree, and dashed reference lines (thresholds)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .svg import CHAR, INK, MUTED, PALETTE, WIDE, Canvas, esc, human, nice_top


@dataclass(frozen=True)
class BarRow:
    """One bar: `low` < `high` when sources disagree (drawn as a range, never a midpoint); None when unknown."""

    label: str
    low: float | None
    high: float | None
    colour: str = PALETTE[0]
    group: str = ""  # rows that share a group are drawn together under its name
    qualifier: str = ""  # "fewer than", "about": the source's own bound, shown with the value


@dataclass(frozen=True)
class Line:
    """A reference line across the bars, e.g. a threshold."""

    value: float
    label: str


def bars_svg(
    chart_id: str,
    title: str,
    description: str,
    rows: list[BarRow],
    *,
    source: str,
    legend: list[tuple[str, str, str]] | None = None,
    lines: tuple[Line, ...] = (),
    width: int = WIDE,
    fmt: Callable[[float], str] = human,
    scale_to: float | None = None,
) -> str:
    """Horizontal bars with their values; ranges where sources disagree; dashed reference lines, labelled above.

    `scale_to` fixes the end of the scale (100 for shares), else it is a round number above the longest bar.
    """
    c = Canvas(chart_id, title, description, width)
    if legend:
        c.legend(legend)
    label_w = 0 if c.narrow else min(220, max(len(r.label) for r in rows) * 13 * CHAR + 14)
    left, right = 10 + label_w, width - (90 if not c.narrow else 80)
    top_value = max([r.high for r in rows if r.high is not None] + [ln.value for ln in lines] + [1.0])
    top, step = nice_top(top_value)
    if scale_to is not None:
        top, step = scale_to, scale_to / 4

    def px(value: float) -> float:
        return left + value / top * (right - left)

    for line in sorted(lines, key=lambda ln: ln.value):
        x = px(line.value)
        text = f"{line.label}: {fmt(line.value)}"
        anchor = "end" if x + len(text) * 12 * CHAR > width - 10 else "start"
        c.y += 16
        c.parts.append(
            f'<text x="{x + (-4 if anchor == "end" else 4):.1f}" y="{c.y:.1f}" font-size="12" text-anchor="{anchor}" '
            f'fill="{INK}">{esc(text)}</text>'
        )
    plot_top = c.y + 6
    row_h = 42 if c.narrow else 28
    y = plot_top
    bar_tops: list[float] = []
    group = None
    for row in rows:
        if row.group and row.group != group:
            group = row.group
            y += 6
            c.parts.append(f'<text x="10" y="{y + 12:.1f}" font-size="13" font-weight="bold" fill="{INK}">{esc(group)}</text>')
            y += 18
        bar_y = y + (18 if c.narrow else 5)
        bar_tops.append(bar_y)
        if c.narrow:
            c.parts.append(f'<text x="{left}" y="{y + 13:.1f}" font-size="13" fill="{INK}">{esc(row.label)}</text>')
        else:
            c.parts.append(
                f'<text x="{left - 8}" y="{bar_y + 13:.1f}" font-size="13" text-anchor="end" fill="{INK}">{esc(row.label)}</text>'
            )
        if row.low is None or row.high is None:
            c.parts.append(f'<text x="{left + 4}" y="{bar_y + 13:.1f}" font-size="12" fill="{MUTED}">not known</text>')
        else:
            value = fmt(row.low) if row.low == row.high else f"{fmt(row.low)}–{fmt(row.high)}"
            value = f"{row.qualifier} {value}" if row.qualifier else value
            tip = f"<title>{esc(row.label)}: {esc(value)}</title>"
            c.parts.append(
                f'<rect x="{left}" y="{bar_y}" width="{max(px(row.low) - left, 1):.1f}" '
                f'height="18" fill="{row.colour}">{tip}</rect>'
            )
            if row.high > row.low:
                c.parts.append(
                    f'<rect x="{px(row.low):.1f}" y="{bar_y}" width="{px(row.high) - px(row.low):.1f}" height="18" '
                    f'fill="url(#{chart_id}-hatch)" stroke="{row.colour}">{tip}</rect>'
                )
            c.parts.append(
                f'<text x="{px(row.high) + 5:.1f}" y="{bar_y + 14:.1f}" font-size="12" fill="{INK}">{esc(value)}</text>'
            )
        y += row_h
    for line in lines:
        x = px(line.value)
        c.parts.append(
            f'<line x1="{x:.1f}" y1="{plot_top - 4:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{INK}" stroke-dasharray="5 3"/>'
        )
    c.parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{MUTED}"/>')
    ticks = [i * step for i in range(round(top / step) + 1)]
    every = 2 if c.narrow and len(ticks) > 4 else 1
    for i, tick in enumerate(ticks):
        if i % every == 0:
            c.parts.append(
                f'<text x="{px(tick):.1f}" y="{y + 16:.1f}" font-size="12" '
                f'text-anchor="{"start" if i == 0 else "middle"}" fill="{MUTED}">{esc(fmt(tick))}</text>'
            )
    c.y = y + 20
    return c.finish(source)
