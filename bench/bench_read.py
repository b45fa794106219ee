"""Benchmark: reading BPMN into the model, against a bare lxml parse of the same bytes.

Measured on a generated corpus (:mod:`bench.corpus`; ≥1,000 models of 20–200 steps
with pools, lanes, gateways and a diagram layer), all files held in memory:

* ``lxml``      – ``lxml.etree.fromstring(data)``, the baseline (1.0×);
* ``walk``      – the baseline plus visiting every element once for its tag, id and
  source line: the floor of any reader that keeps lines, before it builds anything;
* ``parse``     – ``bpmn.parse(data)``: secure parse + the neutral model, no validation;
* ``schema``    – what ``bpmn.read(schema=True)`` does before the model rules: secure
  parse, model, duplicate ids and the BPMN 2.0 XML Schema;
* ``read``      – ``bpmn.read(data)``: all of the above plus :mod:`bpmn.rules`
  (references, lint, soundness);
* ``spiff``     – SpiffWorkflow's ``BpmnParser`` (``add_bpmn_str`` + ``get_spec``) on the
  same bytes with ``isExecutable="true"`` (it refuses non-executable processes).

Every method runs on each file in turn (interleaved, so that load from other
processes hits all of them alike), timed in process CPU time; the best of
``--rounds`` rounds counts.  Each call starts from a collected heap: the objects
of the imports are frozen (``gc.freeze()``) and ``gc.collect()`` runs, untimed,
before every call, so that no method pays for the cyclic garbage another one left
behind (SpiffWorkflow leaves ~2,500 unreachable objects per file, the rule engine
~1,700; ``bpmn.parse`` leaves none, so its figure is complete).  ``--no-collect``
measures without that, as before.  Then the memory a model takes (``tracemalloc``) is
compared with its XML bytes, and finally one model of ``--big``
steps is read and fully validated.

With ``--parts`` it also shows where reading spends its time: the secure parse, the
diagram layer, reading and building the processes, the duplicate-id check and the XSD
validation, each as a ratio to the bare parse.

Usage: ``python -m bench.bench_read [-n 1000] [--rounds 3] [--big 5000] [--corpus DIR] [--parts]
[--no-collect]``
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from lxml import etree

import bpmn
from bench.corpus import generate_model, load_corpus
from bpmn import native
from bpmn.reader import duplicate_id_findings, load_root, reader_findings
from bpmn.reader_definitions import read_definitions
from bpmn.schema import bpmn_schema


def _schema_read(data: bytes) -> None:
    # What bpmn.read does before the rule engine: parse, model, duplicate ids and schema.
    root, _data, filename, _warnings = load_root(data)
    read_definitions(root, filename)
    reader_findings(root, filename)


def _walk(data: bytes) -> None:
    # The least any reader that keeps source lines must do: parse, then visit every
    # element once for its tag, id and line.  Shows how much of a reader's cost is
    # already spent before it builds a single model object.
    for element in etree.fromstring(data).iter():
        element.tag  # noqa: B018 - touching the property is the point
        element.sourceline  # noqa: B018
        element.get("id")


def _spiff(data: bytes) -> None:
    from SpiffWorkflow.bpmn.parser import BpmnParser

    parser = BpmnParser()
    parser.add_bpmn_str(data, "model.bpmn")
    for process_id in parser.get_process_ids():
        parser.get_spec(process_id)


METHODS: dict[str, Callable[[bytes], object]] = {
    "lxml": etree.fromstring,
    "walk": _walk,
    "parse": bpmn.parse,
    "schema": _schema_read,
    "read": bpmn.read,
    "spiff": _spiff,
}


def measure(files: list[bytes], rounds: int, *, collect: bool = True) -> dict[str, float]:
    """Best total seconds per method over ``rounds`` interleaved rounds."""
    executable = [d.replace(b'isExecutable="false"', b'isExecutable="true"') for d in files]
    best = dict.fromkeys(METHODS, float("inf"))
    # CPU time of this process: other processes on the machine disturb it less than
    # wall-clock time.
    clock = time.process_time
    if collect:
        gc.collect()
        gc.freeze()
    for _ in range(rounds):
        totals = dict.fromkeys(METHODS, 0.0)
        for data, exe in zip(files, executable, strict=True):
            for name, method in METHODS.items():
                source = exe if name == "spiff" else data
                if collect:
                    gc.collect()  # untimed: the garbage of the previous call
                start = clock()
                method(source)
                totals[name] += clock() - start
        for name, total in totals.items():
            best[name] = min(best[name], total)
    return best


def _process_parts(root: etree._Element) -> tuple[float, float]:
    """CPU seconds for reading the processes' contents and for building their objects."""
    from bpmn.reader_process import ProcessReader

    clock = time.process_time
    read = build = 0.0
    for element in root.iterchildren(_PROCESS):
        start = clock()
        reader = ProcessReader(element.get("id") or "", root_event_definitions={},
                               category_values={}, expanded={})
        reader.read_scope(element, None)
        middle = clock()
        reader.build(element)
        read += middle - start
        build += clock() - middle
    return read, build


_PROCESS = "{http://www.omg.org/spec/BPMN/20100524/MODEL}process"


def parts(files: list[bytes], rounds: int) -> dict[str, float]:
    """Best total seconds per part of reading; each part on its own fresh parse, so
    that every part pays the first visit of the freshly parsed nodes alike."""
    from bpmn.reader_di import read_diagrams

    clock = time.process_time
    schema = bpmn_schema()
    names = ("lxml", "secure parse", "diagram layer", "processes: read",
             "processes: build", "duplicate ids", "XSD validation")
    best = dict.fromkeys(names, float("inf"))
    for _ in range(rounds):
        totals = dict.fromkeys(names, 0.0)
        for data in files:
            start = clock()
            etree.fromstring(data)
            totals["lxml"] += clock() - start
            start = clock()
            load_root(data)
            totals["secure parse"] += clock() - start
            root = etree.fromstring(data)
            start = clock()
            read_diagrams(root)
            totals["diagram layer"] += clock() - start
            read, build = _process_parts(etree.fromstring(data))
            totals["processes: read"] += read
            totals["processes: build"] += build
            root = etree.fromstring(data)
            start = clock()
            duplicate_id_findings(root)
            totals["duplicate ids"] += clock() - start
            root = etree.fromstring(data)
            start = clock()
            schema.validate(root)
            totals["XSD validation"] += clock() - start
        for name, total in totals.items():
            best[name] = min(best[name], total)
    return best


def memory(files: list[bytes]) -> dict[str, float]:
    """Average size of the XML and of the parsed model (Python objects), per model."""
    sample = files[:50]
    tracemalloc.start()
    models = [bpmn.parse(data) for data in sample]
    model_bytes = tracemalloc.get_traced_memory()[0]
    del models
    tracemalloc.stop()
    return {"xml": sum(map(len, sample)) / len(sample), "model": model_bytes / len(sample)}


def big_model(steps: int) -> dict[str, float]:
    data = generate_model(steps, seed=steps)
    clock = time.perf_counter
    start = clock()
    etree.fromstring(data)
    bare = clock() - start
    start = clock()
    model = bpmn.parse(data)
    parse = clock() - start
    start = clock()
    result = bpmn.read(data)
    full = clock() - start
    activities = sum(1 for n in model.iter_flow_nodes() if n.kind.is_activity)
    return {"bytes": len(data), "activities": activities, "lxml": bare, "parse": parse,
            "read": full, "findings": len(result.findings)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="bpmn.read / bpmn.parse against bare lxml")
    parser.add_argument("-n", type=int, default=1000, help="models in the corpus (default 1000)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--big", type=int, default=5000, help="steps of the one big model")
    parser.add_argument("--corpus", type=Path, help="use (or create) the corpus in this folder")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--parts", action="store_true",
                        help="also show where reading spends its time, part by part")
    parser.add_argument("--no-collect", action="store_true",
                        help="do not collect the heap before each call (each method then "
                             "also pays for the cyclic garbage of the one before)")
    args = parser.parse_args(argv)

    files = load_corpus(args.corpus, args.n, args.seed)
    print(native.status())
    bpmn_schema()  # compiled once, outside the measurement
    for data in files[:5]:  # warm up imports and caches
        for method in METHODS.values():
            method(data.replace(b'isExecutable="false"', b'isExecutable="true"'))
    best = measure(files, args.rounds, collect=not args.no_collect)
    base = best["lxml"]
    print("heap collected before each call (untimed)" if not args.no_collect
          else "heap not collected between calls")
    print(f"{'method':<8} {'total s':>9} {'ms/model':>9} {'× lxml':>7}")
    for name, seconds in best.items():
        print(f"{name:<8} {seconds:>9.3f} {seconds / len(files) * 1e3:>9.2f} "
              f"{seconds / base:>7.2f}")
    if args.parts:
        split = parts(files, args.rounds)
        print("parts of reading (each on a fresh parse):")
        for name, seconds in split.items():
            print(f"  {name:<18} {seconds:>9.3f} {seconds / split['lxml']:>7.2f}")
    used = memory(files)
    print(f"memory per model: XML {used['xml'] / 1e3:.0f} kB, model {used['model'] / 1e3:.0f} kB "
          "(tracemalloc)")
    big = big_model(args.big)
    print(f"one model with {big['activities']} activities ({big['bytes'] / 1e6:.1f} MB): "
          f"lxml {big['lxml']:.3f} s, parse {big['parse']:.3f} s, "
          f"read + full validation {big['read']:.3f} s ({big['findings']} findings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
