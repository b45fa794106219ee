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


def stacked_bars(bars: Sequence[Bar], *, title: str, description: str,
                 width: int = 640, label_width: int = 210, bar_height: int = 26,
                 gap: int = 12, chart_id: str = "chart") -> Markup:
    """Horizontal stacked bars, one per row, scaled to the largest total."""
    top = 8
    height = top + len(bars) * (bar_height + gap) + 8
    plot = width - label_width - 60
    largest = max((bar.total for bar in bars), default=0) or 1
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for row, bar in enumerate(bars):
        y = top + row * (bar_height + gap)
        label = bar.label if len(bar.label) <= 32 else bar.label[:31] + "…"
        parts.append(f'<text x="{label_width - 8}" y="{y + bar_height * 0.68:.1f}" '
                     f'text-anchor="end">{escape(label)}</text>')
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
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
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
