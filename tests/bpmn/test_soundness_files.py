"""Soundness findings through the reader, on small BPMN files in tests/data/rules."""

from __future__ import annotations

from pathlib import Path

import pytest

import bpmn


def behaviour(test_data: Path, name: str) -> list[tuple[str, str | None, int | None]]:
    result = bpmn.read(test_data / "rules" / name)
    return [(f.rule, f.element_id, f.line) for f in result.findings
            if f.rule.startswith("soundness")]


def test_deadlock_file(test_data: Path) -> None:
    assert behaviour(test_data, "deadlock.bpmn") == [
        ("soundness-deadlock", "Join", 8),
        ("soundness-dead-step", "Bescheid", 9),
    ]


def test_lack_of_synchronisation_file(test_data: Path) -> None:
    assert behaviour(test_data, "lack_of_sync.bpmn") == [
        ("soundness-lack-of-synchronisation", "Join", 8),
    ]


def test_sound_file(test_data: Path) -> None:
    assert behaviour(test_data, "sound.bpmn") == []


@pytest.mark.parametrize("rule", ["soundness-deadlock", "soundness-dead-step"])
def test_reader_passes_disabled_rules_on(test_data: Path, rule: str) -> None:
    result = bpmn.read(test_data / "rules" / "deadlock.bpmn", disabled_rules={rule})
    assert rule not in {f.rule for f in result.findings}
