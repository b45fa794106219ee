"""Small BPMN files written in code for the web tests (linear processes with layout)."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
        'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
        'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" '
        'id="defs" targetNamespace="urn:test">\n')


def linear_bpmn(tasks: list[tuple[str, str | None]], *, process_id: str = "Process_1",
                process_name: str = "Testprozess") -> bytes:
    """Start → tasks → end, with a diagram; a task named ``None`` has no label."""
    nodes = [("start", "startEvent", "Antrag eingegangen")]
    nodes += [(tid, "task", name) for tid, name in tasks]
    nodes += [("end", "endEvent", "Erledigt")]
    parts = [HEAD, f'<process id="{process_id}" name={quoteattr(process_name)} '
                   'isExecutable="false">\n']
    for nid, kind, name in nodes:
        label = f" name={quoteattr(name)}" if name is not None else ""
        parts.append(f'  <{kind} id="{nid}"{label}/>\n')
    for i in range(len(nodes) - 1):
        parts.append(f'  <sequenceFlow id="f{i}" sourceRef="{nodes[i][0]}" '
                     f'targetRef="{nodes[i + 1][0]}"/>\n')
    parts.append('</process>\n<bpmndi:BPMNDiagram id="Diagram_1">'
                 f'<bpmndi:BPMNPlane id="Plane_1" bpmnElement="{process_id}">\n')
    x = 100
    centres = []
    for nid, kind, _name in nodes:
        w, h = (36, 36) if kind.endswith("Event") else (100, 80)
        y = 100 - h / 2
        parts.append(f'  <bpmndi:BPMNShape id="{nid}_di" bpmnElement="{nid}">'
                     f'<dc:Bounds x="{x}" y="{y}" width="{w}" height="{h}"/>'
                     '</bpmndi:BPMNShape>\n')
        centres.append((x, x + w))
        x += w + 50
    for i in range(len(nodes) - 1):
        parts.append(f'  <bpmndi:BPMNEdge id="f{i}_di" bpmnElement="f{i}">'
                     f'<di:waypoint x="{centres[i][1]}" y="100"/>'
                     f'<di:waypoint x="{centres[i + 1][0]}" y="100"/></bpmndi:BPMNEdge>\n')
    parts.append("</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n</definitions>\n")
    return "".join(parts).encode("utf-8")


GOOD = linear_bpmn([("Task_pruefen", "Antrag prüfen"), ("Task_bescheid", "Bescheid erstellen")])
#: One task without a label: stored, with a label-required warning on ``Task_leer``.
WITH_FINDING = linear_bpmn([("Task_pruefen", "Antrag prüfen"), ("Task_leer", None)])
#: Version 2 of GOOD: one step renamed, one added, one removed.
GOOD_V2 = linear_bpmn([("Task_pruefen", "Vollständigkeit prüfen"),
                       ("Task_zahlung", "Gebühr bezahlen")])
SCRIPT_LABEL = linear_bpmn([("Task_x", '<script>alert("x")</script><b>fett</b>')])

XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE definitions [<!ENTITY xxe SYSTEM '
       b'"file:///etc/passwd">]>\n<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/'
       b'MODEL" id="d" targetNamespace="urn:x"><process id="p"><task id="t" name="&xxe;"/>'
       b'</process></definitions>')
BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" '
        b'targetNamespace="urn:x"><process id="p"><task id="t" name="&lol3;"/></process>'
        b'</definitions>')
NOT_BPMN = b'<?xml version="1.0"?><html><body>kein BPMN</body></html>'
BINARY = bytes(range(256)) * 8
