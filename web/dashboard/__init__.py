"""The dashboard: progress per Handlungsfeld at a glance."""

from __future__ import annotations

from collections import Counter

from flask import Blueprint, current_app, render_template, url_for
from flask_babel import gettext as _

from web.dashboard import charts, figures
from web.database import db

bp = Blueprint("dashboard", __name__)


def _level_class(level: int | None) -> str:
    return "swatch-none" if level is None else f"swatch-{min(int(level), 7)}"


@bp.route("/")
def index():
    cache = current_app.extensions.setdefault("procmodel.dashboard", figures.DashboardCache())
    data = cache.get(db())
    level_charts = []
    for version, names in data.models_in_use:
        levels = sorted(names)
        bars = [charts.Bar(f.name, [
            (_level_class(level), count,
             _("Reifegrad %(l)s", l=level) if level is not None else _("nicht bewertet"))
            for level, count in figures.group_counts(
                Counter({lvl: n for (m, lvl), n in f.by_model_level.items() if m == version}),
                levels)], url_for("services.index", handlungsfeld=f.id))
            for f in data.fields]
        chart = charts.stacked_bars(
            bars, title=_("Leistungen nach Reifegrad (Modell %(v)s) je Handlungsfeld",
                          v=version),
            description=_("Gestapelte Balken: Anzahl der Leistungen je Reifegrad; die "
                          "Tabelle darunter enthält dieselben Zahlen."),
            chart_id=f"chart-reifegrad-{version.replace('.', '-')}")
        level_charts.append((version, names, chart))
    status_bars = []
    stage_index = {name: i for i, name in enumerate(data.stages)}
    for f in data.fields:
        link = url_for("services.index", handlungsfeld=f.id)
        status_bars.append(charts.Bar(f.name, [
            ("swatch-none" if status is None else
             f"swatch-{stage_index.get(status, len(stage_index)) % 8}", count,
             status or _("nicht angegeben"))
            for status, count in figures.group_counts(f.by_status, data.stages)], link))
    status_chart = charts.stacked_bars(
        status_bars, title=_("Leistungen nach Umsetzungsstatus je Handlungsfeld"),
        description=_("Gestapelte Balken: Anzahl der Leistungen je Umsetzungsstatus; die "
                      "Tabelle darunter enthält dieselben Zahlen."), chart_id="chart-status")
    months_chart = charts.column_chart(
        [(key[5:] + "/" + key[2:4], value) for key, value in data.changes_by_month],
        title=_("Statusänderungen je Monat"),
        description=_("Anzahl der Änderungen an Reifegrad und Umsetzungsstatus in den "
                      "letzten zwölf Monaten."), chart_id="chart-months")
    return render_template("dashboard/index.html", data=data, level_charts=level_charts,
                           status_chart=status_chart, months_chart=months_chart,
                           level_class=_level_class, stage_index=stage_index)
