"""WTForms choices from ``(value, label)`` pairs.

WTForms 3.3 deprecates tuples as ``SelectField``/``RadioField`` choices (3.4 removes
them); every form of the web application builds its choices here.
"""

from __future__ import annotations

from collections.abc import Iterable

from wtforms.fields.choices import SelectChoice

__all__ = ["SelectChoice", "choice_values", "select_choices"]


def select_choices(pairs: Iterable[tuple[object, object]]) -> list[SelectChoice]:
    """One :class:`SelectChoice` per ``(value, label)`` pair, in order."""
    return [SelectChoice(value, label) for value, label in pairs]  # type: ignore[arg-type]


def choice_values(choices: Iterable[SelectChoice]) -> set[object]:
    """The values of a field's choices."""
    return {choice.value for choice in choices}
