"""Small server-side SVG charts for the Sachstandsbericht.

Presentation attributes only (no ``style``), escaped text, a ``<title>`` and
``role="img"`` with an ``aria-label`` on each chart, so they are safe under a strict
Content-Security-Policy, readable by screen readers and printable by WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

PALETTE = ("#2f6aa8", "#7fa7d6", "#3c8a4e", "#d98b00", "#8e5ea2", "#b3261e", "#6b6b6b")
TEXT = "#1b1b1b"
GRID = "#dddddd"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _fmt(value: float, unit: str = "") -> str:
    text = f"{value:.1f}".replace(".", ",").removesuffix(",0")
    return f"{text} %" if unit == "%" else text


def _open(width: int, height: int, title: str, cls: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {cls}" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{_e(title)}" font-family="DejaVu Sans, Arial, sans-serif" '
            f'font-size="11"><title>{_e(title)}</title>']


def bar_chart(labels: Sequence[str], values: Sequence[float], *, title: str,
              unit: str = "", width: int = 520, height: int = 200,
              color: str = PALETTE[0]) -> str:
    """Vertical bars with their value above each bar."""
    out = _open(width, height, title, "chart-bar")
    left, bottom, top = 36, 30, 24
    plot_h = height - bottom - top
    peak = max([*values, 1.0]) if unit != "%" else 100.0
    n = max(1, len(values))
    slot = (width - left - 10) / n
    out.append(f'<text x="{left}" y="14" font-weight="bold" fill="{TEXT}">{_e(title)}</text>')
    out.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" '
               f'y2="{height - bottom}" stroke="{TEXT}" stroke-width="1"/>')
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = plot_h * value / peak if peak else 0
        x = left + i * slot + slot * 0.15
        w = slot * 0.7
        y = height - bottom - h
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
                   f'fill="{color}"><title>{_e(label)}: {_e(_fmt(value, unit))}</title></rect>')
        out.append(f'<text x="{x + w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" '
                   f'fill="{TEXT}">{_e(_fmt(value, unit))}</text>')
        out.append(f'<text x="{x + w / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
                   f'fill="{TEXT}">{_e(label)}</text>')
    out.append("</svg>")
    return "".join(out)


def paired_share_chart(labels: Sequence[str], before: Sequence[float | None],
                       after: Sequence[float | None], *, title: str, before_label: str,
                       after_label: str, width: int = 640, row: int = 34) -> str:
    """Horizontal pairs of bars (0–100 %) comparing two moments per category."""
    height = 40 + row * max(1, len(labels)) + 24
    left = 230
    plot_w = width - left - 60
    out = _open(width, height, title, "chart-paired")
    out.append(f'<text x="4" y="14" font-weight="bold" fill="{TEXT}">{_e(title)}</text>')
    for pct in (0, 50, 100):
        x = left + plot_w * pct / 100
        out.append(f'<line x1="{x:.1f}" y1="28" x2="{x:.1f}" y2="{height - 24}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
        out.append(f'<text x="{x:.1f}" y="{height - 10}" text-anchor="middle" '
                   f'fill="{TEXT}">{pct} %</text>')
    for i, label in enumerate(labels):
        y = 32 + i * row
        out.append(f'<text x="4" y="{y + row / 2:.1f}" fill="{TEXT}">{_e(label[:34])}</text>')
        for j, (value, color) in enumerate(((before[i], PALETTE[1]), (after[i], PALETTE[0]))):
            if value is None:
                continue
            w = plot_w * value / 100
            yy = y + 4 + j * 12
            out.append(f'<rect x="{left}" y="{yy}" width="{w:.1f}" height="10" fill="{color}"/>')
            out.append(f'<text x="{left + w + 4:.1f}" y="{yy + 9}" fill="{TEXT}">'
                       f"{_e(_fmt(value, '%'))}</text>")
    lx = left
    for label, color in ((before_label, PALETTE[1]), (after_label, PALETTE[0])):
        out.append(f'<rect x="{lx}" y="18" width="10" height="8" fill="{color}"/>')
        out.append(f'<text x="{lx + 14}" y="26" fill="{TEXT}">{_e(label)}</text>')
        lx += 150
    out.append("</svg>")
    return "".join(out)


def progress_chart(series: Sequence[tuple[date, float | None]], *, goal: float | None,
                   title: str, unit: str = "", width: int = 520, height: int = 170,
                   deadline: date | None = None) -> str:
    """A line of measured values over time with the goal as a dashed line."""
    points = [(d, v) for d, v in series if v is not None]
    out = _open(width, height, title, "chart-progress")
    left, right, top, bottom = 44, 14, 22, 26
    out.append(f'<text x="{left}" y="14" font-weight="bold" fill="{TEXT}">{_e(title)}</text>')
    if not points:
        out.append(f'<text x="{left}" y="{height / 2:.0f}" fill="{TEXT}">keine Daten</text>')
        out.append("</svg>")
        return "".join(out)
    values = [v for _, v in points] + ([goal] if goal is not None else [])
    hi = 100.0 if unit == "%" else max(values) * 1.15 or 1.0
    lo = 0.0
    first, last = points[0][0], points[-1][0]
    span = max(1, (last - first).days)
    plot_w, plot_h = width - left - right, height - top - bottom

    def xy(d: date, v: float) -> tuple[float, float]:
        return (left + plot_w * (d - first).days / span,
                top + plot_h * (1 - (v - lo) / (hi - lo)))

    for frac in (0.0, 0.5, 1.0):
        y = top + plot_h * (1 - frac)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
        out.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">'
                   f"{_e(_fmt(lo + frac * (hi - lo), unit))}</text>")
    if goal is not None:
        gy = xy(first, goal)[1]
        out.append(f'<line class="chart-goal" x1="{left}" y1="{gy:.1f}" x2="{width - right}" '
                   f'y2="{gy:.1f}" stroke="{PALETTE[3]}" stroke-width="1.5" '
                   'stroke-dasharray="5 3"/>')
        # near the top the label goes below the line, clear of the chart's title
        label_y = gy + 13 if gy - 4 < top + 8 else gy - 4
        out.append(f'<text x="{width - right}" y="{label_y:.1f}" text-anchor="end" '
                   f'fill="{TEXT}">Ziel {_e(_fmt(goal, unit))}'
                   f"{' bis ' + deadline.strftime('%d.%m.%Y') if deadline else ''}</text>")
    coords = [xy(d, v) for d, v in points]
    path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f} {y:.1f}" for i, (x, y) in enumerate(coords))
    out.append(f'<path d="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>')
    for (d, v), (x, y) in zip(points, coords, strict=True):
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{PALETTE[0]}">'
                   f"<title>{d.strftime('%d.%m.%Y')}: {_e(_fmt(v, unit))}</title></circle>")
    out.append(f'<text x="{left}" y="{height - 8}" fill="{TEXT}">'
               f"{first.strftime('%d.%m.%Y')}</text>")
    out.append(f'<text x="{width - right}" y="{height - 8}" text-anchor="end" fill="{TEXT}">'
               f"{last.strftime('%d.%m.%Y')}</text>")
    out.append("</svg>")
    return "".join(out)
