"""A compact way to write the demo's BPMN models: pools, lanes and structured steps.

The demo models (``inventory/demo/models/*.bpmn``) are generated from descriptions built
with these constructors by ``scripts/make_demo_models.py``, which adds the grid layout
(the diagram layer) and writes BPMN 2.0 XML.  Descriptions are plain dicts, so the
generator needs nothing of ours but this module.

A flow is a list of elements executed in order.  :func:`xor` and :func:`par` split into
branches (lists again) that are joined automatically after the split; a branch that ends
with :func:`end` or ``goto`` (back to an earlier step's id) is not joined.  Every step
sits in a lane; a step without ``lane`` stays in the lane of the step before it.
"""

from __future__ import annotations

from typing import Any

Step = dict[str, Any]

TASK_KINDS = {
    "user": "userTask",
    "manual": "manualTask",
    "service": "serviceTask",
    "send": "sendTask",
    "receive": "receiveTask",
    "rule": "businessRuleTask",
    "script": "scriptTask",
    "task": "task",
}


def task(label: str, kind: str = "user", *, lane: str | None = None, id: str | None = None,
         out: tuple[str, ...] | list[str] = (), inp: tuple[str, ...] | list[str] = (),
         msg_in: str | None = None, msg_out: str | None = None,
         timer: Step | None = None, doc: str | None = None) -> Step:
    """One task.  ``out``/``inp`` name data written/read: ``"store:E-Akte"`` is a data
    store, any other name a data object.  ``msg_in``/``msg_out`` name the pool (or
    ``"@step-id"`` in another pool) a message flow comes from or goes to.  ``timer`` is
    a :func:`timeout` attached as an interrupting boundary timer."""
    if kind not in TASK_KINDS:
        raise ValueError(f"unknown task kind {kind!r} for {label!r}")
    return {"type": TASK_KINDS[kind], "label": label, "lane": lane, "id": id,
            "out": tuple(out), "inp": tuple(inp), "msg_in": msg_in, "msg_out": msg_out,
            "timer": timer, "doc": doc}


def start(label: str, kind: str | None = None, *, lane: str | None = None,
          id: str | None = None, msg_in: str | None = None, detail: str | None = None) -> Step:
    """A start event; ``kind`` is None, ``"message"`` or ``"timer"`` (``detail`` the cycle)."""
    return {"type": "startEvent", "label": label, "event": kind, "lane": lane, "id": id,
            "msg_in": msg_in, "msg_out": None, "detail": detail}


def end(label: str, kind: str | None = None, *, lane: str | None = None,
        id: str | None = None, msg_out: str | None = None) -> Step:
    """An end event; ``kind`` None, ``"message"``, ``"terminate"``."""
    return {"type": "endEvent", "label": label, "event": kind, "lane": lane, "id": id,
            "msg_in": None, "msg_out": msg_out}


def catch(label: str, kind: str = "message", *, lane: str | None = None,
          id: str | None = None, msg_in: str | None = None, detail: str | None = None) -> Step:
    """An intermediate catch event (message or timer)."""
    return {"type": "intermediateCatchEvent", "label": label, "event": kind, "lane": lane,
            "id": id, "msg_in": msg_in, "msg_out": None, "detail": detail}


def branch(label: str | None, *steps: Step, goto: str | None = None) -> Step:
    """One outgoing path of a split; ``label`` names its first flow ("ja", "nein")."""
    return {"type": "branch", "label": label, "steps": list(steps), "goto": goto}


def xor(label: str, *branches: Step, default: int | None = None, lane: str | None = None,
        id: str | None = None) -> Step:
    """An exclusive split; ``default`` is the index of the branch taken otherwise."""
    return {"type": "exclusiveGateway", "label": label, "branches": list(branches),
            "default": default, "lane": lane, "id": id}


def merge(id: str, *, lane: str | None = None) -> Step:
    """An exclusive gateway that merges a loop back (``goto=id``) into the flow."""
    return {"type": "exclusiveGateway", "label": None, "branches": [], "default": None,
            "lane": lane, "id": id, "out": (), "inp": ()}


def par(*branches: Step, lane: str | None = None, id: str | None = None) -> Step:
    """A parallel split into ``branches``, joined again by a parallel gateway."""
    return {"type": "parallelGateway", "label": None, "branches": list(branches),
            "default": None, "lane": lane, "id": id}


def timeout(duration: str, label: str, *steps: Step, goto: str | None = None) -> Step:
    """A boundary timer (ISO 8601 ``duration``) and the path taken when it fires."""
    return {"type": "boundary", "duration": duration, "label": label, "steps": list(steps),
            "goto": goto}


def pool(name: str, flow: list[Step], *, lanes: list[str] | None = None,
         offset: int = 0) -> Step:
    """A pool with a process; ``offset`` shifts its first column to the right."""
    return {"type": "pool", "name": name, "lanes": list(lanes or []), "flow": flow,
            "offset": offset}


def blackbox(name: str) -> Step:
    """A pool without a process (the other party seen from outside)."""
    return {"type": "blackbox", "name": name}


def model(slug: str, title: str, kind: str, pools: list[Step], *,
          doc: str | None = None) -> Step:
    """One BPMN file: ``slug`` names the file and prefixes its ids; ``kind`` ist/soll."""
    if kind not in ("ist", "soll"):
        raise ValueError(f"kind must be ist or soll, not {kind!r}")
    return {"slug": slug, "title": title, "kind": kind, "pools": pools, "doc": doc,
            "draft": False}


def first_draft(desc: Step) -> Step:
    """The modeller's first version of ``desc`` (file ``<slug>.v1.bpmn``): the same
    process with the usual beginner's findings — loops that run straight back into a
    step instead of through a merging gateway, decisions without conditions or default
    flow.  The register keeps it as the older version of the service's Ist model."""
    return {**desc, "slug": f"{desc['slug']}.v1", "title": f"{desc['title']} – Entwurf",
            "draft": True, "version_of": desc["slug"]}
