"""The target rule language (Zielregeln): a small, documented, parseable language.

A rule says what is measured on the register, on which services, and what value is
aimed at by when.  Examples (keywords are case-insensitive; umlauts may be written
as ae/oe/ue)::

    anteil(reifegrad >= 3) wo leika_typ in {2/3, 3, 4, 5} ziel >= 100 % bis 2027-06-30
    anteil(reifegrad >= konform) ziel >= 80 % bis 2027-12-31
    online_fallzahl ziel >= 50 % bis 2027-12-31
    anteil(status in {"online verfügbar"}) wo handlungsfeld = alle ziel >= 60 %
    doppelstrukturen ziel <= 50 % der basis 2026-06-30 bis 2027-12-31
    anzahl(reifegrad >= 4) ziel >= 10 bis 2027-06-30

Grammar::

    regel       := messgröße [ "wo" bedingung { "und" bedingung } ]
                   "ziel" [ vergleich ] zahl [ "%" ] [ "der" "basis" DATUM ] [ "bis" DATUM ]
    messgröße   := "anteil" "(" "reifegrad" ">=" ( ZAHL | "konform" ) ")"
                 | "anteil" "(" "status" "in" menge ")"
                 | "anzahl" "(" ( "leistungen" | "reifegrad" ">=" ( ZAHL | "konform" ) ) ")"
                 | "mittel" "(" "reifegrad" ")"
                 | "online_fallzahl" | "doppelstrukturen" | "medienbrueche"
    bedingung   := "leika_typ" "in" menge | "status" [ "nicht" ] "in" menge
                 | "handlungsfeld" "=" ( "alle" | TEXT ) | "reifegradmodell" "=" ZAHL
    menge       := "{" wert { "," wert } "}"        wert: 2/3, 3, "in Umsetzung", …
    vergleich   := ">=" | "<=" | ">" | "<" | "="

Without a ``handlungsfeld`` condition a rule measures the services of the target's own
Handlungsfeld.  Shares (``anteil``, ``online_fallzahl``) are percentages.  ``der basis
DATUM`` makes the goal relative: "50 % der Basis" means half the value measured at that
date.  Without a comparison the goal direction is ``>=``, except for
``doppelstrukturen`` and ``medienbrueche``, where it is ``<=``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from procmodel.strategy.errors import RuleError

#: Metric name → (German description, English description, unit).
METRICS: dict[str, tuple[str, str, str]] = {
    "anteil_reifegrad": ("Anteil der Leistungen ab Reifegrad", "share of services at Reifegrad",
                         "%"),
    "anteil_status": ("Anteil der Leistungen im Umsetzungsstatus",
                      "share of services in status", "%"),
    "anzahl_leistungen": ("Anzahl der Leistungen", "number of services", ""),
    "anzahl_reifegrad": ("Anzahl der Leistungen ab Reifegrad", "number of services at Reifegrad",
                         ""),
    "mittel_reifegrad": ("mittlerer Reifegrad", "mean Reifegrad", ""),
    "online_fallzahl": ("Anteil der online abgewickelten Fallzahl",
                        "share of cases handled online", "%"),
    "doppelstrukturen": ("Doppelstrukturen zwischen Handlungsfeldern",
                         "duplicate structures between fields of action", ""),
    "medienbrueche": ("Medienbrüche", "media breaks", ""),
}

#: Counted things per metric: (singular, plural) German nouns shown after a value
#: ("4 Leistungen", "1 Medienbruch"); shares carry "%" instead.
COUNT_NOUNS: dict[str, tuple[str, str]] = {
    "anzahl_leistungen": ("Leistung", "Leistungen"),
    "anzahl_reifegrad": ("Leistung", "Leistungen"),
    "doppelstrukturen": ("Doppelstruktur", "Doppelstrukturen"),
    "medienbrueche": ("Medienbruch", "Medienbrüche"),
}

#: Metrics whose goal direction is "at most" unless the rule says otherwise.
DECREASING_METRICS = {"doppelstrukturen", "medienbrueche"}
_OPS = (">=", "<=", ">", "<", "=")

@dataclass(frozen=True)
class Rule:
    """A parsed target rule; :meth:`text` gives its canonical form."""

    metric: str
    goal: float
    op: str = ">="
    level: int | None = None  # for *_reifegrad; None with ``conformant`` True = "konform"
    conformant: bool = False
    metric_statuses: frozenset[str] = frozenset()
    leika_types: frozenset[str] | None = None
    statuses: frozenset[str] | None = None
    statuses_negated: bool = False
    scope: str | None = None  # None: the target's Handlungsfeld; "*": all; else a name
    reifegrad_model: str | None = None
    relative: bool = False
    baseline: date | None = None
    deadline: date | None = None

    @property
    def unit(self) -> str:
        return METRICS[self.metric][2]

    @property
    def percent_goal(self) -> bool:
        """Whether the goal is written with ``%`` (shares, and relative goals)."""
        return self.unit == "%" or self.relative

    @property
    def decreasing(self) -> bool:
        return self.op in ("<=", "<")

    def value_de(self, value: float | None) -> str:
        """A value of this rule's metric with its unit: "4 Leistungen", "39,3 %"."""
        if value is None:
            return "–"
        text = f"{value:.1f}".replace(".", ",").removesuffix(",0")
        if self.unit == "%":
            return f"{text} %"
        if self.metric == "mittel_reifegrad":
            return f"Reifegrad {text} im Mittel"
        singular, plural = COUNT_NOUNS.get(self.metric, ("", ""))
        noun = singular if abs(value - 1.0) < 1e-9 else plural
        return f"{text} {noun}".rstrip()

    def scope_de(self, handlungsfeld: str | None = None) -> str:
        """Which services are measured, e.g. "Handlungsfeld Smart City"."""
        if self.scope == "*":
            return "alle Handlungsfelder"
        field_ = self.scope or handlungsfeld
        return f"Handlungsfeld {field_}" if field_ else "Handlungsfeld des Ziels"

    def describe_de(self, handlungsfeld: str | None = None) -> str:
        """A German sentence describing what is measured.

        With ``handlungsfeld`` (the target's own field) the scope is always named,
        also when the rule has no ``handlungsfeld`` condition.
        """
        text = METRICS[self.metric][0]
        if self.metric in ("anteil_reifegrad", "anzahl_reifegrad"):
            text += " " + ("OZG-konform" if self.conformant else f"≥ {self.level}")
        if self.metric == "anteil_status":
            text += " " + ", ".join(sorted(self.metric_statuses))
        conds = []
        if self.leika_types:
            conds.append("LeiKa-Typ " + ", ".join(_sorted_codes(self.leika_types)))
        if self.statuses:
            conds.append(("Status nicht " if self.statuses_negated else "Status ")
                         + ", ".join(sorted(self.statuses)))
        if self.reifegrad_model:
            conds.append(f"Reifegradmodell {self.reifegrad_model}")
        if self.scope or handlungsfeld:
            conds.append(self.scope_de(handlungsfeld))
        if conds:
            text += " (" + "; ".join(conds) + ")"
        return text

    def goal_de(self) -> str:
        """The goal in German, e.g. "≥ 100 % bis 30.06.2027", "≥ 4 Leistungen"."""
        sym = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}[self.op]
        if self.percent_goal:
            text = f"{sym} {_num(self.goal).replace('.', ',')} %"
        else:
            text = f"{sym} {self.value_de(self.goal)}"
        if self.relative and self.baseline:
            text += f" des Werts vom {self.baseline.strftime('%d.%m.%Y')}"
        if self.deadline:
            text += f" bis {self.deadline.strftime('%d.%m.%Y')}"
        return text

    def text(self) -> str:
        """The canonical rule text; ``parse_rule(rule.text()) == rule``."""
        parts = [self._metric_text()]
        conds = []
        if self.leika_types is not None:
            conds.append(f"leika_typ in {_set_text(self.leika_types)}")
        if self.statuses is not None:
            neg = "nicht " if self.statuses_negated else ""
            conds.append(f"status {neg}in {_set_text(self.statuses)}")
        if self.scope == "*":
            conds.append("handlungsfeld = alle")
        elif self.scope:
            conds.append(f"handlungsfeld = {_quote(self.scope)}")
        if self.reifegrad_model:
            conds.append(f"reifegradmodell = {self.reifegrad_model}")
        if conds:
            parts.append("wo " + " und ".join(conds))
        goal = f"ziel {self.op} {_num(self.goal)}"
        if self.percent_goal:
            goal += " %"
        parts.append(goal)
        if self.relative and self.baseline:
            parts.append(f"der basis {self.baseline.isoformat()}")
        if self.deadline:
            parts.append(f"bis {self.deadline.isoformat()}")
        return " ".join(parts)

    def _metric_text(self) -> str:
        level = "konform" if self.conformant else str(self.level)
        return {
            "anteil_reifegrad": f"anteil(reifegrad >= {level})",
            "anzahl_reifegrad": f"anzahl(reifegrad >= {level})",
            "anteil_status": f"anteil(status in {_set_text(self.metric_statuses)})",
            "anzahl_leistungen": "anzahl(leistungen)",
            "mittel_reifegrad": "mittel(reifegrad)",
        }.get(self.metric, self.metric)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _quote(value: str) -> str:
    return value if re.fullmatch(r"[\w/.]+", value) else '"' + value.replace('"', "") + '"'


def _sorted_codes(values: frozenset[str]) -> list[str]:
    return sorted(values, key=lambda v: (not v[0].isdigit(), v))


def _set_text(values: frozenset[str]) -> str:
    return "{" + ", ".join(_quote(v) for v in _sorted_codes(values)) + "}"


def parse_rule(text: str) -> Rule:
    """Parse a rule; raises :class:`RuleError` naming the column of the problem."""
    from procmodel.strategy.rule_parser import RuleParser

    if not text or not text.strip():
        raise RuleError("Die Regel ist leer", "The rule is empty")
    return RuleParser(text).rule()
