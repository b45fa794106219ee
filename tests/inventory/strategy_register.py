"""A small register whose history is known exactly (shared by the strategy tests).

Services and their history rows are written directly as table rows, so the expected
figures below follow from this file alone:

- OZG-Umsetzung: Gewerbeanmeldung (LeiKa-Typ 3) Reifegrad 1 → 3 on 15.03.2026;
  Wohngeld (Typ 4) 2 → 3 on 31.12.2026 23:30 Berlin time (the last day of 2026-H2);
  Hundesteuer (Typ 5) 0 → 3 on 01.01.2027 00:30 Berlin time (already 2027-H1);
  Personalausweis (Typ 1) at 3 throughout (not municipal, never counted).
- Verwaltungsdigitalisierung: Rechnungseingang Reifegrad 2 → 4 and "in Umsetzung" →
  "online verfügbar" on 01.09.2026.

So the share of municipal OZG services at Reifegrad ≥ 3 is 1/3 on 30.06.2026, 2/3
at the end of 2026-H2 and 3/3 from 01.01.2027.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from inventory.strategy import create_project, create_target, save_narrative
from inventory.tables import Handlungsfeld, LeikaLeistung, LeikaTyp, Service, StatusHistory

OZG = "OZG-Umsetzung"
VD = "Verwaltungsdigitalisierung"
CREATED = datetime(2025, 12, 1, 8, 0, tzinfo=UTC)
WOHNGELD_CHANGE = datetime(2026, 12, 31, 22, 30, tzinfo=UTC)  # 23:30 Berlin
HUNDESTEUER_CHANGE = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 Berlin, 1 Jan

MUNICIPAL_RULE = ("anteil(reifegrad >= 3) wo leika_typ in {2/3, 3, 4, 5} "
                  "ziel >= 100 % bis 2027-06-30")


def _field(session, name: str) -> Handlungsfeld:
    return session.scalar(select(Handlungsfeld).where(Handlungsfeld.name == name))


def _service(session, name, field, typ, history, *, reifegrad, fallzahl=None,
             online_share=None, status=None, department="Amt 32") -> Service:
    service = Service(name=name, handlungsfeld_id=_field(session, field).id, reifegrad=reifegrad,
                      reifegrad_model="1.1", umsetzungsstatus=status, fallzahl=fallzahl,
                      online_share=online_share, department=department, basisdienste=[],
                      created_at=CREATED, updated_at=CREATED)
    if typ:
        leika = LeikaLeistung(identity=f"n:{name}", name=name, typ_raw=typ,
                              sdg_anhang1=False, sdg_anhang2=False, updated_at=CREATED,
                              typ_entries=[LeikaTyp(code=typ)])
        session.add(leika)
        service.leika_leistungen.append(leika)
    session.add(service)
    session.flush()
    for when, field_name, old, new in history:
        session.add(StatusHistory(service_id=service.id, field=field_name, old_value=old,
                                  new_value=new, changed_at=when, changed_by_name="Test",
                                  comment="Testverlauf"))
    return service


def fill_known_register(session) -> dict[str, int]:
    """Fill the register described in the module docstring; returns name → service id."""
    ids = {}
    ids["Gewerbeanmeldung"] = _service(
        session, "Gewerbeanmeldung", OZG, "3",
        [(datetime(2026, 3, 15, 9, tzinfo=UTC), "reifegrad", "1", "3"),
         (datetime(2026, 10, 1, 9, tzinfo=UTC), "online_share", "10.0", "40.0")],
        reifegrad=3, fallzahl=1200, online_share=40.0, status="online verfügbar").id
    ids["Wohngeld"] = _service(
        session, "Wohngeld", OZG, "4",
        [(WOHNGELD_CHANGE, "reifegrad", "2", "3")], reifegrad=3, fallzahl=800,
        online_share=0.0, status="in Umsetzung").id
    ids["Hundesteuer"] = _service(
        session, "Hundesteuer", OZG, "5",
        [(HUNDESTEUER_CHANGE, "reifegrad", "0", "3")], reifegrad=3, fallzahl=3000,
        online_share=0.0, status="in Planung").id
    ids["Personalausweis"] = _service(session, "Personalausweis", OZG, "1", [], reifegrad=3,
                                      fallzahl=5000, online_share=0.0)
    ids["Rechnungseingang"] = _service(
        session, "Rechnungseingang", VD, None,
        [(datetime(2026, 9, 1, 7, tzinfo=UTC), "reifegrad", "2", "4"),
         (datetime(2026, 9, 1, 7, tzinfo=UTC), "umsetzungsstatus", "in Umsetzung",
          "online verfügbar")],
        reifegrad=4, status="online verfügbar", department="Amt 20").id
    when = datetime(2026, 1, 5, 9, tzinfo=UTC)
    create_target(session, handlungsfeld=OZG, name="Kommunale Leistungen OZG-konform",
                  rule=MUNICIPAL_RULE, start_date=date(2026, 1, 1), created_by="Koordination",
                  when=when)
    create_target(session, handlungsfeld=VD, name="Interne Leistungen digital",
                  rule="anteil(reifegrad >= 4) ziel >= 80 % bis 2027-12-31",
                  start_date=date(2026, 1, 1), when=when)
    eakte = create_project(
        session, handlungsfeld=VD, name="Einführung E-Akte", start_date=date(2026, 1, 1),
        end_date=date(2026, 10, 31), status="in_arbeit", responsible="Amt 10",
        milestones=[{"name": "Pilotamt", "due": date(2026, 4, 30), "done_on": date(2026, 5, 6)},
                    {"name": "Roll-out alle Ämter", "due": date(2026, 9, 30)}],
        services=[ids["Rechnungseingang"]], when=when)
    create_project(session, handlungsfeld=VD, name="Digitaler Rechnungsworkflow",
                   start_date=date(2026, 6, 1), end_date=date(2027, 3, 31),
                   status="in_arbeit", responsible="Amt 10", depends_on=[eakte.id], when=when)
    create_project(session, handlungsfeld=OZG, name="Portal-Relaunch",
                   start_date=date(2026, 1, 1), end_date=date(2026, 8, 31),
                   status="abgeschlossen", finished_on=date(2026, 8, 20), responsible="Amt 12",
                   milestones=[{"name": "Go-live", "due": date(2026, 8, 31),
                                "done_on": date(2026, 8, 20)}], when=when)
    create_project(session, handlungsfeld="Smart City", name="Parkraumsensorik",
                   start_date=date(2027, 3, 1), end_date=date(2027, 12, 31), outlook=True,
                   priority=1, responsible="Amt 61", when=when)
    save_narrative(session, period="2026-H2", handlungsfeld=None, title="Zusammenfassung",
                   body="Die Stadt kommt voran.\n\nZweiter Absatz.", changed_by="Koordination",
                   when=datetime(2026, 12, 20, tzinfo=UTC))
    save_narrative(session, period="2026-H2", handlungsfeld=OZG, title="Stand OZG",
                   body="Wohngeld ist online.", when=datetime(2026, 12, 20, tzinfo=UTC))
    session.flush()
    return ids
