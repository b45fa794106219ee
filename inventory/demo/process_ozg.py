"""Demo process models of the Handlungsfeld OZG-Umsetzung (services to citizens and businesses)."""

from __future__ import annotations

from inventory.demo.pools import (
    BAU,
    BB,
    ESO,
    KAE,
    KITA,
    LAND,
    ORD,
    SOZ,
    STA,
    UMW,
    WAHL,
    ZUL,
)
from inventory.demo.spec import (
    blackbox,
    branch,
    catch,
    end,
    first_draft,
    model,
    par,
    pool,
    start,
    task,
    timeout,
    xor,
)
from inventory.demo.templates import antrag, link_back

MODELS: list[dict] = []
add = MODELS.append


# --- OZG-Umsetzung ------------------------------------------------------------------------

add(
    antrag(
        "gewerbeanmeldung",
        "Gewerbeanmeldung (Ist)",
        "ist",
        ORD,
        channel="papier",
        company=True,
        applicant="Gewerbetreibende/r",
        fach=[
            task("Gewerbeanzeige im Fachverfahren erfassen", "user"),
            par(
                branch(
                    None,
                    task(
                        "Auskunft Gewerbezentralregister\nanfordern",
                        "send",
                        msg_out="Bundesamt für Justiz",
                    ),
                ),
                branch(None, task("Handwerkskammer und IHK per Fax informieren", "manual")),
                branch(None, task("Finanzamt-Mitteilung ausdrucken und versenden", "manual")),
            ),
        ],
        decision="Erlaubnispflichtig\nund Auflagen erfüllt?",
        words={"bescheid": "Gewerbeschein ausstellen", "check": "Vollständigkeit prüfen"},
        extra_pools=[blackbox("Bundesamt für Justiz")],
        doc="Gewerbeanzeige nach § 14 GewO; heute überwiegend auf Papier oder per E-Mail-PDF.",
    )
)

add(
    link_back(
        antrag(
            "gewerbeanmeldung-soll",
            "Gewerbeanmeldung (Soll)",
            "soll",
            ORD,
            company=True,
            citizen_pool=True,
            fach=[
                task("Gewerbeanzeige prüfen", "user"),
                par(
                    branch(
                        None, task("Auskunft Gewerbezentralregister abrufen (NOOTS)", "service")
                    ),
                    branch(
                        None,
                        task(
                            "Datenübermittlung an Kammern und Finanzamt (XGewerbeanzeige)",
                            "service",
                        ),
                    ),
                ),
            ],
            decision="Anzeige\nplausibel?",
            words={
                "bescheid": "Empfangsbestätigung erstellen",
                "pay": "Gebühr über ePayBL einziehen",
                "zustell": "Bescheid ins Postfach zustellen",
                "akte": "In E-Akte ablegen",
            },
            doc="Zielbild: EfA-Gewerbeservice, Mein Unternehmenskonto, XGewerbeanzeige.",
        )
    )
)

add(
    antrag(
        "gewerbeummeldung",
        "Gewerbeummeldung",
        "ist",
        ORD,
        company=True,
        fach=[
            task("Änderung im Gewerberegister\nnachtragen", "user", out=("store:Gewerberegister",))
        ],
        decision=None,
        words={
            "bescheid": "Ummeldebestätigung erstellen",
            "check": "Antrag auf Vollständigkeit prüfen",
            "akte": "Vorgang in der E-Akte speichern",
            "pay": "Zahlung per ePayment abwickeln",
        },
    )
)

add(
    antrag(
        "gewerbeabmeldung",
        "Gewerbeabmeldung",
        "ist",
        ORD,
        company=True,
        channel="papier",
        pay=False,
        fach=[
            task("Abmeldung im Gewerberegister\nerfassen", "user", out=("store:Gewerberegister",)),
            task("Abmeldung an Finanzamt faxen", "manual"),
        ],
        decision=None,
        words={"bescheid": "Abmeldebestätigung ausdrucken"},
    )
)

add(
    antrag(
        "wohnsitzanmeldung",
        "Wohnsitzanmeldung (Ist)",
        "ist",
        BB,
        channel="vorort",
        pay=False,
        intake=[
            task(
                "Wohnungsgeberbestätigung\nkontrollieren",
                "manual",
                inp=("Wohnungsgeberbestätigung",),
            )
        ],
        fach=[
            task("Meldedatensatz im Melderegister anlegen", "user", out=("store:Melderegister",)),
            task("Adressaufkleber für Personalausweis drucken", "manual"),
        ],
        decision=None,
        words={
            "bescheid": "Meldebestätigung drucken",
            "zustell": "Meldebestätigung aushändigen",
            "akte": "Wohnungsgeberbestätigung in Papierakte heften",
            "check": "Prüfung der Unterlagen auf Vollständigkeit",
        },
    )
)

add(
    link_back(
        antrag(
            "wohnsitzanmeldung-soll",
            "Wohnsitzanmeldung (Soll, digital)",
            "soll",
            BB,
            pay=False,
            citizen_pool=True,
            fach=[
                task(
                    "Datenabgleich mit Wegzugsbehörde (XMeld)",
                    "service",
                    out=("store:Melderegister",),
                ),
                task("Adressänderung auf Online-Ausweis schreiben", "service"),
            ],
            decision="Anmeldung\nplausibel?",
            words={
                "bescheid": "Meldebestätigung erzeugen",
                "zustell": "Bescheid elektronisch übermitteln",
                "akte": "Vorgang e-akten-\nkonform ablegen",
                "check": "Antrag formell prüfen",
            },
        )
    )
)

add(
    antrag(
        "bewohnerparkausweis",
        "Bewohnerparkausweis (Erstantrag)",
        "ist",
        ORD,
        fach=[
            task("Meldeadresse im Melderegister abfragen", "service", inp=("store:Melderegister",)),
            task("Fahrzeughalterdaten prüfen", "user"),
        ],
        decision="Anspruch auf\nBewohnerparken?",
        words={
            "bescheid": "Parkausweis erstellen",
            "zustell": "Parkausweis per Post versenden",
            "ident": "Antragsteller authentifizieren (BundID)",
        },
    )
)

add(
    antrag(
        "bewohnerparkausweis-verlaengerung",
        "Bewohnerparkausweis Verlängerung",
        "ist",
        ORD,
        fach=[task("Frühere Berechtigung im Fachverfahren suchen", "user")],
        decision=None,
        words={
            "bescheid": "Verlängerung bescheiden",
            "ident": "Login mit DeutschlandID",
            "pay": "Gebührenbescheid bezahlen lassen",
        },
    )
)

add(
    antrag(
        "hundesteuer",
        "Hundesteuer An- und Abmeldung",
        "ist",
        KAE,
        channel="papier",
        pay=False,
        fach=[
            task("Steuerpflicht und Ermäßigung\nprüfen", "rule"),
            task("Hundesteuermarke ausgeben", "manual"),
        ],
        decision=None,
        words={
            "bescheid": "Steuerbescheid erstellen",
            "abtippen": "Daten ins Fachverfahren abtippen",
        },
    )
)

add(
    antrag(
        "sondernutzungserlaubnis",
        "Sondernutzungserlaubnis (Ist)",
        "ist",
        "Stadt Offenbach – Amt für Straßen",
        channel="papier",
        fach_lane="Straßenverkehrsbehörde",
        fach=[
            par(
                branch(
                    None,
                    task(
                        "Stellungnahme Straßenverkehrsbehörde einholen",
                        "user",
                        lane="Straßenverkehrsbehörde",
                    ),
                ),
                branch(
                    None,
                    task("Leitungsauskunft per E-Mail anfragen", "manual", lane="Sachbearbeitung"),
                ),
            )
        ],
        words={"bescheid": "Erlaubnisbescheid schreiben (Word-Vorlage)"},
    )
)

add(
    link_back(
        antrag(
            "sondernutzungserlaubnis-soll",
            "Sondernutzungserlaubnis (Soll)",
            "soll",
            "Stadt Offenbach – Amt für Straßen",
            citizen_pool=True,
            fach_lane="Straßenverkehrsbehörde",
            fach=[
                par(
                    branch(
                        None,
                        task(
                            "Stellungnahme digital einholen", "user", lane="Straßenverkehrsbehörde"
                        ),
                    ),
                    branch(
                        None,
                        task("Leitungsauskunft online abrufen", "service", lane="Sachbearbeitung"),
                    ),
                )
            ],
            words={
                "bescheid": "Genehmigungsbescheid ausfertigen",
                "pay": "Zahlung per ePayment abwickeln",
            },
        )
    )
)

add(
    antrag(
        "baugenehmigung",
        "Baugenehmigung (Ist)",
        "ist",
        BAU,
        channel="papier",
        fach_lane="Fachämter",
        fach=[
            task("Bauvorlagen in Mehrfach-\nausfertigung sortieren", "manual"),
            par(
                branch(
                    None,
                    task("Stellungnahme Stadtplanung anfordern", "send", lane="Fachämter"),
                    catch("Stellungnahme Stadtplanung eingegangen", "message", lane="Fachämter"),
                ),
                branch(None, task("Brandschutz beteiligen (Hauspost)", "manual", lane="Fachämter")),
                branch(None, task("Denkmalschutz anhören", "manual", lane="Fachämter")),
            ),
            task("Bauplanungsrechtliche\nPrüfung", "user", lane="Sachbearbeitung"),
            task("Bauordnungsrechtliche Prüfung", "user"),
        ],
        decision="Vorhaben genehmigungs-\nfähig?",
        words={
            "bescheid": "Baugenehmigung erteilen",
            "check": "Vollständigkeitsprüfung durchführen",
        },
    )
)

add(
    link_back(
        antrag(
            "baugenehmigung-soll",
            "Baugenehmigung (Soll, Digitale Baugenehmigung)",
            "soll",
            BAU,
            citizen_pool=True,
            fach_lane="Fachämter",
            fach=[
                par(
                    branch(
                        None,
                        task("Fachstellen digital beteiligen (XBau)", "service", lane="Fachämter"),
                    ),
                    branch(
                        None, task("Stellungnahme Brandschutz einholen", "user", lane="Fachämter")
                    ),
                ),
                task(
                    "Bauplanungs- und bauordnungs-\nrechtliche Prüfung",
                    "user",
                    lane="Sachbearbeitung",
                ),
            ],
            decision="Vorhaben genehmigungs-\nfähig?",
            words={
                "bescheid": "Genehmigungsbescheid ausfertigen",
                "fit": "Übermittlung an Fachverfahren (FIT-Connect)",
                "pay": "Verwaltungsgebühr per ePayBL\nvereinnahmen",
                "akte": "In E-Akte ablegen",
            },
        )
    )
)

add(
    antrag(
        "wohngeld",
        "Wohngeld (Ist)",
        "ist",
        SOZ,
        channel="papier",
        pay=False,
        fach=[
            task("Einkommen und Miete berechnen", "rule"),
            task("Rückfragen telefonisch klären", "manual"),
        ],
        decision="Anspruch\nbesteht?",
        words={
            "bescheid": "Bewilligungsbescheid erstellen",
            "zustell": "Bescheid per Post versenden",
            "scan": "Antrag scannen",
        },
    )
)

add(
    link_back(
        antrag(
            "wohngeld-soll",
            "Wohngeld (Soll)",
            "soll",
            SOZ,
            pay=False,
            citizen_pool=True,
            fach=[
                task("Einkommensnachweise automatisiert abrufen (NOOTS)", "service"),
                task("Wohngeld berechnen", "rule"),
            ],
            decision="Anspruch\nbesteht?",
            words={
                "bescheid": "Bewilligungsbescheid erstellen",
                "zustell": "Bewilligungsbescheid zustellen",
                "akte": "Ablage in der E-Akte",
                "check": "Vollständigkeit prüfen",
            },
        )
    )
)

add(
    antrag(
        "kita-platz",
        "Kita-Platz-Vergabe",
        "ist",
        KITA,
        pay=False,
        fach=[
            task("Bedarf und Betreuungsumfang erfassen", "user"),
            task("Platzangebote der Einrichtungen abgleichen", "user"),
            xor(
                "Platz\nverfügbar?",
                branch("ja", task("Platz zuweisen", "user")),
                branch(
                    "nein",
                    task("Auf Warteliste setzen", "user"),
                    catch("Monatliche Vergaberunde", "timer", detail="P1M"),
                ),
                default=0,
            ),
        ],
        decision=None,
        words={
            "bescheid": "Zusage erstellen",
            "zustell": "Zusage ins Postfach zustellen",
            "ident": "Identität über BundID prüfen",
        },
    )
)

add(
    antrag(
        "fundsachen",
        "Fundsachen",
        "ist",
        BB,
        channel="vorort",
        pay=True,
        fach=[
            task("Fundsache im Fundbüro-Register suchen", "user"),
            xor(
                "Eigentum\nnachgewiesen?",
                branch("ja", task("Fundsache aushändigen", "manual")),
                branch(
                    "nein", task("Verlustanzeige aufnehmen", "user"), end("Verlust registriert")
                ),
                default=0,
            ),
        ],
        decision=None,
        lanes=["Sachbearbeitung", "Kasse"],
        words={
            "bescheid": "Herausgabeprotokoll erstellen",
            "pay": "Finderlohn und Gebühr bar kassieren",
            "zustell": "Protokoll aushändigen",
            "akte": "Vorgang in Handakte abheften",
        },
    )
)

add(
    model(
        "personalausweis",
        "Personalausweis beantragen",
        "ist",
        [
            blackbox("Antragsteller/in"),
            pool(
                BB,
                [
                    start("Termin gebucht", "message", id="eingang", msg_in="Antragsteller/in"),
                    task("Identität anhand Ausweis prüfen", "manual"),
                    task("Biometrisches Foto prüfen", "manual", inp=("Lichtbild",)),
                    task("Fingerabdrücke erfassen", "user"),
                    task("Antragsdaten manuell erfassen", "user", out=("store:Melderegister",)),
                    task("Antrag ausdrucken und unterschreiben lassen", "manual"),
                    task("Gebühr an der Kasse bar kassieren", "manual", lane="Kasse"),
                    task(
                        "Antrag an Bundesdruckerei übermitteln",
                        "send",
                        lane="Sachbearbeitung",
                        msg_out="Bundesdruckerei",
                    ),
                    catch(
                        "Ausweis von Bundesdruckerei\neingetroffen",
                        "message",
                        msg_in="Bundesdruckerei",
                    ),
                    task("Abholbenachrichtigung versenden", "send", msg_out="Antragsteller/in"),
                    task(
                        "Ausweis aushändigen und PIN-Brief übergeben",
                        "manual",
                        timer=timeout(
                            "P3M",
                            "Nicht abgeholt\n(3 Monate)",
                            task("Ausweis vernichten", "manual"),
                            end("Ausweis vernichtet"),
                        ),
                    ),
                    task("In E-Akte ablegen", "user", out=("store:E-Akte",)),
                    end("Ausweis ausgehändigt"),
                ],
                lanes=["Sachbearbeitung", "Kasse"],
            ),
            blackbox("Bundesdruckerei"),
        ],
    )
)

add(
    antrag(
        "fuehrungszeugnis",
        "Führungszeugnis beantragen",
        "ist",
        BB,
        channel="vorort",
        fach=[
            task(
                "Antrag an Bundeszentralregister übermitteln",
                "send",
                msg_out="Bundesamt für Justiz",
            )
        ],
        decision=None,
        extra_pools=[blackbox("Bundesamt für Justiz")],
        words={
            "bescheid": "Antragsquittung drucken",
            "zustell": "Quittung aushändigen",
            "pay": "Gebühr an der Kasse bar kassieren",
            "akte": "Akte im Registraturschrank ablegen",
        },
    )
)

add(
    antrag(
        "eheschliessung",
        "Anmeldung der Eheschließung",
        "ist",
        STA,
        channel="vorort",
        intake=[task("Urkunden und Nachweise sichten", "manual", inp=("Geburtsurkunden",))],
        fach=[
            task("Ehefähigkeit prüfen", "user"),
            task("Trautermin vereinbaren", "user"),
            task("Niederschrift handschriftlich\nunterschreiben lassen", "manual"),
        ],
        decision="Ehehindernisse\nausgeschlossen?",
        words={
            "bescheid": "Anmeldung beurkunden",
            "zustell": "Terminbestätigung aushändigen",
            "pay": "Gebühr an der Kasse bar kassieren",
            "check": "Vollständigkeit prüfen",
        },
    )
)

add(
    antrag(
        "geburtsurkunde",
        "Geburtsurkunde ausstellen",
        "ist",
        STA,
        fach=[
            task(
                "Eintrag im Geburtenregister suchen", "user", inp=("store:Personenstandsregister",)
            )
        ],
        decision="Berechtigtes\nInteresse?",
        words={
            "bescheid": "Urkunde drucken und siegeln",
            "zustell": "Urkunde per Post versenden",
            "ident": "Anmeldung mit BundID prüfen",
            "pay": "Online-Bezahlung über pmPayment durchführen",
        },
    )
)

add(
    antrag(
        "sterbeurkunde",
        "Sterbeurkunde ausstellen",
        "ist",
        STA,
        channel="papier",
        fach=[task("Sterbefall im Sterberegister suchen", "user")],
        decision="Antragsberechtigung\ngegeben?",
        words={"bescheid": "Urkunde ausfertigen", "scan": "Unterlagen einscannen"},
    )
)

add(
    antrag(
        "elterngeld",
        "Elterngeld (Antragsannahme und Weiterleitung)",
        "ist",
        BB,
        pay=False,
        fach=[task("Antrag an Elterngeldstelle weiterleiten (FIT-Connect)", "send", msg_out=LAND)],
        decision=None,
        extra_pools=[blackbox(LAND)],
        words={
            "bescheid": "Eingangsbestätigung erstellen",
            "zustell": "Eingangsbestätigung versenden",
            "ident": "Nutzer/in über BundID-\nKonto identifizieren",
        },
    )
)

add(
    antrag(
        "schwerbehindertenausweis",
        "Schwerbehindertenausweis (Antragsannahme)",
        "ist",
        SOZ,
        channel="papier",
        pay=False,
        fach=[
            task("Ärztliche Unterlagen kopieren", "manual"),
            task("Antrag per Post an Versorgungsamt weiterleiten", "send", msg_out=LAND),
        ],
        decision=None,
        extra_pools=[blackbox(LAND)],
        words={"bescheid": "Abgabenachricht schreiben"},
    )
)

add(
    antrag(
        "veranstaltungsgenehmigung",
        "Veranstaltungsgenehmigung",
        "ist",
        ORD,
        fach_lane="Gefahrenabwehr",
        fach=[
            par(
                branch(None, task("Sicherheitskonzept prüfen", "user", lane="Gefahrenabwehr")),
                branch(
                    None,
                    task(
                        "Polizei und Feuerwehr beteiligen",
                        "send",
                        lane="Gefahrenabwehr",
                        msg_out="Polizei / Feuerwehr",
                    ),
                ),
                branch(None, task("Lärmschutz bewerten", "user", lane="Sachbearbeitung")),
            )
        ],
        decision="Veranstaltung\ngenehmigungsfähig?",
        extra_pools=[blackbox("Polizei / Feuerwehr")],
        words={
            "bescheid": "Erlaubnis mit Auflagen erstellen",
            "pay": "Gebühr über ePayBL einziehen",
            "check": "Unterlagen auf Vollständig-\nkeit prüfen",
        },
    )
)

add(
    model(
        "sperrmuellanmeldung",
        "Sperrmüllanmeldung",
        "ist",
        [
            blackbox("Bürger/in"),
            pool(
                ESO,
                [
                    start("Sperrmüll online angemeldet", "message", msg_in="Bürger/in"),
                    task("Adresse und Mengen prüfen", "user"),
                    xor(
                        "Mehr als\n5 m³?",
                        branch("nein", task("Kostenfreien Abholtermin vergeben", "service")),
                        branch(
                            "ja",
                            task("Zusatzgebühr berechnen", "rule"),
                            task("Zahlung per ePayment abwickeln", "service", lane="Kasse"),
                            task("Abholtermin vergeben", "user", lane="Disposition"),
                        ),
                        default=0,
                        lane="Disposition",
                    ),
                    task(
                        "Terminbestätigung per E-Mail senden",
                        "send",
                        lane="Disposition",
                        msg_out="Bürger/in",
                    ),
                    task("Tourenplan ausdrucken", "manual", lane="Disposition"),
                    task("Sperrmüll abholen", "manual", lane="Abfuhr"),
                    task("Abholung im Tourenbuch abhaken", "manual"),
                    end("Sperrmüll entsorgt"),
                ],
                lanes=["Disposition", "Kasse", "Abfuhr"],
            ),
        ],
    )
)

add(
    antrag(
        "baumfaellgenehmigung",
        "Baumfällgenehmigung",
        "ist",
        UMW,
        fach_lane="Grünflächenamt",
        fach=[
            task("Ortsbesichtigung durchführen", "manual", lane="Grünflächenamt"),
            task("Ersatzpflanzung festlegen", "user", lane="Grünflächenamt"),
        ],
        decision="Fällung\nzulässig?",
        words={
            "bescheid": "Fällgenehmigung erteilen",
            "ident": "Identität über BundID prüfen",
            "fit": "Datensatz per FIT-Connect abholen",
        },
    )
)

add(
    model(
        "briefwahl",
        "Wahlschein und Briefwahl",
        "ist",
        [
            blackbox("Wahlberechtigte/r"),
            pool(
                WAHL,
                [
                    start("Wahlscheinantrag eingegangen", "message", msg_in="Wahlberechtigte/r"),
                    xor(
                        "Eingangskanal?",
                        branch(
                            "online", task("Antragsdaten aus Online-Formular übernehmen", "service")
                        ),
                        branch(
                            "Papier",
                            task("Wahlbenachrichtigung einscannen", "manual", lane="Poststelle"),
                            task(
                                "Daten ins Wahlverfahren abtippen", "user", lane="Briefwahlstelle"
                            ),
                        ),
                        default=0,
                        lane="Briefwahlstelle",
                    ),
                    task(
                        "Wahlberechtigung im Wählerverzeichnis prüfen",
                        "user",
                        lane="Briefwahlstelle",
                        inp=("store:Wählerverzeichnis",),
                    ),
                    task("Wahlschein drucken und handschriftlich unterschreiben", "manual"),
                    task(
                        "Briefwahlunterlagen per Post versenden",
                        "send",
                        msg_out="Wahlberechtigte/r",
                    ),
                    task(
                        "Vermerk im Wählerverzeichnis setzen",
                        "user",
                        out=("store:Wählerverzeichnis",),
                    ),
                    end("Unterlagen versandt"),
                ],
                lanes=["Briefwahlstelle", "Poststelle"],
            ),
        ],
    )
)

add(
    antrag(
        "grundsteuer",
        "Grundsteuerbescheid",
        "ist",
        KAE,
        channel="papier",
        pay=False,
        intake=[task("Messbescheid des Finanzamts zuordnen", "user", lane="Sachbearbeitung")],
        fach=[task("Grundsteuer mit Hebesatz berechnen", "rule")],
        decision=None,
        words={
            "bescheid": "Grundsteuerbescheid erstellen",
            "zustell": "Bescheid kuvertieren und zur Post geben",
        },
        applicant="Eigentümer/in",
    )
)

add(
    antrag(
        "unterhaltsvorschuss",
        "Unterhaltsvorschuss",
        "ist",
        "Stadt Offenbach – Jugendamt",
        channel="papier",
        pay=False,
        fach=[
            task("Unterhaltspflichtigen anschreiben", "send", msg_out="Unterhaltspflichtige/r"),
            task("Anspruch berechnen", "rule"),
        ],
        decision="Anspruch\nbesteht?",
        extra_pools=[blackbox("Unterhaltspflichtige/r")],
        words={
            "bescheid": "Bescheid erstellen",
            "abtippen": "Angaben aus Papierantrag übertragen",
        },
    )
)

add(
    antrag(
        "kfz-zulassung",
        "Kfz-Zulassung (i-Kfz)",
        "ist",
        ZUL,
        fach=[
            task("Fahrzeugdaten mit ZFZR abgleichen", "service", inp=("store:ZFZR",)),
            task("Kennzeichen zuteilen", "user"),
        ],
        decision=None,
        words={
            "bescheid": "Zulassungsbescheinigung erstellen",
            "ident": "Identifizierung mit Online-Ausweis (eID)",
            "zustell": "Plaketten und Unterlagen per Post versenden",
            "pay": "Gebühr online bezahlen lassen (ePayment)",
        },
    )
)

add(
    antrag(
        "auskunftssperre",
        "Auskunftssperre im Melderegister",
        "ist",
        BB,
        channel="papier",
        pay=False,
        fach=[
            task("Gefährdung glaubhaft gemacht?\nPrüfen", "user"),
            task("Sperre im Melderegister eintragen", "user", out=("store:Melderegister",)),
        ],
        decision="Sperre\nbegründet?",
        words={"bescheid": "Bescheid erstellen", "abtippen": "Antragsdaten manuell erfassen"},
    )
)

add(
    antrag(
        "gaststaettenerlaubnis",
        "Gaststättenerlaubnis",
        "ist",
        ORD,
        company=True,
        fach_lane="Fachämter",
        fach=[
            par(
                branch(None, task("Stellungnahme Bauaufsicht einholen", "user", lane="Fachämter")),
                branch(None, task("Lebensmittelüberwachung beteiligen", "user", lane="Fachämter")),
                branch(
                    None,
                    task(
                        "Führungszeugnis und Gewerbezentral-\nregisterauszug prüfen",
                        "user",
                        lane="Sachbearbeitung",
                    ),
                ),
            )
        ],
        decision="Zuverlässigkeit\ngegeben?",
        words={
            "bescheid": "Erlaubnis erteilen",
            "zustell": "Bescheid versenden",
            "check": "Antrag auf Vollständigkeit prüfen",
            "pay": "Gebühr über ePayBL einziehen",
        },
    )
)


# First drafts: older versions of three Ist models, with the findings the validator reports
# (the register keeps them as version 1, the corrected model above as the current one).
_BY_SLUG = {desc["slug"]: desc for desc in MODELS}
for _slug in ("gewerbeanmeldung", "baugenehmigung", "wohngeld"):
    add(first_draft(_BY_SLUG[_slug]))
