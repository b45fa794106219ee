"""Migrations run from an empty database to head, and again without losing data."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from inventory.db import make_engine, make_session_factory
from inventory.migrate import current_revisions, head_revisions, is_up_to_date, upgrade
from inventory.schema import metadata
from inventory.tables import Handlungsfeld, ReifegradModel, UmsetzungsStage


def test_empty_to_head_creates_every_table_and_seeds(db_url: str) -> None:
    assert current_revisions(db_url) == set()
    upgrade(db_url)
    assert is_up_to_date(db_url)
    assert "0001_register" in current_revisions(db_url) or current_revisions(db_url) == \
        head_revisions()
    engine = make_engine(db_url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert {t.name for t in metadata.sorted_tables} <= tables
        with make_session_factory(engine)() as session:
            names = session.scalars(select(Handlungsfeld.name).order_by(Handlungsfeld.position))
            assert list(names) == ["OZG-Umsetzung", "Verwaltungsdigitalisierung",
                                   "IT- und Kommunikationsstrategie", "Smart City"]
            assert session.get(ReifegradModel, "1.1").ozg_conformant_level == 3
            assert session.get(ReifegradModel, "2.0").max_level == 7
            stages = session.scalars(select(UmsetzungsStage.name)).all()
            assert "online verfügbar" in stages and "eingestellt" in stages
    finally:
        engine.dispose()


def test_upgrade_again_keeps_data(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO themenfeld (name) VALUES ('Bauen & Wohnen')"))
        upgrade(engine)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT name FROM themenfeld")).scalars().all() == [
                "Bauen & Wohnen"]
    finally:
        engine.dispose()


def test_upgrade_from_first_revision_keeps_register_data(db_url: str) -> None:
    """A register made at 0001_register gets every later branch without losing rows."""
    upgrade(db_url, "0001_register")
    assert current_revisions(db_url) == {"0001_register"}
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO service (name, handlungsfeld_id, basisdienste, reifegrad, "
                "reifegrad_model, created_at, updated_at, version) VALUES ('Wohngeld', 1, "
                "'[]', 2, '1.1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"))
        upgrade(engine)
        assert current_revisions(engine) == head_revisions()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT name, reifegrad FROM service")).one() == (
                "Wohngeld", 2)
    finally:
        engine.dispose()


def test_sqlite_connections_enforce_foreign_keys_in_wal_mode(sqlite_engine) -> None:
    with sqlite_engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    with pytest.raises(IntegrityError), sqlite_engine.begin() as conn:
        conn.execute(text("INSERT INTO lage (name, themenfeld_id) VALUES ('x', 999)"))
