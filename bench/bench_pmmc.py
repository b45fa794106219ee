"""Matching quality on the PMMC 2015 University Admission benchmark.

Runs :func:`procmodel.analysis.match_models` over the 36 model pairs of
``../shared/benchmarks/pmmc-ua``, writes the predictions as CSV, scores them with
the benchmark's own ``score.py``, and chooses the thresholds by leave-one-model-out
cross-validation: for each of the nine models, the threshold that maximises F1 on
the 28 pairs without that model is applied to the 8 pairs with it; the held-out
predictions of all folds are scored together.

    .venv/bin/python bench/bench_pmmc.py [--out predictions.csv] [--ablation]

The benchmark's labels are only read to be matched; nothing in the method is
tuned to them except the threshold and the context weight, which the
cross-validation chooses without looking at the held-out model.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bpmn  # noqa: E402
from procmodel.analysis.matching import Matcher, MatchSettings  # noqa: E402
from procmodel.analysis.similarity import LabelStatistics, SimilaritySettings  # noqa: E402
from procmodel.labels import default_language  # noqa: E402

BENCH = ROOT.parent / "shared" / "benchmarks" / "pmmc-ua"
ORDER = ["Cologne", "Frankfurt", "FU_Berlin", "Hohenheim", "IIS_Erlangen", "Muenster",
         "Potsdam", "TU_Munich", "Wuerzburg"]
THRESHOLDS = [round(0.30 + 0.025 * k, 3) for k in range(23)]
CONTEXTS = [0.0, 0.1, 0.15, 0.2, 0.3]


def load_gold(name: str = "gold.csv") -> set[frozenset[tuple[str, str]]]:
    with (BENCH / name).open(encoding="utf-8-sig") as fh:
        return {frozenset(((r["model_a"], r["id_a"]), (r["model_b"], r["id_b"])))
                for r in csv.DictReader(fh)}


def prf(pred: set, gold: set) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def predict(steps, settings: MatchSettings, stats, pairs) -> dict[tuple[str, str], set]:
    matcher = Matcher(default_language(), settings, stats)
    result = {}
    for a, b in pairs:
        result[(a, b)] = {frozenset(((a, c.source_id), (b, c.target_id)))
                          for c in matcher.match_steps(steps[a], steps[b])}
    return result


def restrict(gold: set, pairs) -> set:
    wanted = {frozenset(p) for p in pairs}
    return {g for g in gold if frozenset(m for m, _ in g) in wanted}


def union(predictions: dict, pairs) -> set:
    out: set = set()
    for pair in pairs:
        out |= predictions[pair]
    return out


def cross_validate(steps, base: MatchSettings, stats, gold, pairs) -> tuple[tuple, list]:
    """Leave-one-model-out choice of (threshold, context); held-out micro P/R/F1."""
    grid = {}
    for context in CONTEXTS:
        for threshold in THRESHOLDS:
            settings = replace(base, threshold=threshold, context=context)
            grid[(threshold, context)] = predict(steps, settings, stats, pairs)
    held_pred: set = set()
    held_gold: set = set()
    chosen = []
    tp = n_pred = n_gold = 0
    for model in ORDER:
        train = [p for p in pairs if model not in p]
        test = [p for p in pairs if model in p]
        train_gold = restrict(gold, train)
        best = max(grid, key=lambda k: (prf(union(grid[k], train), train_gold)[2], -k[0]))
        chosen.append((model, best))
        test_pred = union(grid[best], test)
        test_gold = restrict(gold, test)
        tp += len(test_pred & test_gold)
        n_pred += len(test_pred)
        n_gold += len(test_gold)
        held_pred |= test_pred
        held_gold |= test_gold
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return (p, r, f), chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/pmmc-predictions.csv")
    parser.add_argument("--ablation", action="store_true",
                        help="also measure the method with single ideas switched off")
    args = parser.parse_args(argv)
    if not BENCH.is_dir():
        print(f"benchmark not found at {BENCH}")
        return 2
    started = time.perf_counter()
    language = default_language()
    models = {name: bpmn.parse(BENCH / "models" / f"{name}.bpmn") for name in ORDER}
    steps = {name: Matcher(language).steps(model) for name, model in models.items()}
    # IDF from all nine models: unlabelled text of the collection, no gold used.
    stats = LabelStatistics()
    for model_steps in steps.values():
        for step in model_steps.steps:
            stats.add(step.meaning)
    pairs = list(itertools.combinations(ORDER, 2))
    gold = load_gold()
    # The standard task scores equivalences ("=") only; subsumption is a separate gold
    # standard, so one-to-many by subsumption is measured against that one below.
    base = MatchSettings(subsumption=False)

    predictions = predict(steps, base, stats, pairs)
    out = Path(args.out)
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["model_a", "model_b", "id_a", "id_b"])
        for found in predictions.values():
            for corr in sorted(found, key=sorted):
                (ma, ia), (mb, ib) = sorted(corr, key=lambda x: ORDER.index(x[0]))
                writer.writerow([ma, mb, ia, ib])
    score = subprocess.run([sys.executable, str(BENCH / "score.py"), str(out)],
                           capture_output=True, text=True, check=True).stdout
    print(score.strip().splitlines()[-1], f"(defaults: threshold {base.threshold}, "
          f"context {base.context})")
    cv, chosen = cross_validate(steps, base, stats, gold, pairs)
    print("leave-one-model-out CV: precision {:.3f}  recall {:.3f}  F1 {:.3f}".format(*cv))
    print("  chosen per fold:", ", ".join(f"{m}={t}/{c}" for m, (t, c) in chosen))
    with_sub = union(predict(steps, replace(base, subsumption=True), stats, pairs), pairs)
    both = gold | load_gold("gold-subsumes.csv")
    p, r, f = prf(with_sub, gold)
    print(f"with 1:n by subsumption, equivalence gold:       P {p:.3f} R {r:.3f} F1 {f:.3f}")
    p, r, f = prf(with_sub, both)
    print(f"with 1:n by subsumption, equivalence+subsumption: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    p, r, f = prf(union(predictions, pairs), both)
    print(f"without it,              equivalence+subsumption: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    # What `procmodel match A B` gives: IDF from the two files only, subsumption on
    # unless --no-subsumption.
    for name, settings in (("procmodel match A B (defaults)", MatchSettings()),
                           ("procmodel match --no-subsumption A B", base)):
        p, r, f = prf(union(predict(steps, settings, None, pairs), pairs), gold)
        print(f"{name:<40} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    if args.ablation:
        variants = {
            "no context": replace(base, context=0.0),
            "no 1:n": replace(base, one_to_many=False),
            "no action mismatch penalty": replace(
                base, similarity=replace(base.similarity, action_mismatch=1.0)),
            "no related/cross-role/parts/typo": replace(
                base, similarity=SimilaritySettings(related=0, cross_role=0, part=0, typo=0)),
            "no catching event = receiving step": replace(base, catching_events=False),
            "no verbless label = receiving step": replace(base, verbless_received=False),
            "maximum-weight (Hungarian-style) assignment": replace(base, assignment="optimal"),
            "with lane and data-object context (0.5)": replace(base, role_weight=0.5),
            "events treated as activities": replace(
                base, similarity=replace(base.similarity, event_activity=1.0)),
            "no digital/paper medium conflict": replace(
                base, similarity=replace(base.similarity, medium_conflict=1.0)),
        }
        for name, settings in variants.items():
            found = union(predict(steps, settings, stats, pairs), pairs)
            p, r, f = prf(found, gold)
            print(f"  {name:<36} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"time {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
