"""The label language on real administrative wording (German and English)."""

from __future__ import annotations

import pytest

from procmodel.labels import (
    LabelLanguage,
    ResourceError,
    analyse_label,
    default_resources,
    edit_distance,
    load_resources,
    repair,
)


def action(text: str, language: str | None = None) -> str | None:
    meaning = analyse_label(text, language)
    return meaning.action.concept if meaning.action else None


def objects(text: str, language: str | None = None) -> set[str]:
    return {t.concept for t in analyse_label(text, language).objects}


def test_hyphenated_line_break_is_repaired() -> None:
    assert repair("Antrags-\nprüfung") == "Antragsprüfung"
    assert repair("E-\nAkte  anlegen") == "E-Akte anlegen"
    meaning = analyse_label("Antrags-\nprüfung")
    assert meaning.action is not None and meaning.action.concept == action("Antrag prüfen")
    assert objects("Antrags-\nprüfung") == objects("Antrag prüfen")


def test_nominalisation_maps_to_its_verb() -> None:
    assert action("Prüfung der Unterlagen") == action("Unterlagen prüfen")
    assert objects("Prüfung der Unterlagen") == objects("Unterlagen prüfen")
    assert action("Registrierung im Portal") == action("im Portal registrieren")
    assert action("Versand des Bescheids") == action("Bescheid versenden")
    assert action("Antrag geprüft") == action("Antrag prüfen")
    assert action("Unterlagen eingereicht") == action("Unterlagen einreichen")


def test_compounds_are_split_into_known_parts() -> None:
    from procmodel.labels import default_language

    morph = default_language().morph
    assert morph.split_compound("wohngeldantrag") == ("wohn", "geld", "antrag")
    assert morph.split_compound("gewerbeanmeldung")[-1] == "anmeldung"
    term = analyse_label("Wohngeldantrag prüfen").objects[0]
    assert "syn:antrag" in term.parts


def test_synonyms_of_administrative_language() -> None:
    assert action("Bescheid zustellen") == action("Bescheid versenden")
    assert action("Antrag genehmigen") == action("Antrag bewilligen")
    assert objects("Bescheid erlassen") == objects("Verwaltungsakt erlassen")
    meaning = analyse_label("Bescheid zustellen")
    assert meaning.action is not None and meaning.action.synonym == "versenden"


def test_abbreviations_are_expanded() -> None:
    assert objects("Antr. prüfen") == objects("Antrag prüfen")
    assert "syn:sachbearbeitung" in objects("Weiterleitung an SB")


def test_typos_are_tolerated() -> None:
    assert edit_distance("antarg", "antrag") == 1
    assert edit_distance("bescheid", "bescheid") == 0
    assert edit_distance("antrag", "urkunde") > 2
    meaning = analyse_label("Antarg prüfen")
    assert meaning.objects[0].corrected == "antrag"
    assert objects("Antarg prüfen") == objects("Antrag prüfen")
    assert objects("Pruefung der Antraege") == objects("Prüfung der Anträge")


def test_english_labels() -> None:
    assert analyse_label("Check application").language == "en"
    assert action("Check application") == action("Verify application") == action(
        "Examine application")
    assert action("Assessment of application") == action("Assess application")
    assert action("Accepted", "en") == action("Accept applicant", "en")
    assert action("Hand application over to board") == action("Forward application")
    # German and English labels meet in the same concepts.
    assert action("Check application") == action("Antrag prüfen")
    assert objects("Check application") == objects("Antrag prüfen")


def test_light_verbs_leave_the_action_to_the_noun() -> None:
    assert action("Prüfung durchführen") == action("prüfen")
    assert action("Take interview", "en") == action("Interview applicant", "en")


def test_city_synonym_file_extends_the_shipped_list(tmp_path) -> None:
    path = tmp_path / "synonyms.txt"
    path.write_text("de: Meldebescheinigung, Wohnsitzbescheinigung\n"
                    "de: versenden, rausschicken\n", encoding="utf-8")
    language = LabelLanguage(load_resources(path))
    a = language.analyse("Meldebescheinigung ausstellen")
    b = language.analyse("Wohnsitzbescheinigung ausstellen")
    assert a.objects[0].concept == b.objects[0].concept
    # A city word joins the shipped group it shares a word with.
    assert language.analyse("Brief rausschicken").action.concept == "syn:versenden"
    broken = tmp_path / "broken.txt"
    broken.write_text("~ gibtsnicht, auchnicht\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"broken\.txt:1"):
        load_resources(broken)


def test_shipped_synonyms_have_no_conflicting_words() -> None:
    assert default_resources().collisions == []


def test_any_text_is_analysed_without_error() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=80))
    def check(text: str) -> None:
        meaning = analyse_label(text)
        assert meaning.language in ("de", "en")
        assert analyse_label(text) == meaning  # deterministic (and cached)
        for term in meaning.terms:
            assert term.concept

    check()
    assert analyse_label(None).is_empty
    assert analyse_label("  \n ").is_empty


def test_terms_keep_the_labels_spelling() -> None:
    # Compound parts are cut out of the written word, umlauts and capitals kept.
    meaning = analyse_label("Vollständigkeitsprüfung durchführen")
    assert meaning.action is not None and meaning.action.word == "Prüfung"
    assert meaning.action.nominal
    assert [t.word for t in meaning.objects] == ["Vollständigkeit"]
    stamp = analyse_label("Eingangsstempel anbringen")
    assert [t.word for t in stamp.objects] == ["Eingang"]
    assert not analyse_label("Antrag geprüft").action.nominal
    # An abbreviation is remembered as written.
    short = analyse_label("Antr. prüfen")
    assert [(t.word, t.abbreviation) for t in short.objects] == [("Antrag", "Antr.")]
