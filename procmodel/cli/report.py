"""``procmodel report``: the Sachstandsbericht of a period as PDF, HTML or DOCX."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import click

from procmodel.cli import UnusableInput
from procmodel.cli.context import db_option, open_register
from procmodel.settings import SETTINGS, load_settings
from procmodel.strategy import BERLIN, Period, PeriodError

#: The ORGANISATION setting's default; a report still carrying it gets a hint.
DEFAULT_ORGANISATION = next(s.default for s in SETTINGS if s.name == "ORGANISATION")


def _format_for(fmt: str | None, output: str) -> str:
    if fmt:
        return fmt
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in ("pdf", "html", "docx", "json"):
        return suffix
    if suffix == "htm":
        return "html"
    raise UnusableInput(f"Format nicht erkennbar aus {output!r}: --format pdf|html|docx angeben "
                        "(oder json) / cannot tell the format from the file name; give --format")


@click.command("report")
@click.option("--period", "-p", "period_text", required=True, metavar="ZEITRAUM",
              help="Berichtszeitraum: 2026-H2, 2026-Q3, 2026 oder 2026-07-01..2026-12-31 "
              "(Tage in Ortszeit Berlin) / report period")
@click.option("--format", "fmt", type=click.Choice(["pdf", "html", "docx", "json"]),
              default=None, help="Ausgabeformat (Standard: aus der Endung von -o); json: nur "
              "die Zahlen für andere Systeme / output format; json: the figures only")
@click.option("-o", "--output", required=True, metavar="DATEI",
              help="Ausgabedatei, '-' für die Standardausgabe / output file, '-' for stdout")
@click.option("--today", metavar="JJJJ-MM-TT", default=None,
              help="Stichtag für einen noch laufenden Zeitraum (Standard: heute in Berlin) / "
              "reference day while the period is still running")
@click.option("--organisation", default=None,
              help="Name der Stadt auf dem Titelblatt (Standard: Einstellung ORGANISATION)")
@db_option
def report(period_text: str, fmt: str | None, output: str, today: str | None,
           organisation: str | None, db: str | None) -> None:
    """Sachstandsbericht für einen Zeitraum erzeugen (PDF, HTML oder DOCX).

    Die Zahlen werden aus dem Änderungsverlauf zum Ende des Zeitraums berechnet: ein
    später erzeugter Bericht für einen vergangenen Zeitraum zeigt dieselben Zahlen.

    Writes the status report of a period; figures come from the history as of the
    period's end, so a past period's report is reproducible.
    """
    from inventory.strategy.report_source import RegisterReportSource
    from procmodel.reporting import PeriodNotStarted, assemble_report, render

    try:
        period = Period.parse(period_text)
    except PeriodError as exc:
        raise UnusableInput(f"{exc.message_de} / {exc.message_en}") from exc
    fmt = _format_for(fmt, output) if output != "-" else (fmt or "html")
    if today:
        try:
            day = date.fromisoformat(today)
        except ValueError:
            raise UnusableInput(f"--today {today!r} ist kein Datum (JJJJ-MM-TT)") from None
    else:
        day = datetime.now(BERLIN).date()
    org = organisation or load_settings()["ORGANISATION"]
    if org == DEFAULT_ORGANISATION:
        click.echo("Hinweis: Auf dem Titelblatt steht nur „Stadtverwaltung“. Den Namen der "
                   "Stadt mit --organisation \"Stadt …\" angeben oder dauerhaft in der "
                   "Einstellung PROCMODEL_ORGANISATION bzw. organisation = \"…\" in "
                   "<Instanzordner>/procmodel.toml.", err=True)
    with open_register(db) as session:
        try:
            data = assemble_report(RegisterReportSource(session, org), period, today=day,
                                   generated_at=datetime.now(UTC))
        except PeriodNotStarted as exc:
            raise UnusableInput(f"{exc.message_de} / {exc.message_en}") from exc
        try:
            content = render(data, fmt)
        except Exception as exc:  # e.g. PdfUnavailable: say what to install
            from procmodel.errors import ProcmodelError

            if isinstance(exc, ProcmodelError):
                raise UnusableInput(str(exc)) from exc
            raise
        session.rollback()  # the report only reads
    if output == "-":
        click.get_binary_stream("stdout").write(content)
        return
    path = Path(output)
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise UnusableInput(f"Kann {output} nicht schreiben: {exc.strerror}") from exc
    size = f"{len(content):,}".replace(",", ".")
    click.echo(f"Sachstandsbericht {period.title_de} ({fmt.upper()}, {size} Bytes) → {path}",
               err=True)


def register(group: click.Group) -> None:
    group.add_command(report)
