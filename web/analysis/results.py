"""The stored analysis result, prepared for the pages and the API.

Results are stored as JSON (``AnalysisRun.result``); here each step reference gets the
link to its model version with the steps highlighted, found from the model id
(``service/kind/version``) the analysis job gave each model.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from flask import url_for
from sqlalchemy.orm import Session

from inventory import analysis_store
from web.analysis.jobs import version_of


def latest_result_json(session: Session) -> dict[str, Any] | None:
    run = analysis_store.latest_run(session)
    if run is None:
        return None
    return {"run": {"id": run.id, "started_at": run.started_at.isoformat(),
                    "finished_at": run.finished_at.isoformat() if run.finished_at else None,
                    "source": run.source, "models": run.model_count,
                    "statistics": run.statistics},
            "result": run.result}


def latest_run_for_pages(session: Session) -> tuple[dict[str, Any] | None,
                                                     dict[str, Any] | None]:
    """(run facts, result) of the latest run for the pages — ``(None, None)`` without any.

    The run's ``when`` is its finish (else start) time as a ``datetime``, shown in Berlin
    local time by the ``|zeit`` filter rather than as the stored ISO text.
    """
    data = latest_result_json(session)
    if data is None:
        return None, None
    run = dict(data["run"])
    run["when"] = datetime.fromisoformat(run["finished_at"] or run["started_at"])
    return run, data["result"]


def diagram_url(model_id: str | None, step_ids: list[str]) -> str | None:
    version_id = version_of(model_id)
    if version_id is None:
        return None
    return url_for("processes.version", version_id=version_id,
                   highlight=",".join(dict.fromkeys(step_ids)))


def group_by_model(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Members of a cluster grouped per model, each group with its diagram link."""
    groups: dict[tuple[str, str | None], list[dict[str, Any]]] = defaultdict(list)
    for member in members:
        groups[(member["service_id"], member.get("model_id"))].append(member)
    out = []
    for (_service, model), items in groups.items():
        out.append({"service_name": items[0]["service_name"],
                    "service_id": items[0]["service_id"],
                    "handlungsfeld": items[0].get("handlungsfeld"),
                    "department": items[0].get("department"),
                    "steps": items,
                    "url": diagram_url(model, [m["step_id"] for m in items])})
    return out


def step_key(member: dict[str, Any]) -> str:
    return f"{member['service_id']}#{member['step_id']}"


def find_cluster(result: dict[str, Any], cluster_id: str) -> dict[str, Any] | None:
    return next((c for c in result.get("clusters", []) if str(c["id"]) == cluster_id), None)


def overview(result: dict[str, Any], top: int = 5) -> dict[str, Any]:
    """What the overview page shows beside the counts: Basisdienste coverage and the
    largest findings (Doppelstrukturen by services, fragments by processing time,
    services with the most media breaks)."""
    basis = []
    for item in result.get("basisdienste", []):
        using = {r["service_id"] for r in item.get("using", [])}
        built = {r["service_id"] for r in item.get("self_built", [])}
        basis.append({"component": item.get("component"), "name": item.get("name"),
                      "name_en": item.get("name_en"), "using": len(using),
                      "self_built": len(built - using)})
    doppel = sorted(result.get("doppelstrukturen", []),
                    key=lambda d: (-len(d.get("services") or []),
                                   -len(d.get("handlungsfelder") or [])))[:top]
    fragments = sorted(result.get("fragments", []),
                       key=lambda f: -float(f.get("minutes_per_year") or 0))[:top]
    breaks: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for item in result.get("media_breaks", []):
        step = item.get("step") or {}
        sid = str(step.get("service_id"))
        breaks[sid] += 1
        names[sid] = step.get("service_name") or sid
    worst = sorted(breaks.items(), key=lambda kv: (-kv[1], names[kv[0]]))[:top]
    return {"basisdienste": basis, "doppelstrukturen": doppel, "fragments": fragments,
            "media_breaks": [{"service_id": sid, "service_name": names[sid], "count": n}
                             for sid, n in worst]}


class ServiceIndex:
    """Per-service view of the latest analysis run, built once per run and process.

    The service page shows what the analysis found for one service; reading and walking
    the whole stored result (several MB for a large register) on every page view would
    cost more than the page itself, so the index is kept until a newer run exists.
    """

    def __init__(self) -> None:
        self._run_id: int | None = None
        self._run: dict[str, Any] | None = None
        self._index: dict[str, dict[str, Any]] = {}

    def get(self, session: Session, service_id: int) -> tuple[dict[str, Any] | None,
                                                            dict[str, Any] | None]:
        """(run facts, this service's findings) — ``(None, None)`` without any run."""
        from sqlalchemy import func, select

        from inventory.analysis_store import AnalysisRun

        newest = session.scalar(select(func.max(AnalysisRun.id)))
        if newest is None:
            return None, None
        if newest != self._run_id:
            run, result = latest_run_for_pages(session)
            if run is None:
                return None, None
            self._index = build_service_index(result or {})
            self._run = run
            self._run_id = newest
        return self._run, self._index.get(str(service_id))


def build_service_index(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """service id → clusters, Doppelstrukturen, fragments, media breaks and Basisdienste
    findings that concern it."""
    index: dict[str, dict[str, Any]] = defaultdict(lambda: {
        "clusters": [], "steps_in_clusters": 0, "doppelstrukturen": 0, "fragments": [],
        "media_breaks": [], "using": [], "self_built": []})
    names: dict[str, str] = {}
    doppel_clusters = {str(d.get("ref")) for d in result.get("doppelstrukturen", [])
                       if d.get("kind") == "cluster"}
    for cluster in result.get("clusters", []):
        seen: set[str] = set()
        for member in cluster.get("members", []):
            sid = str(member.get("service_id"))
            names[sid] = member.get("service_name") or sid
            index[sid]["steps_in_clusters"] += 1
            if sid not in seen:
                seen.add(sid)
                index[sid]["clusters"].append({
                    "id": cluster.get("id"), "name": cluster.get("canonical_name"),
                    "services": cluster.get("services"),
                    "doppelstruktur": str(cluster.get("id")) in doppel_clusters
                    or bool(cluster.get("doppelstruktur"))})
                if str(cluster.get("id")) in doppel_clusters:
                    index[sid]["doppelstrukturen"] += 1
    for fragment in result.get("fragments", []):
        for sid in {str(o.get("service_id")) for o in fragment.get("occurrences", [])}:
            index[sid]["fragments"].append({"id": fragment.get("id"),
                                            "steps": fragment.get("steps") or [],
                                            "doppelstruktur": fragment.get("doppelstruktur")})
    for item in result.get("media_breaks", []):
        step = item.get("step") or {}
        index[str(step.get("service_id"))]["media_breaks"].append(
            {"label": step.get("label"), "kind": item.get("kind"),
             "model_id": step.get("model_id"), "step_id": step.get("step_id")})
    for item in result.get("basisdienste", []):
        for key in ("using", "self_built"):
            for sid in {str(r.get("service_id")) for r in item.get(key, [])}:
                index[sid][key].append({"component": item.get("component"),
                                        "name": item.get("name"),
                                        "name_en": item.get("name_en")})
    return dict(index)
