"""``procmodel serve`` (the web application on waitress), ``procmodel worker`` (background
jobs) and ``procmodel token`` (API tokens for scripts)."""

from __future__ import annotations

import threading

import click

from procmodel.cli import UnusableInput
from procmodel.cli.context import db_option, open_register, register_engine, resolve_db_url


def _check_schema(url: str) -> None:
    """Refuse an empty or outdated register with the command that fixes it."""
    from sqlalchemy.exc import OperationalError

    from inventory.migrate import current_revisions, head_revisions

    engine = register_engine(url)
    try:
        current = current_revisions(engine)
    except OperationalError as exc:
        raise UnusableInput(f"Datenbank nicht erreichbar / database unreachable: {exc.orig}") \
            from exc
    finally:
        engine.dispose()
    if not current:
        raise UnusableInput("Die Datenbank ist leer: zuerst `procmodel init` (leeres Register) "
                            "oder `procmodel demo` ausführen. / The database is empty; run "
                            "`procmodel init` or `procmodel demo` first.")
    if current != head_revisions():
        raise UnusableInput("Das Datenbankschema ist nicht aktuell: `procmodel db upgrade` "
                            "ausführen. / The schema is outdated; run `procmodel db upgrade`.")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adresse, an der der Server lauscht / address to listen on")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535),
              help="Port")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
              help="Arbeitsthreads des WSGI-Servers / worker threads")
@click.option("--dev", is_flag=True,
              help="Entwicklung/Demo: ohne SECRET_KEY einen Zufallsschlüssel im Instanzordner "
                   "erzeugen / generate a random secret key into the instance folder")
@click.option("--no-worker", is_flag=True,
              help="Keinen Hintergrund-Worker starten (z. B. wenn `procmodel worker` separat "
                   "läuft) / do not start the background job worker")
@db_option
def serve(host: str, port: int, threads: int, dev: bool, no_worker: bool,
          db: str | None) -> None:
    """Die Webanwendung mit dem WSGI-Server waitress starten.

    Serve the web application with the production WSGI server waitress.  Needs a
    SECRET_KEY (PROCMODEL_SECRET_KEY or the file secret_key in the instance folder)
    unless --dev is given.  Behind a reverse proxy set PROCMODEL_PROXY_FIX=1 and
    PROCMODEL_COOKIE_SECURE=1 (see docs/operations.md).
    """
    from waitress import serve as waitress_serve

    from web import create_app
    from web.app import UnknownRules
    from web.database import session_factory
    from web.jobs_worker import start_thread
    from web.secret import MissingSecretKey, WeakSecretKey

    url = resolve_db_url(db)
    _check_schema(url)
    try:
        app = create_app({"DATABASE_URL": url, "DEV": dev})
    except (MissingSecretKey, WeakSecretKey, UnknownRules) as exc:
        raise UnusableInput(str(exc)) from exc
    stop: threading.Event | None = None
    if not no_worker:
        _thread, stop = start_thread(session_factory(app))
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"procmodel läuft auf / serving on http://{shown}:{port}/ (Strg+C beendet)")
    try:
        waitress_serve(app, host=host, port=port, threads=threads, ident="procmodel",
                       clear_untrusted_proxy_headers=True)
    finally:
        if stop is not None:
            stop.set()


@click.command()
@click.option("--once", is_flag=True, help="Nur wartende Aufträge abarbeiten, dann enden / "
                                           "run queued jobs, then exit")
@click.option("--poll", default=2.0, show_default=True, type=click.FloatRange(0.2, 600),
              help="Sekunden zwischen zwei Abfragen / seconds between polls")
@db_option
def worker(once: bool, poll: float, db: str | None) -> None:
    """Hintergrundaufträge wie Analyse-Läufe aus der Auftragstabelle ausführen.

    Run background jobs (e.g. analysis re-runs) from the job table.
    """
    from inventory.db import make_session_factory
    from web.jobs_worker import run_forever, run_pending

    url = resolve_db_url(db)
    _check_schema(url)
    engine = register_engine(url)
    factory = make_session_factory(engine)
    try:
        if once:
            count = run_pending(factory)
            click.echo(f"{count} Auftrag/Aufträge ausgeführt / job(s) run")
            return
        stop = threading.Event()
        click.echo("Worker läuft (Strg+C beendet) / worker running (Ctrl+C stops)")
        try:
            run_forever(factory, stop, poll)
        except KeyboardInterrupt:
            stop.set()
    finally:
        engine.dispose()


@click.group()
def token() -> None:
    """API-Schlüssel für Skripte verwalten / manage API tokens for scripts."""


@token.command("create")
@click.argument("username")
@click.option("--name", "purpose", required=True,
              help="Verwendungszweck, z. B. „Abgleich Fachverfahren“ / what it is for")
@db_option
def token_create(username: str, purpose: str, db: str | None) -> None:
    """Einen Schlüssel für USERNAME erzeugen und einmalig ausgeben.

    Create a token for USERNAME; it is printed once and stored only as a hash.
    """
    from inventory import tokens, users
    from inventory.errors import InvalidValue, NotFound

    with open_register(db) as session:
        user = users.user_by_name(session, username)
        if user is None:
            raise UnusableInput(f"Benutzer „{username}“ gibt es nicht / unknown user.")
        try:
            _row, plain = tokens.create_token(session, user.id, purpose)
        except (InvalidValue, NotFound) as exc:
            raise UnusableInput(str(exc)) from exc
    click.echo(plain)


@token.command("list")
@db_option
def token_list(db: str | None) -> None:
    """Alle Schlüssel (ohne Geheimnis) auflisten / list tokens (without secrets)."""
    from inventory import tokens

    with open_register(db) as session:
        for row in tokens.list_tokens(session):
            state = "aktiv" if row.is_active else "gesperrt"
            click.echo(f"{row.id}\t{row.token_prefix}…\t{row.user.username}\t{state}\t"
                       f"{row.name}")


@token.command("revoke")
@click.argument("token_id", type=int)
@db_option
def token_revoke(token_id: int, db: str | None) -> None:
    """Einen Schlüssel sperren / revoke a token."""
    from inventory import tokens
    from inventory.errors import NotFound

    with open_register(db) as session:
        try:
            tokens.revoke_token(session, token_id)
        except NotFound as exc:
            raise UnusableInput(str(exc)) from exc
    click.echo(f"Schlüssel {token_id} gesperrt / revoked")


def register(group: click.Group) -> None:
    group.add_command(serve)
    group.add_command(worker)
    group.add_command(token)
