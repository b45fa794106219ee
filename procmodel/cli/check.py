"""``procmodel check`` and ``procmodel info``: validate BPMN files and describe them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click

from procmodel.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, UnusableInput
from procmodel.findings import Finding, Severity
from procmodel.settings import load_settings

_SEVERITY_WORDS = {
    "de": {Severity.ERROR: "Fehler", Severity.WARNING: "Warnung", Severity.INFO: "Hinweis"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}


@dataclass
class FileResult:
    """What ``check`` found for one file: its findings, or why it is unusable."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    unreadable: Finding | None = None

    @property
    def exit_code(self) -> int:
        if self.unreadable is not None:
            return EXIT_UNUSABLE
        if any(f.severity is Severity.ERROR for f in self.findings):
            return EXIT_FINDINGS
        return EXIT_OK

    @property
    def status(self) -> str:
        return {EXIT_OK: "ok", EXIT_FINDINGS: "errors", EXIT_UNUSABLE: "unreadable"}[
            self.exit_code
        ]

    def to_dict(self) -> dict[str, object]:
        findings = [self.unreadable] if self.unreadable else self.findings
        return {
            "file": self.file,
            "status": self.status,
            "errors": sum(f.severity is Severity.ERROR for f in findings),
            "warnings": sum(f.severity is Severity.WARNING for f in findings),
            "findings": [f.to_dict() for f in findings],
        }


def check_files(
    paths: Sequence[str], *, disabled: Sequence[str] = (), schema: bool = True,
    settings: dict[str, object] | None = None,
) -> list[FileResult]:
    """Read and validate every file; one :class:`FileResult` each, in the given order."""
    import bpmn
    from bpmn.xmlsafe import ReadLimits

    settings = settings if settings is not None else load_settings()
    limits = ReadLimits.from_settings(settings)
    results = []
    for path in paths:
        try:
            result = bpmn.read(path, limits=limits, schema=schema, disabled_rules=disabled)
        except bpmn.UnreadableBpmn as exc:
            results.append(FileResult(path, unreadable=exc.finding))
            continue
        results.append(FileResult(path, findings=list(result.findings)))
    return results


def _summary(result: FileResult, language: str) -> str:
    if result.unreadable is not None:
        return "nicht lesbar" if language == "de" else "unreadable"
    errors = sum(f.severity is Severity.ERROR for f in result.findings)
    warnings = sum(f.severity is Severity.WARNING for f in result.findings)
    infos = len(result.findings) - errors - warnings
    if not result.findings:
        return "in Ordnung" if language == "de" else "ok"
    if language == "de":
        parts = [f"{errors} Fehler", f"{warnings} Warnung{'en' if warnings != 1 else ''}"]
        if infos:
            parts.append(f"{infos} Hinweis{'e' if infos != 1 else ''}")
    else:
        parts = [f"{errors} error{'s' if errors != 1 else ''}",
                 f"{warnings} warning{'s' if warnings != 1 else ''}"]
        if infos:
            parts.append(f"{infos} info")
    return ", ".join(parts)


def _render_text(results: Sequence[FileResult], language: str) -> str:
    words = _SEVERITY_WORDS[language]
    lines: list[str] = []
    for result in results:
        lines.append(f"{result.file}: {_summary(result, language)}")
        findings = [result.unreadable] if result.unreadable else result.findings
        for finding in findings:
            lines.append(
                f"  {words[finding.severity]:<8} {finding.location(language)} "
                f"({finding.rule}): {finding.message(language)}"
            )
    return "\n".join(lines)


def check_rule_ids(rule_ids: Sequence[str], source_de: str, source_en: str) -> None:
    """Refuse unknown rule ids (a typo would silently leave the rule switched on).

    Which ids exist, which one a typo most likely meant and how that is worded is
    ``bpmn.rules``' business (:func:`~bpmn.rules.unknown_rules_message`); the CLI adds
    where the ids came from and the list of known ids.
    """
    from bpmn.rules import known_rule_ids, unknown_rules_message

    problem = unknown_rules_message(rule_ids)
    if problem is None:
        return
    listing = ", ".join(sorted(known_rule_ids()))
    raise UnusableInput(
        f"{source_de}: {problem[0]} Bekannt sind: {listing}. / {source_en}: {problem[1]}"
    )


def expand_paths(paths: Sequence[str]) -> list[str]:
    """Files as given; a folder stands for every ``*.bpmn`` below it, sorted."""
    expanded: list[str] = []
    for path in paths:
        folder = Path(path)
        if folder.is_dir():
            found = sorted(str(p) for p in folder.rglob("*.bpmn") if p.is_file())
            if not found:
                raise UnusableInput(
                    f"Im Ordner {path} gibt es keine .bpmn-Datei. / "
                    f"There is no .bpmn file in the folder {path}."
                )
            expanded.extend(found)
        else:
            expanded.append(path)
    return expanded


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Ausgabeformat / output format")
@click.option("--lang", "language", type=click.Choice(["de", "en"]), default=None,
              help="Sprache der Meldungen (Standard: Einstellung LANGUAGE) / message language")
@click.option("--disable", "disable", multiple=True, metavar="RULE",
              help="Regel abschalten (mehrfach, auch kommagetrennt); zusätzlich zur Einstellung "
              "DISABLED_RULES / switch a rule off")
@click.option("--schema/--no-schema", default=None,
              help="Gegen das BPMN-2.0-XML-Schema prüfen (Standard: Einstellung SCHEMA_CHECK)")
@click.pass_context
def check_command(
    ctx: click.Context, files: tuple[str, ...], output_format: str, language: str | None,
    disable: tuple[str, ...], schema: bool | None,
) -> None:
    """Prüft BPMN-Dateien und zeigt alle Befunde je Datei.

    Check BPMN files and show every finding per file; a folder stands for every
    .bpmn file below it.  Exit code 0: no errors; 1: errors found; 2: a file cannot
    be read as BPMN at all.  Over several files the worst result decides.
    """
    settings = load_settings()
    language = language or str(settings.get("LANGUAGE") or "de")
    if language not in _SEVERITY_WORDS:
        language = "de"
    from_settings = [str(rule) for rule in settings.get("DISABLED_RULES", ())]  # type: ignore[attr-defined]
    check_rule_ids(from_settings, "Einstellung DISABLED_RULES", "setting DISABLED_RULES")
    given = [part.strip() for value in disable for part in value.split(",") if part.strip()]
    check_rule_ids(given, "--disable", "--disable")
    disabled = [*from_settings, *given]
    use_schema = bool(settings.get("SCHEMA_CHECK", True)) if schema is None else schema
    paths = expand_paths(files)
    results = check_files(paths, disabled=disabled, schema=use_schema, settings=settings)
    code = max(r.exit_code for r in results)
    if output_format == "json":
        click.echo(json.dumps(
            {"exit_code": code, "files": [r.to_dict() for r in results]},
            ensure_ascii=False, indent=2,
        ))
    else:
        click.echo(_render_text(results, language))
    ctx.exit(code)


def describe(path: str) -> dict[str, object]:
    """What ``info`` shows: element counts, processes, participants and diagrams."""
    import bpmn
    from bpmn.counts import count_elements
    from bpmn.reader import load_root
    from bpmn.reader_definitions import read_definitions
    from bpmn.xmlsafe import ReadLimits

    limits = ReadLimits.from_settings(load_settings())
    try:
        root, _data, filename, _warnings = load_root(path, limits=limits)
    except bpmn.UnreadableBpmn as exc:
        raise UnusableInput(exc.message()) from exc
    model = read_definitions(root, filename)
    return {
        "file": path,
        "id": model.id,
        "name": model.name,
        "exporter": model.exporter,
        "exporter_version": model.exporter_version,
        "counts": count_elements(root),
        "processes": [
            {"id": p.id, "name": p.name, "is_executable": p.is_executable,
             "flow_nodes": len(p.flow_nodes), "sequence_flows": len(p.sequence_flows)}
            for p in model.processes
        ],
        "participants": [
            {"id": p.id, "name": p.name, "process_ref": p.process_ref}
            for p in model.participants
        ],
        "diagrams": [
            {"id": d.id, "name": d.name, "plane_element_id": d.plane_element_id,
             "shapes": len(d.shapes), "edges": len(d.edges)}
            for d in model.diagrams
        ],
    }


def _unreadable_info(path: str, exc: UnusableInput) -> dict[str, object]:
    """``info``'s JSON for a file that cannot be read: why, as a finding where known."""
    import bpmn

    data: dict[str, object] = {"file": path, "status": "unreadable", "exit_code": EXIT_UNUSABLE,
                               "message": exc.message}
    if isinstance(exc.__cause__, bpmn.UnreadableBpmn):
        data["finding"] = exc.__cause__.finding.to_dict()
    return data


def _render_info(info: dict[str, object]) -> str:
    lines = [f"Datei / file: {info['file']}"]
    if info.get("exporter"):
        version = info.get("exporter_version") or ""
        lines.append(f"Werkzeug / exporter: {info['exporter']} {version}".rstrip())
    for title, key in (("Prozesse / processes", "processes"),
                       ("Teilnehmer (Pools) / participants", "participants"),
                       ("Diagramme / diagrams", "diagrams")):
        items = info[key]
        assert isinstance(items, list)
        lines.append(f"{title}: {len(items)}")
        lines.extend(f"  {item['id']}  {item.get('name') or ''}".rstrip() for item in items)
    counts = info["counts"]
    assert isinstance(counts, dict)
    lines.append("Elemente / elements:")
    width = max((len(name) for name in counts), default=0)
    lines.extend(f"  {name:<{width}}  {count:>6}" for name, count in counts.items())
    return "\n".join(lines)


@click.command("info")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Ausgabeformat / output format")
def info_command(file: str, output_format: str) -> None:
    """Zeigt Prozesse, Pools, Diagramme und Elementzahlen einer BPMN-Datei.

    Show the processes, participants (pools), diagrams and element counts of a BPMN
    file; ``counts`` has every element of the BPMN model namespace by local name,
    nothing inside extensionElements.
    """
    if output_format == "json":
        try:
            info = describe(file)
        except UnusableInput as exc:
            # Scripts read stdout: the refusal comes as JSON too (and exit code 2).
            click.echo(json.dumps(_unreadable_info(file, exc), ensure_ascii=False, indent=2))
            raise click.exceptions.Exit(EXIT_UNUSABLE) from exc
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    click.echo(_render_info(describe(file)))


def register(group: click.Group) -> None:
    """Add ``check`` and ``info`` to the main command group."""
    group.add_command(check_command)
    group.add_command(info_command)


__all__ = ["FileResult", "check_files", "describe", "expand_paths", "register"]
