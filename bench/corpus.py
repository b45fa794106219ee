"""A generator of realistic BPMN 2.0 process models for benchmarks.

The models look like what a municipality's process analysts export from a modelling
tool: one pool for the administration with two to four lanes, a collapsed pool for
the applicant with message flows, German labels ("Antrag prüfen", "Unterlagen
vollständig?"), exclusive and parallel blocks, loops for "Unterlagen nachfordern",
timer and message events, data objects and annotations, ``incoming``/``outgoing``
children and a complete diagram layer (shapes, edges with orthogonal waypoints,
labels).  The structure is block-structured, so every model is sound.

Use :func:`generate_model` for one model (bytes), :func:`generate_corpus` for a
folder of them and :func:`load_corpus` for a benchmark's input;
``python -m bench.corpus DIR -n 1000`` writes a folder from the shell.
Generation is deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from bench.corpus_structure import (
    BAND,
    EVENT,
    LANE_HEADER,
    LANES,
    POOL_X,
    POOL_Y,
    ROW,
    SERVICES,
    TASK_W,
    Builder,
    Flow,
    Node,
    waypoints,
)


def _bounds(node: Node) -> tuple[float, float, float, float]:
    return node.x, node.y - node.height / 2, node.width, node.height


_NAMESPACES = (
    'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
    'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
    'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" '
    'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)


def _attrs(**values: object) -> str:
    """XML attributes from keyword arguments, ``None`` values left out."""
    return "".join(f" {k}={quoteattr(str(v))}" for k, v in values.items() if v is not None)


def _shape(element_id: str, bounds: tuple[float, ...], label: tuple[float, ...] | None = None,
           **extra: object) -> str:
    x, y, w, h = bounds
    text = (f'      <bpmndi:BPMNShape id="{element_id}_di" bpmnElement="{element_id}"'
            f"{_attrs(**extra)}>\n"
            f'        <dc:Bounds x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}"/>\n')
    if label:
        lx, ly, lw, lh = label
        text += ("        <bpmndi:BPMNLabel>\n"
                 f'          <dc:Bounds x="{lx:g}" y="{ly:g}" width="{lw:g}" height="{lh:g}"/>\n'
                 "        </bpmndi:BPMNLabel>\n")
    return text + "      </bpmndi:BPMNShape>\n"


def _edge(element_id: str, points: list[tuple[float, float]],
          label: tuple[float, ...] | None = None) -> str:
    lines = [f'      <bpmndi:BPMNEdge id="{element_id}_di" bpmnElement="{element_id}">\n']
    lines.extend(f'        <di:waypoint x="{x:g}" y="{y:g}"/>\n' for x, y in points)
    if label:
        lx, ly, lw, lh = label
        lines.append(
            "        <bpmndi:BPMNLabel>\n"
            f'          <dc:Bounds x="{lx:g}" y="{ly:g}" width="{lw:g}" height="{lh:g}"/>\n'
            "        </bpmndi:BPMNLabel>\n")
    lines.append("      </bpmndi:BPMNEdge>\n")
    return "".join(lines)


def _semantic_node(node: Node, default: str | None) -> str:
    assignee = "sachbearbeitung" if node.tag == "userTask" else None
    lines = [f"    <bpmn:{node.tag}"
             f"{_attrs(id=node.id, name=node.name, default=default)}"
             f"{_attrs(**{'camunda:assignee': assignee})}>\n"]
    lines.extend(f"      <bpmn:incoming>{flow}</bpmn:incoming>\n" for flow in node.incoming)
    lines.extend(f"      <bpmn:outgoing>{flow}</bpmn:outgoing>\n" for flow in node.outgoing)
    if node.extra:
        lines.append("      " + node.extra.format(id=node.id) + "\n")
    lines.append(f"    </bpmn:{node.tag}>\n")
    return "".join(lines)


def _sequence_flow(flow: Flow) -> str:
    head = (f"    <bpmn:sequenceFlow"
            f"{_attrs(id=flow.id, name=flow.name, sourceRef=flow.source.id)}"
            f"{_attrs(targetRef=flow.target.id)}")
    if not flow.condition:
        return head + "/>\n"
    return (f'{head}>\n      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">'
            f"{escape(flow.condition)}</bpmn:conditionExpression>\n    </bpmn:sequenceFlow>\n")


def generate_model(steps: int, seed: int = 0, *, name: str | None = None) -> bytes:
    """One BPMN 2.0 model with ``steps`` activities, as UTF-8 bytes."""
    rng = random.Random(seed)
    builder = Builder(rng, steps)
    start, end, width, rows = builder.build()
    service = name or f"{rng.choice(SERVICES)} {seed}"
    lane_count = rng.randint(2, 4)
    lane_names = rng.sample(LANES, lane_count)
    for node in builder.nodes:
        node.y += POOL_Y + BAND + ROW / 2
    # Lanes are bands of whole layout rows (the first also holds the band for data
    # objects); lanes beyond the number of rows stay empty, as in real models.
    share, rest = divmod(rows, lane_count)
    lane_rows = [share + (1 if i < rest else 0) for i in range(lane_count)]
    lane_ids = [f"Lane_{i + 1}" for i in range(lane_count)]
    lane_top: list[float] = []
    lane_heights: list[float] = []
    top = float(POOL_Y)
    for index, count in enumerate(lane_rows):
        height = max(count, 1) * ROW + (BAND if index == 0 else 0)
        lane_top.append(top)
        lane_heights.append(height)
        top += height
    pool_height = top - POOL_Y
    pool_width = width + 120
    members: dict[str, list[str]] = {lane: [] for lane in lane_ids}
    row_lane = [i for i, count in enumerate(lane_rows) for _ in range(count)]
    for node in builder.nodes:
        row = int((node.y - POOL_Y - BAND) // ROW)
        node.lane = lane_ids[row_lane[min(row, len(row_lane) - 1)]]
        members[node.lane].append(node.id)
    tasks = [n for n in builder.nodes if n.tag.endswith("Task") or n.tag == "task"]
    columns: dict[float, Node] = {}
    for task in tasks:
        columns.setdefault(task.x, task)
    annotated = rng.sample(sorted(columns.values(), key=lambda n: n.x),
                           min(len(columns), max(1, len(tasks) // 25)))

    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    add = out.append
    add(f"<bpmn:definitions {_NAMESPACES}"
        f"{_attrs(id=f'Definitions_{seed}', targetNamespace='http://bpmn.io/schema/bpmn')}"
        f"{_attrs(exporter='procmodel bench generator', exporterVersion='1.0')}>\n")
    message = f"Message_Antrag_{seed}"
    add(f'  <bpmn:message id="{message}" name="Antrag"/>\n')
    add('  <bpmn:collaboration id="Collaboration_1">\n')
    add(f"    <bpmn:participant{_attrs(id='Participant_Verwaltung')}"
        f"{_attrs(name='Stadtverwaltung – ' + service, processRef='Process_1')}/>\n")
    add('    <bpmn:participant id="Participant_Antragsteller" name="Antragsteller/in"/>\n')
    add(f"    <bpmn:messageFlow{_attrs(id='MessageFlow_in', name='Antrag')}"
        f"{_attrs(sourceRef='Participant_Antragsteller', targetRef=start.id)}"
        f"{_attrs(messageRef=message)}/>\n")
    add(f"    <bpmn:messageFlow{_attrs(id='MessageFlow_out', name='Bescheid')}"
        f"{_attrs(sourceRef=end.id, targetRef='Participant_Antragsteller')}/>\n")
    add("  </bpmn:collaboration>\n")
    add(f"  <bpmn:process{_attrs(id='Process_1', name=service, isExecutable='false')}>\n")
    add("    <bpmn:documentation>Erzeugt für Benchmarks (bench/corpus.py).</bpmn:documentation>\n")
    add('    <bpmn:laneSet id="LaneSet_1">\n')
    for lane_id, lane_name in zip(lane_ids, lane_names, strict=True):
        add(f"      <bpmn:lane{_attrs(id=lane_id, name=lane_name)}>\n")
        out.extend(f"        <bpmn:flowNodeRef>{m}</bpmn:flowNodeRef>\n" for m in members[lane_id])
        add("      </bpmn:lane>\n")
    add("    </bpmn:laneSet>\n")
    out.extend(_semantic_node(node, builder.defaults.get(node.id)) for node in builder.nodes)
    out.extend(_sequence_flow(flow) for flow in builder.flows)
    # Flow elements (data) before artifacts (annotations), as the schema orders them.
    for index, task in enumerate(annotated):
        label = task.name.split()[0] if task.name else "Akte"
        add(f'    <bpmn:dataObject id="DataObject_{index}"/>\n')
        add(f"    <bpmn:dataObjectReference{_attrs(id=f'DataRef_{index}', name=label)}"
            f"{_attrs(dataObjectRef=f'DataObject_{index}')}/>\n")
    for index, task in enumerate(annotated):
        add(f'    <bpmn:textAnnotation id="Annotation_{index}">'
            "<bpmn:text>Hinweis: Vier-Augen-Prinzip beachten</bpmn:text></bpmn:textAnnotation>\n")
        add(f"    <bpmn:association{_attrs(id=f'Association_{index}', sourceRef=task.id)}"
            f"{_attrs(targetRef=f'Annotation_{index}')}/>\n")
    add("  </bpmn:process>\n")

    add('  <bpmndi:BPMNDiagram id="BPMNDiagram_1" name="Ablauf">\n')
    add('    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Collaboration_1">\n')
    add(_shape("Participant_Verwaltung", (POOL_X, POOL_Y, pool_width, pool_height),
               isHorizontal="true"))
    add(_shape("Participant_Antragsteller", (POOL_X, 40, pool_width, 100), isHorizontal="true"))
    for lane_id, top, height in zip(lane_ids, lane_top, lane_heights, strict=True):
        add(_shape(lane_id, (POOL_X + LANE_HEADER, top, pool_width - LANE_HEADER, height),
                   isHorizontal="true"))
    for node in builder.nodes:
        x, y, w, h = _bounds(node)
        label = (x - 20, y + h + 5, w + 40, 27) if node.name and node.width != TASK_W else None
        marker = "true" if node.tag == "exclusiveGateway" else None
        add(_shape(node.id, (x, y, w, h), label, isMarkerVisible=marker))
    for index, task in enumerate(annotated):
        x, y, _w, _h = _bounds(task)
        add(_shape(f"DataRef_{index}", (x + 100, POOL_Y + 10, 36, 50)))
        add(_shape(f"Annotation_{index}", (x, POOL_Y + 15, 90, 40)))
        add(_edge(f"Association_{index}", [(x + 45, y), (x + 45, POOL_Y + 55)]))
    for flow in builder.flows:
        points = waypoints(flow)
        label = (points[0][0] + 5, points[0][1] - 20, 30, 14) if flow.name else None
        add(_edge(flow.id, points, label))
    sx, ex = start.x + EVENT / 2, end.x + EVENT / 2
    add(_edge("MessageFlow_in", [(sx, 140), (sx, start.y - EVENT / 2)]))
    add(_edge("MessageFlow_out", [(ex, end.y - EVENT / 2), (ex, 140)]))
    add("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n")
    return "".join(out).encode("utf-8")


def generate_corpus(directory: str | Path, n: int = 1000, seed: int = 0,
                    min_steps: int = 20, max_steps: int = 200) -> list[Path]:
    """Write ``n`` models of ``min_steps``–``max_steps`` activities to ``directory``.

    Returns the paths in creation order; the same seed gives the same files.
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for index in range(n):
        steps = rng.randint(min_steps, max_steps)
        path = folder / f"model-{index:05d}.bpmn"
        path.write_bytes(generate_model(steps, seed=seed * 100_003 + index))
        paths.append(path)
    return paths


def load_corpus(folder: Path | None, n: int, seed: int = 0) -> list[bytes]:
    """The bytes of ``n`` corpus models: those in ``folder`` when it already holds enough,
    else freshly generated there (or in a temporary folder when ``folder`` is ``None``).
    Prints the corpus size, as every benchmark reports it before its figures."""
    with tempfile.TemporaryDirectory() as tmp:
        target = folder or Path(tmp)
        paths = sorted(target.glob("*.bpmn")) if folder else []
        if len(paths) < n:
            paths = generate_corpus(target, n, seed)
        files = [p.read_bytes() for p in paths[:n]]
    size = sum(len(f) for f in files)
    print(f"corpus: {len(files)} models, {size / 1e6:.1f} MB "
          f"({size / len(files) / 1e3:.0f} kB on average)")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("-n", type=int, default=1000, help="number of models (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--min-steps", type=int, default=20)
    parser.add_argument("--max-steps", type=int, default=200)
    args = parser.parse_args(argv)
    paths = generate_corpus(args.directory, args.n, args.seed, args.min_steps, args.max_steps)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} models, {size / 1e6:.1f} MB in {args.directory}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
