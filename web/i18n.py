"""German first, English switchable (Flask-Babel).

Source strings in templates and code are German; ``translations/en`` holds the English
catalogue.  The compiled catalogue (``messages.mo``) is committed, and compiled again at
start-up from ``messages.po`` when it is missing or older, so a clean clone always has it.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, request
from flask_babel import Babel

LANGUAGES = ("de", "en")
LANGUAGE_COOKIE = "procmodel_lang"
TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def select_locale() -> str:
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    from flask import current_app

    default = current_app.config.get("LANGUAGE", "de")
    if request and request.accept_languages:
        best = request.accept_languages.best_match(LANGUAGES)
        # German stays the default: English only when the browser does not want German.
        if best == "en" and "de" not in [lang for lang, _q in request.accept_languages]:
            return "en"
    return default if default in LANGUAGES else "de"


def compile_catalogues(base: Path = TRANSLATIONS, target: Path | None = None) -> Path:
    """Compile every ``messages.po`` under ``base`` whose ``.mo`` is missing or stale.

    Returns the directory holding the compiled catalogues: ``base`` itself, or ``target``
    (the instance folder) when the package folder is read-only.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    out_base = base
    for po_path in sorted(base.glob("*/LC_MESSAGES/messages.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.is_file() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as fh:
            catalogue = read_po(fh, locale=po_path.parent.parent.name)
        try:
            with mo_path.open("wb") as fh:
                write_mo(fh, catalogue)
        except OSError:
            if target is None:
                raise
            out_base = target / "translations"
            alt = out_base / po_path.relative_to(base).with_suffix(".mo")
            alt.parent.mkdir(parents=True, exist_ok=True)
            with alt.open("wb") as fh:
                write_mo(fh, catalogue)
    return out_base


def init_app(app: Flask) -> None:
    directory = compile_catalogues(TRANSLATIONS, Path(app.instance_path))
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(directory)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "de")
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Berlin")
    Babel(app, locale_selector=select_locale)
