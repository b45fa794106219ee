"""Filling a register with the demo city: catalogue, users, services, history, models.

:func:`load_demo` uses only the register's public functions (catalogue import, users,
services, model versions).  It does not read BPMN itself — ``inventory`` never imports
``bpmn`` — so the edge passes ``read_model``, which turns a file's bytes into the parsed
model and its findings (``procmodel demo`` passes ``bpmn.read``).  The caller owns the
transaction: on any error it rolls back and nothing of the demo stays behind.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inventory import models_store, users
from inventory.catalogue_import import import_catalogue
from inventory.demo.history import ServicePlan, plan_service
from inventory.demo.services import SERVICES
from inventory.demo.users import DEMO_USERS
from inventory.demo.versions import (
    REVISIONS,
    UPLOAD_COMMENT_OLD,
    UPLOAD_COMMENT_REVISED,
    revision_day,
)
from inventory.errors import InventoryError
from inventory.services import create_service, update_service
from inventory.tables import ModelVersion, ProcessModel, Service, StatusHistory, User
from procmodel.findings import Finding
from procmodel.model import Definitions

DEMO_DIR = Path(__file__).resolve().parent
MODELS_DIR = DEMO_DIR / "models"
CATALOGUE_DIR = DEMO_DIR / "catalogue"
CATALOGUE_FILES = ("themenfelder.csv", "lagen.csv", "ozg_leistungen.csv", "leika_leistungen.csv")

#: ``read_model(data, filename) -> (model, findings)``
ReadModel = Callable[[bytes, str], tuple[Definitions, Sequence[Finding]]]
#: ``progress(done, total, what)``
Progress = Callable[[int, int, str], None]

#: Fields of a demo entry passed to :func:`inventory.services.create_service` as they are.
PLAIN = ("description", "department", "contact_role", "rechtsgrundlage", "online_url",
         "efa_status", "basisdienste", "fees", "priority", "notes", "ozg_ids", "leika_keys")

#: When the demo's analysis runs are dated: (half-years back from the reference day's
#: half-year, days before that half-year's start); ``None`` is three days before the
#: reference day.  So the baseline of the strategy's targets (start of the half-year two
#: back), the start and end of the previous half-year and today each have a run.
ANALYSIS_RUNS: tuple[tuple[int, int] | None, ...] = ((2, 7), (1, 5), (0, 5), None)

#: Comments of the demo's model uploads.
UPLOAD_COMMENTS = {
    "draft": "Erster Entwurf aus dem Prozessworkshop.",
    "revised": "Überarbeitet: Schleife über ein Gateway zusammengeführt, Bedingungen und "
               "Standardfluss ergänzt (Befunde des Entwurfs behoben).",
    "ist": "Ist-Prozess im Prozessworkshop aufgenommen.",
    "soll": "Soll-Prozess aus der Konzeption (Zielbild).",
}

#: Release status of the Soll models (the Ist models are released).
SOLL_RELEASE = ("in Prüfung", "Entwurf")


class RegisterNotEmpty(InventoryError):
    """The register already holds services or users; the demo would mix with them."""


@dataclass
class DemoReport:
    """What the demo load wrote."""

    today: date
    catalogue: dict[str, Any] = field(default_factory=dict)
    users: int = 0
    services: int = 0
    history_rows: int = 0
    models: int = 0
    findings: int = 0
    strategy: str = "nicht geladen"
    analysis: str = "nicht gelaufen"
    by_handlungsfeld: dict[str, int] = field(default_factory=dict)


def register_is_empty(session: Session) -> bool:
    """True when the register holds no service and no user."""
    services = session.scalar(select(func.count()).select_from(Service)) or 0
    accounts = session.scalar(select(func.count()).select_from(User)) or 0
    return services == 0 and accounts == 0


def model_files() -> list[Path]:
    """The demo's BPMN files in upload order: older versions (``<slug>.v1.bpmn``: first
    drafts and paper procedures), then the current Ist models, then the Soll models
    (``<slug>-soll.bpmn``)."""
    def order(path: Path) -> tuple[int, str]:
        if ".v" in path.stem:
            return 0, path.name
        return (2 if path.stem.endswith("-soll") else 1), path.name

    return sorted(MODELS_DIR.glob("*.bpmn"), key=order)


def model_file_role(path: Path) -> tuple[str, str, bool]:
    """(service slug, kind, is an older version) of a demo model file."""
    stem, _, version = path.stem.partition(".")
    if stem.endswith("-soll"):
        return stem.removesuffix("-soll"), "soll", False
    return stem, "ist", bool(version)


def _morning(day: date) -> datetime:
    return datetime.combine(day, time(8, 15), tzinfo=UTC)


def load_demo(session: Session, today: date, *, read_model: ReadModel,
              progress: Progress | None = None) -> DemoReport:
    """Load the demo register into the (migrated, empty) register of ``session``.

    Raises :class:`RegisterNotEmpty` when services or users exist already.  Dates of the
    history are relative to ``today``; the result is the same for the same ``today``.
    """
    if not register_is_empty(session):
        raise RegisterNotEmpty("Das Register enthält schon Leistungen oder Benutzer; die "
                               "Demo wird nur in ein leeres Register geladen.")
    report = DemoReport(today=today)
    files = model_files()
    total = 1 + len(DEMO_USERS) + len(SERVICES) + len(files) + 2
    done = 0

    def step(what: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, what)

    catalogue = import_catalogue(session, [CATALOGUE_DIR / name for name in CATALOGUE_FILES],
                                 preset="ozg-katalog")
    report.catalogue = {"ozg_leistungen": catalogue.ozg_leistungen.total,
                        "leika_leistungen": catalogue.leika_leistungen.total}
    step("Katalog")

    accounts: dict[str, User] = {}
    for username, password, role, display, department in DEMO_USERS:
        accounts[username] = users.create_user(session, username, password, role=role,
                                               display_name=display, department=department)
        report.users += 1
        step(f"Benutzer {username}")

    services: dict[str, tuple[Service, ServicePlan]] = {}
    for entry in SERVICES:
        plan = plan_service(entry, today)
        fields = {key: entry[key] for key in PLAIN if entry.get(key) is not None}
        record = create_service(session, name=entry["name"], handlungsfeld=entry["handlungsfeld"],
                                created_by=accounts[plan.created_by],
                                comment="In das Prozessregister aufgenommen.",
                                when=plan.created_at, **fields, **plan.initial)
        for change in plan.changes:
            record = update_service(session, record.id, expected_version=record.version,
                                    changes=change.values, changed_by=accounts[change.user],
                                    comment=change.comment, when=change.when)
        services[entry["slug"]] = (record, plan)
        report.services += 1
        hf = entry["handlungsfeld"]
        report.by_handlungsfeld[hf] = report.by_handlungsfeld.get(hf, 0) + 1
        step(entry["name"])

    parsed: dict[int, Definitions] = {}
    drafted = {(slug, kind) for slug, kind, draft in map(model_file_role, files) if draft}
    for index, path in enumerate(files):
        slug, kind, draft = model_file_role(path)
        if slug not in services:
            raise InventoryError(f"Demo-Modell {path.name} gehört zu keiner Demo-Leistung.")
        record, plan = services[slug]
        data = path.read_bytes()
        model, findings = read_model(data, path.name)
        revision = REVISIONS.get(slug) if kind == "ist" else None
        if draft and revision:  # the process as first recorded, on paper
            when, release, comment = plan.model_uploaded_at, "freigegeben", UPLOAD_COMMENT_OLD
        elif draft:
            when, release = plan.draft_uploaded_at, "in Prüfung"
            comment = UPLOAD_COMMENTS["draft"]
        elif revision:
            when, release = _morning(revision_day(today, slug, revision[0])), "freigegeben"
            comment = UPLOAD_COMMENT_REVISED.format(reason=revision[1])
        elif kind == "ist":
            when, release = plan.model_uploaded_at, "freigegeben"
            comment = UPLOAD_COMMENTS["revised" if (slug, kind) in drafted else "ist"]
        else:
            when, comment = plan.soll_uploaded_at, UPLOAD_COMMENTS["soll"]
            release = SOLL_RELEASE[index % len(SOLL_RELEASE)]
        version = models_store.add_model_version(
            session, record.id, data=data, filename=path.name, model=model, findings=findings,
            kind=kind, uploaded_by=accounts["analyse"], comment=comment, when=when)
        if release != "Entwurf":  # new versions start as Entwurf
            models_store.set_release_status(session, version.id, release,
                                            changed_by=accounts["analyse"])
        parsed[version.id] = model
        report.models += 1
        report.findings += len(findings)
        step(path.name)

    report.history_rows = session.scalar(select(func.count()).select_from(StatusHistory)) or 0
    report.analysis = _store_analysis(session, today, parsed)
    step("Analyse")
    report.strategy = _load_strategy(session, today)
    step("Strategie")
    session.flush()
    return report


def run_moments(today: date) -> list[datetime]:
    """The start times of the demo's analysis runs (see :data:`ANALYSIS_RUNS`)."""
    current = date(today.year, 1 if today.month <= 6 else 7, 1)
    result = []
    for spec in ANALYSIS_RUNS:
        if spec is None:
            day = today - timedelta(days=3)
        else:
            back, days = spec
            start = current
            for _ in range(back):
                start = date(start.year - 1, 7, 1) if start.month == 1 else \
                    date(start.year, 1, 1)
            day = start - timedelta(days=days)
        moment = datetime.combine(day, time(6, 30), tzinfo=UTC)
        if not result or moment > result[-1]:
            result.append(moment)
    return result


def _store_analysis(session: Session, today: date, parsed: dict[int, Definitions]) -> str:
    """Run the duplicate analysis for each of :func:`run_moments` on the Ist models
    current at that moment, and keep each run with that moment as its time.

    Older versions (first drafts, the paper procedures of :mod:`inventory.demo.versions`)
    are what an analysis on that day saw, so the runs differ: media breaks and duplicate
    structures found early are resolved by the later revisions.
    """
    try:
        from inventory.analysis_store import load_decisions, register_models, store_run
        from procmodel.analysis import ModelEntry, analyse
    except ModuleNotFoundError as exc:
        if exc.name not in ("inventory.analysis_store", "procmodel.analysis"):
            raise
        return "nicht vorhanden"
    context = {item.service_id: item for item in register_models(session, kind="ist")}
    versions = session.execute(
        select(ModelVersion, ProcessModel.service_id).join(ProcessModel)
        .where(ProcessModel.kind == "ist")
        .order_by(ModelVersion.uploaded_at, ModelVersion.id)).all()
    decisions = load_decisions(session)
    summaries = []
    for moment in run_moments(today):
        current: dict[int, ModelVersion] = {}
        for version, service_id in versions:
            if _aware(version.uploaded_at) <= moment:
                current[service_id] = version
        entries = []
        for service_id, version in sorted(current.items()):
            item = context[service_id]
            entries.append(ModelEntry(
                model=parsed[version.id], service_id=str(service_id),
                service_name=item.service_name, handlungsfeld=item.handlungsfeld,
                department=item.department, fallzahl=item.fallzahl,
                bearbeitungszeit=item.bearbeitungszeit,
                model_id=f"{service_id}/ist/{version.id}"))
        result = analyse(entries, decisions=decisions)
        # The run's real duration is not kept: a fixed few seconds per model keeps the
        # register the same for the same reference day.
        took = timedelta(seconds=2 + len(entries) // 5)
        store_run(session, result, source=f"procmodel demo (Ist-Modelle vom "
                  f"{moment:%d.%m.%Y})", started_at=moment, finished_at=moment + took)
        summaries.append(f"{moment:%d.%m.%Y}: {len(result.doppelstrukturen)} "
                         f"Doppelstrukturen, {len(result.media_breaks)} Medienbrüche")
    return f"{len(summaries)} Läufe ({'; '.join(summaries)})"


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _load_strategy(session: Session, today: date) -> str:
    """Targets, timeline and narratives of the strategy part, where that part is present."""
    try:
        strategy = importlib.import_module("inventory.demo.strategy")
    except ModuleNotFoundError as exc:
        if exc.name != "inventory.demo.strategy":
            raise
        return "nicht vorhanden (inventory.demo.strategy fehlt)"
    result = strategy.load(session, today)
    return str(result) if result is not None else "geladen"
