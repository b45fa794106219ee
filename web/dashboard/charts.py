"""Charts drawn on the server as SVG (no chart library, no inline style).

Colours come from the stylesheet through classes (``swatch-N``); every chart carries a
title and description for screen readers, and the pages show the same figures as a
table next to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Bar:
    """One bar: its label and its segments as (swatch class, value, segment label)."""

    label: str
    segments: Sequence[tuple[str, int, str]]
    href: str | None = None

    @property
    def total(self) -> int:
        return sum(value for _cls, value, _label in self.segments)


def wrap_label(label: str, width: int = 24, lines: int = 2) -> list[str]:
    """``label`` split at spaces into at most ``lines`` lines of about ``width`` characters
    (the last one shortened with "…"), so long names such as "IT- und
    Kommunikationsstrategie" fit the label column instead of running off the chart."""
    out: list[str] = []
    current = ""
    for word in label.split():
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        out.append(current)
    out = [line if len(line) <= width else line[:width - 1] + "…" for line in out]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = (out[-1][:width - 1] + "…") if len(out[-1]) >= width else out[-1] + " …"
    return out or [""]


def _svg_open(width: int, height: int, title: str, description: str,
              chart_id: str) -> list[str]:
    """The chart's opening ``<svg>`` tag with its title and description for screen readers."""
    return [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def stacked_bars(bars: Sequence[Bar], *, title: str, description: str,
                 width: int = 640, label_width: int = 210, bar_height: int = 26,
                 gap: int = 12, chart_id: str = "chart") -> Markup:
    """Horizontal stacked bars, one per row, scaled to the largest total."""
    top = 8
    height = top + len(bars) * (bar_height + gap) + 8
    plot = width - label_width - 60
    largest = max((bar.total for bar in bars), default=0) or 1
    parts = _svg_open(width, height, title, description, chart_id)
    for row, bar in enumerate(bars):
        y = top + row * (bar_height + gap)
        # 13 px text: about 7 px per character, so the label column holds
        # (label_width - 8) / 7 characters per line.
        lines = wrap_label(bar.label, max(8, (label_width - 8) // 7))
        first = y + bar_height * 0.68 - (len(lines) - 1) * 7.5
        tspans = "".join(
            f'<tspan x="{label_width - 8}" y="{first + n * 15:.1f}">{escape(line)}</tspan>'
            for n, line in enumerate(lines))
        parts.append(f'<text text-anchor="end"><title>{escape(bar.label)}</title>'
                     f'{tspans}</text>')
        x = float(label_width)
        for cls, value, seg_label in bar.segments:
            if value <= 0:
                continue
            w = plot * value / largest
            parts.append(f'<rect class="{escape(cls)}" x="{x:.1f}" y="{y}" width="{w:.1f}" '
                         f'height="{bar_height}" stroke="#ffffff" stroke-width="1">'
                         f'<title>{escape(seg_label)}: {value}</title></rect>')
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + bar_height * 0.68:.1f}">{bar.total}</text>')
    parts.append(f'<line class="axis" x1="{label_width}" y1="{top - 4}" x2="{label_width}" '
                 f'y2="{height - 4}" stroke="#8a94a3"/>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above went through escape()


def column_chart(columns: Sequence[tuple[str, int]], *, title: str, description: str,
                 width: int = 640, height: int = 220, chart_id: str = "columns") -> Markup:
    """Vertical columns (e.g. changes per month) with their values above them."""
    left, bottom, top = 10, 28, 20
    plot_h = height - bottom - top
    n = max(len(columns), 1)
    slot = (width - left * 2) / n
    largest = max((value for _label, value in columns), default=0) or 1
    parts = _svg_open(width, height, title, description, chart_id)
    parts += [
        f'<line class="axis" x1="{left}" y1="{height - bottom}" x2="{width - left}" '
        f'y2="{height - bottom}" stroke="#8a94a3"/>',
    ]
    for index, (label, value) in enumerate(columns):
        h = plot_h * value / largest
        x = left + index * slot + slot * 0.15
        w = slot * 0.7
        y = height - bottom - h
        parts.append(f'<rect class="swatch-4" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" '
                     f'height="{h:.1f}"><title>{escape(label)}: {value}</title></rect>')
        parts.append(f'<text x="{x + w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">'
                     f'{value}</text>')
        parts.append(f'<text x="{x + w / 2:.1f}" y="{height - bottom + 16}" '
                     f'text-anchor="middle">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above went through escape()
