"""The duplicate-structure report as HTML, Markdown, CSV and JSON.

Pure functions from an :class:`~procmodel.analysis.results.AnalysisResult` to text.
The HTML report is one self-contained file; diagrams come from the edge as finished
SVG documents (rendered with the duplicate steps highlighted), because the core does
not draw. Every label is escaped.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Mapping, Sequence

from procmodel.analysis.results import AnalysisResult

_MEDIA_NAMES = {"print": "Ausdruck", "scan": "Scannen", "sign": "Unterschrift von Hand",
                "post": "Postversand", "fax": "Fax", "retype": "erneute Erfassung"}
CSV_HEADER = ("section", "id", "name", "service_id", "service", "model", "process_id",
              "step_id", "label", "handlungsfeld", "department", "detail")


_TIME_NOTE = ("Mögliche Einsparung (Obergrenze): Summe über die Leistungen mit bekannter "
              "Fallzahl und Bearbeitungszeit von (Arbeitsschritte des Fragments ÷ "
              "Arbeitsschritte des Prozesses) × Fallzahl × Bearbeitungszeit; Warteschritte "
              "(„Nachreichung abwarten“) und Ereignisse zählen nicht. Die Zeit, die eine "
              "gemeinsame Lösung berührt, nicht die sicher eingesparte.")


def _minutes(value: float | None) -> str:
    if value is None:
        return "unbekannt"
    return f"{value / 60:,.0f} h/Jahr".replace(",", ".")


def to_json(result: AnalysisResult) -> str:
    """Indented for small results, compact for large registers."""
    small = int(result.statistics.get("steps", 0)) <= 5000
    return result.to_json(indent=2 if small else None)


def to_csv(result: AnalysisResult) -> str:
    """One flat table: every cluster member, fragment occurrence, Basisdienst step and
    media break, with the section it belongs to."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for c in result.clusters:
        for m in c.members:
            writer.writerow(["cluster", c.id, c.canonical_name, m.service_id, m.service_name,
                             m.model_id or "", m.process_id, m.step_id, m.label,
                             m.handlungsfeld or "", m.department or "",
                             "Doppelstruktur" if c.doppelstruktur else ""])
    for f in result.fragments:
        for o in f.occurrences:
            writer.writerow(["fragment", f.id, " → ".join(f.steps), o.service_id,
                             o.service_name, o.model_id or "", "", " ".join(o.step_ids),
                             " → ".join(o.labels), o.handlungsfeld or "", o.department or "",
                             "" if o.minutes_per_year is None else o.minutes_per_year])
    for b in result.basisdienste:
        evidence = dict(zip((r.key for r in b.self_built), b.evidence, strict=False))
        for how, refs in (("nutzt", b.using), ("selbst gebaut", b.self_built)):
            for m in refs:
                detail = how if how == "nutzt" else f"{how}: {evidence.get(m.key, '')}"
                writer.writerow(["basisdienst", b.component, b.name, m.service_id,
                                 m.service_name, m.model_id or "", m.process_id, m.step_id,
                                 m.label, m.handlungsfeld or "", m.department or "", detail])
    for mb in result.media_breaks:
        m = mb.step
        writer.writerow(["medienbruch", mb.kind, _MEDIA_NAMES.get(mb.kind, mb.kind),
                         m.service_id, m.service_name, m.model_id or "", m.process_id,
                         m.step_id, m.label, m.handlungsfeld or "", m.department or "",
                         mb.evidence])
    return buffer.getvalue()


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(result: AnalysisResult, *, limit: int = 50) -> str:
    """A readable report; long lists are cut at ``limit`` entries with a note."""
    s = result.statistics
    lines = [
        "# Doppelstrukturen-Analyse",
        "",
        f"{s.get('models', 0)} Modelle, {s.get('steps', 0)} Schritte, "
        f"{len(result.clusters)} Duplikat-Cluster, {len(result.fragments)} wiederkehrende "
        f"Fragmente, {len(result.doppelstrukturen)} Doppelstrukturen, "
        f"{len(result.media_breaks)} Medienbrüche.",
        "",
        "## Doppelstrukturen",
        "",
    ]
    if result.doppelstrukturen:
        lines += ["| Art | Name | Handlungsfelder | Organisationseinheiten | Leistungen |",
                  "|---|---|---|---|---|"]
        for d in result.doppelstrukturen[:limit]:
            lines.append(f"| {d.kind} {d.ref} | {_md(d.name)} | {_md(', '.join(d.handlungsfelder))}"
                         f" | {_md(', '.join(d.departments))} | {len(d.services)} |")
    else:
        lines.append("Keine gefunden.")
    lines += ["", "## Duplikat-Cluster", ""]
    for c in result.clusters[:limit]:
        lines.append(f"### {c.id} {_md(c.canonical_name)} ({c.services} Leistungen)")
        lines.append("")
        lines.append(f"Begründung: {_md(c.explanation.text())}")
        lines.append("")
        lines += ["| Leistung | Schritt (Schlüssel) | Bezeichnung | Handlungsfeld "
                  "| Organisationseinheit |", "|---|---|---|---|---|"]
        for m in c.members[:limit]:
            lines.append(f"| {_md(m.service_name)} | {_md(m.key)} | {_md(m.label)} | "
                         f"{_md(m.handlungsfeld or '')} | {_md(m.department or '')} |")
        if len(c.members) > limit:
            lines.append(f"| … {len(c.members) - limit} weitere | | | | |")
        lines.append("")
    lines += ["## Wiederkehrende Fragmente (Kandidaten für Nachnutzung)", "", _TIME_NOTE, ""]
    for f in result.fragments[:limit]:
        joiner = " → " if f.kind == "chain" else " + "
        block = "" if f.kind == "chain" else " (Block)"
        lines.append(f"- **{f.id}**{block} {_md(joiner.join(f.steps))}: {f.services} Leistungen, "
                     f"mögliche Einsparung (Obergrenze) {_minutes(f.minutes_per_year)}")
    lines += ["", "## Basisdienste", ""]
    for b in result.basisdienste:
        lines.append(f"- **{_md(b.name)}**: {len({r.service_id for r in b.using})} Leistungen "
                     f"nutzen die gemeinsame Komponente, "
                     f"{len({r.service_id for r in b.self_built})} bauen sie selbst. "
                     f"{_md(b.reason)}")
    lines += ["", "## Medienbrüche je Handlungsfeld", ""]
    for field, counts in result.media_breaks_by_handlungsfeld.items():
        detail = ", ".join(f"{_MEDIA_NAMES.get(k, k)} {v}" for k, v in sorted(counts.items()))
        lines.append(f"- {_md(field)}: {detail}")
    lines += ["", "## Medienbrüche je Leistung", ""]
    for service, counts in list(result.media_breaks_by_service.items())[:limit]:
        detail = ", ".join(f"{_MEDIA_NAMES.get(k, k)} {v}" for k, v in sorted(counts.items()))
        lines.append(f"- {_md(service)}: {detail}")
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #bbb;
padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#eee}
.why{color:#444;font-size:.95em}
.small{font-size:.8em;color:#555;max-width:28rem}
.tag{background:#fde68a;padding:0 .3rem;border-radius:3px}
figure{border:1px solid #ccc;margin:1rem 0;padding:.5rem;overflow:auto}
figure svg{max-width:100%;height:auto}
.pm-duplicate rect,.pm-duplicate path,.pm-duplicate circle{stroke:#d97706!important;
stroke-width:3px!important}
"""


def to_html(result: AnalysisResult, *, diagrams: Mapping[str, Sequence[tuple[str, str]]]
            | None = None, limit: int = 100, title: str = "Doppelstrukturen-Analyse") -> str:
    """The report as one HTML file; ``diagrams`` maps a model's caption ("Baugenehmigung –
    Ist, Version 2") to (caption, SVG) pairs."""
    e = html.escape
    s = result.statistics
    out = [f"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>{e(title)}"
           f"</title><style>{_CSS}</style></head><body><h1>{e(title)}</h1>",
           f"<p>{s.get('models', 0)} Modelle, {s.get('steps', 0)} Schritte, "
           f"{len(result.clusters)} Duplikat-Cluster, {len(result.fragments)} Fragmente, "
           f"{len(result.doppelstrukturen)} Doppelstrukturen, {len(result.media_breaks)} "
           f"Medienbrüche.</p>", _toc(bool(diagrams)),
           "<h2 id='doppelstrukturen'>Doppelstrukturen</h2>"]
    if result.doppelstrukturen:
        out.append("<table><tr><th>Art</th><th>Name</th><th>Handlungsfelder</th>"
                   "<th>Organisationseinheiten</th><th>Leistungen</th></tr>")
        for d in result.doppelstrukturen[:limit]:
            link = f"<a href='#{e(d.ref)}'>{e(d.ref)}</a>" if d.kind == "cluster" else e(d.ref)
            services = ", ".join(d.services[:8]) + (" …" if len(d.services) > 8 else "")
            out.append(f"<tr><td>{'Cluster' if d.kind == 'cluster' else 'Fragment'} {link}"
                       f"</td><td>{e(d.name)}</td><td>{e(', '.join(d.handlungsfelder))}</td>"
                       f"<td>{len(d.departments)}<div class='small'>"
                       f"{e(', '.join(d.departments))}</div></td>"
                       f"<td>{len(d.services)}<div class='small'>{e(services)}</div></td></tr>")
        out.append("</table>")
    else:
        out.append("<p>Keine gefunden.</p>")
    out.append("<h2 id='cluster'>Duplikat-Cluster</h2>")
    for c in result.clusters[:limit]:
        tag = " <span class='tag'>Doppelstruktur</span>" if c.doppelstruktur else ""
        out.append(f"<h3 id='{e(c.id)}'>{e(c.id)} {e(c.canonical_name)} "
                   f"({c.services} Leistungen){tag}</h3>"
                   f"<p class='why'>{e(c.explanation.text())}</p><table><tr><th>Leistung</th>"
                   f"<th>Schritt (Schlüssel)</th><th>Bezeichnung</th><th>Handlungsfeld</th>"
                   f"<th>Organisationseinheit</th></tr>")
        for m in c.members[:limit]:
            out.append(f"<tr><td>{e(m.service_name)}</td><td>{e(m.key)}</td>"
                       f"<td>{e(m.label)}</td><td>{e(m.handlungsfeld or '')}</td>"
                       f"<td>{e(m.department or '')}</td></tr>")
        out.append("</table>")
    out.append("<h2 id='fragmente'>Wiederkehrende Fragmente</h2>"
               f"<p class='why'>{html.escape(_TIME_NOTE)}</p>"
               "<table><tr><th>Id</th><th>Schritte</th>"
               "<th>Leistungen</th><th>Mögliche Einsparung (Obergrenze)</th></tr>")
    for f in result.fragments[:limit]:
        joiner = " → " if f.kind == "chain" else " + "
        block = "" if f.kind == "chain" else " (Block)"
        out.append(f"<tr><td>{e(f.id)}{block}</td><td>{e(joiner.join(f.steps))}</td>"
                   f"<td>{e(', '.join(o.service_name for o in f.occurrences[:20]))}</td>"
                   f"<td>{e(_minutes(f.minutes_per_year))}</td></tr>")
    out.append("</table><h2 id='basisdienste'>Basisdienste</h2><table><tr><th>Basisdienst</th>"
               "<th>nutzen</th><th>selbst gebaut (erkannt an)</th><th>Begründung</th></tr>")
    for b in result.basisdienste:
        own: dict[str, str] = {}
        for r, evidence in zip(b.self_built, b.evidence, strict=False):
            own.setdefault(r.service_name, evidence)
        shown = [f"{name} („{evidence}“)" for name, evidence in sorted(own.items())[:30]]
        out.append(f"<tr><td>{e(b.name)}</td><td>{len({r.service_id for r in b.using})}</td>"
                   f"<td>{e(', '.join(shown))}</td><td>{e(b.reason)}</td></tr>")
    out.append("</table><h2 id='medienbrueche'>Medienbrüche je Handlungsfeld</h2>"
               "<table><tr><th>Handlungsfeld</th>"
               "<th>Medienbrüche</th></tr>")
    for field, counts in result.media_breaks_by_handlungsfeld.items():
        detail = ", ".join(f"{_MEDIA_NAMES.get(k, k)} {v}" for k, v in sorted(counts.items()))
        out.append(f"<tr><td>{e(field)}</td><td>{e(detail)}</td></tr>")
    out.append("</table><h2>Medienbrüche je Leistung</h2><table><tr><th>Leistung</th>"
               "<th>Medienbrüche</th></tr>")
    for service, counts in list(result.media_breaks_by_service.items())[:limit]:
        detail = ", ".join(f"{_MEDIA_NAMES.get(k, k)} {v}" for k, v in sorted(counts.items()))
        out.append(f"<tr><td>{e(service)}</td><td>{e(detail)}</td></tr>")
    out.append("</table>")
    if diagrams:
        out.append("<h2 id='diagramme'>Betroffene Diagramme</h2>"
                   "<p>Doppelte Schritte sind hervorgehoben.</p>")
        for service, figures in diagrams.items():
            for caption, svg in figures:
                # The SVG comes from the renderer, which escapes every label itself.
                out.append(f"<figure>{svg}<figcaption>{e(service)}: {e(caption)}"
                           f"</figcaption></figure>")
    out.append("</body></html>")
    return "\n".join(out)


def _toc(diagrams: bool) -> str:
    """The report's table of contents (a long register report needs one)."""
    items = [("doppelstrukturen", "Doppelstrukturen"), ("cluster", "Duplikat-Cluster"),
             ("fragmente", "Wiederkehrende Fragmente"), ("basisdienste", "Basisdienste"),
             ("medienbrueche", "Medienbrüche")]
    if diagrams:
        items.append(("diagramme", "Betroffene Diagramme"))
    links = "".join(f"<li><a href='#{anchor}'>{name}</a></li>" for anchor, name in items)
    return f"<nav aria-label='Inhalt'><h2>Inhalt</h2><ol>{links}</ol></nav>"


def highlight_map(result: AnalysisResult, *, limit: int = 100) -> dict[str, dict[str, str]]:
    """For each model (``model_id`` or service id) the step ids to highlight as duplicates."""
    marks: dict[str, dict[str, str]] = {}
    for cluster in result.clusters[:limit]:
        for m in cluster.members:
            marks.setdefault(m.model_id or m.service_id, {})[m.step_id] = "pm-duplicate"
    return marks
