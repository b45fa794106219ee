"""Schema findings in plain German and English, with the element they are about."""

from __future__ import annotations

import pytest

import bpmn
from bpmn.schema_messages import paraphrase

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
M = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"


def schema_findings(xml: str) -> list:
    return [f for f in bpmn.read(xml.encode()).findings if f.rule == "schema"]


@pytest.mark.parametrize(
    ("message", "german", "english"),
    [
        (f"Element '{M}unrecognized': This element is not expected. Expected is one of "
         f"( {M}import, {M}extension ).",
         "Das Element <bpmn:unrecognized> ist an dieser Stelle nicht erlaubt. Erlaubt wäre "
         "hier: bpmn:import, bpmn:extension.",
         "The element <bpmn:unrecognized> is not allowed at this position. Allowed here: "
         "bpmn:import, bpmn:extension."),
        (f"Element '{M}sequenceFlow': The attribute 'targetRef' is required but missing.",
         "Dem Element <bpmn:sequenceFlow> fehlt das Pflichtattribut „targetRef“.",
         "The element <bpmn:sequenceFlow> lacks the required attribute 'targetRef'."),
        (f"Element '{M}process', attribute 'isExecutable': 'ja' is not a valid value of the "
         "atomic type 'xs:boolean'.",
         "Der Wert „ja“ des Attributs „isExecutable“ am Element <bpmn:process> ist ungültig: "
         "erwartet wird ein Wahrheitswert (true oder false).",
         "The value 'ja' of the attribute 'isExecutable' on the element <bpmn:process> is "
         "invalid: expected a boolean (true or false)."),
        (f"Element '{M}task', attribute 'id': '1a' is not a valid value of the atomic type "
         "'xs:ID'.",
         "„1a“ ist als ID am Element <bpmn:task> ungültig",
         "'1a' is not a valid id on the element <bpmn:task>"),
        (f"Element '{M}exclusiveGateway', attribute 'gatewayDirection': [facet 'enumeration'] "
         "The value 'Sideways' is not an element of the set {'Unspecified', 'Converging'}.",
         "Der Wert „Sideways“ des Attributs „gatewayDirection“ am Element "
         "<bpmn:exclusiveGateway> ist nicht zulässig; erlaubt sind: Unspecified, Converging.",
         "allowed are: Unspecified, Converging."),
        (f"Element '{M}dataInputAssociation': Missing child element(s). Expected is one of "
         f"( {M}sourceRef, {M}targetRef ).",
         "Dem Element <bpmn:dataInputAssociation> fehlt ein vorgeschriebenes Kindelement; "
         "erwartet wird: bpmn:sourceRef, bpmn:targetRef.",
         "lacks a required child element; expected: bpmn:sourceRef, bpmn:targetRef."),
        (f"Element '{M}conditionExpression', attribute 'language': The attribute 'language' "
         "is not allowed.",
         "Das Attribut „language“ ist am Element <bpmn:conditionExpression> nicht erlaubt.",
         "The attribute 'language' is not allowed on the element <bpmn:conditionExpression>."),
        ("Element '{urn:vendor}note': No matching global element declaration available, but "
         "demanded by the strict wildcard.",
         "gehören in <bpmn:extensionElements>", "belong in <bpmn:extensionElements>"),
    ],
)
def test_common_libxml_messages_are_paraphrased(message, german, english):
    worded = paraphrase(message)
    assert worded is not None
    assert german in worded.de and english in worded.en
    assert "{" + MODEL not in worded.de


def test_long_lists_of_allowed_elements_are_cut():
    items = ", ".join(f"{M}e{i}" for i in range(14))
    worded = paraphrase(f"Element '{M}x': This element is not expected. Expected is one of "
                        f"( {items} ).")
    assert worded is not None
    assert "bpmn:e9 und 4 weitere." in worded.de and "bpmn:e9 and 4 more." in worded.en
    assert "bpmn:e10" not in worded.de


def test_unknown_messages_are_not_guessed_at():
    assert paraphrase("Something libxml2 says one day.") is None
    assert paraphrase(f"Element '{M}x': a brand-new complaint.") is None


def test_schema_finding_is_german_with_the_original_as_detail_and_locates_the_element():
    findings = schema_findings(f"""<?xml version="1.0"?>
<definitions xmlns="{MODEL}" id="d" targetNamespace="t">
  <process id="p" isExecutable="false">
    <task id="t1" name="Antrag prüfen">
      <unbekannt/>
    </task>
    <sequenceFlow id="f1" name="weiter" sourceRef="t1"/>
  </process>
</definitions>""")
    assert [f.line for f in findings] == [5, 7]
    unexpected, missing = findings
    assert unexpected.message_de.startswith(
        "Das Element <bpmn:unbekannt> ist an dieser Stelle nicht erlaubt.")
    assert "(Schema-Meldung: Element 'bpmn:unbekannt': This element is not expected." in (
        unexpected.message_de)
    # The failing element has no id: its nearest ancestor with one names the place.
    assert (unexpected.element_id, unexpected.element_name) == ("t1", "Antrag prüfen")
    assert missing.message_de.startswith(
        "Dem Element <bpmn:sequenceFlow> fehlt das Pflichtattribut „targetRef“.")
    assert missing.message_en.startswith(
        "The element <bpmn:sequenceFlow> lacks the required attribute 'targetRef'.")
    assert (missing.element_id, missing.element_name) == ("f1", "weiter")


def test_prefixed_file_locates_the_element_by_path(shared_dir):
    path = shared_dir / "corpora" / "bpmn-moddle" / "error" / "unrecognized-child.bpmn"
    findings = [f for f in bpmn.read(path).findings if f.rule == "schema"]
    assert findings and findings[0].message_de.startswith(
        "Das Element <bpmn:unrecognized> ist an dieser Stelle nicht erlaubt.")
    assert findings[0].element_id is not None


def test_not_xml_at_all_is_named_in_plain_words():
    with pytest.raises(bpmn.UnreadableBpmn) as info:
        bpmn.parse(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", filename="foto.bpmn")
    assert info.value.finding.rule == "xml-malformed"
    assert "keine XML-/BPMN-Datei, sondern ein Bild (PNG)" in info.value.finding.message_de
    assert "not an XML/BPMN file but an image (PNG)" in info.value.finding.message_en
    with pytest.raises(bpmn.UnreadableBpmn) as info:
        bpmn.parse(b"Liste der Aufgaben\n- pruefen\n", filename="notizen.txt")
    assert "sondern Text, der nicht mit „<“ beginnt" in str(info.value)
    assert str(info.value).startswith("Zeile 1: Die Datei ist keine XML-/BPMN-Datei")
    with pytest.raises(bpmn.UnreadableBpmn) as info:
        bpmn.parse(b"\x00\x01\x02\x03garbage\x00", filename="x.bpmn")
    assert "Binärdaten" in info.value.finding.message_de


def test_broken_xml_keeps_the_parser_detail():
    with pytest.raises(bpmn.UnreadableBpmn) as info:
        bpmn.parse(b"<definitions><unclosed></definitions>", filename="kaputt.bpmn")
    assert info.value.finding.message_de.startswith("Die Datei ist kein wohlgeformtes XML:")
