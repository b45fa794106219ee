"""The background job that re-runs the duplicate-structure analysis over the register.

Reads the current model of every service (:func:`inventory.analysis_store.register_models`),
parses the bytes at this edge (``bpmn.parse``), runs :func:`procmodel.analysis.analyse`
with the analysts' stored verdicts, and stores the run
(:func:`inventory.analysis_store.store_run`).  Progress goes to the job table.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

import bpmn
from inventory.analysis_store import load_decisions, register_models, store_run
from inventory.db import utcnow
from procmodel.analysis import ModelEntry, analyse
from procmodel.labels import default_language
from procmodel.settings import load_settings

KIND = "analysis"
STAGES = {"steps": "Schritte lesen", "similarity": "Ähnlichkeiten berechnen",
          "clusters": "Cluster bilden", "fragments": "Fragmente suchen", "done": "Abschluss"}


class NothingToAnalyse(RuntimeError):
    """The register holds no process model of the requested kind."""


def model_id(service_id: int, kind: str, version_id: int) -> str:
    """The id the analysis keeps for a model (same form as ``procmodel analyse``)."""
    return f"{service_id}/{kind}/{version_id}"


def version_of(model_id_text: str | None) -> int | None:
    """The model version id inside a :func:`model_id` (``None`` when it has none)."""
    if not model_id_text:
        return None
    parts = str(model_id_text).split("/")
    try:
        return int(parts[-1]) if len(parts) == 3 else None
    except ValueError:
        return None


def run_analysis_job(factory: sessionmaker[Session], job_id: int, params: dict[str, Any],
                     progress: Callable[[int, int | None, str | None], None]) -> dict[str, Any]:
    started = utcnow()
    kind = params.get("kind", "ist")
    with factory() as session:
        stored = register_models(session, kind=None if kind == "all" else kind)
        decisions = load_decisions(session)
    if not stored:
        raise NothingToAnalyse("Das Register enthält keine Prozessmodelle dieser Art.")
    total = len(stored) * 2 + 4  # parse each, extract each, then four stages
    last = [0.0]

    def report(done: int, message: str, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - last[0] >= 0.5:  # keep the job table writes few
            last[0] = now
            progress(min(done, total), total, message)

    entries, problems = [], []
    for number, item in enumerate(stored, 1):
        try:
            model = bpmn.parse(item.data, filename=item.filename)
        except bpmn.BpmnError as exc:
            problems.append(f"{item.service_name} ({item.filename}): {exc}")
            continue
        entries.append(ModelEntry(
            model=model, service_id=str(item.service_id), service_name=item.service_name,
            handlungsfeld=item.handlungsfeld, department=item.department,
            fallzahl=item.fallzahl, bearbeitungszeit=item.bearbeitungszeit,
            model_id=model_id(item.service_id, item.kind, item.version_id)))
        report(number, "Modelle lesen")
    report(len(stored), "Modelle gelesen", force=True)

    def on_stage(stage: str, done: int, stage_total: int) -> None:
        offset = len(stored)
        if stage == "steps":
            report(offset + done, STAGES["steps"])
        else:
            order = ["similarity", "clusters", "fragments", "done"]
            step = order.index(stage) + 1 if stage in order else 0
            report(offset * 2 + step, STAGES.get(stage, stage), force=True)

    synonyms = load_settings().get("SYNONYMS_FILE")
    result = analyse(entries, decisions=decisions, progress=on_stage,
                     language=default_language(str(synonyms) if synonyms else None))
    with factory() as session:
        run = store_run(session, result, source="web", started_at=started,
                        user_id=params.get("user_id"))
        session.commit()
        run_id = run.id
    return {"run_id": run_id, "models": len(entries), "problems": problems,
            "clusters": len(result.clusters), "fragments": len(result.fragments)}
