"""Benchmark: rendering BPMN diagrams to SVG, as a ratio to reading the same files.

Measured on the generated corpus (:mod:`bench.corpus`; models of 20–200 steps with
pools, lanes, gateways, data, annotations and a complete diagram layer), all files
held in memory:

* ``parse``  – ``bpmn.parse(data)``: reading into the neutral model, the baseline (1.0×);
* ``read``   – ``bpmn.read(data)``: reading with full validation, for comparison;
* ``render`` – ``bpmn.render.render_svg(model)`` on the already parsed model;
* ``write``  – ``bpmn.writer.write_bpmn(model)``, semantics and diagram layer;
* ``layout`` – ``bpmn.layout.auto_layout`` (graphviz ``dot``) on the first ``--layout-n``
  models with their diagram layer removed, reported per model against ``parse`` of the
  same models.

Methods run on each file in turn (interleaved, so that load from other processes hits
all alike); the best of ``--rounds`` rounds counts.

Usage: ``python -m bench.bench_render [-n 1000] [--rounds 3] [--layout-n 50] [--corpus DIR]``
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import bpmn
from bench.corpus import load_corpus
from bpmn.layout import auto_layout
from bpmn.render import render_svg
from bpmn.writer import write_bpmn


def measure(files: list[bytes], rounds: int) -> tuple[dict[str, float], int]:
    """Best total seconds per method over ``rounds`` rounds; also the SVG bytes written."""
    best = dict.fromkeys(("parse", "read", "render", "write"), float("inf"))
    clock = time.perf_counter
    svg_bytes = 0
    for _ in range(rounds):
        totals = dict.fromkeys(best, 0.0)
        svg_bytes = 0
        for data in files:
            start = clock()
            model = bpmn.parse(data)
            totals["parse"] += clock() - start
            start = clock()
            bpmn.read(data)
            totals["read"] += clock() - start
            start = clock()
            svg = render_svg(model)
            totals["render"] += clock() - start
            svg_bytes += len(svg)
            start = clock()
            write_bpmn(model)
            totals["write"] += clock() - start
        for name, total in totals.items():
            best[name] = min(best[name], total)
    return best, svg_bytes


def measure_layout(files: list[bytes]) -> tuple[float, float]:
    """Seconds for parse and for auto_layout (without DI) over ``files``."""
    clock = time.perf_counter
    parse = layout = 0.0
    for data in files:
        start = clock()
        model = bpmn.parse(data)
        parse += clock() - start
        stripped = dataclasses.replace(model, diagrams=())
        start = clock()
        auto_layout(stripped)
        layout += clock() - start
    return parse, layout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="render_svg against bpmn.parse")
    parser.add_argument("-n", type=int, default=1000, help="models in the corpus (default 1000)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--layout-n", type=int, default=50,
                        help="models laid out with graphviz (default 50)")
    parser.add_argument("--corpus", type=Path, help="use (or create) the corpus in this folder")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    files = load_corpus(args.corpus, args.n, args.seed)
    size = sum(len(f) for f in files)
    for data in files[:5]:  # warm up imports and caches
        render_svg(bpmn.parse(data))
        bpmn.read(data)
    best, svg_bytes = measure(files, args.rounds)
    base = best["parse"]
    print(f"{'method':<8} {'total s':>9} {'ms/model':>9} {'× parse':>8}")
    for name, seconds in best.items():
        print(f"{name:<8} {seconds:>9.3f} {seconds / len(files) * 1e3:>9.2f} "
              f"{seconds / base:>8.2f}")
    print(f"SVG written: {svg_bytes / 1e6:.1f} MB ({svg_bytes / size:.2f}× the BPMN input)")
    if args.layout_n:
        subset = files[: args.layout_n]
        parse, layout = measure_layout(subset)
        print(f"layout   {layout:>9.3f} {layout / len(subset) * 1e3:>9.2f} "
              f"{layout / parse:>8.2f}   (graphviz, {len(subset)} models without DI)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
