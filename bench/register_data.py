"""Generated register rows shared by the inventory and web benchmarks.

Both benchmarks bulk-insert services and status history with a fixed seed; the row
shapes and value pools live here so the two measure the same kind of register.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from inventory.tables import StatusHistory

STAGES = ("in Planung", "Konzeption", "in Umsetzung", "Pilotierung", "Roll-out",
          "online verfügbar", "eingestellt")
DEPARTMENTS = ("Bürgeramt", "Ordnungsamt", "Bauaufsicht", "Sozialamt", "Jugendamt",
               "Steueramt", "Straßenverkehrsamt", "Standesamt", "Umweltamt", "Hauptamt")
WORDS = ("Antrag", "Genehmigung", "Anmeldung", "Bescheinigung", "Erlaubnis", "Zuschuss",
         "Meldung", "Auskunft", "Ausweis", "Steuer", "Parken", "Hund", "Kita", "Wohngeld")


def service_row(rng: random.Random, number: int, fields: list[int],
                now: datetime) -> dict[str, Any]:
    """One generated ``service`` row with id ``number`` in one of the Handlungsfelder."""
    level = rng.randint(0, 4)
    return {
        "id": number, "name": f"{rng.choice(WORDS)} {rng.choice(WORDS)} {number}",
        "description": f"Leistung {number} des {rng.choice(DEPARTMENTS)}",
        "handlungsfeld_id": rng.choice(fields), "department": rng.choice(DEPARTMENTS),
        "basisdienste": [], "reifegrad": level, "reifegrad_model": "1.1",
        "umsetzungsstatus": rng.choice(STAGES),
        "target_reifegrad": min(4, level + rng.randint(0, 2)),
        "target_date": date(2024, 1, 1) + timedelta(days=rng.randint(0, 1500)),
        "fallzahl": rng.randint(10, 50000), "online_share": rng.random() * 100,
        "created_at": now - timedelta(days=800), "updated_at": now, "version": 1}


def insert_history(session: Session, rng: random.Random, services: int, history: int,
                   now: datetime, comment: str | None) -> None:
    """Insert ``history`` generated status changes spread over services 1..``services``
    (in batches of 10,000 rows to bound memory)."""
    batch: list[dict[str, Any]] = []
    for number in range(history):
        field = rng.choice(("reifegrad", "umsetzungsstatus", "target_date", "department"))
        make = {"reifegrad": lambda: str(rng.randint(0, 4)),
                "umsetzungsstatus": lambda: rng.choice(STAGES),
                "target_date": lambda: (date(2024, 1, 1) + timedelta(
                    days=rng.randint(0, 1500))).isoformat(),
                "department": lambda: rng.choice(DEPARTMENTS)}[field]
        batch.append({"service_id": rng.randint(1, services), "field": field,
                      "old_value": make(), "new_value": make(),
                      "changed_at": now - timedelta(minutes=rng.randint(0, 800 * 1440)),
                      "changed_by_name": "Benchmark", "comment": comment})
        if len(batch) == 10000 or number == history - 1:
            session.execute(insert(StatusHistory.__table__), batch)
            batch = []
