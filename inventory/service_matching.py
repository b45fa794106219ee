"""Which existing service a row of an imported service list means.

Ids are only meaningful in the register that wrote them: an export imported into
another register carries ids that are unknown there, or that name a different service.
So a row is matched

- by ``id`` when that id exists here and the row still describes that service (same
  name, or an unchanged ``version`` — a rename edited in the spreadsheet);
- otherwise by its natural key: the name (case and spacing ignored) together with the
  OZG-IDs and the department, where an empty value on either side matches anything.
  No service with that key → a new one is created; several → the row is refused as
  ambiguous.

``match_by`` chooses the rule: ``auto`` (the above, the default), ``id`` (ids must
exist here; a row without id still matches by key) or ``name`` (ids and versions in
the file are ignored: the file comes from another register).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from inventory.errors import ImportRejected, RowMessage, format_rows
from inventory.service_fields import check_values
from inventory.tables import Service

MATCH_MODES: tuple[str, ...] = ("auto", "id", "name")

__all__ = ["MATCH_MODES", "RowMatch", "ServiceMatcher"]

_UNKNOWN_ID = "Leistung mit dieser Id gibt es in diesem Register nicht (Zuordnung nur nach Id)."
_FOREIGN_HINT = ("Die Ids der Datei bezeichnen in diesem Register andere Leistungen – stammt "
                 "die Datei aus einem anderen Register? Dann nach Name zuordnen "
                 "(procmodel import-services --match-by name) oder die Spalte „id“ leeren.")

_STALE_HINT = ("Leistungen wurden seit dem Export geändert. Stammt die Datei aus einem anderen "
               "Register (gleiche Ids), nach Name zuordnen: procmodel import-services "
               "--match-by name.")


def _norm(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()


@dataclass(frozen=True)
class RowMatch:
    """The outcome for one row: ``service`` to update (``None``: create a new one).

    ``expected_version`` is set when the row was matched by id and gives the version
    it was exported at; ``by`` is ``"id"``, ``"key"`` or ``"new"``.
    """

    service: Service | None
    expected_version: int | None
    by: str

    @property
    def stale(self) -> bool:
        """Matched by id, but the service was saved since the file was exported."""
        return (self.service is not None and self.expected_version is not None
                and self.expected_version != self.service.version)


class ServiceMatcher:
    """Matches the rows of one import file; collects row-level errors and warnings."""

    def __init__(self, session: Session, source: str, match_by: str = "auto") -> None:
        if match_by not in MATCH_MODES:
            raise ImportRejected([RowMessage("--match-by", None, None,
                                             f"Zuordnung „{match_by}“ unbekannt (erlaubt: "
                                             f"{', '.join(MATCH_MODES)}).")], unusable=True)
        self.session = session
        self.source = source
        self.match_by = match_by
        services = session.scalars(select(Service).options(
            selectinload(Service.ozg_leistungen)))
        self.by_id: dict[int, Service] = {s.id: s for s in services}
        self.by_name: dict[str, list[Service]] = {}
        for service in self.by_id.values():
            self.by_name.setdefault(_norm(service.name), []).append(service)
        self.errors: list[RowMessage] = []
        self._claimed: dict[int, int] = {}
        self._keys: dict[tuple[str, str, frozenset[str]], int] = {}
        self._foreign_rows: list[int] = []
        self._other_service_rows = 0
        self._stale_rows = 0
        self._notes: list[RowMessage] = []

    def _error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowMessage(self.source, row, column, message))

    def match(self, row: int, values: dict[str, Any]) -> RowMatch | None:
        """Match one row; removes ``id`` and ``version`` from ``values``.

        Returns ``None`` when the row cannot be matched (the reason is in
        :attr:`errors`).
        """
        identifier = values.pop("id", None)
        version_text = values.pop("version", None)
        if self.match_by != "name" and identifier not in (None, ""):
            try:
                service = self.by_id.get(int(str(identifier).strip()))
            except ValueError:
                self._error(row, "id", f"„{identifier}“ ist keine Id (ganze Zahl erwartet).")
                return None
            if service is not None:
                return self._by_id(row, service, values, version_text)
            if self.match_by == "id":
                self._error(row, "id", _UNKNOWN_ID)
                return None
            self._foreign_rows.append(row)
        foreign = str(identifier).strip() if identifier not in (None, "") else None
        return self._by_key(row, values, foreign)

    def _by_id(self, row: int, service: Service, values: dict[str, Any],
               version_text: Any) -> RowMatch | None:
        version: int | None = None
        if version_text not in (None, ""):
            try:
                version = int(str(version_text).strip())
            except ValueError:
                self._error(row, "version", f"„{version_text}“ ist keine Versionsnummer.")
                return None
        name = _norm(values.get("name"))
        if self.match_by == "auto" and name and name != _norm(service.name) \
                and version != service.version:
            # Neither the name nor the version agrees: most likely another register's id.
            self._other_service_rows += 1
            self._error(row, "id", f"Id {service.id} ist in diesem Register „{service.name}“, "
                                   f"die Zeile nennt „{values.get('name')}“.")
            return None
        if not self._claim(row, service):
            return None
        # A stale version is decided by the caller: only a row that would change
        # something overwrites newer work (see stale_row).
        return RowMatch(service, version, "id")

    def stale_row(self, row: int, match: RowMatch, changed: list[str]) -> None:
        """Refuse a row of an outdated export that would change ``changed`` fields."""
        service = match.service
        assert service is not None
        self._stale_rows += 1
        self._error(row, "version", f"Leistung {service.id} wurde seit dem Export geändert "
                                    f"(Version {service.version}, Datei "
                                    f"{match.expected_version}); die Zeile würde "
                                    f"{', '.join(changed)} überschreiben – bitte neu "
                                    "exportieren.")

    def _claim(self, row: int, service: Service) -> bool:
        if service.id in self._claimed:
            self._error(row, "id", f"Leistung {service.id} „{service.name}“ ist schon Zeile "
                                   f"{self._claimed[service.id]} zugeordnet.")
            return False
        self._claimed[service.id] = row
        return True

    def _by_key(self, row: int, values: dict[str, Any], foreign_id: str | None = None
                ) -> RowMatch | None:
        """Match by name, OZG-IDs and department.

        ``foreign_id`` is the row's id from another register: rows with different ids
        are different records there even when their keys agree (a register may hold two
        services of the same name), so they are kept apart and paired with this
        register's services in id order instead of being refused as duplicates.
        """
        name = _norm(values.get("name"))
        if not name:
            self._error(row, "name", "Name fehlt.")
            return None
        ozg_ids = self._ozg_ids(values)
        department = _norm(values.get("department"))
        key = (name, department, frozenset(ozg_ids), foreign_id or "")
        if key in self._keys:
            self._error(row, "name", f"Leistung doppelt (schon in Zeile {self._keys[key]}).")
            return None
        self._keys[key] = row
        candidates = [s for s in self.by_name.get(name, [])
                      if _agrees(ozg_ids, {o.ozg_id for o in s.ozg_leistungen})
                      and (not department or not s.department
                           or _norm(s.department) == department)]
        if foreign_id is not None:
            candidates = [s for s in candidates if s.id not in self._claimed][:1]
        if not candidates:
            namesakes = self.by_name.get(name, [])
            if namesakes:  # a second service of that name is counted twice in reports
                known = "; ".join(f"Leistung {s.id}" + (f", {s.department}" if s.department
                                                        else "") for s in namesakes)
                self._notes.append(RowMessage(
                    self.source, row, "name",
                    f"Es gibt bereits „{namesakes[0].name}“ ({known}); wegen anderer OZG-IDs "
                    "oder anderem Fachbereich/Amt als weitere Leistung angelegt.",
                    severity="warning"))
            return RowMatch(None, None, "new")
        if len(candidates) > 1:
            ids = ", ".join(str(s.id) for s in sorted(candidates, key=lambda s: s.id))
            self._error(row, "name", f"Mehrdeutig: passt auf die Leistungen {ids} (gleicher "
                                     "Name); Id, OZG-IDs oder Fachbereich/Amt angeben.")
            return None
        if not self._claim(row, candidates[0]):
            return None
        return RowMatch(candidates[0], None, "key")

    def _ozg_ids(self, values: dict[str, Any]) -> set[str]:
        if values.get("ozg_ids") in (None, "", []):
            return set()
        checked, problems = check_values(self.session, {"ozg_ids": values["ozg_ids"]})
        return set() if problems else set(checked["ozg_ids"])  # bad ids: reported later

    def finish_errors(self) -> list[RowMessage]:
        """Row errors plus, when ids named other services, one explanation for the file."""
        if self._other_service_rows:
            return [RowMessage(self.source, None, "id", _FOREIGN_HINT), *self.errors]
        if self._stale_rows:
            return [RowMessage(self.source, None, "version", _STALE_HINT), *self.errors]
        return list(self.errors)

    def warnings(self) -> list[RowMessage]:
        """What the user should know although the file was accepted."""
        if not self._foreign_rows:
            return list(self._notes)
        return [*self._notes, RowMessage(
            self.source, None, "id",
            f"Zeilen {format_rows(self._foreign_rows)} ({len(self._foreign_rows)}×): diese "
            "Ids gibt es in diesem Register nicht; die Leistungen wurden nach Name, OZG-IDs "
            "und Fachbereich/Amt zugeordnet oder neu angelegt.", severity="warning")]


def _agrees(wanted: Iterable[str], present: set[str]) -> bool:
    wanted = set(wanted)
    return not wanted or not present or wanted == present
