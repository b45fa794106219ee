"""Server-side SVG of a :class:`~procmodel.strategy.timeline.GanttModel`.

Styling uses SVG presentation attributes (no ``style`` attributes or elements), so
the SVG can be inlined under a Content-Security-Policy without ``unsafe-inline`` and
printed by WeasyPrint.  Every text from the register is escaped.  Elements carry
classes (``gantt-bar``, ``gantt-overdue``, ``gantt-finished``, ``gantt-outlook``,
``gantt-milestone``, ``gantt-today``) and ``data-item-id`` for tests and scripts.
"""

from __future__ import annotations

from datetime import date
from html import escape

from procmodel.strategy.periods import format_date_de
from procmodel.strategy.timeline import GanttModel, GanttRow

FILL = {
    "geplant": "#b8c7dc",
    "in_arbeit": "#2f6aa8",
    "abgeschlossen": "#3c8a4e",
    "zurueckgestellt": "#9a9a9a",
    "abgebrochen": "#d0d0d0",
}
OVERDUE = "#b3261e"
TEXT = "#1b1b1b"
MONTHS_DE = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_gantt_svg(model: GanttModel, *, width: int = 1000, label_width: int = 280,
                     row_height: int = 24, title: str = "Zeitplan") -> str:
    """Render ``model`` as a standalone SVG document string."""
    header = 40
    group_height = 22
    n_rows = len(model.rows)
    height = header + len(model.groups) * group_height + n_rows * row_height + 30
    plot_w = width - label_width - 10
    span = max(1, (model.end - model.start).days + 1)

    def x(day: date) -> float:
        clamped = min(max(day, model.start), model.end)
        return label_width + plot_w * (clamped - model.start).days / span

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_e(title)}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11">',
        f"<title>{_e(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    months = model.months()
    step = max(1, int(34 // max(1.0, plot_w / max(1, len(months)))) + 1)
    for n, month in enumerate(months):
        mx = x(month)
        out.append(f'<line x1="{mx:.1f}" y1="{header - 14}" x2="{mx:.1f}" y2="{height - 24}" '
                   'stroke="#e2e2e2" stroke-width="1"/>')
        if n % step == 0:
            out.append(f'<text x="{mx + 2:.1f}" y="{header - 4}" fill="{TEXT}">'
                       f"{_e(MONTHS_DE[month.month - 1])}</text>")
        if month.month == 1 or n == 0:
            out.append(f'<text x="{mx + 2:.1f}" y="{header - 18}" font-weight="bold" '
                       f'fill="{TEXT}">{month.year}</text>')
    y = header
    for group in model.groups:
        out.append(f'<rect x="0" y="{y}" width="{width}" height="{group_height}" '
                   'fill="#eef2f7"/>')
        out.append(f'<text x="6" y="{y + 15}" font-weight="bold" fill="{TEXT}">'
                   f"{_e(group.handlungsfeld)}</text>")
        y += group_height
        for row in group.rows:
            out.extend(_row(row, y, row_height, x, model.today))
            y += row_height
    tx = x(model.today)
    if model.start <= model.today <= model.end:
        out.append(f'<line class="gantt-today" x1="{tx:.1f}" y1="{header - 14}" x2="{tx:.1f}" '
                   f'y2="{height - 24}" stroke="{OVERDUE}" stroke-width="1.5" '
                   'stroke-dasharray="4 3"/>')
        out.append(f'<text x="{tx + 3:.1f}" y="{height - 10}" fill="{OVERDUE}">heute '
                   f"{_e(format_date_de(model.today))}</text>")
    out.append(_legend(width, height))
    out.append("</svg>")
    return "\n".join(out)


def _row(row: GanttRow, y: int, h: int, x, today: date) -> list[str]:
    item = row.item
    classes = ["gantt-bar"]
    if row.overdue:
        classes.append("gantt-overdue")
    if item.finished:
        classes.append("gantt-finished")
    if item.outlook:
        classes.append("gantt-outlook")
    if row.overlaps_with:
        classes.append("gantt-overlap")
    label = _truncate(item.name, 40)
    marks = ""
    if row.overdue:
        marks += " ⚠"
    out = [f'<g class="{" ".join(classes)}" data-item-id="{item.id}">',
           f"<title>{_e(_tooltip(row))}</title>",
           f'<text x="14" y="{y + h * 0.68:.1f}" fill="{OVERDUE if row.overdue else TEXT}">'
           f"{_e(label + marks)}</text>"]
    x0, x1 = x(item.start), x(item.end)
    bar_w = max(2.0, x1 - x0)
    fill = FILL.get(item.status, "#8aa0bd")
    dash = ' stroke-dasharray="3 2"' if item.outlook else ""
    stroke = OVERDUE if row.overdue else ("#6b6b6b" if item.outlook else fill)
    out.append(f'<rect x="{x0:.1f}" y="{y + 5}" width="{bar_w:.1f}" height="{h - 10}" rx="2" '
               f'fill="{"#ffffff" if item.outlook else fill}" stroke="{stroke}" '
               f'stroke-width="{2 if row.overdue else 1}"{dash}/>')
    if row.overdue:
        # the part of the bar past its planned end, up to today
        out.append(f'<rect x="{x1:.1f}" y="{y + 9}" width="{max(0.0, x(today) - x1):.1f}" '
                   f'height="{h - 18}" fill="{OVERDUE}" opacity="0.35"/>')
    if row.overlaps_with:
        out.append(f'<circle cx="{x0 - 5:.1f}" cy="{y + h / 2:.1f}" r="2.5" fill="#d98b00"/>')
    for m in item.milestones:
        mx, my = x(m.due), y + h / 2
        late = m.overdue(today)
        fill_m = OVERDUE if late else ("#3c8a4e" if m.done_on else "#ffffff")
        cls = "gantt-milestone" + (" gantt-milestone-overdue" if late else "") + \
            (" gantt-milestone-done" if m.done_on else "")
        out.append(f'<path class="{cls}" d="M{mx:.1f} {my - 6:.1f} L{mx + 6:.1f} {my:.1f} '
                   f'L{mx:.1f} {my + 6:.1f} L{mx - 6:.1f} {my:.1f} Z" fill="{fill_m}" '
                   f'stroke="{TEXT}" stroke-width="0.8"><title>{_e(_milestone_tip(m))}'
                   "</title></path>")
    out.append("</g>")
    return out


def _tooltip(row: GanttRow) -> str:
    item = row.item
    text = (f"{item.name}: {format_date_de(item.start)} – {format_date_de(item.end)}, "
            f"{item.status_de}")
    if item.responsible:
        text += f", {item.responsible}"
    if row.overdue:
        text += ", überfällig"
    if item.outlook:
        text += ", Ausblick"
    return text


def _milestone_tip(m) -> str:
    text = f"Meilenstein {m.name}: fällig {format_date_de(m.due)}"
    if m.done_on:
        text += f", erreicht {format_date_de(m.done_on)}"
    return text


def _legend(width: int, height: int) -> str:
    y = height - 20
    parts = ['<g class="gantt-legend">']
    x = 10
    for key, label in (("in_arbeit", "in Arbeit"), ("abgeschlossen", "abgeschlossen"),
                       ("geplant", "geplant")):
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="9" fill="{FILL[key]}"/>')
        parts.append(f'<text x="{x + 16}" y="{y + 8}" fill="{TEXT}">{label}</text>')
        x += 100
    parts.append(f'<rect x="{x}" y="{y}" width="12" height="9" fill="#ffffff" stroke="#6b6b6b" '
                 'stroke-dasharray="3 2"/>')
    parts.append(f'<text x="{x + 16}" y="{y + 8}" fill="{TEXT}">Ausblick</text>')
    x += 90
    parts.append(f'<rect x="{x}" y="{y}" width="12" height="9" fill="#ffffff" '
                 f'stroke="{OVERDUE}" stroke-width="2"/>')
    parts.append(f'<text x="{x + 16}" y="{y + 8}" fill="{TEXT}">überfällig</text>')
    parts.append("</g>")
    return "".join(parts)
