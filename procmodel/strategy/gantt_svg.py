"""Server-side SVG of a :class:`~procmodel.strategy.timeline.GanttModel`.

Styling uses SVG presentation attributes (no ``style`` attributes or elements), so
the SVG can be inlined under a Content-Security-Policy without ``unsafe-inline`` and
printed by WeasyPrint.  Every text from the register is escaped.  Elements carry
classes (``gantt-bar``, ``gantt-overdue``, ``gantt-finished``, ``gantt-outlook``,
``gantt-milestone``, ``gantt-today``, ``gantt-dependency``, ``gantt-overlap-mark``) and
``data-item-id`` for tests and scripts.  Dependencies are drawn as finish-to-start
arrows from the predecessor's end to the dependent item's start, red when the
predecessor ends after the dependent item starts or is overdue.
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
OVERLAP = "#d98b00"
ARROW = "#4a4a4a"
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
    # below the rows: the today label, then the legend on a line of its own
    height = header + len(model.groups) * group_height + n_rows * row_height + 48
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
        out.append(f'<line x1="{mx:.1f}" y1="{header - 14}" x2="{mx:.1f}" y2="{height - 42}" '
                   'stroke="#e2e2e2" stroke-width="1"/>')
        if n % step == 0:
            out.append(f'<text x="{mx + 2:.1f}" y="{header - 4}" fill="{TEXT}">'
                       f"{_e(MONTHS_DE[month.month - 1])}</text>")
        if month.month == 1 or n == 0:
            out.append(f'<text x="{mx + 2:.1f}" y="{header - 18}" font-weight="bold" '
                       f'fill="{TEXT}">{month.year}</text>')
    y = header
    names = {r.item.id: r.item.name for r in model.rows}
    places: dict[int, tuple[float, float, float]] = {}  # id -> (row middle, x start, x end)
    for group in model.groups:
        out.append(f'<rect x="0" y="{y}" width="{width}" height="{group_height}" '
                   'fill="#eef2f7"/>')
        out.append(f'<text x="6" y="{y + 15}" font-weight="bold" fill="{TEXT}">'
                   f"{_e(group.handlungsfeld)}</text>")
        y += group_height
        for row in group.rows:
            out.extend(_row(row, y, row_height, x, model.today, names))
            places[row.item.id] = (y + row_height / 2, x(row.item.start), x(row.item.end))
            y += row_height
    out.extend(_dependencies(model, places))
    tx = x(model.today)
    if model.start <= model.today <= model.end:
        out.append(f'<line class="gantt-today" x1="{tx:.1f}" y1="{header - 14}" x2="{tx:.1f}" '
                   f'y2="{height - 42}" stroke="{OVERDUE}" stroke-width="1.5" '
                   'stroke-dasharray="4 3"/>')
        out.append(f'<text x="{tx + 3:.1f}" y="{height - 30}" fill="{OVERDUE}">heute '
                   f"{_e(format_date_de(model.today))}</text>")
    out.append(_legend(width, height))
    out.append("</svg>")
    return "\n".join(out)


def _dependencies(model: GanttModel,
                  places: dict[int, tuple[float, float, float]]) -> list[str]:
    """Finish-to-start arrows: predecessor's end → this item's start."""
    rows = {r.item.id: r for r in model.rows}
    out = []
    for row in model.rows:
        for pred_id in row.item.depends_on:
            if pred_id not in places or row.item.id not in places:
                continue  # predecessor outside the chart (other field filter or window)
            py, _, px = places[pred_id]
            sy, sx, _ = places[row.item.id]
            pred = rows[pred_id]
            late = pred_id in row.blocked_by or pred.overdue
            color = OVERDUE if late else ARROW
            elbow = px + 6
            d = f"M{px:.1f} {py:.1f} H{elbow:.1f} V{sy:.1f} H{sx - 1:.1f}"
            tip = (f"{pred.item.name} → {row.item.name}: "
                   + ("Vorgänger endet zu spät" if late else "Abhängigkeit"))
            out.append(f'<g class="gantt-dependency{" gantt-dependency-late" if late else ""}" '
                       f'data-from="{pred_id}" data-to="{row.item.id}"><title>{_e(tip)}</title>'
                       f'<path class="gantt-dependency-line" d="{d}" fill="none" stroke="{color}" '
                       'stroke-width="1.2"/>'
                       f'<path class="gantt-dependency-head" '
                       f'd="M{sx - 1:.1f} {sy:.1f} L{sx - 7:.1f} {sy - 4:.1f} '
                       f'L{sx - 7:.1f} {sy + 4:.1f} Z" fill="{color}"/></g>')
    return out


def _row(row: GanttRow, y: int, h: int, x, today: date,
         names: dict[int, str] | None = None) -> list[str]:
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
        others = ", ".join((names or {}).get(i, f"Projekt {i}") for i in row.overlaps_with)
        tip = (f"Dieselbe verantwortliche Stelle ({item.responsible}) hat zeitgleich: "
               f"{others}")
        out.append(f'<circle class="gantt-overlap-mark" cx="{x0 - 5:.1f}" cy="{y + h / 2:.1f}" '
                   f'r="3" fill="{OVERLAP}"><title>{_e(tip)}</title></circle>')
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
    y = height - 14
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
    x += 100
    parts.append(f'<path class="gantt-legend-mark" d="M{x} {y + 4.5} H{x + 14}" '
                 f'stroke="{ARROW}" stroke-width="1.2"/>'
                 f'<path class="gantt-legend-mark" '
                 f'd="M{x + 18} {y + 4.5} L{x + 12} {y + 0.5} L{x + 12} {y + 8.5} Z" '
                 f'fill="{ARROW}"/>')
    parts.append(f'<text x="{x + 22}" y="{y + 8}" fill="{TEXT}">hängt ab von</text>')
    x += 120
    parts.append(f'<circle cx="{x + 5}" cy="{y + 4.5}" r="3" fill="{OVERLAP}"/>')
    parts.append(f'<text x="{x + 14}" y="{y + 8}" fill="{TEXT}">gleiche Stelle, zeitgleich'
                 "</text>")
    parts.append("</g>")
    return "".join(parts)
