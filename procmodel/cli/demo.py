"""``procmodel demo``: create and fill the demo register of an Offenbach-like city."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import click

from procmodel.cli import UnusableInput
from procmodel.cli.context import db_option, register_engine, resolve_db_url
from procmodel.findings import Finding
from procmodel.model import Definitions
from procmodel.strategy.periods import today as berlin_today

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy.engine import Engine

SERVE_URL = "http://127.0.0.1:5000"
#: The demo city's name for the report title pages (setting ORGANISATION).
DEMO_ORGANISATION = "Stadt Offenbach am Main (Demo)"


def read_model(data: bytes, filename: str) -> tuple[Definitions, Sequence[Finding]]:
    """Parse and validate one demo model with ``bpmn.read`` (schema and rules)."""
    import bpmn

    try:
        result = bpmn.read(data, filename=filename)
    except bpmn.UnreadableBpmn as exc:
        # A demo file that cannot be read is a broken installation: stop, load nothing.
        raise UnusableInput(f"Demo-Modell {filename} nicht lesbar: {exc}") from exc
    return result.model, result.findings


def _drop_everything(engine: Engine) -> None:
    """Remove every table of the register (and Alembic's bookkeeping) for ``--force``."""
    from sqlalchemy import inspect, text

    from inventory.schema import metadata

    metadata.drop_all(engine)
    with engine.begin() as connection:
        if inspect(connection).has_table("alembic_version"):
            connection.execute(text("DROP TABLE alembic_version"))


def _holds_data(engine: Engine) -> bool:
    """True when the database already has register tables with services or users."""
    from sqlalchemy import inspect

    from inventory.db import make_session_factory
    from inventory.demo.load import register_is_empty

    tables = set(inspect(engine).get_table_names())
    if not tables:
        return False
    if not {"service", "app_user"} <= tables:
        # Some other schema (or a half-made one): never overwrite it silently.
        return True
    with make_session_factory(engine)() as session:
        return not register_is_empty(session)


@click.command("demo")
@db_option
@click.option("--force", is_flag=True,
              help="Ein vorhandenes Register löschen und neu anlegen / replace an existing "
              "register")
@click.option("--if-empty", "if_empty", is_flag=True,
              help="Nur in ein leeres Register laden; ein vorhandenes bleibt unverändert "
              "(Exit 0) / load only into an empty register, else do nothing")
@click.option("--today", "today", metavar="JJJJ-MM-TT", default=None,
              help="Stichtag der Demo-Historie (Standard: heute, Europe/Berlin); derselbe "
              "Stichtag ergibt dasselbe Register / reference day of the demo history")
def demo(db: str | None, force: bool, if_empty: bool, today: str | None) -> None:
    """Demo-Register anlegen und füllen (Stadt Offenbach, 47 Leistungen mit BPMN-Modellen).

    Legt die Datenbank an (Standard: SQLite im Instanzordner), lädt Katalogauszug,
    Benutzer, Leistungen mit zwei Jahren Historie und Prozessmodelle in einer Transaktion
    und gibt die Demo-Zugänge aus.  Ein Register mit Daten wird nur mit --force ersetzt;
    mit --if-empty bleibt es unverändert (für Startskripte).

    Creates and fills the demo register; an existing register is replaced only with --force.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from sqlalchemy.exc import OperationalError

    from inventory.db import make_session_factory
    from inventory.demo.load import load_demo
    from inventory.errors import InventoryError
    from inventory.migrate import upgrade

    console = Console(stderr=True)
    try:
        day = date.fromisoformat(today) if today else berlin_today()
    except ValueError:
        raise click.BadParameter(f"„{today}“ ist kein Datum JJJJ-MM-TT.",
                                 param_hint="--today") from None
    url = resolve_db_url(db)
    engine = register_engine(db)
    try:
        if _holds_data(engine):
            if if_empty and not force:
                console.print("Das Register enthält schon Daten; die Demo wird nicht geladen "
                              "(--if-empty).")
                out = Console(highlight=False)
                _name_the_city(db, url, out)
                out.print("Falls es das Demo-Register ist (docs/demo.md):")
                _print_logins(out)
                return
            if not force:
                raise UnusableInput(
                    "Das Register ist nicht leer; mit --force wird es gelöscht und durch die "
                    "Demo ersetzt. / The register is not empty; use --force to replace it.")
            console.print("Vorhandenes Register wird gelöscht (--force) …")
            _drop_everything(engine)
        upgrade(engine)
        with make_session_factory(engine)() as session, Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                console=console, transient=True) as bar:
            task = bar.add_task("Demo wird geladen", total=None)

            def progress(done: int, total: int, what: str) -> None:
                bar.update(task, completed=done, total=total, description=what[:40])

            try:
                report = load_demo(session, day, read_model=read_model, progress=progress)
                session.commit()
            except BaseException:
                session.rollback()
                raise
    except InventoryError as exc:
        raise UnusableInput(f"Demo nicht geladen: {exc}") from exc
    except OperationalError as exc:
        raise UnusableInput(f"Datenbank nicht erreichbar / database unreachable: {exc.orig}") \
            from exc
    finally:
        engine.dispose()

    from sqlalchemy.engine import make_url

    out = Console(highlight=False)
    shown_url = make_url(url).render_as_string(hide_password=True)
    out.print(f"Demo-Register geladen (Stichtag {day.isoformat()}):")
    out.print(f"  {shown_url}", soft_wrap=True, markup=False)
    out.print(f"  {report.services} Leistungen, {report.models} Prozessmodelle "
              f"({report.findings} Befunde), {report.history_rows} Historieneinträge")
    out.print(f"  Katalogauszug: {report.catalogue.get('ozg_leistungen', 0)} OZG-Leistungen, "
              f"{report.catalogue.get('leika_leistungen', 0)} LeiKa-Leistungen")
    for name, count in report.by_handlungsfeld.items():
        out.print(f"  {name}: {count}", markup=False)
    out.print(f"  Analyse: {report.analysis}", markup=False)
    out.print(f"  Strategie-Daten: {report.strategy}", markup=False)
    _name_the_city(db, url, out)
    _print_logins(out)


def _print_logins(out: Console) -> None:
    """The demo logins (public: they are in docs/demo.md) and how to start the web app."""
    from rich.table import Table

    from inventory.demo.users import DEMO_USERS

    table = Table(title="Demo-Zugänge (nur für die Demo verwenden!)")
    for column in ("Benutzer", "Passwort", "Rolle"):
        table.add_column(column, no_wrap=True)
    for username, password, role, _, department in DEMO_USERS:
        table.add_row(username, password, f"{role} ({department})" if department else role)
    out.print(table)
    out.print(f"Webanwendung starten: procmodel serve  →  {SERVE_URL}")


def _name_the_city(db: str | None, url: str, out: Console) -> None:
    """Set ORGANISATION to the demo city in the instance settings file, so reports and
    the web application name Offenbach — only for the instance's own register (no --db,
    no PROCMODEL_DATABASE_URL) and only while ORGANISATION is not set anywhere."""
    import tomllib
    from pathlib import Path

    from procmodel.settings import SETTINGS, default_database_url, load_settings

    settings = load_settings()
    default = next(s.default for s in SETTINGS if s.name == "ORGANISATION")
    instance = settings["INSTANCE_PATH"]
    if db is not None or url != default_database_url(instance) \
            or settings["ORGANISATION"] != default:
        return
    path = Path(instance) / "procmodel.toml"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if any(key.upper() == "ORGANISATION" for key in tomllib.loads(text)):
        return  # set on purpose to the default: leave it
    prefix = "" if not text or text.endswith("\n") else "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'{text}{prefix}organisation = "{DEMO_ORGANISATION}"\n', encoding="utf-8")
    out.print(f"Einstellung organisation = „{DEMO_ORGANISATION}“ in {path} gesetzt "
              "(Titelblatt der Sachstandsberichte).", markup=False)


def register(group: click.Group) -> None:
    group.add_command(demo)
