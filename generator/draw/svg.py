"""What every drawing shares: escaping, the palette and inks, number words, text wrapping, round ticks, the log scale,
and the canvas that stacks a visible title, the drawing and a source line into one accessible SVG."""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence

PALETTE = ["#3b5bdb", "#e8590c", "#2b8a3e", "#862e9c", "#c92a2a", "#1098ad"]
WIDE, NARROW = 720, 360
CHAR = 0.56  # a glyph's average width as a share of the font size (system sans-serif)
INK, MUTED, GRID = "#212529", "#495057", "#dee2e6"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def hatch(chart_id: str) -> str:
    """The hatching pattern that marks doubt (ranges, periods in dispute), defined once per drawing."""
    return (
        f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#868e96" stroke-width="3"/></pattern></defs>'
    )


class LogScale:
    """Values to pixels on a logarithmic axis from `start` to `end` (pixels may run downwards)."""

    def __init__(self, low: float, high: float, start: float, end: float) -> None:
        self.low, self.high, self.start, self.end = math.log10(low), math.log10(high), start, end

    def __call__(self, value: float) -> float:
        share = (math.log10(value) - self.low) / (self.high - self.low)
        return self.start + share * (self.end - self.start)

    def clamp(self, value: float | None, *, upper: bool) -> float:
        if value is None:
            return self.end if upper else self.start
        return min(max(self(value), min(self.start, self.end)), max(self.start, self.end))


def nice_step(high: float) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving at most five intervals up to `high`."""
    if high <= 0:
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(high / 5))
    return next(float(m * magnitude) for m in (1, 2, 2.5, 5, 10) if high / (m * magnitude) <= 5)


def nice_top(high: float) -> tuple[float, float]:
    """An axis top above `high` and its tick step (1, 2, 2.5 or 5 times a power of ten, at most five steps)."""
    step = nice_step(high)
    return step * (math.floor(high / step) + 1), step


def human(value: float) -> str:
    """Numbers for people: 2,500,000 → '2.5 million'; 526,409 → '526,409'; 0.31 → '0.31'. Never 2.5e+06."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def wrap(text: str, size: float, width: float) -> list[str]:
    """Words in lines no wider than `width` pixels at font `size`."""
    per_line = max(8, int(width / (size * CHAR)))
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > per_line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


class Canvas:
    """An SVG drawn top to bottom: `y` is where the next block starts; the height is known at the end."""

    def __init__(self, chart_id: str, title: str, description: str, width: int, *, shown: bool = True) -> None:
        """`shown`: the title is written at the top, not only given to assistive technology."""
        self.id, self.title, self.description, self.width = chart_id, title, description, width
        self.narrow = width < WIDE
        # A drawing whose marks are links is a group of controls, not one image: assistive technology must reach them.
        self.role = "img"
        self.parts: list[str] = []
        self.y = 8.0
        if shown:
            self.text_block(title, 16, weight="bold")
            self.y += 4

    def text_block(self, text: str, size: float, *, weight: str = "normal", fill: str = INK, x: float = 10) -> None:
        # Bold glyphs run wider: wrap them as if the font were a tenth larger.
        for line in wrap(text, size * (1.1 if weight == "bold" else 1), self.width - x - 10):
            self.y += size * 1.3
            self.parts.append(
                f'<text x="{x}" y="{self.y:.1f}" font-size="{size}" font-weight="{weight}" fill="{fill}">{esc(line)}</text>'
            )

    def legend(self, keys: list[tuple[str, str, str]]) -> None:
        """Swatches in rows: (label, colour, shape) with shape 'box', 'line', 'dash' or 'hatch'."""
        x, row = 10.0, self.y + 8
        for label, colour, shape in keys:
            width = 22 + len(label) * 13 * CHAR + 16
            if x + width > self.width - 10 and x > 10:
                x, row = 10.0, row + 22
            if shape in ("line", "dash"):
                dash = ' stroke-dasharray="5 3"' if shape == "dash" else ""
                self.parts.append(
                    f'<line x1="{x}" y1="{row + 8}" x2="{x + 16}" y2="{row + 8}" stroke="{colour}" stroke-width="3"{dash}/>'
                )
            else:
                fill = f"url(#{self.id}-hatch)" if shape == "hatch" else colour
                self.parts.append(f'<rect x="{x}" y="{row}" width="16" height="16" fill="{fill}" stroke="{colour}"/>')
            self.parts.append(f'<text x="{x + 22}" y="{row + 13}" font-size="13" fill="{INK}">{esc(label)}</text>')
            x += width
        self.y = row + 26

    def years(self, px: Callable[[float], float], years: Sequence[int], at: float, *, centred: bool = False) -> None:
        """A tick at each year on the axis at height `at`, and its label: at most ten on a wide drawing, four on a
        phone. `centred` puts a label in the middle of its year (for values that stand for the whole year)."""
        every = max(1, math.ceil(len(years) / (4 if self.narrow else 10)))
        for index, year in enumerate(years):
            x = px(year)
            self.parts.append(f'<line x1="{x:.1f}" y1="{at:.1f}" x2="{x:.1f}" y2="{at + 5:.1f}" stroke="{MUTED}"/>')
            if index % every == 0:
                self.parts.append(
                    f'<text x="{px(year + 0.5) if centred else x:.1f}" y="{at + 19:.1f}" font-size="12" '
                    f'text-anchor="middle" fill="{MUTED}">{year}</text>'
                )

    def finish(self, source: str) -> str:
        self.y += 8
        self.text_block(source, 12, fill=MUTED)
        height = self.y + 10
        kind = "chart-narrow" if self.narrow else "chart-wide"
        head = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {height:.0f}" role="{self.role}" '
            f'aria-labelledby="{self.id}-title {self.id}-desc" class="chart chart-story {kind}">',
            f'<title id="{self.id}-title">{esc(self.title)}</title>',
            f'<desc id="{self.id}-desc">{esc(self.description)}</desc>',
            hatch(self.id),
            f'<rect width="{self.width}" height="{height:.0f}" fill="#fff"/>',
        ]
        return "\n".join([*head, *self.parts, "</svg>"])
