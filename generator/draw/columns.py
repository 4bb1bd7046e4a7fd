"""Stacked columns, one per category (a year), split by who acted, with totals on top."""

from __future__ import annotations

from .svg import GRID, INK, MUTED, WIDE, Canvas, esc, human, nice_top


def columns_svg(
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    stacks: list[tuple[str, str, list[int]]],
    *,
    y_label: str,
    source: str,
    width: int = WIDE,
) -> str:
    """Stacked columns, one per category (e.g. a year), each split by the stacks (e.g. who acted), totals on top."""
    c = Canvas(chart_id, title, description, width)
    c.legend([(label, colour, "box") for label, colour, _ in stacks])
    c.text_block(y_label, 12, fill=MUTED)
    totals = [sum(values[i] for _, _, values in stacks) for i in range(len(categories))]
    top, step = nice_top(max([*totals, 1]))
    left, right = 40, width - 10
    plot_top, plot_bottom = c.y + 16, c.y + (190 if c.narrow else 240)
    slot = (right - left) / max(len(categories), 1)
    bar = slot * 0.7

    def py(value: float) -> float:
        return plot_bottom - value / top * (plot_bottom - plot_top)

    for i in range(round(top / step) + 1):
        tick = i * step
        c.parts.append(f'<line x1="{left}" y1="{py(tick):.1f}" x2="{right}" y2="{py(tick):.1f}" stroke="{GRID}"/>')
        c.parts.append(
            f'<text x="{left - 6}" y="{py(tick) + 4:.1f}" font-size="12" text-anchor="end" fill="{MUTED}">{human(tick)}</text>'
        )
    every = 2 if c.narrow and len(categories) > 6 else 1
    for i, category in enumerate(categories):
        x = left + i * slot + (slot - bar) / 2
        base = 0
        for label, colour, values in stacks:
            if values[i]:
                c.parts.append(
                    f'<rect x="{x:.1f}" y="{py(base + values[i]):.1f}" width="{bar:.1f}" '
                    f'height="{py(base) - py(base + values[i]):.1f}" '
                    f'fill="{colour}" stroke="#fff"><title>{esc(category)}, {esc(label)}: {values[i]}</title></rect>'
                )
            base += values[i]
        if totals[i]:
            c.parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{py(totals[i]) - 4:.1f}" '
                f'font-size="12" text-anchor="middle" fill="{INK}">{totals[i]}</text>'
            )
        if i % every == 0:
            c.parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{plot_bottom + 17}" font-size="12" '
                f'text-anchor="middle" fill="{MUTED}">{esc(category)}</text>'
            )
    c.parts.append(f'<line x1="{left}" y1="{plot_bottom}" x2="{right}" y2="{plot_bottom}" stroke="{MUTED}"/>')
    c.y = plot_bottom + 24
    return c.finish(source)
