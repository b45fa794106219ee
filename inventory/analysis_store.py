"""The register side of the duplicate-structure analysis.

Two tables: :class:`AnalysisDecision` keeps an analyst's verdict on a suggested pair
of steps (a rejected pair stays rejected on every later run), :class:`AnalysisRun`
keeps the result of a run as JSON. :func:`register_models` lists the current model
of every service with the context the analysis needs; the edge (CLI, web) parses the
bytes with ``bpmn.parse`` and calls :func:`procmodel.analysis.analyse`.

Step keys are ``"<service id>#<BPMN element id>"`` (see
:func:`procmodel.analysis.step_key`), so a decision survives new model versions as
long as the element keeps its id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.types import JSON

from inventory.db import Base, UtcDateTime, utcnow
from inventory.errors import InvalidValue, NotFound
from inventory.models_store import current_versions
from inventory.tables import Service
from procmodel.analysis.results import AnalysisResult, Decision

VERDICTS: tuple[str, ...] = ("confirmed", "rejected")


class AnalysisDecision(Base):
    """An analyst's verdict on one pair of steps; ``step_a`` < ``step_b``."""

    __tablename__ = "analysis_decision"
    __table_args__ = (UniqueConstraint("step_a", "step_b"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_a: Mapped[str] = mapped_column(String(500))
    step_b: Mapped[str] = mapped_column(String(500))
    verdict: Mapped[str] = mapped_column(String(20))
    label_a: Mapped[str | None] = mapped_column(Text)
    label_b: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class AnalysisRun(Base):
    """One stored analysis: when, over what, with which figures, and its full result."""

    __tablename__ = "analysis_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    source: Mapped[str] = mapped_column(String(500))
    model_count: Mapped[int] = mapped_column(Integer, default=0)
    statistics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL"))


@dataclass(frozen=True)
class RegisterModel:
    """The current model of one service, as bytes, with the service's context."""

    service_id: int
    service_name: str
    handlungsfeld: str | None
    department: str | None
    fallzahl: int | None
    bearbeitungszeit: float | None
    version_id: int
    kind: str
    filename: str
    data: bytes
    #: the version's number within its process model (shown as "Version 2")
    number: int | None = None


def register_models(session: Session, *, kind: str | None = "ist") -> list[RegisterModel]:
    """The current model version of every service (Ist models by default).

    ``kind=None`` takes both Ist and Soll models; each becomes its own entry.
    """
    versions = current_versions(session, kind=kind, with_data=True)
    services = {s.id: s for s in session.scalars(
        select(Service).where(Service.id.in_({v.service_id for v in versions})))}
    result = []
    for version in versions:
        service = services[version.service_id]
        result.append(RegisterModel(
            service_id=service.id, service_name=service.name,
            handlungsfeld=service.handlungsfeld.name if service.handlungsfeld else None,
            department=service.department, fallzahl=service.fallzahl,
            bearbeitungszeit=service.bearbeitungszeit_minutes, version_id=version.id,
            kind=version.kind, filename=version.filename, data=bytes(version.data),
            number=version.number,
        ))
    return result


def _ordered(a: str, b: str) -> tuple[str, str]:
    if not a or not b or a == b:
        raise InvalidValue("step", f"{a} / {b}",
                           "Eine Entscheidung braucht zwei verschiedene Schritte.")
    return (a, b) if a < b else (b, a)


def record_decision(session: Session, a: str, b: str, verdict: str, *,
                    user_id: int | None = None, label_a: str | None = None,
                    label_b: str | None = None, comment: str | None = None
                    ) -> AnalysisDecision:
    """Confirm or reject a suggested pair; a later verdict on the same pair replaces it."""
    if verdict not in VERDICTS:
        raise InvalidValue("verdict", verdict,
                           f"Entscheidung „{verdict}“ unbekannt (erlaubt: confirmed, rejected).")
    step_a, step_b = _ordered(a, b)
    if a != step_a:
        label_a, label_b = label_b, label_a
    row = session.scalars(select(AnalysisDecision).where(
        AnalysisDecision.step_a == step_a, AnalysisDecision.step_b == step_b)).first()
    if row is None:
        row = AnalysisDecision(step_a=step_a, step_b=step_b)
        session.add(row)
    row.verdict = verdict
    row.label_a = label_a
    row.label_b = label_b
    row.comment = comment
    row.decided_by_id = user_id
    row.decided_at = utcnow()
    session.flush()
    return row


def load_decisions(session: Session) -> list[Decision]:
    """Every stored verdict, as the core's :class:`~procmodel.analysis.Decision`."""
    rows = session.scalars(select(AnalysisDecision).order_by(AnalysisDecision.id))
    return [Decision(a=r.step_a, b=r.step_b, verdict=r.verdict) for r in rows]


def delete_decision(session: Session, a: str, b: str) -> None:
    step_a, step_b = _ordered(a, b)
    row = session.scalars(select(AnalysisDecision).where(
        AnalysisDecision.step_a == step_a, AnalysisDecision.step_b == step_b)).first()
    if row is None:
        raise NotFound(f"Keine Entscheidung für {step_a} / {step_b}.")
    session.delete(row)
    session.flush()


def store_run(session: Session, result: AnalysisResult, *, source: str,
              started_at: datetime | None = None, user_id: int | None = None,
              finished_at: datetime | None = None) -> AnalysisRun:
    """Keep the result of one analysis run (``finished_at`` defaults to now; a run
    recorded for a past day, as the demo's, passes its own)."""
    run = AnalysisRun(
        started_at=started_at or utcnow(), finished_at=finished_at or utcnow(), source=source,
        model_count=int(result.statistics.get("models", 0)),
        statistics=dict(result.statistics), result=result.to_dict(),
        created_by_id=user_id,
    )
    session.add(run)
    session.flush()
    return run


def latest_run(session: Session) -> AnalysisRun | None:
    return session.scalars(select(AnalysisRun).order_by(AnalysisRun.id.desc())).first()


def runs(session: Session, limit: int = 50) -> list[AnalysisRun]:
    return list(session.scalars(select(AnalysisRun).order_by(AnalysisRun.id.desc())
                                .limit(limit)))


def decisions_for(session: Session, keys: Iterable[str]) -> dict[frozenset[str], str]:
    """Verdicts touching any of ``keys`` (for showing them beside a result)."""
    wanted = set(keys)
    return {frozenset((d.a, d.b)): d.verdict for d in load_decisions(session)
            if d.a in wanted or d.b in wanted}
