"""The parser of the target rule language (grammar in :mod:`procmodel.strategy.rules`).

A hand-written tokenizer and recursive-descent parser: every error names the column
of the offending token, in German and English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from procmodel.strategy.errors import RuleError
from procmodel.strategy.rules import DECREASING_METRICS, METRICS, Rule

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<date>\d{4}-\d{2}-\d{2})
      | (?P<number>\d+(?:[.,]\d+)?(?:/\d+)?)
      | (?P<string>"[^"]*"|'[^']*')
      | (?P<word>[^\W\d][\w\-]*)
      | (?P<op>>=|<=|[<>=])
      | (?P<punct>[(){},%])
    )""",
    re.VERBOSE,
)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})



@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    pos: int  # 1-based column

    @property
    def keyword(self) -> str:
        return self.text.lower().translate(_UMLAUTS) if self.kind == "word" else self.text


class RuleParser:
    """Parses one rule text; :meth:`rule` returns the :class:`Rule`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = self._tokenise(text)
        self.i = 0

    @staticmethod
    def _tokenise(text: str) -> list[_Tok]:
        tokens: list[_Tok] = []
        pos = 0
        stripped_end = len(text.rstrip())
        while pos < stripped_end:
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                col = pos + 1 + (len(text[pos:]) - len(text[pos:].lstrip()))
                raise RuleError(f"Unerwartetes Zeichen {text[col - 1]!r}",
                                f"Unexpected character {text[col - 1]!r}", position=col)
            kind = m.lastgroup or ""
            value = m.group(kind)
            if kind == "string":
                value = value[1:-1].strip()
            tokens.append(_Tok(kind, value, m.start(kind) + 1))
            pos = m.end()
        return tokens

    # -- helpers -----------------------------------------------------------
    def peek(self) -> _Tok | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def next(self, expected: str) -> _Tok:
        tok = self.peek()
        if tok is None:
            raise RuleError(f"Regel endet zu früh: erwartet {expected}",
                            f"Rule ends too early: expected {expected}",
                            position=len(self.text.rstrip()) + 1)
        self.i += 1
        return tok

    def expect(self, *keywords: str) -> _Tok:
        want = " oder ".join(repr(k) for k in keywords)
        tok = self.next(want)
        if tok.keyword not in keywords:
            raise RuleError(f"Erwartet {want}, gefunden {tok.text!r}",
                            f"Expected {want}, found {tok.text!r}", position=tok.pos)
        return tok

    def accept(self, keyword: str) -> bool:
        tok = self.peek()
        if tok is not None and tok.keyword == keyword:
            self.i += 1
            return True
        return False

    def number(self, what: str) -> float:
        tok = self.next(what)
        if tok.kind != "number" or "/" in tok.text:
            raise RuleError(f"Erwartet {what}, gefunden {tok.text!r}",
                            f"Expected {what}, found {tok.text!r}", position=tok.pos)
        return float(tok.text.replace(",", "."))

    def date(self) -> date:
        tok = self.next("ein Datum JJJJ-MM-TT")
        try:
            if tok.kind != "date":
                raise ValueError
            return date.fromisoformat(tok.text)
        except ValueError:
            raise RuleError(f"Erwartet ein Datum JJJJ-MM-TT, gefunden {tok.text!r}",
                            f"Expected a date YYYY-MM-DD, found {tok.text!r}",
                            position=tok.pos) from None

    def value_set(self) -> frozenset[str]:
        self.expect("{")
        values: list[str] = []
        while True:
            tok = self.next("einen Wert")
            if tok.kind not in ("number", "string", "word"):
                raise RuleError(f"Erwartet einen Wert, gefunden {tok.text!r}",
                                f"Expected a value, found {tok.text!r}", position=tok.pos)
            # "{3,4}" reads as the German decimal 3,4: inside a set it is two values
            values.extend(tok.text.split(",") if tok.kind == "number" else [tok.text])
            if self.accept("}"):
                break
            self.expect(",")
        return frozenset(values)

    def level(self) -> tuple[int | None, bool]:
        self.expect(">=")
        if self.accept("konform"):
            return None, True
        tok = self.peek()
        value = self.number("einen Reifegrad (0–7) oder 'konform'")
        if not value.is_integer() or not 0 <= value <= 7:
            raise RuleError(f"Reifegrad {tok.text if tok else value} ist nicht 0–7",
                            f"Reifegrad {tok.text if tok else value} is not 0–7",
                            position=tok.pos if tok else None)
        return int(value), False

    # -- grammar -----------------------------------------------------------
    def rule(self) -> Rule:
        fields: dict = {}
        first = self.next("eine Messgröße")
        kw = first.keyword
        if kw in ("anteil", "anzahl"):
            self.expect("(")
            inner = self.expect("reifegrad", "status", "leistungen")
            if inner.keyword == "reifegrad":
                fields["level"], fields["conformant"] = self.level()
                fields["metric"] = f"{kw}_reifegrad"
            elif inner.keyword == "status" and kw == "anteil":
                self.expect("in")
                fields["metric_statuses"] = self.value_set()
                fields["metric"] = "anteil_status"
            elif inner.keyword == "leistungen" and kw == "anzahl":
                fields["metric"] = "anzahl_leistungen"
            else:
                raise RuleError(f"{kw}({inner.text}) ist keine Messgröße",
                                f"{kw}({inner.text}) is not a metric", position=inner.pos)
            self.expect(")")
        elif kw == "mittel":
            self.expect("(")
            self.expect("reifegrad")
            self.expect(")")
            fields["metric"] = "mittel_reifegrad"
        elif kw in ("online_fallzahl", "doppelstrukturen", "medienbrueche"):
            fields["metric"] = kw
        else:
            raise RuleError(
                f"Unbekannte Messgröße {first.text!r}: erlaubt sind anteil(…), anzahl(…), "
                "mittel(reifegrad), online_fallzahl, doppelstrukturen, medienbrueche",
                f"Unknown metric {first.text!r}", position=first.pos)
        if self.accept("wo"):
            self.condition(fields)
            while self.accept("und"):
                self.condition(fields)
        self.expect("ziel")
        tok = self.peek()
        if tok is not None and tok.kind == "op":
            fields["op"] = self.next("einen Vergleich").text
        else:
            fields["op"] = "<=" if fields["metric"] in DECREASING_METRICS else ">="
        goal_tok = self.peek()
        fields["goal"] = self.number("einen Zielwert")
        percent = self.accept("%")
        if self.accept("der"):
            self.expect("basis")
            fields["relative"] = True
            fields["baseline"] = self.date()
            if not percent:
                raise RuleError("Ein relatives Ziel wird in % der Basis angegeben",
                                "A relative goal is given in % of the baseline",
                                position=goal_tok.pos if goal_tok else None)
        elif percent != (METRICS[fields["metric"]][2] == "%"):
            unit, unit_en = ("ohne %", "without %") if percent else ("in %", "in %")
            raise RuleError(f"Der Zielwert dieser Messgröße wird {unit} angegeben",
                            f"The goal of this metric is given {unit_en}",
                            position=goal_tok.pos if goal_tok else None)
        if self.accept("bis"):
            fields["deadline"] = self.date()
        extra = self.peek()
        if extra is not None:
            raise RuleError(f"Unerwarteter Rest ab {extra.text!r}",
                            f"Unexpected text from {extra.text!r}", position=extra.pos)
        if fields.get("relative") and fields.get("deadline") and \
                fields["baseline"] >= fields["deadline"]:
            raise RuleError("Das Basisdatum muss vor dem Zieldatum liegen",
                            "The baseline date must be before the deadline")
        fields.pop("_seen", None)
        return Rule(**fields)

    def condition(self, fields: dict) -> None:
        tok = self.expect("leika_typ", "status", "handlungsfeld", "reifegradmodell")
        if tok.keyword in fields.get("_seen", set()):
            raise RuleError(f"Bedingung {tok.text!r} doppelt", f"Condition {tok.text!r} twice",
                            position=tok.pos)
        fields.setdefault("_seen", set()).add(tok.keyword)
        if tok.keyword == "leika_typ":
            self.expect("in")
            codes = self.value_set()
            bad = sorted(c for c in codes if c not in {"1", "2", "3", "2/3", "4", "5", "6"})
            if bad:
                raise RuleError(f"Unbekannter LeiKa-Typ {', '.join(bad)} (erlaubt: 1, 2, 2/3, "
                                "3, 4, 5, 6)", f"Unknown LeiKa-Typ {', '.join(bad)}",
                                position=tok.pos)
            fields["leika_types"] = codes
        elif tok.keyword == "status":
            fields["statuses_negated"] = self.accept("nicht")
            self.expect("in")
            fields["statuses"] = self.value_set()
        elif tok.keyword == "handlungsfeld":
            self.expect("=")
            value = self.next("'alle' oder einen Handlungsfeld-Namen")
            fields["scope"] = "*" if value.keyword == "alle" else value.text
        else:
            self.expect("=")
            model = self.next("1.1 oder 2.0")
            if model.text not in ("1.1", "2.0"):
                raise RuleError(f"Reifegradmodell {model.text!r} unbekannt (1.1 oder 2.0)",
                                f"Unknown maturity model {model.text!r}", position=model.pos)
            fields["reifegrad_model"] = model.text


