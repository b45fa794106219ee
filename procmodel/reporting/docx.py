"""The Sachstandsbericht as DOCX (python-docx) for the council's information system.

Same content and order as the HTML/PDF: title page, a table of contents field (Word
fills in the page numbers when the document is opened or on F9), headings with the
built-in heading styles (so the navigation pane and accessibility checkers see the
structure), tables with header rows, page numbers in the footer, language German.
Charts are embedded as PNG drawn from the same SVG by ``rsvg-convert``
(:mod:`procmodel.reporting.raster`); without that program the document says so and
keeps the tables, which carry the same figures.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from procmodel.reporting.data import FieldSection, Report
from procmodel.reporting.raster import INSTALL_HINT, converter_available, svg_to_png
from procmodel.strategy.periods import format_date_de


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """Insert a Word field (TOC, PAGE, NUMPAGES) into ``paragraph``."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    text = OxmlElement("w:t")
    text.text = placeholder
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, sep, text, end):
        run._r.append(element)


def _table(doc, caption: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    doc.add_paragraph(caption, style="Caption")
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    # repeat the header row on every page
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)


#: Printable width of an A4 page (portrait, landscape) with 2.5 cm margins.
_PAGE_WIDTH_CM = 16.0
_LANDSCAPE_WIDTH_CM = 24.7


def _chart(doc, svg: str, *, max_cm: float = _PAGE_WIDTH_CM) -> None:
    """Embed one SVG chart as a PNG, as wide as its SVG but at most the page width."""
    png = svg_to_png(svg)
    if png is None:
        return
    match = re.search(r'<svg[^>]*\bwidth="(\d+(?:\.\d+)?)"', svg)
    width_px = float(match.group(1)) if match else 640.0
    # 96 px per inch nominal size of the SVG
    width_cm = min(max_cm, width_px / 96.0 * 2.54)
    label = re.search(r'aria-label="([^"]*)"', svg)
    doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
    if label:
        # alternative text for screen readers (Word's "Alt Text" = docPr/@descr)
        doc_pr = doc.inline_shapes[-1]._inline.docPr
        doc_pr.set("descr", _unescape(label.group(1)))


def _orientation(doc, *, landscape: bool) -> None:
    """Start a new section (new page) in landscape or portrait A4."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    width, height = sorted((section.page_width, section.page_height))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&#x27;", "'").replace("&#39;", "'").replace("&amp;", "&"))


def _delta(a, b) -> str:
    if a.value is None or b.value is None:
        return "–"
    d = b.value - a.value
    sign = "+" if d > 0 else ("±" if d == 0 else "−")
    return f"{sign}{abs(d):.1f} Pp.".replace(".", ",", 1)


def _section(doc, s: FieldSection) -> None:
    f = s.figures
    doc.add_heading(f"Handlungsfeld {s.name}", level=1)
    if s.narrative:
        doc.add_heading(s.narrative.title, level=2)
        _narrative(doc, s.narrative)
    doc.add_heading("Bestand", level=2)
    _table(doc, f"{s.name}: Kennzahlen am Anfang und am Ende des Zeitraums",
           ["Kennzahl", "Anfang", "Ende"],
           [["Leistungen", f.services_start, f.services],
            ["OZG-konform (Reifegrad ≥ 3)", f.conformant_start.display(), f.conformant.display()],
            ["Online-Anteil der Fallzahl", f.online_start.display(), f.online.display()]])
    levels = sorted(k for k in f.by_reifegrad if k is not None)
    rows = [[str(k), f.by_reifegrad[k]] for k in levels]
    if f.by_reifegrad.get(None):
        rows.append(["ohne", f.by_reifegrad[None]])
    _chart(doc, s.reifegrad_chart)
    _table(doc, "Leistungen nach Reifegrad", ["Reifegrad", "Leistungen"], rows)
    if f.by_status:
        _table(doc, "Leistungen nach Umsetzungsstatus", ["Umsetzungsstatus", "Leistungen"],
               sorted(f.by_status.items()))
    if f.overdue_services:
        doc.add_paragraph("Zieltermin überschritten: " + ", ".join(f.overdue_services) + ".")
    doc.add_heading("Ziele", level=2)
    if s.targets:
        _table(doc, f"{s.name}: Ziele, Soll und Ist",
               ["Ziel", "Messgröße", "Zielwert", "Anfang", "Ist", "Trend", "Bewertung"],
               [[a.target.name, a.target.rule.describe_de(a.target.handlungsfeld),
                 _goal(a), a.previous_de(), a.current_de(), a.trend or "–", a.status_de]
                for a in s.targets])
        for chart in s.target_charts:
            _chart(doc, chart)
    else:
        doc.add_paragraph("Keine Ziele festgelegt.")
    doc.add_heading("Statusänderungen im Zeitraum", level=2)
    if s.service_change_counts:
        doc.add_paragraph("Änderungen an Leistungen im Zeitraum: " + "; ".join(
            f"{k} {v}" for k, v in sorted(s.service_change_counts.items())) + ".")
    if s.service_changes:
        more = (f", die neuesten; {s.service_changes_omitted} ältere sind im Register "
                "verzeichnet" if s.service_changes_omitted else "")
        _table(doc, f"{s.name}: Änderungen an Status, Reifegrad und Zielen "
               f"({len(s.service_changes)}{more})",
               ["Datum", "Leistung", "Feld", "alt", "neu", "Bemerkung"],
               [[c.day, c.subject, c.field, c.old, c.new, c.comment]
                for c in s.service_changes])
    elif not s.service_change_counts:
        doc.add_paragraph("Keine Statusänderungen im Zeitraum.")
    doc.add_heading("Projekte und Meilensteine", level=2)
    for label, items in (("Abgeschlossene Projekte", s.finished_projects),
                         ("Laufende Projekte", s.running_projects),
                         ("Überfällige Projekte", s.overdue_projects)):
        names = ", ".join(i.name for i in items) or "keine"
        doc.add_paragraph(f"{label}: {names}", style="List Bullet")
    rows = [[e.project, e.milestone.name, e.due, e.done,
             "erreicht, verspätet" if e.milestone.late else "erreicht"]
            for e in s.finished_milestones]
    rows += [[e.project, e.milestone.name, e.due, "–", "überfällig"]
             for e in s.late_milestones if not e.milestone.done_on]
    if rows:
        _table(doc, f"{s.name}: Meilensteine",
               ["Projekt", "Meilenstein", "fällig", "erreicht", "Bewertung"], rows)
    if s.timeline_changes:
        _table(doc, f"{s.name}: Änderungen an Zielen und Projekten",
               ["Datum", "Gegenstand", "Feld", "alt", "neu"],
               [[c.day, c.subject, c.field, c.old, c.new] for c in s.timeline_changes])
    doc.add_heading("Doppelstrukturen und Medienbrüche", level=2)
    d = s.duplicates
    if d.cross_end is None:
        doc.add_paragraph("Für diesen Stand liegt keine Duplikatanalyse vor.")
    else:
        doc.add_paragraph(
            f"Doppelstrukturen mit anderen Handlungsfeldern: "
            f"{'–' if d.cross_start is None else d.cross_start} am Anfang, {d.cross_end} am "
            f"Ende des Zeitraums; Medienbrüche: {'–' if d.media_start is None else d.media_start}"
            f" → {d.media_end}.")
    doc.add_heading("Ausblick", level=2)
    if s.outlook:
        for i in s.outlook:
            prio = f", Priorität {i.priority}" if i.priority else ""
            doc.add_paragraph(f"{i.name} ({format_date_de(i.start)} – {format_date_de(i.end)}"
                              f"{prio})", style="List Bullet")
    else:
        doc.add_paragraph("Keine geplanten Vorhaben eingetragen.")


def _narrative(doc, narrative) -> None:
    """A narrative section's paragraphs and bullet lists (Word's list style)."""
    for kind, content in narrative.blocks:
        if kind == "ul":
            for item in content:
                doc.add_paragraph(item, style="List Bullet")
        else:
            doc.add_paragraph(content)


def _goal(a) -> str:
    goal = a.target.rule.goal_de()
    if a.target.rule.relative and a.goal is not None:
        goal += f" (= {a.goal_display()})"
    return goal


def render_docx(report: Report) -> bytes:
    """The DOCX bytes of ``report``."""
    doc = Document()
    first = doc.sections[0]  # python-docx's template is US Letter: the council prints A4
    first.page_width, first.page_height = Cm(21.0), Cm(29.7)
    first.left_margin = first.right_margin = Cm(2.5)
    props = doc.core_properties
    props.title = f"{report.title} {report.period.title_de}"
    props.author = report.organisation
    props.language = "de-DE"
    props.subject = report.period_de
    normal = doc.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "de-DE")
    normal.element.get_or_add_rPr().append(lang)

    doc.add_paragraph(report.organisation)
    doc.add_paragraph(report.title, style="Title")
    doc.add_paragraph(report.period_de, style="Subtitle")
    doc.add_paragraph(f"Stand der Zahlen: {report.as_of_de}"
                      + ("" if report.complete else " (Zeitraum läuft noch)"))
    doc.add_paragraph(f"Erstellt am {report.generated_at:%d.%m.%Y} mit procmodel")
    if not converter_available():
        doc.add_paragraph("Hinweis: Diagramme fehlen in dieser Fassung, weil bei der Erzeugung "
                          f"kein SVG-Umwandler vorhanden war ({INSTALL_HINT}); die Tabellen "
                          "enthalten dieselben Zahlen. Die PDF-Fassung enthält alle Diagramme.")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("Inhalt", level=1)
    _field(doc.add_paragraph(), r'TOC \o "1-2" \h \z \u',
           "Inhaltsverzeichnis: in Word mit F9 aktualisieren.")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    footer = doc.sections[0].footer.paragraphs[0]
    footer.add_run("Seite ")
    _field(footer, "PAGE", "1")
    footer.add_run(" von ")
    _field(footer, "NUMPAGES", "1")

    doc.add_heading("Zusammenfassung", level=1)
    if report.general:
        if report.general.title != "Zusammenfassung":
            doc.add_heading(report.general.title, level=2)
        _narrative(doc, report.general)
    rows = []
    for f in [s.figures for s in report.sections] + [report.total]:
        share = f.conformant.display()
        if f.conformant.denominator:
            share += f" ({int(f.conformant.numerator)} von {int(f.conformant.denominator)})"
        rows.append([f.name, f.services, share, _delta(f.conformant_start, f.conformant),
                     f.online.display(), len(f.overdue_services)])
    _table(doc, f"Bestand je Handlungsfeld, Stand {report.as_of_de}",
           ["Handlungsfeld", "Leistungen", "OZG-konform (Reifegrad ≥ 3)",
            "Veränderung im Zeitraum", "Online-Anteil Fallzahl", "Zieltermin überschritten"], rows)
    _chart(doc, report.overview_chart)
    if report.all_targets:
        _table(doc, f"Zielerreichung, Stand {report.as_of_de}",
               ["Ziel", "Handlungsfeld", "Zielwert", "Ist", "Trend", "Bewertung"],
               [[a.target.name, a.target.handlungsfeld, _goal(a), a.current_de(),
                 a.trend or "–", a.status_de] for a in report.all_targets])
    for section in report.sections:
        _section(doc, section)

    # the Gantt chart on a landscape page, as in the PDF
    _orientation(doc, landscape=True)
    doc.add_heading("Zeitplan", level=1)
    doc.add_paragraph(
        f"Projekte und Maßnahmen aller Handlungsfelder; die rote Linie markiert den "
        f"{report.as_of_de}, überfällige Vorhaben sind rot umrandet, Meilensteine als Rauten "
        "(grün: erreicht, rot: überfällig); Pfeile zeigen Abhängigkeiten (rot: der Vorgänger "
        "endet zu spät), orange Punkte Vorhaben derselben verantwortlichen Stelle, die "
        "zeitgleich laufen.")
    _chart(doc, report.gantt_svg, max_cm=_LANDSCAPE_WIDTH_CM)
    _orientation(doc, landscape=False)

    doc.add_heading("Doppelstrukturen und Medienbrüche", level=1)
    d0, d1 = report.duplicates_start, report.duplicates_end
    if d1.analysed_at:
        def start(value):
            return value if d0.analysed_at else "–"
        _table(doc, f"Ergebnisse der Duplikatanalyse (Analyse vom {d1.analysed_at:%d.%m.%Y})",
               ["Kennzahl", "Anfang", "Ende"],
               [["Doppelstrukturen gesamt", start(d0.total), d1.total],
                ["davon zwischen Handlungsfeldern", start(d0.cross_field), d1.cross_field],
                ["Medienbrüche", start(d0.media_breaks), d1.media_breaks]])
        dc = report.duplicate_changes
        if dc and d0.analysed_at == d1.analysed_at:
            doc.add_paragraph("Im Zeitraum wurde keine neue Analyse gespeichert; die Zahlen "
                              f"stammen aus der Analyse vom {d1.analysed_at:%d.%m.%Y}.")
        elif dc:
            doc.add_paragraph(
                f"Im Zeitraum neu gefunden: {dc.structures_found} Doppelstrukturen und "
                f"{dc.media_found} Medienbrüche; aufgelöst: {dc.structures_resolved} "
                f"Doppelstrukturen und {dc.media_resolved} Medienbrüche.")
    else:
        doc.add_paragraph(f"Bis zum {report.as_of_de} wurde keine Duplikatanalyse gespeichert.")
    doc.add_heading("Methodik", level=1)
    doc.add_paragraph(
        f"Alle Zahlen beschreiben den Stand am Ende des {report.as_of_de} (Ortszeit Berlin) "
        "und werden aus dem Änderungsverlauf des Registers berechnet; ein später erzeugter "
        "Bericht für denselben Zeitraum zeigt dieselben Zahlen.")
    if report.all_targets:
        _table(doc, "Zielregeln", ["Ziel", "Regel"],
               [[a.target.name, a.target.rule.text()] for a in report.all_targets])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
