"""Benchmark of the strategy figures and the Sachstandsbericht on a large register.

Fills a SQLite register with N services (four Handlungsfelder) and ten history rows per
service spread over two years, nine targets and 40 projects, then measures:

- ``build_snapshot``: every service's state at one moment, rebuilt from the history;
- ``assemble_report``: all figures of one half-year report (about a dozen snapshots);
- rendering the report as HTML, DOCX and PDF.

Ratios are to the snapshot time of a register a tenth the size, measured in the same run,
so the figures show how the work scales with the register.

    .venv/bin/python -m bench.bench_report -n 10000
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from inventory.db import make_engine, make_session_factory
from inventory.migrate import upgrade
from inventory.strategy import build_snapshot, create_project, create_target
from inventory.strategy.report_source import RegisterReportSource
from inventory.tables import Handlungsfeld, Service, StatusHistory
from procmodel.reporting import assemble_report, render
from procmodel.strategy import Period
from procmodel.strategy.periods import day_end

START = datetime(2025, 1, 1, tzinfo=UTC)
STAGES = ["in Planung", "Konzeption", "in Umsetzung", "Pilotierung", "online verfügbar"]
RULES = [
    "anteil(reifegrad >= 3) ziel >= 100 % bis 2027-06-30",
    "online_fallzahl ziel >= 50 % bis 2027-12-31",
    "mittel(reifegrad) ziel >= 3 bis 2027-06-30",
]


def fill(url: str, n: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    engine = make_engine(url)
    upgrade(engine)
    with make_session_factory(engine)() as session:
        fields = list(session.scalars(select(Handlungsfeld.id)))
        services = []
        for i in range(n):
            services.append({
                "id": i + 1, "name": f"Leistung {i + 1}", "handlungsfeld_id": fields[i % 4],
                "basisdienste": [], "reifegrad_model": "1.1", "reifegrad": rng.randint(0, 4),
                "umsetzungsstatus": rng.choice(STAGES), "fallzahl": rng.randint(10, 20000),
                "online_share": float(rng.randint(0, 100)), "created_at": START,
                "updated_at": START, "version": 1})
        session.execute(insert(Service), services)
        history = []
        for service in services:
            level = 0
            for k in range(10):
                when = START + timedelta(days=73 * k + rng.randint(0, 60), hours=9)
                if k % 2 == 0:
                    history.append({"service_id": service["id"], "field": "reifegrad",
                                    "old_value": str(level), "new_value": str(min(4, level + 1)),
                                    "changed_at": when, "changed_by_name": "bench"})
                    level = min(4, level + 1)
                else:
                    history.append({"service_id": service["id"], "field": "online_share",
                                    "old_value": "10.0", "new_value": "20.0",
                                    "changed_at": when, "changed_by_name": "bench"})
        session.execute(insert(StatusHistory), history)
        names = dict(session.execute(select(Handlungsfeld.id, Handlungsfeld.name)).all())
        for j, field_id in enumerate(fields):
            for rule in RULES[: 2 + (j == 0)]:
                create_target(session, handlungsfeld=field_id, name=f"Ziel {rule[:20]}",
                              rule=rule, start_date=date(2025, 1, 1), when=START)
            for p in range(10):
                create_project(session, handlungsfeld=names[field_id], name=f"Projekt {j}-{p}",
                               start_date=date(2025, 1 + p, 1), end_date=date(2026, 1 + p, 28),
                               status="in_arbeit", responsible=f"Amt {p % 3}",
                               milestones=[{"name": "M1", "due": date(2025, 6 + p % 6, 1)}],
                               when=START)
        session.commit()
    engine.dispose()


def best(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def measure(url: str, rounds: int, *, full: bool) -> dict[str, float]:
    engine = make_engine(url)
    out: dict[str, float] = {}
    with make_session_factory(engine)() as session:
        moment = day_end(date(2026, 6, 30))
        out["snapshot"] = best(lambda: build_snapshot(session, moment), rounds)
        if full:
            period = Period.parse("2026-H1")
            holder = {}

            def assemble() -> None:
                holder["r"] = assemble_report(RegisterReportSource(session), period,
                                              today=date(2026, 11, 26),
                                              generated_at=datetime.now(UTC))

            out["assemble"] = best(assemble, rounds)
            for fmt in ("html", "docx", "pdf"):
                out[fmt] = best(lambda fmt=fmt: render(holder["r"], fmt), 1)
    engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10000, help="services in the large register")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small.sqlite3", Path(tmp) / "large.sqlite3"
        t = time.perf_counter()
        fill(f"sqlite:///{small}", max(1, args.n // 10))
        fill(f"sqlite:///{large}", args.n)
        print(f"filled registers of {args.n // 10} and {args.n} services "
              f"({args.n * 10} history rows) in {time.perf_counter() - t:.1f} s")
        base = measure(f"sqlite:///{small}", args.rounds, full=False)["snapshot"]
        figures = measure(f"sqlite:///{large}", args.rounds, full=True)
    print(f"{'step':<42}{'seconds':>10}{'× baseline':>12}")
    print(f"{'build_snapshot, ' + str(args.n // 10) + ' services (baseline)':<42}"
          f"{base:>10.3f}{1.0:>12.2f}")
    labels = {"snapshot": f"build_snapshot, {args.n} services",
              "assemble": "assemble_report 2026-H1", "html": "render HTML",
              "docx": "render DOCX", "pdf": "render PDF (WeasyPrint)"}
    for key, value in figures.items():
        print(f"{labels[key]:<42}{value:>10.3f}{value / base:>12.2f}")


if __name__ == "__main__":
    main()
