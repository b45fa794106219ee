"""Demo process models: Verwaltungsdigitalisierung, IT- und Kommunikationsstrategie, Smart City."""

from __future__ import annotations

from inventory.demo.pools import (
    HPA,
    IT,
    SC,
    STP,
)
from inventory.demo.spec import (
    blackbox,
    branch,
    catch,
    end,
    merge,
    model,
    par,
    pool,
    start,
    task,
    timeout,
    xor,
)

MODELS: list[dict] = []
add = MODELS.append


# --- Verwaltungsdigitalisierung (interne Prozesse) ----------------------------------------

add(
    model(
        "rechnungseingang",
        "Rechnungseingang (Ist)",
        "ist",
        [
            blackbox("Lieferant"),
            pool(
                "Stadt Offenbach – Stadtkasse / Fachämter",
                [
                    start(
                        "Papierrechnung eingegangen",
                        "message",
                        lane="Poststelle",
                        msg_in="Lieferant",
                    ),
                    task("Eingangsstempel setzen", "manual"),
                    task("Rechnung per Hauspost an Fachamt weiterleiten", "manual"),
                    task("Sachlich richtig zeichnen (handschriftlich)", "manual", lane="Fachamt"),
                    xor(
                        "Rechnung\nkorrekt?",
                        branch("ja"),
                        branch(
                            "nein",
                            task("Rechnung an Lieferant zurücksenden", "send", msg_out="Lieferant"),
                            end("Rechnung zurückgewiesen"),
                        ),
                        default=0,
                    ),
                    task("Kassenanordnung ausdrucken und unterschreiben", "manual"),
                    task(
                        "Rechnungsdaten in SAP abtippen",
                        "user",
                        lane="Stadtkasse",
                        out=("store:Finanzverfahren (SAP)",),
                    ),
                    task(
                        "Zahlung freigeben (Vier-Augen-Prinzip)",
                        "user",
                        timer=timeout(
                            "P30D",
                            "Skontofrist\nverstrichen",
                            task("Skontoverlust vermerken", "user"),
                            end("Skonto verloren"),
                        ),
                    ),
                    task("Beleg in Papierakte ablegen", "manual"),
                    end("Rechnung bezahlt"),
                ],
                lanes=["Poststelle", "Fachamt", "Stadtkasse"],
            ),
        ],
    )
)

add(
    model(
        "rechnungseingang-soll",
        "Rechnungseingang (Soll, XRechnung)",
        "soll",
        [
            blackbox("Lieferant"),
            pool(
                "Stadt Offenbach – Stadtkasse / Fachämter",
                [
                    start(
                        "XRechnung über OZG-RE eingegangen",
                        "message",
                        lane="Stadtkasse",
                        msg_in="Lieferant",
                    ),
                    task("XRechnung validieren und auslesen", "service"),
                    task("Rechnung dem Fachamt im Workflow zuweisen", "service"),
                    task("Rechnung sachlich prüfen", "user", lane="Fachamt"),
                    xor(
                        "Rechnung\nkorrekt?",
                        branch("ja", task("Sachlich richtig elektronisch zeichnen", "user")),
                        branch(
                            "nein",
                            task(
                                "Rechnung ablehnen und Lieferant informieren",
                                "send",
                                msg_out="Lieferant",
                            ),
                            end("Rechnung zurückgewiesen"),
                        ),
                        default=0,
                    ),
                    task(
                        "Zahlung anordnen und freigeben",
                        "user",
                        lane="Stadtkasse",
                        out=("store:Finanzverfahren (SAP)",),
                    ),
                    task("Vorgang in der E-Akte speichern", "service", out=("store:E-Akte",)),
                    end("Rechnung bezahlt"),
                ],
                lanes=["Stadtkasse", "Fachamt"],
            ),
        ],
    )
)

add(
    model(
        "urlaubsantrag",
        "Urlaubsantrag",
        "ist",
        [
            pool(
                HPA,
                [
                    start("Urlaub geplant", lane="Beschäftigte/r"),
                    task("Urlaubsschein ausfüllen und handschriftlich unterschreiben", "manual"),
                    task("Urlaubsschein bei Vorgesetzter abgeben", "manual"),
                    task("Urlaubsantrag prüfen", "user", lane="Vorgesetzte/r"),
                    xor(
                        "Vertretung\ngeregelt?",
                        branch("ja", task("Urlaub genehmigen", "user")),
                        branch(
                            "nein",
                            task("Rücksprache halten", "manual"),
                            task("Urlaub ablehnen", "user"),
                            end("Urlaub abgelehnt"),
                        ),
                        default=0,
                    ),
                    task("Urlaubsschein per Hauspost an Personalamt", "manual"),
                    task(
                        "Urlaubstage in Zeiterfassung manuell erfassen",
                        "user",
                        lane="Personalsachbearbeitung",
                        out=("store:Personalverwaltungssystem",),
                    ),
                    task("Urlaubsschein in Personalakte ablegen", "manual"),
                    end("Urlaub erfasst"),
                ],
                lanes=["Beschäftigte/r", "Vorgesetzte/r", "Personalsachbearbeitung"],
            ),
        ],
    )
)

add(
    model(
        "posteingang-eakte",
        "Posteingang und Aktenführung (Ist)",
        "ist",
        [
            blackbox("Absender/in"),
            pool(
                "Stadt Offenbach – Zentrale Poststelle / Fachämter",
                [
                    start(
                        "Briefpost eingegangen", "message", lane="Poststelle", msg_in="Absender/in"
                    ),
                    task("Post öffnen und Eingangsstempel setzen", "manual"),
                    task("Post nach Ämtern sortieren", "manual"),
                    task("Hauspost verteilen", "manual"),
                    task("Schriftstück dem Vorgang zuordnen", "user", lane="Fachamt"),
                    xor(
                        "Vorgang\nvorhanden?",
                        branch("ja"),
                        branch("nein", task("Neue Papierakte anlegen", "manual")),
                        default=0,
                    ),
                    task("Schriftstück in Papierakte abheften", "manual"),
                    end("Post abgelegt"),
                ],
                lanes=["Poststelle", "Fachamt"],
            ),
        ],
    )
)

add(
    model(
        "posteingang-eakte-soll",
        "Posteingang und Aktenführung (Soll, E-Akte)",
        "soll",
        [
            blackbox("Absender/in"),
            pool(
                "Stadt Offenbach – Zentrale Poststelle / Fachämter",
                [
                    start(
                        "Post oder E-Mail eingegangen",
                        "message",
                        lane="Scanstelle",
                        msg_in="Absender/in",
                    ),
                    xor(
                        "Eingangs-\nkanal?",
                        branch(
                            "Papier",
                            task("Posteingang digitalisieren (Scan)", "manual"),
                            task("Scan qualitätssichern (TR-RESISCAN)", "user"),
                        ),
                        branch(
                            "elektronisch", task("Nachricht aus Postfach übernehmen", "service")
                        ),
                        default=0,
                    ),
                    task("Dokument klassifizieren und verteilen", "service"),
                    task("Schriftstück dem Vorgang zuordnen", "user", lane="Fachamt"),
                    xor(
                        "Vorgang\nvorhanden?",
                        branch("ja"),
                        branch("nein", task("E-Akte anlegen", "user", out=("store:E-Akte",))),
                        default=0,
                    ),
                    task("Unterlagen zur E-Akte nehmen", "user", out=("store:E-Akte",)),
                    end("Dokument abgelegt"),
                ],
                lanes=["Scanstelle", "Fachamt"],
            ),
        ],
    )
)

add(
    model(
        "dienstreiseantrag",
        "Dienstreiseantrag und Reisekostenabrechnung",
        "ist",
        [
            pool(
                HPA,
                [
                    start("Dienstreise erforderlich", lane="Beschäftigte/r"),
                    task("Dienstreiseantrag im Formular ausfüllen", "user"),
                    task("Antrag ausdrucken und unterschreiben", "manual"),
                    task("Dienstreise genehmigen", "user", lane="Vorgesetzte/r"),
                    task("Dienstreise durchführen", "manual", lane="Beschäftigte/r"),
                    task("Belege sammeln und Abrechnung einreichen", "manual"),
                    task("Abrechnung auf Vollständigkeit prüfen", "user", lane="Reisekostenstelle"),
                    task("Reisekosten berechnen", "rule"),
                    task(
                        "Auszahlung in SAP anweisen", "user", out=("store:Finanzverfahren (SAP)",)
                    ),
                    task("Vorgang in der E-Akte speichern", "user", out=("store:E-Akte",)),
                    end("Reisekosten erstattet"),
                ],
                lanes=["Beschäftigte/r", "Vorgesetzte/r", "Reisekostenstelle"],
            ),
        ],
    )
)

add(
    model(
        "stellenbesetzung",
        "Stellenbesetzungsverfahren",
        "ist",
        [
            blackbox("Bewerber/in"),
            pool(
                HPA,
                [
                    start("Stelle frei geworden", lane="Fachamt"),
                    task("Stellenanforderung schreiben", "user"),
                    task("Stellenausschreibung erstellen", "user", lane="Personalgewinnung"),
                    par(
                        branch(
                            None, task("Personalrat beteiligen", "send", lane="Personalgewinnung")
                        ),
                        branch(
                            None,
                            task(
                                "Gleichstellungsbeauftragte beteiligen",
                                "send",
                                lane="Personalgewinnung",
                            ),
                        ),
                    ),
                    task("Ausschreibung im Bewerberportal veröffentlichen", "service"),
                    catch("Bewerbungsfrist abgelaufen", "timer", detail="P21D"),
                    task("Bewerbungen sichten", "user", lane="Fachamt"),
                    task("Vorstellungsgespräche führen", "manual"),
                    task("Auswahlvermerk erstellen", "user", lane="Personalgewinnung"),
                    task("Zusage versenden", "send", msg_out="Bewerber/in"),
                    task("Unterlagen zur E-Akte nehmen", "user", out=("store:E-Akte",)),
                    end("Stelle besetzt"),
                ],
                lanes=["Fachamt", "Personalgewinnung"],
            ),
        ],
    )
)

add(
    model(
        "sitzungsdienst",
        "Sitzungsvorlage für die Stadtverordnetenversammlung",
        "ist",
        [
            pool(
                "Stadt Offenbach – Büro der Stadtverordnetenversammlung",
                [
                    start("Beschlussbedarf erkannt", lane="Fachamt"),
                    task("Vorlage in Word entwerfen", "user"),
                    task("Mitzeichnung der Ämter einholen (Umlaufmappe)", "manual"),
                    task("Vorlage vom Dezernat unterschreiben lassen", "manual", lane="Dezernat"),
                    task(
                        "Vorlage im Ratsinformationssystem erfassen",
                        "user",
                        lane="Sitzungsdienst",
                        out=("store:Ratsinformationssystem",),
                    ),
                    task("Einladung und Vorlagen versenden", "send"),
                    task("Beschluss protokollieren", "user"),
                    task("In E-Akte ablegen", "user", out=("store:E-Akte",)),
                    end("Beschluss gefasst"),
                ],
                lanes=["Fachamt", "Dezernat", "Sitzungsdienst"],
            ),
        ],
    )
)

add(
    model(
        "fortbildungsantrag",
        "Fortbildungsantrag",
        "ist",
        [
            pool(
                HPA,
                [
                    start("Fortbildungsbedarf", lane="Beschäftigte/r"),
                    task("Fortbildungsantrag per E-Mail stellen", "send"),
                    task("Antrag prüfen und befürworten", "user", lane="Vorgesetzte/r"),
                    task("Antrag auf Vollständigkeit prüfen", "user", lane="Personalentwicklung"),
                    xor(
                        "Budget\nvorhanden?",
                        branch("ja", task("Anmeldung beim Anbieter vornehmen", "user")),
                        branch(
                            "nein", task("Absage schreiben", "user"), end("Fortbildung abgelehnt")
                        ),
                        default=0,
                    ),
                    task(
                        "Teilnahme in Personalakte vermerken",
                        "user",
                        out=("store:Personalverwaltungssystem",),
                    ),
                    end("Fortbildung gebucht"),
                ],
                lanes=["Beschäftigte/r", "Vorgesetzte/r", "Personalentwicklung"],
            ),
        ],
    )
)

add(
    model(
        "beschwerdemanagement",
        "Ideen- und Beschwerdemanagement",
        "ist",
        [
            blackbox("Bürger/in"),
            pool(
                "Stadt Offenbach – Bürgerservice / Ideen- und Beschwerdemanagement",
                [
                    start(
                        "Beschwerde eingegangen",
                        "message",
                        lane="Bürgerservice",
                        msg_in="Bürger/in",
                    ),
                    task("Beschwerde im Ticketsystem erfassen", "user"),
                    task("Eingangsbestätigung versenden", "send", msg_out="Bürger/in"),
                    task("An zuständiges Fachamt weiterleiten", "user"),
                    merge("stellungnahme", lane="Fachamt"),
                    task(
                        "Stellungnahme erarbeiten",
                        "user",
                        timer=timeout(
                            "P14D",
                            "Antwortfrist\nüberschritten",
                            task("Erinnerung an Fachamt senden", "send"),
                            goto="stellungnahme",
                        ),
                    ),
                    task(
                        "Antwort an Bürger/in versenden",
                        "send",
                        lane="Bürgerservice",
                        msg_out="Bürger/in",
                    ),
                    task("Vorgang in der E-Akte speichern", "user", out=("store:E-Akte",)),
                    end("Beschwerde beantwortet"),
                ],
                lanes=["Bürgerservice", "Fachamt"],
            ),
        ],
    )
)


# --- IT- und Kommunikationsstrategie ------------------------------------------------------

add(
    model(
        "it-beschaffung",
        "IT-Beschaffung (Hard- und Software)",
        "ist",
        [
            blackbox("Lieferant"),
            pool(
                IT,
                [
                    start("Bedarf im Fachamt", lane="Fachamt"),
                    task("Bedarfsmeldung per Formular (PDF) ausfüllen", "user"),
                    task("Formular ausdrucken, unterschreiben und einscannen", "manual"),
                    task("Bedarf technisch prüfen", "user", lane="IT-Service"),
                    xor(
                        "Standard-\nwarenkorb?",
                        branch("ja", task("Aus Rahmenvertrag abrufen", "user")),
                        branch(
                            "nein",
                            task(
                                "Vergabeverfahren durchführen",
                                "user",
                                lane="Zentrale Vergabestelle",
                            ),
                            task("Zuschlag erteilen", "send", msg_out="Lieferant"),
                        ),
                        default=0,
                        lane="IT-Service",
                    ),
                    task("Bestellung auslösen", "send", lane="IT-Service", msg_out="Lieferant"),
                    catch("Lieferung eingegangen", "message", msg_in="Lieferant"),
                    task("Gerät inventarisieren", "user", out=("store:CMDB",)),
                    task(
                        "Rechnungsdaten manuell in SAP erfassen",
                        "user",
                        out=("store:Finanzverfahren (SAP)",),
                    ),
                    end("Beschaffung abgeschlossen"),
                ],
                lanes=["Fachamt", "IT-Service", "Zentrale Vergabestelle"],
            ),
        ],
    )
)

add(
    model(
        "it-onboarding",
        "IT-Arbeitsplatz für neue Beschäftigte einrichten",
        "ist",
        [
            pool(
                IT,
                [
                    start("Einstellung beschlossen", lane="Personalamt"),
                    task("Neueinstellung per E-Mail an IT melden", "send"),
                    task("Ticket anlegen", "user", lane="IT-Service"),
                    par(
                        branch(None, task("Benutzerkonto im Verzeichnisdienst anlegen", "user")),
                        branch(None, task("Notebook und Telefon vorbereiten", "manual")),
                        branch(
                            None,
                            task("Fachverfahrensrechte beim Fachamt erfragen", "send"),
                            catch("Rechteliste erhalten", "message"),
                        ),
                    ),
                    task("Zugangsdaten per Hauspost übergeben", "manual"),
                    task("Arbeitsplatz übergeben und quittieren lassen", "manual"),
                    end("Arbeitsplatz eingerichtet"),
                ],
                lanes=["Personalamt", "IT-Service"],
            ),
        ],
    )
)

add(
    model(
        "it-stoerung",
        "IT-Störungsmeldung (Service Desk)",
        "ist",
        [
            blackbox("Beschäftigte/r"),
            pool(
                IT,
                [
                    start(
                        "Störung gemeldet",
                        "message",
                        lane="Service Desk (1st Level)",
                        msg_in="Beschäftigte/r",
                    ),
                    task("Ticket erfassen und kategorisieren", "user", out=("store:Ticketsystem",)),
                    xor(
                        "Lösung im\n1st Level?",
                        branch("ja", task("Störung beheben", "user")),
                        branch(
                            "nein",
                            task("An 2nd Level eskalieren", "user", lane="Fachadministration"),
                            task(
                                "Störung analysieren und beheben",
                                "user",
                                timer=timeout(
                                    "PT8H",
                                    "SLA (8 Std.)\nüberschritten",
                                    task(
                                        "Dienstleister einschalten",
                                        "send",
                                        msg_out="IT-Dienstleister (ekom21)",
                                    ),
                                    end("Störung an Dienstleister übergeben"),
                                ),
                            ),
                        ),
                        default=0,
                        lane="Service Desk (1st Level)",
                    ),
                    task(
                        "Rückmeldung an Meldende/n",
                        "send",
                        lane="Service Desk (1st Level)",
                        msg_out="Beschäftigte/r",
                    ),
                    task("Ticket schließen", "user"),
                    end("Störung behoben"),
                ],
                lanes=["Service Desk (1st Level)", "Fachadministration"],
            ),
            blackbox("IT-Dienstleister (ekom21)"),
        ],
    )
)

add(
    model(
        "fachverfahren-einfuehrung",
        "Einführung eines neuen Fachverfahrens",
        "ist",
        [
            pool(
                IT,
                [
                    start("Bedarf an Fachverfahren", lane="Fachamt"),
                    task("Anforderungen beschreiben", "user"),
                    task(
                        "Marktanalyse und EfA-Nachnutzung prüfen",
                        "user",
                        lane="Digitalisierungsbüro",
                    ),
                    par(
                        branch(
                            None,
                            task("Datenschutz-Folgenabschätzung", "user", lane="Datenschutz / ISB"),
                        ),
                        branch(
                            None,
                            task("IT-Sicherheitskonzept prüfen", "user", lane="Datenschutz / ISB"),
                        ),
                        branch(
                            None,
                            task("Personalrat beteiligen", "send", lane="Digitalisierungsbüro"),
                        ),
                    ),
                    task("Betriebsfreigabe erteilen", "user", lane="Digitalisierungsbüro"),
                    task("Verfahren im Rechenzentrum installieren", "user", lane="IT-Betrieb"),
                    task("Verfahrensverzeichnis aktualisieren", "user", out=("store:E-Akte",)),
                    end("Verfahren produktiv"),
                ],
                lanes=["Fachamt", "Digitalisierungsbüro", "Datenschutz / ISB", "IT-Betrieb"],
            ),
        ],
    )
)

add(
    model(
        "webredaktion",
        "Inhalte im Internetauftritt veröffentlichen",
        "ist",
        [
            pool(
                "Stadt Offenbach – Presse- und Öffentlichkeitsarbeit",
                [
                    start("Neue Information im Fachamt", lane="Fachamt"),
                    task("Text in Word schreiben und per E-Mail senden", "send"),
                    task("Text ins CMS abtippen", "user", lane="Online-Redaktion"),
                    task("Barrierefreiheit prüfen", "user"),
                    xor(
                        "Freigabe\nerforderlich?",
                        branch("nein"),
                        branch(
                            "ja",
                            task("Freigabe durch Amtsleitung einholen", "user", lane="Fachamt"),
                        ),
                        default=0,
                        lane="Online-Redaktion",
                    ),
                    task("Seite veröffentlichen", "service", lane="Online-Redaktion"),
                    end("Inhalt online"),
                ],
                lanes=["Fachamt", "Online-Redaktion"],
            ),
        ],
    )
)


# --- Smart City -------------------------------------------------------------------------

add(
    model(
        "maengelmelder",
        "Mängelmelder (Ist)",
        "ist",
        [
            blackbox("Bürger/in"),
            pool(
                "Stadt Offenbach – Stadtservice / Ordnungsamt",
                [
                    start(
                        "Mangel per E-Mail oder Telefon gemeldet",
                        "message",
                        lane="Bürgertelefon",
                        msg_in="Bürger/in",
                    ),
                    task("Meldung in Excel-Liste erfassen", "user"),
                    task("Meldung per E-Mail an zuständiges Amt weiterleiten", "send"),
                    task("Mangel vor Ort prüfen", "manual", lane="Fachamt / Bauhof"),
                    xor(
                        "Zuständig?",
                        branch("ja", task("Mangel beheben", "manual")),
                        branch("nein", task("An Dritte weiterleiten (z. B. Stadtwerke)", "send")),
                        default=0,
                    ),
                    task("Rückmeldung per Telefon geben", "manual", lane="Bürgertelefon"),
                    end("Meldung erledigt"),
                ],
                lanes=["Bürgertelefon", "Fachamt / Bauhof"],
            ),
        ],
    )
)

add(
    model(
        "maengelmelder-soll",
        "Mängelmelder (Soll, App und Plattform)",
        "soll",
        [
            pool(
                "Bürger/in",
                [
                    start("Mangel entdeckt", id="c_start"),
                    task("Foto und Standort in der App erfassen", "user"),
                    task("Meldung absenden", "send", id="c_send", msg_out="@eingang"),
                    catch("Statusmeldung erhalten", "message", id="c_status"),
                    end("Mangel behoben"),
                ],
            ),
            pool(
                "Stadt Offenbach – Stadtservice / Ordnungsamt",
                [
                    start(
                        "Meldung über Mängelmelder-Plattform eingegangen",
                        "message",
                        id="eingang",
                        lane="Plattform",
                    ),
                    task("Meldung automatisch dem Fachamt zuordnen (Geodaten)", "service"),
                    task("Mangel vor Ort prüfen", "manual", lane="Fachamt / Bauhof"),
                    task("Mangel beheben", "manual"),
                    task(
                        "Status in der Plattform auf erledigt setzen",
                        "user",
                        id="status",
                        msg_out="@c_status",
                    ),
                    task(
                        "Meldung im Open-Data-Portal veröffentlichen",
                        "service",
                        lane="Plattform",
                        out=("store:Open-Data-Portal",),
                    ),
                    end("Meldung abgeschlossen"),
                ],
                lanes=["Plattform", "Fachamt / Bauhof"],
            ),
        ],
    )
)

add(
    model(
        "parkraumsensorik",
        "Parkraumsensorik und Parkleitsystem",
        "ist",
        [
            blackbox("Parksensoren (LoRaWAN)"),
            pool(
                SC,
                [
                    start(
                        "Sensorwert empfangen",
                        "message",
                        lane="Urbane Datenplattform",
                        msg_in="Parksensoren (LoRaWAN)",
                    ),
                    task("Messwert plausibilisieren", "script"),
                    task(
                        "Belegung in Datenplattform speichern",
                        "service",
                        out=("store:Urbane Datenplattform",),
                    ),
                    par(
                        branch(None, task("Parkleitsystem aktualisieren", "service")),
                        branch(
                            None,
                            task(
                                "Belegung im Open-Data-Portal bereitstellen",
                                "service",
                                out=("store:Open-Data-Portal",),
                            ),
                        ),
                    ),
                    xor(
                        "Sensor\nausgefallen?",
                        branch("nein"),
                        branch(
                            "ja",
                            task("Störungsticket an Dienstleister", "send", lane="Betrieb"),
                            task("Sensor vor Ort tauschen", "manual"),
                        ),
                        default=0,
                        lane="Urbane Datenplattform",
                    ),
                    end("Wert verarbeitet"),
                ],
                lanes=["Urbane Datenplattform", "Betrieb"],
            ),
        ],
    )
)

add(
    model(
        "open-data-portal",
        "Datensatz im Open-Data-Portal veröffentlichen",
        "ist",
        [
            pool(
                SC,
                [
                    start("Datensatz soll veröffentlicht werden", lane="Fachamt"),
                    task(
                        "Daten aus Fachverfahren exportieren", "user", inp=("store:Fachverfahren",)
                    ),
                    task("Datenschutz und Lizenz prüfen", "user", lane="Open-Data-Koordination"),
                    xor(
                        "Personen-\nbezug?",
                        branch("nein"),
                        branch("ja", task("Daten anonymisieren", "user", lane="Fachamt")),
                        default=0,
                        lane="Open-Data-Koordination",
                    ),
                    task(
                        "Metadaten nach DCAT-AP.de erfassen", "user", lane="Open-Data-Koordination"
                    ),
                    task("Datensatz veröffentlichen", "service", out=("store:Open-Data-Portal",)),
                    task("Aktualisierung planen", "user"),
                    end("Datensatz online"),
                ],
                lanes=["Fachamt", "Open-Data-Koordination"],
            ),
        ],
    )
)

add(
    model(
        "umweltsensorik",
        "Umweltsensorik (Luftqualität und Lärm)",
        "ist",
        [
            pool(
                SC,
                [
                    start(
                        "Messintervall (15 Minuten)",
                        "timer",
                        lane="Urbane Datenplattform",
                        detail="R/PT15M",
                    ),
                    task("Messwerte der Sensoren abrufen", "service"),
                    task("Messwerte validieren", "script"),
                    task("Messwerte speichern", "service", out=("store:Urbane Datenplattform",)),
                    xor(
                        "Grenzwert\nüberschritten?",
                        branch("nein"),
                        branch(
                            "ja",
                            task("Umweltamt per E-Mail benachrichtigen", "send"),
                            task("Maßnahmen prüfen", "user", lane="Umweltamt"),
                        ),
                        default=0,
                        lane="Urbane Datenplattform",
                    ),
                    task(
                        "Dashboard und Open-Data-Portal aktualisieren",
                        "service",
                        lane="Urbane Datenplattform",
                        out=("store:Open-Data-Portal",),
                    ),
                    end("Messzyklus beendet"),
                ],
                lanes=["Urbane Datenplattform", "Umweltamt"],
            ),
        ],
    )
)

add(
    model(
        "buergerbeteiligungsplattform",
        "Online-Bürgerbeteiligung",
        "ist",
        [
            blackbox("Bürger/in"),
            pool(
                SC,
                [
                    start("Beteiligungsverfahren beschlossen", lane="Projektleitung"),
                    task("Beteiligungsverfahren auf der Plattform anlegen", "user"),
                    task("Beteiligung veröffentlichen und bewerben", "send", msg_out="Bürger/in"),
                    catch("Beteiligungsfrist abgelaufen", "timer", detail="P28D"),
                    task("Beiträge moderieren", "user", lane="Moderation"),
                    task("Beiträge auswerten und clustern", "user", lane="Projektleitung"),
                    task("Ergebnisbericht erstellen", "user"),
                    task("Ergebnis veröffentlichen", "send", msg_out="Bürger/in"),
                    task("In E-Akte ablegen", "user", out=("store:E-Akte",)),
                    end("Beteiligung abgeschlossen"),
                ],
                lanes=["Projektleitung", "Moderation"],
            ),
        ],
    )
)

add(
    model(
        "bewohnerbeteiligung",
        "Bewohnerbeteiligung im Quartier",
        "ist",
        [
            blackbox("Bewohner/innen"),
            pool(
                STP,
                [
                    start("Planungsvorhaben im Quartier", lane="Quartiersmanagement"),
                    task(
                        "Einladungen drucken und per Post versenden",
                        "manual",
                        msg_out="Bewohner/innen",
                    ),
                    task("Bewohnerversammlung durchführen", "manual"),
                    task("Anregungen auf Moderationskarten sammeln", "manual"),
                    task("Anregungen abtippen und auswerten", "user", lane="Stadtplanung"),
                    task("Abwägungsvorschlag erstellen", "user"),
                    task("Ergebnis im Amtsblatt veröffentlichen", "send", msg_out="Bewohner/innen"),
                    end("Beteiligung dokumentiert"),
                ],
                lanes=["Quartiersmanagement", "Stadtplanung"],
            ),
        ],
    )
)
