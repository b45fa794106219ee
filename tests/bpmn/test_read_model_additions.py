"""Model fields added for other parts: message refs, properties, DI message/band kinds."""

from __future__ import annotations

import bpmn
from bpmn.rules import validate_model
from procmodel.model import Property

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"

# As bpmn-js writes it: a data input association's targetRef is a property of the task.
BPMN_JS = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="{MODEL}"
    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
    xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
    xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Defs" targetNamespace="t">
  <bpmn:message id="Msg_Antrag" name="Antrag"/>
  <bpmn:collaboration id="Collab">
    <bpmn:participant id="Pool_A" name="Amt" processRef="P"/>
    <bpmn:participant id="Pool_B" name="Bürger"/>
    <bpmn:messageFlow id="MF" sourceRef="Pool_B" targetRef="Receive" messageRef="Msg_Antrag"/>
  </bpmn:collaboration>
  <bpmn:process id="P" isExecutable="false">
    <bpmn:property id="Prop_Process" name="Akte" itemSubjectRef="Item_Akte"/>
    <bpmn:startEvent id="Start"/>
    <bpmn:receiveTask id="Receive" name="Antrag empfangen" messageRef="Msg_Antrag"/>
    <bpmn:task id="Check" name="Antrag prüfen">
      <bpmn:property id="Property_1" name="__targetRef_placeholder"/>
      <bpmn:dataInputAssociation id="DIA_1">
        <bpmn:sourceRef>DOR_1</bpmn:sourceRef>
        <bpmn:targetRef>Property_1</bpmn:targetRef>
      </bpmn:dataInputAssociation>
    </bpmn:task>
    <bpmn:sendTask id="Send" name="Bescheid senden" messageRef="Msg_Antrag"/>
    <bpmn:endEvent id="End"/>
    <bpmn:dataObjectReference id="DOR_1" name="Antrag" dataObjectRef="DO_1"/>
    <bpmn:dataObject id="DO_1"/>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Receive"/>
    <bpmn:sequenceFlow id="F2" sourceRef="Receive" targetRef="Check"/>
    <bpmn:sequenceFlow id="F3" sourceRef="Check" targetRef="Send"/>
    <bpmn:sequenceFlow id="F4" sourceRef="Send" targetRef="End"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="D">
    <bpmndi:BPMNPlane id="Plane" bpmnElement="Collab">
      <bpmndi:BPMNShape id="Pool_A_di" bpmnElement="Pool_A" isHorizontal="true"
          participantBandKind="top_initiating">
        <dc:Bounds x="0" y="0" width="600" height="200"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Check_di" bpmnElement="Check">
        <dc:Bounds x="100" y="50" width="100" height="80"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="MF_di" bpmnElement="MF" messageVisibleKind="non_initiating">
        <di:waypoint x="10" y="300"/><di:waypoint x="10" y="100"/>
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1">
        <di:waypoint x="1" y="2"/><di:waypoint x="3" y="4"/>
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
"""


def test_send_and_receive_tasks_keep_their_message_ref():
    process = bpmn.parse(BPMN_JS.encode()).processes[0]
    nodes = process.nodes_by_id
    assert nodes["Receive"].message_ref == "Msg_Antrag"
    assert nodes["Send"].message_ref == "Msg_Antrag"
    assert nodes["Check"].message_ref is None


def test_properties_are_kept_on_their_node_and_process():
    model = bpmn.parse(BPMN_JS.encode())
    process = model.processes[0]
    check = process.nodes_by_id["Check"]
    assert check.properties == (
        Property(id="Property_1", name="__targetRef_placeholder", line=17, owner_id="Check"),
    )
    assert [(p.id, p.owner_id, p.item_subject_ref) for p in process.properties] == [
        ("Prop_Process", "P", "Item_Akte")]
    assert process.nodes_by_id["Send"].properties == ()
    # Found by id like every other element, so references to them resolve.
    assert model.get("Property_1") is check.properties[0]


def test_a_data_association_to_a_property_is_not_dangling():
    result = bpmn.read(BPMN_JS.encode())
    assert not [f for f in result.findings if f.rule.startswith("ref-")], result.findings
    # Also from the model alone, without the file's bytes.
    findings = validate_model(result.model)
    assert not [f for f in findings if f.rule.startswith("ref-")]
    dangling = BPMN_JS.replace("<bpmn:targetRef>Property_1<", "<bpmn:targetRef>Nirgends<")
    result = bpmn.read(dangling.encode())
    assert any(f.rule == "ref-dangling" and "Nirgends" in f.message_de for f in result.findings)


def test_diagram_keeps_message_visible_kind_and_participant_band_kind():
    diagram = bpmn.parse(BPMN_JS.encode()).diagrams[0]
    edges = {e.id: e for e in diagram.edges}
    shapes = {s.id: s for s in diagram.shapes}
    assert edges["MF_di"].message_visible_kind == "non_initiating"
    assert edges["F1_di"].message_visible_kind is None
    assert shapes["Pool_A_di"].participant_band_kind == "top_initiating"
    assert shapes["Check_di"].participant_band_kind is None
    assert [(p.x, p.y) for p in edges["MF_di"].waypoints] == [(10.0, 300.0), (10.0, 100.0)]


def test_the_new_fields_survive_writing_and_reading_again():
    from bpmn.writer import write_bpmn

    model = bpmn.parse(BPMN_JS.encode())
    result = bpmn.read(write_bpmn(model))
    assert not [f for f in result.findings if f.rule == "schema"]
    again = result.model
    process = again.processes[0]
    assert process.nodes_by_id["Send"].message_ref == "Msg_Antrag"
    assert [p.id for p in process.nodes_by_id["Check"].properties] == ["Property_1"]
    assert [(p.id, p.item_subject_ref) for p in process.properties] == [("Prop_Process",
                                                                          "Item_Akte")]
    assert {e.id: e.message_visible_kind for e in again.diagrams[0].edges}["MF_di"] == (
        "non_initiating")
    assert {s.id: s.participant_band_kind for s in again.diagrams[0].shapes}["Pool_A_di"] == (
        "top_initiating")
