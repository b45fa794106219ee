"""Service listing: filters, search, sorting, pagination."""

from __future__ import annotations

from datetime import date

from inventory.catalogue import themenfelder
from inventory.catalogue_import import import_catalogue
from inventory.listing import ServiceFilter, count_by, list_services
from inventory.lists import resolve_handlungsfeld
from inventory.services import create_service


def _seed(session) -> dict[str, int]:
    import_catalogue(session, [
        ("t.csv", b"id,name\n1,Bauen & Wohnen\n2,Mobilit\xc3\xa4t & Reisen\n"),
        ("l.csv", b"id,themenfeld_id,name\n1,1,Bauen\n2,2,Auto\n"),
        ("o.csv", b"ozg_id,name,lage_id\n10513,Abbruchgenehmigung,1\n10094,Parkausweis,2\n"),
        ("k.csv", b"leika_schluessel,name,leika_typ,ozg_id\n"
                  b"99012001000000,Abbruch Erteilung,4,10513\n"),
    ])
    smart = resolve_handlungsfeld(session, "Smart City").id
    ids = {
        "abbruch": create_service(session, name="Abbruchgenehmigung", reifegrad=1,
                                  target_reifegrad=3, target_date=date(2025, 1, 1),
                                  department="Bauaufsicht", umsetzungsstatus="in Umsetzung",
                                  ozg_ids=["10513"], leika_keys=["99012001000000"]).id,
        "park": create_service(session, name="Anwohnerparkausweis", reifegrad=3,
                               target_reifegrad=3, target_date=date(2025, 1, 1),
                               department="Straßenverkehr", ozg_ids=["10094"],
                               umsetzungsstatus="online verfügbar").id,
        "sensor": create_service(session, name="Parkraumsensorik", handlungsfeld=smart,
                                 description="Sensoren melden freie Parkplätze",
                                 target_date=date(2024, 6, 1), umsetzungsstatus="eingestellt").id,
        "hund": create_service(session, name="Hundesteuer", reifegrad=0,
                               target_date=date(2030, 1, 1), department="Steueramt").id,
    }
    session.commit()
    return ids


def _names(page) -> list[str]:
    return [s.name for s in page.items]


def test_filters_search_sort_and_pages(session) -> None:
    ids = _seed(session)
    assert _names(list_services(session)) == ["Abbruchgenehmigung", "Anwohnerparkausweis",
                                              "Hundesteuer", "Parkraumsensorik"]
    assert _names(list_services(session, ServiceFilter(text="park"))) == [
        "Anwohnerparkausweis", "Parkraumsensorik"]
    # Search reaches OZG names, OZG-IDs, LeiKa names and descriptions.
    assert _names(list_services(session, ServiceFilter(text="Erteilung"))) == [
        "Abbruchgenehmigung"]
    assert _names(list_services(session, ServiceFilter(text="10094"))) == ["Anwohnerparkausweis"]
    assert _names(list_services(session, ServiceFilter(text="sensoren"))) == ["Parkraumsensorik"]
    assert _names(list_services(session, ServiceFilter(text="100%"))) == []
    # Themenfeld via the OZG link.
    themen = {t.name: t.id for t in themenfelder(session)}
    assert _names(list_services(session, ServiceFilter(
        themenfeld_ids=[themen["Bauen & Wohnen"]]))) == ["Abbruchgenehmigung"]
    # Overdue: target date passed, target Reifegrad not reached, not closed.
    overdue = list_services(session, ServiceFilter(overdue=True, today=date(2026, 1, 1)))
    assert [s.id for s in overdue.items] == [ids["abbruch"]]
    assert _names(list_services(session, ServiceFilter(reifegrad=[0, 1]))) == [
        "Abbruchgenehmigung", "Hundesteuer"]
    assert _names(list_services(session, ServiceFilter(departments=["Steueramt"]))) == [
        "Hundesteuer"]
    by_reifegrad = list_services(session, sort="reifegrad", descending=True)
    assert _names(by_reifegrad) == ["Anwohnerparkausweis", "Abbruchgenehmigung", "Hundesteuer",
                                    "Parkraumsensorik"]  # no Reifegrad sorts last
    second = list_services(session, sort="name", page=2, per_page=3)
    assert _names(second) == ["Parkraumsensorik"] and second.total == 4 and second.pages == 2
    assert count_by(session, "umsetzungsstatus")["online verfügbar"] == 1
    assert _names(list_services(session, ServiceFilter(ozg_conformant=True))) == [
        "Anwohnerparkausweis"]
    assert len(list_services(session, ServiceFilter(ozg_conformant=False)).items) == 3
    assert list_services(session, ServiceFilter(has_model=True)).total == 0


def test_search_folds_umlauts_on_every_database(session) -> None:
    create_service(session, name="Überwachung von Baustellen", description="Straßenaufsicht")
    create_service(session, name="Hundesteuer")
    session.commit()
    for needle in ("überwachung", "ÜBERWACHUNG", "ÜberWachung", "straßenAUFSICHT"):
        assert _names(list_services(session, ServiceFilter(text=needle))) == [
            "Überwachung von Baustellen"], needle
