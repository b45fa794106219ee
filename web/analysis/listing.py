"""Filter, sort and page long lists of a stored analysis result (Doppelstrukturen, fragments).

A register of some hundred services yields hundreds of entries; the pages show them like the
service list: filters by Handlungsfeld, Amt and kind, a text search, sortable columns and
pages of :data:`PER_PAGE`.  Works on the stored JSON entries, so the analysis need not run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

PER_PAGE = 25

Entry = Mapping[str, Any]


@dataclass
class Listing:
    """One page of a filtered, sorted list with what the filter form needs."""

    items: list[Entry]
    total: int
    all_count: int
    page: int
    per_page: int
    sort: str
    descending: bool
    query: dict[str, str]
    options: dict[str, list[str]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _text(entry: Entry, fields: Sequence[str]) -> str:
    parts: list[str] = []
    for name in fields:
        value = entry.get(name)
        if isinstance(value, list | tuple):
            parts.extend(str(v) for v in value)
        elif value is not None:
            parts.append(str(value))
    return " ".join(parts).casefold()


def browse(entries: Sequence[Entry], args: Mapping[str, str], *,
           sorts: Mapping[str, Callable[[Entry], Any]], default_sort: str,
           text_fields: Sequence[str], per_page: int = PER_PAGE) -> Listing:
    """Apply ``handlungsfeld``, ``department``, ``kind``, ``q``, ``sort``/``dir`` and
    ``page`` from the request arguments to ``entries``."""
    handlungsfeld = (args.get("handlungsfeld") or "").strip()
    department = (args.get("department") or "").strip()
    kind = (args.get("kind") or "").strip()
    text = (args.get("q") or "").strip()
    only = (args.get("doppelstruktur") or "") == "1"
    options = {
        "handlungsfeld": sorted({h for e in entries for h in e.get("handlungsfelder") or []}),
        "department": sorted({d for e in entries for d in e.get("departments") or []}),
        "kind": sorted({str(e.get("kind")) for e in entries if e.get("kind")}),
    }
    chosen = [e for e in entries
              if (not handlungsfeld or handlungsfeld in (e.get("handlungsfelder") or []))
              and (not department or department in (e.get("departments") or []))
              and (not kind or str(e.get("kind")) == kind)
              and (not only or e.get("doppelstruktur"))
              and (not text or text.casefold() in _text(e, text_fields))]
    sort = args.get("sort") or default_sort
    if sort not in sorts:
        sort = default_sort
    # Counts read best largest first; names alphabetically.
    descending = args.get("dir", "desc" if sort != "name" else "asc") == "desc"
    chosen.sort(key=lambda e: str(e.get("name") or e.get("id") or "").casefold())
    chosen.sort(key=sorts[sort], reverse=descending)
    pages = max(1, -(-len(chosen) // per_page))
    try:
        page = int(args.get("page") or 1)
    except ValueError:
        page = 1
    page = min(max(1, page), pages)
    query = {k: v for k, v in (("handlungsfeld", handlungsfeld), ("department", department),
                                ("kind", kind), ("q", text), ("doppelstruktur", "1" if only
                                                                   else ""),
                                ("sort", sort if sort != default_sort else ""),
                                ("dir", args.get("dir") or "")) if v}
    start = (page - 1) * per_page
    return Listing(chosen[start:start + per_page], len(chosen), len(entries), page, per_page,
                   sort, descending, query, options)
