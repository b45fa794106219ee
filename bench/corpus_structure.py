"""The structure and layout of a generated benchmark model (see :mod:`bench.corpus`).

A model is a block structure — sequences of tasks and events, exclusive and parallel
blocks, loops — laid out left to right in rows while it is built; every node gets its
position, every flow its waypoints.  Block-structured means sound by construction.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

VERBS = (
    "prüfen", "erfassen", "bearbeiten", "anfordern", "nachfordern", "bewerten", "erstellen",
    "versenden", "freigeben", "archivieren", "berechnen", "zustellen", "abstimmen", "genehmigen",
    "ablehnen", "weiterleiten", "scannen", "einholen", "anlegen", "aktualisieren",
)
OBJECTS = (
    "Antrag", "Unterlagen", "Nachweise", "Gebühr", "Bescheid", "Stellungnahme", "Akte",
    "Personalausweis", "Meldebescheinigung", "Zahlung", "Vollmacht", "Gutachten", "Vermerk",
    "Widerspruch", "Zuständigkeit", "Identität", "Anhörung", "Genehmigung", "Auskunft",
    "Führungszeugnis", "Baugenehmigung", "Gewerbeanmeldung", "Lageplan", "Rechnung",
)
QUESTIONS = (
    "Unterlagen vollständig?", "Antrag zulässig?", "Gebühr bezahlt?", "Nachweise gültig?",
    "Zuständigkeit gegeben?", "Rückfrage nötig?", "Frist eingehalten?", "Identität bestätigt?",
    "Genehmigung erteilt?", "Einwände erhoben?",
)
SERVICES = (
    "Wohnsitzanmeldung", "Gewerbeanmeldung", "Baugenehmigung", "Hundesteuer", "Elterngeld",
    "Kita-Platz", "Führungszeugnis", "Sondernutzungserlaubnis", "Bewohnerparkausweis",
    "Fundsachen", "Gaststättenerlaubnis", "Baumfällgenehmigung", "Wohngeld", "Briefwahl",
)
LANES = ("Bürgerservice", "Sachbearbeitung", "Fachamt", "Kasse", "Amtsleitung", "IT-Verfahren")

TASK_W, TASK_H = 100, 80
GATEWAY = 50
EVENT = 36
ROW = 130  # height of one row of the layout
GAP = 50  # horizontal gap between elements
POOL_X, POOL_Y, LANE_HEADER = 100, 220, 30
BAND = 70  # a band above the first row for data objects and annotations


@dataclass
class Node:
    id: str
    tag: str  # BPMN local name
    name: str | None
    x: float = 0
    y: float = 0  # centre y
    width: float = TASK_W
    height: float = TASK_H
    extra: str = ""  # child elements (event definitions) as XML
    attrs: str = ""
    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)
    lane: str | None = None


@dataclass
class Flow:
    id: str
    source: Node
    target: Node
    name: str | None = None
    back: bool = False  # a loop's back edge, routed below
    condition: str | None = None


#: What laying out a block gives: its first and last node, its width and its rows.
Block = tuple[Node, Node, float, int]


class Builder:
    """Builds one model: a block structure, its layout, then the XML text."""

    def __init__(self, rng: random.Random, steps: int) -> None:
        self.rng = rng
        self.steps = steps
        self.nodes: list[Node] = []
        self.flows: list[Flow] = []
        self.counter = 0
        self.tasks = 0
        self.defaults: dict[str, str] = {}
        self.loop_checks: set[str] = set()

    def new_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}_{self.counter:05d}"

    def node(self, tag: str, name: str | None, **kwargs: object) -> Node:
        size = {"task": (TASK_W, TASK_H), "gateway": (GATEWAY, GATEWAY), "event": (EVENT, EVENT)}
        family = "task"
        if tag.endswith("Gateway"):
            family = "gateway"
        elif tag.endswith("Event"):
            family = "event"
        width, height = size[family]
        node = Node(self.new_id(family.capitalize()), tag, name, width=width, height=height,
                    **kwargs)  # type: ignore[arg-type]
        self.nodes.append(node)
        return node

    def connect(self, source: Node, target: Node, name: str | None = None,
                back: bool = False) -> Flow:
        flow = Flow(self.new_id("Flow"), source, target, name, back)
        source.outgoing.append(flow.id)
        target.incoming.append(flow.id)
        self.flows.append(flow)
        return flow

    def label(self) -> str:
        return f"{self.rng.choice(OBJECTS)} {self.rng.choice(VERBS)}"

    # --- structure and layout in one pass: each block returns (first, last, width, rows) ---

    def task(self, x: float, y: float) -> Block:
        self.tasks += 1
        tag = self.rng.choices(
            ("task", "userTask", "serviceTask", "manualTask", "sendTask"), (6, 8, 3, 2, 1))[0]
        node = self.node(tag, self.label())
        node.x, node.y = x, y
        return node, node, TASK_W, 1

    def event(self, x: float, y: float) -> Block:
        if self.rng.random() < 0.5:
            node = self.node("intermediateCatchEvent", "Frist abgelaufen",
                             extra='<bpmn:timerEventDefinition id="{id}_def">'
                                   "<bpmn:timeDuration>P14D</bpmn:timeDuration>"
                                   "</bpmn:timerEventDefinition>")
        else:
            node = self.node("intermediateCatchEvent", "Rückmeldung eingegangen",
                             extra='<bpmn:messageEventDefinition id="{id}_def"/>')
        node.x, node.y = x, y
        return node, node, EVENT, 1

    def sequence(self, budget: int, x: float, y: float, depth: int) -> Block:
        first = last = None
        width = 0.0
        rows = 1
        while budget > 0:
            roll = self.rng.random()
            if depth < 3 and budget >= 4 and roll < 0.22:
                size = self.rng.randint(3, min(budget, 12))
                block = self.choice_block(size, x + width, y, depth, parallel=roll < 0.08)
            elif depth < 3 and budget >= 3 and roll < 0.30:
                size = self.rng.randint(2, min(budget, 6))
                block = self.loop_block(size, x + width, y, depth)
            elif roll < 0.35:
                block = self.event(x + width, y)
                size = 0
            else:
                block = self.task(x + width, y)
                size = 1
            b_first, b_last, b_width, b_rows = block
            if last is not None:
                self.connect(last, b_first)
            first = first or b_first
            last = b_last
            width += b_width + GAP
            rows = max(rows, b_rows)
            budget -= max(size, 1) if size else 0
            if size == 0 and budget <= 0:
                break
        if first is None:
            return self.task(x, y)
        return first, last, width - GAP, rows  # type: ignore[return-value]

    def choice_block(self, size: int, x: float, y: float, depth: int,
                     parallel: bool) -> Block:
        tag = "parallelGateway" if parallel else "exclusiveGateway"
        split = self.node(tag, None if parallel else self.rng.choice(QUESTIONS))
        join = self.node(tag, None)
        split.x, split.y = x, y
        branches = 2 if size < 6 else self.rng.randint(2, 3)
        shares = [size // branches + (1 if i < size % branches else 0) for i in range(branches)]
        inner_x = x + GATEWAY + GAP
        row = 0
        width = 0.0
        names = ("ja", "nein", "sonst")
        for index, share in enumerate(shares):
            b_first, b_last, b_width, b_rows = self.sequence(
                share, inner_x, y + row * ROW, depth + 1)
            name = None if parallel else names[index]
            flow = self.connect(split, b_first, name)
            if not parallel:
                if index == len(shares) - 1:
                    self.defaults[split.id] = flow.id
                else:
                    flow.condition = f'${{entscheidung == "{name}"}}'
            self.connect(b_last, join)
            width = max(width, b_width)
            row += b_rows
        join.x, join.y = inner_x + width + GAP, y
        return split, join, 2 * GATEWAY + 2 * GAP + width, row

    def loop_block(self, size: int, x: float, y: float, depth: int) -> Block:
        merge = self.node("exclusiveGateway", None)
        merge.x, merge.y = x, y
        b_first, b_last, b_width, b_rows = self.sequence(size, x + GATEWAY + GAP, y, depth + 1)
        check = self.node("exclusiveGateway", self.rng.choice(QUESTIONS))
        check.x, check.y = x + GATEWAY + GAP + b_width + GAP, y
        self.connect(merge, b_first)
        self.connect(b_last, check)
        back = self.connect(check, merge, "nein", back=True)
        back.condition = '${entscheidung == "nein"}'
        self.loop_checks.add(check.id)
        return merge, check, 2 * GATEWAY + 2 * GAP + b_width, b_rows + 1

    def build(self) -> Block:
        start = self.node("startEvent", "Antrag eingegangen",
                          extra='<bpmn:messageEventDefinition id="{id}_def"/>')
        x0 = POOL_X + LANE_HEADER + 60
        start.x, start.y = x0, 0
        first, last, width, rows = self.sequence(self.steps, x0 + EVENT + GAP, 0, 0)
        end = self.node("endEvent", "Bescheid versandt",
                        extra='<bpmn:messageEventDefinition id="{id}_def"/>')
        end.x, end.y = x0 + EVENT + GAP + width + GAP, 0
        self.connect(start, first)
        self.connect(last, end)
        for flow in self.flows:
            # A loop's forward exit is its checking gateway's default flow.
            if flow.source.id in self.loop_checks and not flow.back:
                flow.name = "ja"
                self.defaults[flow.source.id] = flow.id
        return start, end, end.x + EVENT - POOL_X, rows


def waypoints(flow: Flow) -> list[tuple[float, float]]:
    """Orthogonal waypoints: straight, down into a branch, up into a join, or a loop below."""
    source, target = flow.source, flow.target
    sx, sy = source.x + source.width, source.y
    tx, ty = target.x, target.y
    if flow.back:
        below = max(sy, ty) + ROW / 2 - 10
        scx, tcx = source.x + source.width / 2, target.x + target.width / 2
        return [(scx, sy + source.height / 2), (scx, below), (tcx, below),
                (tcx, ty + target.height / 2)]
    if sy == ty:
        return [(sx, sy), (tx, ty)]
    if ty > sy:
        cx = source.x + source.width / 2
        return [(cx, sy + source.height / 2), (cx, ty), (tx, ty)]
    cx = target.x + target.width / 2
    return [(sx, sy), (cx, sy), (cx, ty + target.height / 2)]
