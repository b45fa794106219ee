"""Benchmark: the register on SQLite and PostgreSQL, against raw SQL of the same work.

Measured per database (a fresh SQLite file; a fresh PostgreSQL database created on the
server named by ``PROCMODEL_TEST_POSTGRES_URL``, default the local test server, and
dropped afterwards):

* ``catalogue import`` – :func:`inventory.catalogue_import.import_catalogue` of the four
  CSVs of ``../shared/data/ozg`` into an empty register (first load, then a re-import that
  changes nothing); baseline: ``csv.DictReader`` over the same files plus a bulk
  ``INSERT`` of the 5,248 LeiKa rows into a scratch table (the bare I/O of the job).
* ``10,000 services / 100,000 history rows`` (generated with a fixed seed): one page of
  :func:`inventory.listing.list_services` for several filters and sort orders, and
  :func:`inventory.history.states_at` for all services at a past date; baseline: a raw
  ``SELECT count(*)`` plus a raw ``SELECT … LIMIT 50`` of the same table (listing), and a
  raw fetch of all history rows up to that date (state reconstruction).

Each figure is the median of ``--repeat`` runs; the ratio is figure / baseline.

Usage: ``python -m bench.bench_inventory [--services 10000] [--history 100000]
[--repeat 5] [--only sqlite|postgres]``
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import insert, select, text
from sqlalchemy.engine import Engine, make_url

from bench.register_data import insert_history, service_row
from inventory.catalogue_import import import_catalogue
from inventory.db import make_engine, make_session_factory
from inventory.history import states_at
from inventory.listing import ServiceFilter, list_services
from inventory.migrate import upgrade
from inventory.tables import Handlungsfeld, OzgLeistung, Service, service_ozg

OZG_DIR = Path(os.environ.get("PROCMODEL_SHARED_DIR",
                              Path(__file__).resolve().parents[2] / "shared")) / "data" / "ozg"
FILES = ("themenfelder.csv", "lagen.csv", "ozg_leistungen.csv", "leika_leistungen.csv")



def timed(func: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``func`` in milliseconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def report(label: str, value: float, baseline: float) -> None:
    print(f"  {label:<46} {value:9.1f} ms   baseline {baseline:8.1f} ms   "
          f"ratio {value / baseline:6.1f}×")


def bench_catalogue(engine: Engine, repeat: int) -> None:
    files = [OZG_DIR / name for name in FILES]

    def baseline() -> None:
        rows = []
        for path in files:
            with path.open(encoding="utf-8", newline="") as handle:
                rows.append(list(csv.DictReader(handle)))
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS bench_raw"))
            conn.execute(text("CREATE TABLE bench_raw (k VARCHAR(20), n VARCHAR(600), "
                              "t VARCHAR(50), o VARCHAR(5))"))
            conn.execute(text("INSERT INTO bench_raw VALUES (:k, :n, :t, :o)"),
                         [{"k": r["leika_schluessel"], "n": r["name"], "t": r["leika_typ"],
                           "o": r["ozg_id"]} for r in rows[3]])
            conn.execute(text("DROP TABLE bench_raw"))

    base = timed(baseline, repeat)
    factory = make_session_factory(engine)
    start = time.perf_counter()
    with factory() as session:
        first = import_catalogue(session, files)
        session.commit()
    first_ms = (time.perf_counter() - start) * 1000
    assert first.leika_leistungen.created == 5248

    def again() -> None:
        with factory() as session:
            result = import_catalogue(session, files)
            session.commit()
        assert not result.changed

    report("catalogue import, first load (5,874 rows)", first_ms, base)
    report("catalogue re-import (no change)", timed(again, repeat), base)


def fill_services(engine: Engine, services: int, history: int) -> None:
    """Bulk-insert generated services and history (fixed seed), linked to the catalogue."""
    rng = random.Random(4)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    with make_session_factory(engine)() as session:
        fields = [h.id for h in session.scalars(select(Handlungsfeld))]
        ozg = list(session.scalars(select(OzgLeistung.id)))
        service_rows, link_rows = [], []
        for number in range(1, services + 1):
            service_rows.append(service_row(rng, number, fields, now))
            for ozg_id in rng.sample(ozg, 2):
                link_rows.append({"service_id": number, "ozg_leistung_id": ozg_id})
        session.execute(insert(Service.__table__), service_rows)
        session.execute(insert(service_ozg), link_rows)
        insert_history(session, rng, services, history, now, comment=None)
        session.commit()
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("SELECT setval(pg_get_serial_sequence('service', 'id'), "
                              "(SELECT max(id) FROM service))"))
            conn.execute(text("ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def bench_listing(engine: Engine, repeat: int, services: int) -> None:
    factory = make_session_factory(engine)

    def raw_page() -> None:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM service")).scalar()
            conn.execute(text("SELECT * FROM service ORDER BY id LIMIT 50")).all()

    base = timed(raw_page, repeat)
    with factory() as session:
        first_field = session.scalars(select(Handlungsfeld.id)).first()
    cases: list[tuple[str, ServiceFilter, str, int]] = [
        ("all, by name, page 1", ServiceFilter(), "name", 1),
        (f"all, by name, page {max(1, services // 100)}", ServiceFilter(), "name",
         max(1, services // 100)),
        ("all, by Umsetzungsstatus", ServiceFilter(), "umsetzungsstatus", 1),
        ("Handlungsfeld + Reifegrad 0–1", ServiceFilter(handlungsfeld_ids=[first_field],
                                                        reifegrad=[0, 1]), "name", 1),
        ("overdue targets", ServiceFilter(overdue=True, today=date(2026, 1, 1)),
         "target_date", 1),
        ("department + status", ServiceFilter(departments=["Sozialamt"],
                                              umsetzungsstatus=["in Umsetzung"]), "name", 1),
        ("full-text 'genehmigung' (names, OZG, LeiKa)", ServiceFilter(text="genehmigung"),
         "name", 1),
        ("Themenfeld via OZG links", ServiceFilter(themenfeld_ids=[1, 2]), "name", 1),
    ]
    for label, filters, sort, page in cases:
        def run(filters: ServiceFilter = filters, sort: str = sort, page: int = page) -> None:
            with factory() as session:
                result = list_services(session, filters, sort=sort, page=page, per_page=50)
                assert result.items or result.total == 0
        report(f"list: {label}", timed(run, repeat), base)

    moment = datetime(2025, 6, 30, tzinfo=UTC)

    def raw_history() -> None:
        with engine.connect() as conn:
            conn.execute(text("SELECT service_id, field, new_value FROM status_history "
                              "WHERE changed_at <= :m"), {"m": moment.replace(tzinfo=None)
                                                          if engine.dialect.name == "sqlite"
                                                          else moment}).all()

    base_history = timed(raw_history, repeat)

    def reconstruct() -> None:
        with factory() as session:
            assert len(states_at(session, moment)) > 0

    report("states_at(all services, 2025-06-30)", timed(reconstruct, repeat), base_history)


def run_database(label: str, url: str, args: argparse.Namespace) -> None:
    print(f"\n{label}: {make_url(url).render_as_string(hide_password=True)}")
    engine = make_engine(url)
    try:
        upgrade(engine)
        bench_catalogue(engine, args.repeat)
        start = time.perf_counter()
        fill_services(engine, args.services, args.history)
        print(f"  (generated {args.services:,} services and {args.history:,} history rows in "
              f"{time.perf_counter() - start:.1f} s)")
        bench_listing(engine, args.repeat, args.services)
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=10000)
    parser.add_argument("--history", type=int, default=100000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=["sqlite", "postgres"], default=None)
    args = parser.parse_args(argv)
    if not OZG_DIR.is_dir():
        print(f"{OZG_DIR} is missing (../shared/data/ozg)", file=sys.stderr)
        return 2
    if args.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory() as folder:
            run_database("SQLite", f"sqlite:///{folder}/bench.sqlite3", args)
    if args.only in (None, "postgres"):
        server = make_url(os.environ.get("PROCMODEL_TEST_POSTGRES_URL")
                          or "postgresql+psycopg://postgres@127.0.0.1:5432/test")
        name = f"bench_inventory_{uuid.uuid4().hex[:8]}"
        admin = make_engine(server.render_as_string(hide_password=False),
                            isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            run_database("PostgreSQL",
                         server.set(database=name).render_as_string(hide_password=False), args)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
