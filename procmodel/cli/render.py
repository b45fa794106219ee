"""``procmodel render``: draw a BPMN diagram as SVG, PNG or PDF."""

from __future__ import annotations

from pathlib import Path

import click

from procmodel.cli import EXIT_OK, UnusableInput
from procmodel.settings import load_settings


def _message(language: str, german: str, english: str) -> str:
    return english if language == "en" else german


@click.command("render")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", required=True, metavar="OUT",
              help="Zieldatei; das Format folgt der Endung .svg, .png oder .pdf "
                   "('-' schreibt SVG auf die Standardausgabe) / output file")
@click.option("--diagram", "diagram_id", default=None, metavar="ID",
              help="Id des Diagramms oder #N für das N-te (Standard: das erste) "
                   "/ diagram id, or #N for the N-th (default: the first)")
@click.option("--layout", "force_layout", is_flag=True,
              help="Automatisch neu anordnen (graphviz), auch wenn das Modell ein Layout hat "
                   "/ lay out with graphviz even when the model has a diagram layer")
@click.option("--save-bpmn", "save_bpmn", default=None, metavar="FILE",
              help="Das Modell mit dem (erzeugten) Diagramm als BPMN speichern, "
                   "z. B. zum Öffnen im Modellierungswerkzeug / also write the model with its "
                   "diagram layer as BPMN")
@click.option("--lang", "language", type=click.Choice(["de", "en"]), default=None,
              help="Sprache von Titeln und Meldungen / language of titles and messages")
def render_command(file: str, output: str, diagram_id: str | None, force_layout: bool,
                   save_bpmn: str | None, language: str | None) -> int:
    """Ein BPMN-Diagramm als SVG, PNG oder PDF zeichnen.

    Draws one diagram of FILE true to its diagram layer (BPMN DI).  Models without a
    diagram layer are laid out automatically with graphviz.  Elements without diagram
    information are listed on stderr; everything else is still drawn.
    """
    import bpmn
    from bpmn.layout import auto_layout
    from bpmn.render import (
        DiagramNotFound,
        RenderError,
        elements_without_di,
        render_svg,
    )
    from bpmn.render.convert import FORMATS, convert
    from bpmn.writer import write_bpmn
    from bpmn.xmlsafe import ReadLimits

    settings = load_settings()
    language = language or str(settings.get("LANGUAGE") or "de")
    fmt = "svg" if output == "-" else Path(output).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise click.UsageError(_message(
            language,
            f"Unbekanntes Ausgabeformat '.{fmt}' – möglich sind .svg, .png, .pdf",
            f"unknown output format '.{fmt}'; use .svg, .png or .pdf",
        ))
    if not Path(file).is_file():
        raise UnusableInput(_message(language, f"{file}: Datei nicht gefunden",
                                     f"{file}: file not found"))
    try:
        model = bpmn.parse(file, limits=ReadLimits.from_settings(settings))
    except bpmn.UnreadableBpmn as exc:
        raise UnusableInput(exc.message(language)) from exc

    try:
        if force_layout or not model.diagrams:
            if not model.diagrams:
                click.echo(_message(
                    language,
                    f"{file}: kein Diagramm im Modell – wird automatisch angeordnet",
                    f"{file}: the model has no diagram; laying it out automatically",
                ), err=True)
            model = auto_layout(model)
            diagram_id = None
        svg = render_svg(model, diagram_id, language=language)
        data = convert(svg, fmt)
    except DiagramNotFound as exc:
        raise UnusableInput(str(exc)) from exc
    except RenderError as exc:
        raise UnusableInput(f"{file}: {exc}") from exc

    missing = elements_without_di(model)
    if missing:
        shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        click.echo(_message(
            language,
            f"{file}: {len(missing)} Element(e) ohne Diagramminformation, nicht gezeichnet: "
            f"{shown}",
            f"{file}: {len(missing)} element(s) without diagram information, not drawn: "
            f"{shown}",
        ), err=True)

    if output == "-":
        click.echo(svg, nl=False)
    else:
        Path(output).write_bytes(data)
    if save_bpmn:
        Path(save_bpmn).write_bytes(write_bpmn(model))
    return EXIT_OK


def register(group: click.Group) -> None:
    group.add_command(render_command)
