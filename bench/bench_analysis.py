"""End-to-end speed and memory of the register-wide analysis at 1,000 and 10,000 models.

Generates two registers of BPMN files (about 25 steps each, German labels with
realistic variation: synonyms, nominalisations, abbreviations, compounds, typos,
hyphenated line breaks; shared steps and shared chains such as identification,
fee payment and notice delivery; service-specific steps), then analyses each from
the files on disk to the written report, in a fresh process so that peak memory
is the run's own:

    .venv/bin/python bench/bench_analysis.py [--sizes 1000 10000] [--rounds 2] [--dir DIR]

Printed: CPU time (reading, analysis, report; the machine is shared, so wall-clock
time is printed as well but says more about the neighbours), peak RSS, and the ratio
of the largest to the smallest size (the baseline, measured in the same run).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import quoteattr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Each shared step: several ways administrations actually write it.
SHARED = {
    "eingang": ["Antrag entgegennehmen", "Antrag empfangen", "Eingang des Antrags",
                "Antr. entgegennehmen", "Antrag erhalten"],
    "ident_bund": ["Identität mit BundID prüfen", "Anmeldung über BundID",
                   "Identifizierung mit BundID"],
    "ident_own": ["Ausweiskopie prüfen", "Identität anhand Personalausweis prüfen",
                  "Personalausweis kontrollieren"],
    "vollst": ["Unterlagen auf Vollständigkeit prüfen", "Prüfung der Unterlagen",
               "Vollständigkeitsprüfung", "Unterlagen prüfen", "Unterlagen kontrollieren"],
    "nachford": ["Fehlende Unterlagen nachfordern", "Nachforderung von Unterlagen",
                 "Unterlagen anfordern"],
    "gebuehr_epay": ["Gebühr über ePayBL bezahlen", "Zahlung per ePayment",
                     "Gebühr online bezahlen (ePayBL)"],
    "gebuehr_own": ["Gebührenbescheid erstellen", "Gebühr berechnen", "Zahlungseingang prüfen",
                    "Rechnung versenden"],
    "bescheid_erst": ["Bescheid erstellen", "Bescheid fertigen", "Erstellung des Bescheids",
                      "Bescheid entwerfen"],
    "bescheid_zust": ["Bescheid zustellen", "Bescheid versenden", "Versand des Bescheids",
                      "Bescheid verschicken", "Bescheid per Post versenden"],
    "postfach": ["Bescheid in das Postfach zustellen", "Bescheid über Bürgerpostfach senden"],
    "drucken": ["Bescheid ausdrucken", "Antrag ausdrucken", "Formular drucken"],
    "scannen": ["Unterlagen einscannen", "Antrag scannen", "Eingang scannen"],
    "unterschr": ["Bescheid unterschreiben", "Unterschrift durch Amtsleitung"],
    "erfassen": ["Antragsdaten im Fachverfahren erfassen", "Daten erfassen",
                 "Antrag im Fachverfahren erfassen", "Daten manuell übertragen"],
    "archiv": ["Vorgang archivieren", "Akte ablegen", "Archivierung des Vorgangs",
               "In E-Akte ablegen"],
    "anhoerung": ["Anhörung durchführen", "Anhörung des Antragstellers"],
    "stellung": ["Stellungnahme einholen", "Stellungnahme anfordern",
                 "Einholung der Stellungnahme"],
    "benachr": ["Antragsteller benachrichtigen", "Antragsteller informieren",
                "Mitteilung an Antragsteller"],
}
CHAINS = [
    ["eingang", "ident_bund", "vollst"], ["eingang", "ident_own", "vollst"],
    ["vollst", "nachford"], ["bescheid_erst", "unterschr", "bescheid_zust"],
    ["bescheid_erst", "postfach"], ["gebuehr_epay"], ["gebuehr_own", "drucken"],
    ["scannen", "erfassen"], ["erfassen"], ["archiv"], ["anhoerung"], ["stellung"],
    ["benachr"],
]
SPECIFIC_VERBS = ["prüfen", "bewerten", "berechnen", "festsetzen", "genehmigen", "erteilen",
                  "abstimmen", "einholen", "ermitteln", "eintragen", "ausstellen", "anlegen"]
SPECIFIC_OBJECTS = ["Lageplan", "Standsicherheit", "Einkommen", "Mietvertrag", "Haushaltsgröße",
                    "Stellplatznachweis", "Hundehaftpflicht", "Gewerbeerlaubnis", "Betreuungsplatz",
                    "Sondernutzung", "Baumgutachten", "Wahlschein", "Fundsache", "Kennzeichen",
                    "Aufenthaltstitel", "Sachkundenachweis", "Schankerlaubnis", "Kindergeld",
                    "Grundsteuer", "Meldedaten", "Bauvorlage", "Brandschutz", "Zuschuss"]
FIELDS = ["OZG-Umsetzung", "Verwaltungsdigitalisierung", "IT- und Kommunikationsstrategie",
          "Smart City"]
DEPARTMENTS = [f"Amt {n}" for n in (10, 20, 32, 33, 50, 51, 61, 62, 63, 66, 68)]


def _vary(label: str, rnd: random.Random) -> str:
    roll = rnd.random()
    if roll < 0.03 and len(label) > 8:  # a typo
        i = rnd.randrange(1, len(label) - 2)
        if label[i].isalpha() and label[i + 1].isalpha():
            return label[:i] + label[i + 1] + label[i] + label[i + 2:]
    if roll < 0.06:  # a hyphenated line break as drawn in a box
        words = label.split()
        if words and len(words[0]) > 8:
            w = words[0]
            return f"{w[:5]}-\n{w[5:]} " + " ".join(words[1:])
    return label


def make_model(number: int, rnd: random.Random) -> tuple[bytes, int]:
    """One BPMN file (bytes) and its number of tasks."""
    labels: list[str] = []
    chains = rnd.sample(CHAINS, k=rnd.randint(5, 8))
    specific = [f"{rnd.choice(SPECIFIC_OBJECTS)} {rnd.choice(SPECIFIC_VERBS)}"
                for _ in range(rnd.randint(8, 14))]
    for chain in chains:
        labels.extend(rnd.choice(SHARED[key]) for key in chain)
    middle = len(labels) // 2
    labels[middle:middle] = specific
    labels = [_vary(label, rnd) for label in labels[:30]]
    lanes = rnd.sample(["Bürgerservice", "Sachbearbeitung", "Fachamt", "Kasse", "Amtsleitung"],
                       k=3)
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" '
             f'id="defs{number}" targetNamespace="http://example.org/bench">',
             f'<process id="p{number}" isExecutable="false">', '<laneSet id="ls">']
    ids = ["start"] + [f"t{k}" for k in range(len(labels))]
    gateways: list[str] = []
    flows: list[tuple[str, str]] = []
    previous = "start"
    k = 0
    while k < len(labels):
        if rnd.random() < 0.12 and k + 2 < len(labels):
            split, join = f"g{k}s", f"g{k}j"
            gateways += [split, join]
            flows += [(previous, split), (split, f"t{k}"), (split, f"t{k + 1}"),
                      (f"t{k}", join), (f"t{k + 1}", join)]
            previous = join
            k += 2
            continue
        flows.append((previous, f"t{k}"))
        previous = f"t{k}"
        k += 1
    flows.append((previous, "end"))
    for n, lane in enumerate(lanes):
        refs = "".join(f"<flowNodeRef>{i}</flowNodeRef>" for i in ids[1 + n::3])
        parts.append(f'<lane id="lane{n}" name={quoteattr(lane)}>{refs}</lane>')
    parts.append("</laneSet>")
    parts.append('<startEvent id="start" name="Antrag eingegangen"/>')
    for n, label in enumerate(labels):
        parts.append(f'<task id="t{n}" name={quoteattr(label)}/>')
    for gateway in gateways:
        parts.append(f'<exclusiveGateway id="{gateway}"/>')
    parts.append('<endEvent id="end" name="Vorgang abgeschlossen"/>')
    for n, (a, b) in enumerate(flows):
        parts.append(f'<sequenceFlow id="f{n}" sourceRef="{a}" targetRef="{b}"/>')
    parts.append("</process></definitions>")
    return "\n".join(parts).encode("utf-8"), len(labels)


def generate(folder: Path, n: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "procmodel-context.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "service_id", "service", "handlungsfeld", "department",
                         "fallzahl", "bearbeitungszeit"])
        for number in range(n):
            data, _ = make_model(number, rnd)
            name = f"m{number:05d}.bpmn"
            (folder / name).write_bytes(data)
            writer.writerow([name, f"S{number}", f"Leistung {number}", rnd.choice(FIELDS),
                             rnd.choice(DEPARTMENTS), rnd.choice(["", 120, 800, 5000]),
                             rnd.choice(["", 15, 30, 60])])


def run(folder: Path, out: Path) -> dict[str, float]:
    """Analyse ``folder`` end to end as ``procmodel analyse`` does; timings in seconds."""
    from procmodel.analysis import analyse, reports
    from procmodel.cli.analyse import folder_entries

    clock = time.perf_counter
    cpu = time.process_time  # the machine is shared: CPU time is the fair figure
    started, cpu0 = clock(), cpu()
    entries, problems = folder_entries(folder, None)
    cpu1 = cpu()
    result = analyse(entries)
    cpu2 = cpu()
    out.write_text(reports.to_json(result), encoding="utf-8")
    (out.with_suffix(".md")).write_text(reports.to_markdown(result), encoding="utf-8")
    done, cpu3 = clock(), cpu()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"read": cpu1 - cpu0, "analyse": cpu2 - cpu1, "report": cpu3 - cpu2,
            "total": cpu3 - cpu0, "wall": done - started, "peak_mib": peak_kib / 1024,
            "problems": len(problems), **{k: v for k, v in result.statistics.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--dir", default="/tmp/pm-bench-analysis")
    parser.add_argument("--rounds", type=int, default=2,
                        help="interleaved rounds; the best (lowest) time of each size counts, "
                        "which filters out load from other jobs on a shared machine")
    parser.add_argument("--run", help=argparse.SUPPRESS)  # child process: analyse one folder
    args = parser.parse_args(argv)
    if args.run:
        folder = Path(args.run)
        print(json.dumps(run(folder, folder.parent / f"{folder.name}-report.json")))
        return 0
    base = Path(args.dir)
    figures = {}
    for size in args.sizes:
        folder = base / f"r{size}"
        if not (folder / "procmodel-context.csv").is_file():
            generate(folder, size)
    for _ in range(args.rounds):
        for size in args.sizes:
            folder = base / f"r{size}"
            child = subprocess.run([sys.executable, __file__, "--run", str(folder)],
                                   capture_output=True, text=True, check=True)
            run_figures = json.loads(child.stdout.strip().splitlines()[-1])
            best = figures.get(size)
            if best is None:
                figures[size] = run_figures
            else:
                for key in ("read", "analyse", "report", "total", "wall", "peak_mib"):
                    best[key] = min(best[key], run_figures[key])
    for size in args.sizes:
        f = figures[size]
        print(f"{size:>6} models: CPU {f['total']:6.1f} s (read {f['read']:.1f}, analyse "
              f"{f['analyse']:.1f}, report {f['report']:.1f}), wall {f['wall']:.1f} s, "
              f"peak {f['peak_mib']:.0f} MiB, "
              f"{f['steps']} steps, {f['signatures']} signatures, {f['compared_pairs']} "
              f"compared pairs, {f['clusters']} clusters, {f['fragments']} fragments")
    if len(figures) > 1:
        small, large = min(figures), max(figures)
        ratio = figures[large]["total"] / figures[small]["total"]
        wall = figures[large]["wall"] / figures[small]["wall"]
        print(f"growth {small}→{large} models: CPU time ×{ratio:.1f}, wall ×{wall:.1f}"
              f", peak memory ×{figures[large]['peak_mib'] / figures[small]['peak_mib']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
