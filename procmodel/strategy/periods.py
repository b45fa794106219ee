"""Reporting periods with days counted in Europe/Berlin time.

A period is a closed range of calendar days ``start..end`` (the end day belongs to
it).  Moments (aware datetimes, typically stored in UTC) are assigned to the day they
fall on in Berlin, so a status change at 2026-12-31 23:30 Berlin time (22:30 UTC)
belongs to the second half of 2026, and one at 2027-01-01 00:30 Berlin time (23:30
UTC the day before) does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from procmodel.strategy.errors import PeriodError

BERLIN = ZoneInfo("Europe/Berlin")

_HALF = re.compile(r"^(\d{4})-H([12])$", re.IGNORECASE)
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
# a day in ISO (2026-07-01) or German (01.07.2026, 1.7.2026) writing
_DAY = r"(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})"
_RANGE = re.compile(rf"^{_DAY}\s*(?:\.\.|–|—|-|bis)\s*{_DAY}$", re.IGNORECASE)
_SINGLE_DAY = re.compile(rf"^{_DAY}$")


def local_day(moment: datetime | date) -> date:
    """The Berlin calendar day of ``moment``; naive datetimes are taken as UTC."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(BERLIN).date()
    return moment


def today() -> date:
    """Today's calendar day in Berlin (the register's days are Berlin days)."""
    return datetime.now(BERLIN).date()


def day_start(day: date) -> datetime:
    """The first instant of ``day`` in Berlin, as an aware datetime."""
    return datetime.combine(day, time(0), tzinfo=BERLIN)


def day_end(day: date) -> datetime:
    """The last representable instant of ``day`` in Berlin (the next midnight minus 1 µs).

    Used as the "as of" moment of a snapshot: everything recorded on ``day``
    (Berlin time) is included, nothing of the next day.
    """
    return day_start(day + timedelta(days=1)) - timedelta(microseconds=1)


def _date(text: str, whole: str) -> date:
    try:
        if "." in text:
            day, month, year = (int(part) for part in text.split("."))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise PeriodError(
            f"Ungültiges Datum {text!r} im Zeitraum {whole!r} "
            "(erwartet JJJJ-MM-TT oder TT.MM.JJJJ)",
            f"Invalid date {text!r} in period {whole!r} (expected YYYY-MM-DD)",
        ) from None


@dataclass(frozen=True, order=True)
class Period:
    """A closed range of Berlin calendar days with a canonical ``key``."""

    start: date
    end: date
    key: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(
                f"Zeitraum {self.key!r}: das Ende {self.end} liegt vor dem Anfang {self.start}",
                f"Period {self.key!r}: end {self.end} is before start {self.start}",
            )

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2026-H2``, ``2026-Q3``, ``2026``, ``2026-07-01..2026-12-31``.

        Ranges may also be written the German way (``01.07.2026–31.12.2026``,
        ``01.07.2026 bis 31.12.2026``); a single day is a period of one day.
        """
        raw = (text or "").strip()
        if m := _HALF.match(raw):
            return cls.half_year(int(m.group(1)), int(m.group(2)))
        if m := _QUARTER.match(raw):
            year, q = int(m.group(1)), int(m.group(2))
            start = date(year, 3 * q - 2, 1)
            end = (date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)) - timedelta(1)
            return cls(start, end, f"{year}-Q{q}")
        if m := _YEAR.match(raw):
            year = int(m.group(1))
            return cls(date(year, 1, 1), date(year, 12, 31), str(year))
        if m := _RANGE.match(raw):
            start, end = _date(m.group(1), raw), _date(m.group(2), raw)
            return cls(start, end, f"{start.isoformat()}..{end.isoformat()}")
        if m := _SINGLE_DAY.match(raw):
            day = _date(m.group(1), raw)
            return cls(day, day, f"{day.isoformat()}..{day.isoformat()}")
        raise PeriodError(
            f"Zeitraum {raw!r} nicht lesbar: erwartet z. B. 2026-H2, 2026-Q3, 2026 "
            "oder 01.07.2026..31.12.2026",
            f"Cannot read period {raw!r}: expected e.g. 2026-H2, 2026-Q3, 2026 "
            "or 2026-07-01..2026-12-31",
        )

    @classmethod
    def half_year(cls, year: int, half: int) -> Period:
        if half == 1:
            return cls(date(year, 1, 1), date(year, 6, 30), f"{year}-H1")
        return cls(date(year, 7, 1), date(year, 12, 31), f"{year}-H2")

    @classmethod
    def half_year_of(cls, day: date) -> Period:
        """The half-year that contains ``day``."""
        return cls.half_year(day.year, 1 if day.month <= 6 else 2)

    def previous_half_year(self) -> Period:
        """The half-year before the one this period starts in."""
        current = Period.half_year_of(self.start)
        return Period.half_year_of(current.start - timedelta(days=1))

    def contains(self, moment: datetime | date) -> bool:
        """Whether ``moment`` falls on one of the period's days in Berlin time."""
        return self.start <= local_day(moment) <= self.end

    @property
    def start_instant(self) -> datetime:
        return day_start(self.start)

    @property
    def end_instant(self) -> datetime:
        """The last instant of the period (see :func:`day_end`)."""
        return day_end(self.end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def title_de(self) -> str:
        """A German title such as "2. Halbjahr 2026" or "01.07.2026 – 31.12.2026"."""
        if self.key.endswith(("-H1", "-H2")):
            return f"{self.key[-1]}. Halbjahr {self.key[:4]}"
        if "-Q" in self.key:
            return f"{self.key[-1]}. Quartal {self.key[:4]}"
        if len(self.key) == 4:
            return f"Jahr {self.key}"
        return f"{format_date_de(self.start)} – {format_date_de(self.end)}"

    @property
    def title_en(self) -> str:
        if self.key.endswith(("-H1", "-H2")):
            return f"H{self.key[-1]} {self.key[:4]}"
        return self.key

    def __str__(self) -> str:
        return self.key


def format_date_de(day: date | None) -> str:
    """``31.12.2026``; an empty string for ``None``."""
    return day.strftime("%d.%m.%Y") if day else ""
