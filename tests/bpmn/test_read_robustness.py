"""Damaged files never crash the reader: they load, or are refused with UnreadableBpmn."""

from __future__ import annotations

import random
from pathlib import Path

from lxml import etree

import bpmn

DATA = Path(__file__).resolve().parent.parent / "data" / "reader" / "coverage.bpmn"
VALUES = ["", "x", "-1", "NaN", "true", "false", "1e999", "inf", " ", "ä", "start", "sub", "f_ja"]


def _outcome(data: bytes) -> str:
    try:
        bpmn.read(data)
        bpmn.element_counts(data)
    except bpmn.UnreadableBpmn as exc:
        assert exc.finding.rule in bpmn.READER_RULES
        return "refused"
    return "read"


def test_byte_level_damage_is_read_or_refused():
    original = DATA.read_bytes()
    rng = random.Random(20261126)
    outcomes = set()
    for _ in range(150):
        data = bytearray(original)
        choice = rng.random()
        if choice < 0.35:
            data = data[: rng.randrange(len(data))]
        elif choice < 0.7:
            for _ in range(rng.randint(1, 5)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        else:
            start = rng.randrange(len(data))
            del data[start : start + rng.randint(1, 40)]
        outcomes.add(_outcome(bytes(data)))
    assert outcomes == {"read", "refused"}


def test_well_formed_but_wrong_values_are_read():
    rng = random.Random(7)
    for _ in range(80):
        root = etree.fromstring(DATA.read_bytes())
        elements = [e for e in root.iter() if isinstance(e.tag, str)]
        for _ in range(rng.randint(1, 8)):
            element = rng.choice(elements)
            roll = rng.random()
            if roll < 0.4 and element.attrib:
                element.attrib[rng.choice(list(element.attrib))] = rng.choice(VALUES)
            elif roll < 0.7 and element.attrib:
                del element.attrib[rng.choice(list(element.attrib))]
            elif roll < 0.85 and element.getparent() is not None:
                element.getparent().remove(element)
            else:
                element.text = rng.choice(VALUES)
        assert _outcome(etree.tostring(root)) in {"read", "refused"}
