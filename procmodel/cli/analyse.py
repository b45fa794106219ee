"""``procmodel match``, ``procmodel analyse`` and ``procmodel decide``.

``match`` compares two BPMN files step by step; ``analyse`` looks for duplicate
steps, recurring fragments, Doppelstrukturen, Basisdienste and media breaks over a
folder of BPMN files or over the register; ``decide`` stores an analyst's verdict on
a suggested pair in the register, so that a rejected pair stays rejected.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

import click

from procmodel.cli import EXIT_FINDINGS, EXIT_OK, UnusableInput
from procmodel.cli.context import db_option, open_register
from procmodel.settings import load_settings


def _language(synonyms_file: str | None = None):
    from procmodel.labels import ResourceError, default_language

    synonyms = synonyms_file or load_settings().get("SYNONYMS_FILE")
    try:
        return default_language(str(synonyms) if synonyms else None)
    except ResourceError as exc:
        raise UnusableInput(str(exc)) from exc


def _message_language(language: str | None) -> str:
    return language or ("en" if load_settings().get("LANGUAGE") == "en" else "de")


def unreadable_message(path: str, exc: Exception, language: str = "de") -> str:
    """One line naming the file once: "a.txt, Zeile 1: Die Datei ist keine …".

    Uses the finding of :class:`bpmn.UnreadableBpmn` (line, element, German and
    English message) rather than ``str(exc)``, which may carry the place already.
    """
    finding = getattr(exc, "finding", None)
    if finding is None:
        return f"{path}: {exc}"
    where = path
    if finding.line:
        where += f", {'Zeile' if language == 'de' else 'line'} {finding.line}"
    if finding.element_id:
        where += f", {'Element' if language == 'de' else 'element'} {finding.element_id}"
    return f"{where}: {finding.message(language)}"


def _parse_file(path: str, language: str = "de"):
    import bpmn

    try:
        return bpmn.parse(Path(path), filename=str(path))
    except bpmn.BpmnError as exc:
        raise UnusableInput(unreadable_message(path, exc, language)) from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        text = ("Datei nicht lesbar" if language == "de" else "cannot read file")
        raise UnusableInput(f"{path}: {text} ({reason})") from exc


@click.command("match")
@click.argument("model_a", type=click.Path(dir_okay=False))
@click.argument("model_b", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Ausgabeformat / output format")
@click.option("--threshold", type=float, default=None,
              help="Mindestähnlichkeit 0–1 (Standard aus der Kreuzvalidierung)")
@click.option("--synonyms", "synonyms_file", type=click.Path(exists=True, dir_okay=False),
              default=None, help="eigene Synonymliste (statt Einstellung SYNONYMS_FILE)")
@click.option("--subsumption/--no-subsumption", default=True, show_default=True,
              help="1:n-Paare, wenn ein Schritt in einem umfassenderen enthalten ist "
              "(„Bescheid erstellen und versenden“ ⊇ „Bescheid versenden“); "
              "--no-subsumption: nur Gleichwertiges")
@click.option("--lang", "language", type=click.Choice(["de", "en"]), default=None,
              help="Sprache der Begründungen und Meldungen (Standard: Einstellung LANGUAGE) "
              "/ language of reasons and messages")
def match_command(model_a: str, model_b: str, fmt: str, threshold: float | None,
                  synonyms_file: str | None, subsumption: bool, language: str | None) -> int:
    """Entsprechende Schritte zweier Modelle / corresponding steps of two models.

    Prints one row per pair of flow nodes (source in MODEL_A, target in MODEL_B)
    with the similarity score and why they were matched; ``--format csv`` prints
    ``source_id,target_id,score``.
    """
    from dataclasses import replace

    from procmodel.analysis import MatchSettings, match_models

    language = _message_language(language)
    a = _parse_file(model_a, language)
    b = _parse_file(model_b, language)
    settings = MatchSettings(subsumption=subsumption)
    if threshold is not None:
        if not 0 <= threshold <= 1:
            raise click.BadParameter("zwischen 0 und 1 / between 0 and 1", param_hint="--threshold")
        settings = replace(settings, threshold=threshold)
    pairs = match_models(a, b, settings=settings, language=_language(synonyms_file))
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["source_id", "target_id", "score"])
        for c in pairs:
            writer.writerow([c.source_id, c.target_id, f"{c.score:.4f}"])
        click.echo(out.getvalue(), nl=False)
    elif fmt == "json":
        click.echo(json.dumps({"source": model_a, "target": model_b,
                               "correspondences": [c.to_dict() for c in pairs]},
                              ensure_ascii=False, indent=2))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{Path(model_a).name} ↔ {Path(model_b).name}")
        columns = (("Schritt A", "Schritt B", "Ähnlichkeit", "Art", "Begründung")
                   if language == "de" else ("Step A", "Step B", "Similarity", "Kind", "Reason"))
        for column in columns:
            table.add_column(column)
        for c in pairs:
            table.add_row(f"{c.source_label} [{c.source_id}]", f"{c.target_label} [{c.target_id}]",
                          f"{c.score:.2f}", c.kind, c.reason.text(language))
        console = Console()
        if not console.is_terminal:
            # Piped or captured output: do not wrap labels at 80 columns.
            console = Console(width=200)
        console.print(table)
        click.echo(f"{len(pairs)} Entsprechungen" if language == "de"
                   else f"{len(pairs)} correspondences")
    return EXIT_OK


def _read_context(path: Path) -> dict[str, dict[str, str]]:
    """The optional context table: one row per file (columns documented in docs/analysis.md)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UnusableInput(f"{path}: Kontextdatei nicht lesbar / unreadable: {exc}") from exc
    if rows and "file" not in rows[0]:
        raise UnusableInput(f"{path}: Spalte „file“ fehlt / column 'file' missing")
    return {row["file"]: row for row in rows}


def _number(value: str | None, cast, where: str):
    if value in (None, ""):
        return None
    try:
        return cast(value)
    except ValueError as exc:
        raise UnusableInput(f"{where}: „{value}“ ist keine Zahl / not a number") from exc


def folder_entries(folder: Path, context_file: Path | None, progress=None):
    """(entries, problems): every readable BPMN file below ``folder`` as a ModelEntry."""
    import bpmn
    from procmodel.analysis import ModelEntry

    files = sorted(p for p in folder.rglob("*.bpmn") if p.is_file())
    if not files:
        raise UnusableInput(f"{folder}: keine .bpmn-Dateien / no .bpmn files")
    context_path = context_file or (folder / "procmodel-context.csv")
    context = _read_context(context_path) if context_path.is_file() else {}
    entries, problems = [], []
    for n, path in enumerate(files, 1):
        rel = path.relative_to(folder).as_posix()
        try:
            model = bpmn.parse(path, filename=rel)
        except bpmn.BpmnError as exc:
            problems.append(unreadable_message(rel, exc))
            continue
        row = context.get(rel, {})
        # Without a context row the file names the service: pool names ("Antragsteller",
        # "Bürgeramt") name roles more often than services.
        name = row.get("service") or path.stem.replace("_", " ")
        entries.append(ModelEntry(
            model=model, service_id=row.get("service_id") or rel, service_name=name,
            handlungsfeld=row.get("handlungsfeld") or None,
            department=row.get("department") or None,
            fallzahl=_number(row.get("fallzahl"), int, f"{context_path}: {rel}"),
            bearbeitungszeit=_number(row.get("bearbeitungszeit"), float, f"{context_path}: {rel}"),
            model_id=rel,
        ))
        if progress:
            progress(n, len(files))
    return entries, problems


def _read_decisions(path: Path):
    from procmodel.analysis import Decision

    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UnusableInput(f"{path}: nicht lesbar / unreadable: {exc}") from exc
    decisions = []
    for line, row in enumerate(rows, 2):
        verdict = (row.get("verdict") or "").strip()
        if verdict not in ("confirmed", "rejected") or not row.get("step_a") or not row.get(
                "step_b"):
            raise UnusableInput(f"{path}:{line}: erwartet step_a,step_b,verdict "
                                f"(confirmed|rejected) / expected step_a,step_b,verdict")
        decisions.append(Decision(row["step_a"].strip(), row["step_b"].strip(), verdict))
    return decisions


def _render_diagrams(result, models: dict[str, object], captions: dict[str, str],
                     limit: int = 12):
    """SVGs of the models with the most duplicate steps, duplicates highlighted.

    Keyed by the model's caption ("Baugenehmigung – Ist, Version 2"), not its id.
    """
    from procmodel.analysis.reports import highlight_map

    try:
        from bpmn.render import render_svg
    except ImportError:  # the renderer is optional for the report
        return {}
    marks = highlight_map(result)
    ranked = sorted(marks.items(), key=lambda kv: -len(kv[1]))[:limit]
    diagrams: dict[str, list[tuple[str, str]]] = {}
    for model_id, highlight in ranked:
        model = models.get(model_id)
        if model is None:
            continue
        try:
            svg = render_svg(model, highlight=highlight)
        except Exception as exc:  # one bad drawing must not lose the whole report
            click.echo(f"Hinweis: Diagramm {captions.get(model_id, model_id)} nicht "
                       f"gezeichnet: {exc}", err=True)
            continue
        count = len(highlight)
        diagrams.setdefault(captions.get(model_id, model_id), []).append(
            (f"{count} doppelte{'r' if count == 1 else ''} Schritt{'' if count == 1 else 'e'}",
             svg))
    return diagrams


def _write_report(result, fmt: str, output: str | None, models: dict[str, object],
                  captions: dict[str, str]) -> None:
    from procmodel.analysis import reports

    if fmt == "json":
        text = reports.to_json(result)
    elif fmt == "csv":
        text = reports.to_csv(result)
    elif fmt == "md":
        text = reports.to_markdown(result)
    else:
        text = reports.to_html(result, diagrams=_render_diagrams(result, models, captions))
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@click.command("analyse")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--format", "fmt", type=click.Choice(["html", "md", "csv", "json"]),
              default="md", show_default=True, help="Berichtsformat / report format")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Zieldatei (sonst Standardausgabe) / output file")
@click.option("--context", "context_file", type=click.Path(exists=True, dir_okay=False),
              default=None, help="CSV mit Leistung, Handlungsfeld, Organisationseinheit, "
              "Fallzahl, Bearbeitungszeit je Datei (Ordner-Modus)")
@click.option("--decisions", "decisions_file", type=click.Path(exists=True, dir_okay=False),
              default=None, help="CSV step_a,step_b,verdict (Ordner-Modus; im Register "
              "kommen die Entscheidungen aus der Datenbank)")
@click.option("--kind", type=click.Choice(["ist", "soll", "all"]), default="ist",
              show_default=True, help="Register: welche Modelle / which models")
@click.option("--no-store", is_flag=True, help="Register: Ergebnis nicht speichern")
@click.option("--synonyms", "synonyms_file", type=click.Path(exists=True, dir_okay=False),
              default=None, help="eigene Synonymliste (statt Einstellung SYNONYMS_FILE)")
def analyse_command(path: str | None, db: str | None, fmt: str, output: str | None,
                    context_file: str | None, decisions_file: str | None, kind: str,
                    no_store: bool, synonyms_file: str | None) -> int:
    """Doppelstrukturen finden / find duplicate structures.

    Over the BPMN files below PATH, or over the current models of the register when
    no PATH is given: duplicate steps, recurring fragments, Doppelstrukturen across
    Handlungsfelder and departments, Basisdienste and media breaks.
    """
    from rich.progress import Progress

    from procmodel.analysis import analyse

    language = _language(synonyms_file)
    problems: list[str] = []
    stored_as = None
    with Progress(transient=True, console=_stderr_console()) as bar:
        reading = bar.add_task("Modelle lesen", total=None)

        def step(done: int, total: int) -> None:
            bar.update(reading, completed=done, total=total)

        stages = bar.add_task("Analyse", total=None)

        def report(stage: str, done: int, total: int) -> None:
            bar.update(stages, description=f"Analyse: {_STAGES.get(stage, stage)}",
                       completed=done, total=total)

        if path:
            entries, problems = folder_entries(Path(path), Path(context_file)
                                               if context_file else None, step)
            decisions = _read_decisions(Path(decisions_file)) if decisions_file else []
            result = analyse(entries, decisions=decisions, language=language, progress=report)
        else:
            entries, decisions, problems, captions = _register_entries(
                db, None if kind == "all" else kind, step)
            result = analyse(entries, decisions=decisions, language=language, progress=report)
            if not no_store:
                from inventory.analysis_store import store_run

                with open_register(db) as session:
                    stored_as = store_run(session, result, source="register").id
    models = {e.model_id or e.service_id: e.model for e in entries}
    if path:
        captions = {e.model_id or e.service_id: f"{e.service_name} ({e.model_id})"
                    if e.model_id and e.model_id != e.service_name else e.service_name
                    for e in entries}
    _write_report(result, fmt, output, models, captions)
    for problem in problems:
        click.echo(f"nicht lesbar: {problem}", err=True)
    if output:
        click.echo(f"{len(result.clusters)} Cluster, {len(result.fragments)} Fragmente, "
                   f"{len(result.doppelstrukturen)} Doppelstrukturen → {output}", err=True)
    if stored_as is not None:
        # Storing changes what the web and the Sachstandsbericht show: say so.
        click.echo(f"Als Analyselauf {stored_as} im Register gespeichert; Web und Bericht "
                   f"zeigen jetzt dieses Ergebnis (--no-store: nur Bericht).", err=True)
    elif not path:
        click.echo("Nicht im Register gespeichert (--no-store).", err=True)
    return EXIT_FINDINGS if problems else EXIT_OK


#: German names of the analysis stages for the progress line.
_STAGES = {"steps": "Schritte lesen", "similarity": "Ähnlichkeiten", "clusters": "Cluster",
           "fragments": "Fragmente", "done": "fertig"}


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def _register_entries(db: str | None, kind: str | None, progress):
    import bpmn
    from inventory.analysis_store import load_decisions, register_models
    from procmodel.analysis import ModelEntry

    with open_register(db) as session:
        stored = register_models(session, kind=kind)
        decisions = load_decisions(session)
    entries, problems = [], []
    captions: dict[str, str] = {}
    for n, item in enumerate(stored, 1):
        try:
            model = bpmn.parse(item.data, filename=item.filename)
        except bpmn.BpmnError as exc:
            problems.append(unreadable_message(f"{item.service_name} ({item.filename})", exc))
            continue
        entries.append(ModelEntry(
            model=model, service_id=str(item.service_id), service_name=item.service_name,
            handlungsfeld=item.handlungsfeld, department=item.department,
            fallzahl=item.fallzahl, bearbeitungszeit=item.bearbeitungszeit,
            model_id=f"{item.service_id}/{item.kind}/{item.version_id}",
        ))
        version = getattr(item, "number", None)
        captions[f"{item.service_id}/{item.kind}/{item.version_id}"] = (
            f"{item.service_name} – {'Ist' if item.kind == 'ist' else 'Soll'}"
            + (f", Version {version}" if version else ""))
        progress(n, len(stored))
    if not stored:
        raise UnusableInput("Das Register enthält keine Prozessmodelle / the register has no "
                            "process models")
    return entries, decisions, problems, captions


@click.command("decide")
@click.argument("step_a")
@click.argument("step_b")
@click.argument("verdict", type=click.Choice(["confirmed", "rejected"]))
@click.option("--comment", default=None, help="Begründung / comment")
@db_option
def decide_command(step_a: str, step_b: str, verdict: str, comment: str | None,
                   db: str | None) -> int:
    """Vorschlag bestätigen oder verwerfen / confirm or reject a suggested pair.

    STEP_A and STEP_B are step keys as in the analysis output (``service#element``).
    A rejected pair is never reported as a duplicate again.
    """
    from inventory.analysis_store import record_decision
    from inventory.errors import InventoryError

    try:
        with open_register(db) as session:
            record_decision(session, step_a, step_b, verdict, comment=comment)
    except InventoryError as exc:
        raise UnusableInput(str(exc)) from exc
    click.echo(f"{verdict}: {step_a} / {step_b}")
    return EXIT_OK


def register(group: click.Group) -> None:
    group.add_command(match_command)
    group.add_command(analyse_command)
    group.add_command(decide_command)


__all__: Sequence[str] = ("folder_entries", "register")
