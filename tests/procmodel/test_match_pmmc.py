"""Matching quality on PMMC 2015 University Admission stays above the published best."""

from __future__ import annotations

import csv
import itertools

import pytest

from procmodel.analysis import LabelStatistics, Matcher, MatchSettings

ORDER = ["Cologne", "Frankfurt", "FU_Berlin", "Hohenheim", "IIS_Erlangen", "Muenster",
         "Potsdam", "TU_Munich", "Wuerzburg"]


@pytest.mark.shared
def test_f1_beats_the_best_published_matcher(shared_dir) -> None:
    import bpmn

    bench = shared_dir / "benchmarks" / "pmmc-ua"
    matcher = Matcher(settings=MatchSettings(subsumption=False))
    steps = {name: matcher.steps(bpmn.parse(bench / "models" / f"{name}.bpmn"))
             for name in ORDER}
    stats = LabelStatistics()
    for model_steps in steps.values():
        for step in model_steps.steps:
            stats.add(step.meaning)
    matcher.stats = stats
    predicted = set()
    for a, b in itertools.combinations(ORDER, 2):
        for c in matcher.match_steps(steps[a], steps[b]):
            predicted.add(frozenset(((a, c.source_id), (b, c.target_id))))
    with (bench / "gold.csv").open(encoding="utf-8-sig") as fh:
        gold = {frozenset(((r["model_a"], r["id_a"]), (r["model_b"], r["id_b"])))
                for r in csv.DictReader(fh)}
    tp = len(predicted & gold)
    precision, recall = tp / len(predicted), tp / len(gold)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 > 0.75, (precision, recall, f1)
