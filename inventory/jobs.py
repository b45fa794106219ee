"""Background jobs: a table of requested work and the functions a worker uses.

The web application enqueues a job (for example a re-run of the duplicate-structure
analysis); a worker — ``procmodel worker`` or the thread ``procmodel serve`` starts —
claims queued jobs one at a time, reports progress and stores the result or the error.
No message broker is needed: the database is the queue.  Claiming is a conditional
UPDATE (``WHERE status = 'queued'``), so two workers never run the same job.

Functions take a ``Session``; the caller owns the transaction (a worker commits after
each call so that progress is visible to the pages polling it).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from inventory.db import Base, UtcDateTime, utcnow
from inventory.errors import InventoryError, NotFound

STATUSES: tuple[str, ...] = ("queued", "running", "done", "failed")
#: A running job whose worker has not reported for this long is considered dead.
STALE_AFTER = timedelta(minutes=15)


class JobAlreadyQueued(InventoryError):
    """A job of the same kind is already queued or running."""

    def __init__(self, job_id: int) -> None:
        super().__init__(
            f"Ein gleichartiger Auftrag (Nr. {job_id}) wartet bereits oder läuft gerade."
        )
        self.job_id = job_id


class Job(Base):
    """One piece of background work, its progress and its outcome."""

    __tablename__ = "job"
    __table_args__ = (Index("ix_job_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(50), index=True)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int | None] = mapped_column(Integer)
    message: Mapped[str | None] = mapped_column(Text)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL"))
    worker: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    @property
    def is_finished(self) -> bool:
        return self.status in ("done", "failed")

    @property
    def percent(self) -> int | None:
        if not self.progress_total:
            return 100 if self.status == "done" else None
        return min(100, round(100 * self.progress_done / self.progress_total))

    def to_dict(self) -> dict[str, Any]:
        """The job as JSON-able data (what progress polling returns)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "progress_done": self.progress_done,
            "progress_total": self.progress_total,
            "percent": self.percent,
            "message": self.message,
            "error": self.error,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
        }


def enqueue(session: Session, kind: str, params: dict[str, Any] | None = None, *,
            requested_by: int | None = None, unique: bool = True) -> Job:
    """Queue a job; with ``unique`` refuse when one of ``kind`` is queued or running."""
    if unique:
        existing = active_job(session, kind)
        if existing is not None:
            raise JobAlreadyQueued(existing.id)
    job = Job(kind=kind, params=dict(params or {}), status="queued",
              requested_by_id=requested_by, created_at=utcnow())
    session.add(job)
    session.flush()
    return job


def active_job(session: Session, kind: str) -> Job | None:
    """The queued or running job of ``kind``, if any (stale running jobs excluded)."""
    recover_stale(session)
    return session.scalars(
        select(Job).where(Job.kind == kind, Job.status.in_(("queued", "running")))
        .order_by(Job.id).limit(1)
    ).first()


def get_job(session: Session, job_id: int) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound(f"Auftrag {job_id} gibt es nicht.")
    return job


def recent_jobs(session: Session, kind: str | None = None, limit: int = 20) -> list[Job]:
    query = select(Job).order_by(Job.id.desc()).limit(limit)
    if kind:
        query = query.where(Job.kind == kind)
    return list(session.scalars(query))


def claim_next(session: Session, worker: str, kinds: tuple[str, ...] | None = None) -> Job | None:
    """Mark the oldest queued job as running for ``worker`` and return it (or ``None``)."""
    recover_stale(session)
    query = select(Job.id).where(Job.status == "queued").order_by(Job.id).limit(1)
    if kinds:
        query = query.where(Job.kind.in_(kinds))
    job_id = session.scalars(query).first()
    if job_id is None:
        return None
    now = utcnow()
    claimed = session.execute(
        update(Job).where(Job.id == job_id, Job.status == "queued")
        .values(status="running", worker=worker, started_at=now, heartbeat_at=now,
                message=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:  # another worker was faster
        return None
    job = session.get(Job, job_id, populate_existing=True)
    return job


def report_progress(session: Session, job_id: int, done: int, total: int | None = None,
                    message: str | None = None) -> None:
    values: dict[str, Any] = {"progress_done": done, "heartbeat_at": utcnow()}
    if total is not None:
        values["progress_total"] = total
    if message is not None:
        values["message"] = message
    session.execute(update(Job).where(Job.id == job_id).values(**values)
                    .execution_options(synchronize_session=False))


def finish(session: Session, job_id: int, result: dict[str, Any] | None = None,
           message: str | None = None) -> None:
    now = utcnow()
    session.execute(update(Job).where(Job.id == job_id).values(
        status="done", result=result, finished_at=now, heartbeat_at=now, message=message)
        .execution_options(synchronize_session=False))


def fail(session: Session, job_id: int, error: str) -> None:
    now = utcnow()
    session.execute(update(Job).where(Job.id == job_id).values(
        status="failed", error=error[:10000], finished_at=now, heartbeat_at=now)
        .execution_options(synchronize_session=False))


def recover_stale(session: Session, now: datetime | None = None) -> int:
    """Fail running jobs whose worker stopped reporting; returns how many."""
    now = now or utcnow()
    return session.execute(
        update(Job).where(Job.status == "running", Job.heartbeat_at < now - STALE_AFTER)
        .values(status="failed", finished_at=now,
                error="Der Auftrag wurde abgebrochen (Verarbeitung reagierte nicht mehr).")
        .execution_options(synchronize_session=False)
    ).rowcount or 0
