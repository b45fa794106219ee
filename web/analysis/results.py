"""The stored analysis result, prepared for the pages and the API.

Results are stored as JSON (``AnalysisRun.result``); here each step reference gets the
link to its model version with the steps highlighted, found from the model id
(``service/kind/version``) the analysis job gave each model.
"""

from __future__ import annotations

from collections import defaultdict
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


def find_fragment(result: dict[str, Any], fragment_id: str) -> dict[str, Any] | None:
    return next((f for f in result.get("fragments", []) if str(f["id"]) == fragment_id), None)


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
