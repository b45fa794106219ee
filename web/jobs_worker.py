"""The worker that runs background jobs from the job table (:mod:`inventory.jobs`).

``procmodel serve`` starts one worker thread beside the WSGI server (unless
``--no-worker``); ``procmodel worker`` runs one on its own, e.g. on another machine
against the same PostgreSQL database.  The worker polls the table, claims a queued
job, runs its handler and stores the result or the error.  Handlers are named in
:data:`HANDLERS` by import path and get ``(session_factory, job_id, params, progress)``.
"""

from __future__ import annotations

import importlib
import logging
import os
import socket
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from inventory import jobs

log = logging.getLogger(__name__)

#: Job kind → ``"module:function"`` of its handler.
HANDLERS: dict[str, str] = {
    "analysis": "web.analysis.jobs:run_analysis_job",
}

Progress = Callable[[int, int | None, str | None], None]


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def _handler(kind: str) -> Callable[..., dict[str, Any] | None]:
    module, _, name = HANDLERS[kind].partition(":")
    return getattr(importlib.import_module(module), name)


def run_one(factory: sessionmaker[Session], name: str | None = None) -> int | None:
    """Claim and run one queued job; returns its id, or ``None`` when none was queued."""
    name = name or worker_name()
    with factory() as session:
        job = jobs.claim_next(session, name, tuple(HANDLERS))
        session.commit()
        if job is None:
            return None
        job_id, kind, params = job.id, job.kind, dict(job.params or {})

    def progress(done: int, total: int | None = None, message: str | None = None) -> None:
        with factory() as progress_session:
            jobs.report_progress(progress_session, job_id, done, total, message)
            progress_session.commit()

    try:
        result = _handler(kind)(factory, job_id, params, progress)
    except Exception as exc:  # a failed job must never stop the worker
        log.exception("job %s (%s) failed", job_id, kind)
        with factory() as session:
            jobs.fail(session, job_id, f"{type(exc).__name__}: {exc}")
            session.commit()
        return job_id
    with factory() as session:
        jobs.finish(session, job_id, result, message="fertig")
        session.commit()
    return job_id


def run_pending(factory: sessionmaker[Session]) -> int:
    """Run queued jobs until none is left; returns how many ran (tests, CLI ``--once``)."""
    count = 0
    while run_one(factory) is not None:
        count += 1
    return count


def run_forever(factory: sessionmaker[Session], stop: threading.Event,
                poll_seconds: float = 2.0) -> None:
    """Poll for jobs until ``stop`` is set."""
    name = worker_name()
    log.info("job worker %s started", name)
    while not stop.is_set():
        try:
            ran = run_one(factory, name)
        except Exception:  # database briefly unavailable: keep polling
            log.exception("job worker could not poll the job table")
            ran = None
        if ran is None:
            stop.wait(poll_seconds)


def start_thread(factory: sessionmaker[Session], poll_seconds: float = 2.0
                 ) -> tuple[threading.Thread, threading.Event]:
    """Start :func:`run_forever` in a daemon thread; set the event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(target=run_forever, args=(factory, stop, poll_seconds),
                              name="procmodel-job-worker", daemon=True)
    thread.start()
    return thread, stop
