"""The demo city's services: what each one is, who does it, and where it stands.

Every entry becomes one service of the register.  ``path`` tells the story of the last
two years, oldest first: each token is an Umsetzungsstatus code with the Reifegrad reached
(``P0 K1 U2 O3``); the last token is today's state.  ``=2.0/4`` switches the service to
Reifegrad model 2.0 at level 4.  ``target`` is (target Reifegrad, months from today; negative
means the date has passed); ``postponed`` moves the original target date that many months
earlier, so the history shows the postponement.  Dates are computed relative to the day
the demo is loaded (:mod:`inventory.demo.history`).
"""

from __future__ import annotations

from typing import Any

STAGE_CODES = {
    "P": "in Planung",
    "K": "Konzeption",
    "U": "in Umsetzung",
    "T": "Pilotierung",
    "R": "Roll-out",
    "O": "online verfügbar",
    "E": "eingestellt",
}

OZG = "OZG-Umsetzung"
VD = "Verwaltungsdigitalisierung"
IT = "IT- und Kommunikationsstrategie"
SC = "Smart City"

ORDNUNGSAMT = "Amt 32 – Ordnungsamt"
BUERGERBUERO = "Amt 33 – Bürgerbüro"
STANDESAMT = "Amt 34 – Standesamt"
BAUAUFSICHT = "Amt 63 – Bauaufsicht"
SOZIALAMT = "Amt 50 – Sozialamt"
JUGENDAMT = "Amt 51 – Jugendamt"
UMWELTAMT = "Amt 36 – Umweltamt"
KAEMMEREI = "Amt 20 – Stadtkämmerei"
STADTKASSE = "Amt 21 – Stadtkasse"
HAUPTAMT = "Amt 10 – Haupt- und Personalamt"
IT_AMT = "Amt 17 – Amt für IT/Digitalisierung"
STRASSEN = "Amt 66 – Amt für Straßen und Verkehr"
ZULASSUNG = "Amt 37 – Kfz-Zulassungsstelle"
WAHLAMT = "Amt 12 – Wahlamt"
PRESSE = "Amt 13 – Presse- und Öffentlichkeitsarbeit"
STADTPLANUNG = "Amt 61 – Stadtplanung"
SMART_CITY = "Stabsstelle Digitalisierung und Smart City"
STADTSERVICE = "Stadtservice Offenbach (Eigenbetrieb)"
SITZUNGSDIENST = "Büro der Stadtverordnetenversammlung"

PORTAL = "https://serviceportal.offenbach.example"

SERVICES: list[dict[str, Any]] = []


def service(slug: str, name: str, handlungsfeld: str, department: str, **fields: Any) -> None:
    """Add one service; see the module docstring for ``path``, ``target``, ``postponed``."""
    SERVICES.append({"slug": slug, "name": name, "handlungsfeld": handlungsfeld,
                     "department": department, **fields})


# --- OZG-Umsetzung ------------------------------------------------------------------------

service(
    "gewerbeanmeldung", "Gewerbeanmeldung", OZG, ORDNUNGSAMT,
    contact_role="Sachgebietsleitung Gewerbeangelegenheiten",
    description="Anzeige der Aufnahme eines stehenden Gewerbes nach § 14 GewO. Die Anzeigen "
    "gehen heute überwiegend als Papierformular oder PDF per E-Mail ein; Weitergabe an "
    "Kammern, Finanzamt und Statistik erfolgt teils per Fax.",
    rechtsgrundlage="§§ 14, 15 Gewerbeordnung (GewO)",
    online_url=f"{PORTAL}/gewerbe/anmeldung", efa_status="Nachnutzung sicher",
    basisdienste=["Mein Unternehmenskonto", "ePayment", "FIT-Connect", "E-Akte"],
    fees="26,00 EUR (juristische Personen 36,00 EUR)", fallzahl=2400, online_share=18,
    bearbeitungszeit_minutes=35, priority="hoch",
    notes="Nachnutzung des EfA-Gewerbeservice vereinbart; Anbindung an das Fachverfahren "
    "über FIT-Connect in Umsetzung.",
    ozg_ids=["10294"], leika_keys=["99050012104000"],
    path="K1 U2 T2 R3", target=(4, 8), postponed=6)

service(
    "gewerbeummeldung", "Gewerbeummeldung", OZG, ORDNUNGSAMT,
    contact_role="Sachbearbeitung Gewerbe",
    description="Anzeige von Änderungen eines angemeldeten Gewerbes (Verlegung, Erweiterung, "
    "Änderung der Tätigkeit).",
    rechtsgrundlage="§ 14 Gewerbeordnung (GewO)",
    online_url=f"{PORTAL}/gewerbe/ummeldung", efa_status="Nachnutzung sicher",
    basisdienste=["Mein Unternehmenskonto", "ePayment", "FIT-Connect", "E-Akte"],
    fees="20,00 EUR", fallzahl=700, online_share=35, bearbeitungszeit_minutes=20,
    priority="mittel", ozg_ids=["10294"], leika_keys=["99050012071000"],
    path="U2 T3 O3", target=(4, 10))

service(
    "gewerbeabmeldung", "Gewerbeabmeldung", OZG, ORDNUNGSAMT,
    contact_role="Sachbearbeitung Gewerbe",
    description="Anzeige der Aufgabe eines Gewerbebetriebs; gebührenfrei. Bisher nur "
    "Papierformular, Mitteilung an das Finanzamt per Fax.",
    rechtsgrundlage="§ 14 Gewerbeordnung (GewO)", efa_status="Nachnutzung in Klärung",
    basisdienste=["E-Akte"], fees="gebührenfrei", fallzahl=1900, online_share=0,
    bearbeitungszeit_minutes=15, priority="mittel", ozg_ids=["10294"],
    leika_keys=["99050012070000"], path="P0 P1 K1", target=(3, -7))

service(
    "wohnsitzanmeldung", "Wohnsitzanmeldung", OZG, BUERGERBUERO,
    contact_role="Leitung Bürgerbüro",
    description="Anmeldung einer Wohnung nach Zuzug oder Umzug innerhalb der Stadt. Heute "
    "persönliche Vorsprache mit Termin; die elektronische Wohnsitzanmeldung (eWA) wird "
    "pilotiert.",
    rechtsgrundlage="§ 17 Bundesmeldegesetz (BMG)",
    online_url=f"{PORTAL}/melden/wohnsitz", efa_status="EfA-Entwicklung durch Land",
    basisdienste=["BundID", "Online-Ausweis (eID)", "Postfach", "E-Akte"],
    fees="gebührenfrei", fallzahl=18500, online_share=6, bearbeitungszeit_minutes=12,
    priority="hoch", notes="Pilot eWA seit Frühjahr; Akzeptanz bisher gering (Online-Ausweis "
    "mit PIN nötig).", ozg_ids=["10124"], leika_keys=["99115005104000"],
    path="K1 U2 T3", target=(4, 4))

service(
    "bewohnerparkausweis", "Bewohnerparkausweis (Anwohnerparkausweis)", OZG, ORDNUNGSAMT,
    contact_role="Sachbearbeitung Bewohnerparken",
    description="Erteilung eines Bewohnerparkausweises für Bewohnerparkzonen; Prüfung von "
    "Hauptwohnsitz und Fahrzeughaltereigenschaft.",
    rechtsgrundlage="§ 45 Abs. 1b Nr. 2 StVO; Bewohnerparkgebührenordnung der Stadt",
    online_url=f"{PORTAL}/parken/bewohnerparkausweis",
    efa_status="EfA-Entwicklung durch kommunalen IT-Dienstleister",
    basisdienste=["BundID", "ePayment", "FIT-Connect", "E-Akte"],
    fees="120,00 EUR pro Jahr", fallzahl=5500, online_share=62, bearbeitungszeit_minutes=10,
    priority="hoch", ozg_ids=["10173"], leika_keys=["99108001001000"],
    path="U2 T3 O3 O4", target=(4, -1))

service(
    "bewohnerparkausweis-verlaengerung", "Bewohnerparken – Verlängerung", OZG, ORDNUNGSAMT,
    contact_role="Sachbearbeitung Bewohnerparken",
    description="Verlängerung eines bestehenden Bewohnerparkausweises ohne erneute Vorlage "
    "von Nachweisen, wenn sich Wohnsitz und Fahrzeug nicht geändert haben.",
    rechtsgrundlage="§ 45 Abs. 1b Nr. 2 StVO",
    online_url=f"{PORTAL}/parken/bewohnerparkausweis-verlaengerung",
    efa_status="EfA-Entwicklung durch kommunalen IT-Dienstleister",
    basisdienste=["BundID", "ePayment", "E-Akte"], fees="120,00 EUR pro Jahr",
    fallzahl=4000, online_share=71, bearbeitungszeit_minutes=6, priority="mittel",
    ozg_ids=["10173"], leika_keys=["99108001020000"], path="T3 O3 O4", target=(4, -6))

service(
    "hundesteuer", "Hundesteuer – An- und Abmeldung", OZG, KAEMMEREI,
    contact_role="Sachbearbeitung Steuern und Abgaben",
    description="An- und Abmeldung von Hunden zur Hundesteuer, Ermäßigungen und Befreiungen, "
    "Ausgabe der Steuermarke.",
    rechtsgrundlage="Hundesteuersatzung der Stadt; § 7 KAG Hessen",
    efa_status="Nachnutzung in Klärung", basisdienste=["Formularserver"],
    fees="Steuer 90,00 EUR je Hund und Jahr", fallzahl=1800, online_share=0,
    bearbeitungszeit_minutes=18, priority="niedrig", ozg_ids=["10160"],
    leika_keys=["99102013002000"], path="P0 P1 K1", target=(3, 14))

service(
    "sondernutzungserlaubnis", "Sondernutzungserlaubnis (Straße)", OZG, STRASSEN,
    contact_role="Sachgebiet Sondernutzungen",
    description="Erlaubnis für die Nutzung öffentlicher Verkehrsflächen über den Gemeingebrauch "
    "hinaus (Baugerüst, Container, Außengastronomie, Werbeaufsteller).",
    rechtsgrundlage="§ 16 Hessisches Straßengesetz; Sondernutzungssatzung der Stadt",
    online_url=f"{PORTAL}/strasse/sondernutzung", efa_status="Nachnutzung in Klärung",
    basisdienste=["BundID", "Mein Unternehmenskonto", "ePayment", "E-Akte"],
    fees="nach Gebührentarif, mind. 30,00 EUR", fallzahl=900, online_share=22,
    bearbeitungszeit_minutes=55, priority="mittel",
    ozg_ids=["10348"], leika_keys=["99108012005001"], path="P1 K1 U2", target=(3, 5),
    postponed=9)

service(
    "baugenehmigung", "Baugenehmigung", OZG, BAUAUFSICHT,
    contact_role="Leitung Bauaufsicht",
    description="Baugenehmigungsverfahren einschließlich vereinfachtem Verfahren: Eingang der "
    "Bauvorlagen in mehrfacher Papierausfertigung, Beteiligung der Fachämter, Prüfung, "
    "Bescheid. Die Digitale Baugenehmigung (EfA) ist beauftragt.",
    rechtsgrundlage="§§ 64 ff. Hessische Bauordnung (HBO)",
    online_url=f"{PORTAL}/bauen/bauantrag", efa_status="Nachnutzung sicher",
    basisdienste=["BundID", "Mein Unternehmenskonto", "ePayment", "FIT-Connect", "E-Akte"],
    fees="nach Baukosten (Verwaltungskostenordnung)", fallzahl=650, online_share=9,
    bearbeitungszeit_minutes=480, priority="hoch",
    notes="Fachamtsbeteiligung heute per Hauspost; XBau-Schnittstelle fehlt noch.",
    ozg_ids=["10519"], leika_keys=["99012008001000"], path="K1 U1 U2", target=(3, -3),
    postponed=6)

service(
    "wohngeld", "Wohngeld", OZG, SOZIALAMT,
    contact_role="Sachgebietsleitung Wohngeld",
    description="Antrag auf Mietzuschuss oder Lastenzuschuss. Seit der Wohngeld-Plus-Reform "
    "deutlich gestiegene Fallzahlen; Anträge kommen überwiegend auf Papier.",
    rechtsgrundlage="Wohngeldgesetz (WoGG)",
    online_url=f"{PORTAL}/soziales/wohngeld", efa_status="Nachnutzung sicher",
    basisdienste=["BundID", "FIT-Connect", "Postfach", "E-Akte", "NOOTS"],
    fees="gebührenfrei", fallzahl=3200, online_share=14, bearbeitungszeit_minutes=150,
    priority="hoch", ozg_ids=["10092"], leika_keys=["99107023017000"],
    path="U2 T3 R3", target=(4, 6))

service(
    "kita-platz", "Kita-Platz-Vergabe", OZG, JUGENDAMT,
    contact_role="Zentrale Kita-Platzvergabe",
    description="Vormerkung und Vergabe von Betreuungsplätzen in städtischen und freien "
    "Kindertageseinrichtungen über das zentrale Vormerksystem.",
    rechtsgrundlage="§ 24 SGB VIII; Hessisches Kinder- und Jugendhilfegesetzbuch",
    online_url=f"{PORTAL}/kita/vormerkung", efa_status="kein EfA",
    basisdienste=["BundID", "Postfach", "E-Akte"], fees="gebührenfrei (Betreuungsgebühr "
    "nach Satzung)", fallzahl=2100, online_share=78, bearbeitungszeit_minutes=25,
    priority="hoch", ozg_ids=["10019"], leika_keys=["99041004000000"],
    path="T2 O3 O3", target=(3, -12))

service(
    "fundsachen", "Fundsachen", OZG, BUERGERBUERO,
    contact_role="Fundbüro",
    description="Abgabe, Verwahrung und Herausgabe von Fundsachen, Verlustanzeigen, "
    "Versteigerung nicht abgeholter Fundsachen.",
    rechtsgrundlage="§§ 965 ff. BGB", efa_status="kein EfA",
    basisdienste=["ePayment"], fees="Verwahrgebühr nach Wert, Finderlohn",
    fallzahl=2600, online_share=4, bearbeitungszeit_minutes=12, priority="niedrig",
    ozg_ids=["10244"], leika_keys=["99089017152000"], path="P0 P1", target=(2, 12))

service(
    "personalausweis", "Personalausweis", OZG, BUERGERBUERO,
    contact_role="Leitung Bürgerbüro",
    description="Beantragung und Ausgabe des Personalausweises; persönliche Vorsprache "
    "zwingend (Fingerabdrücke). Terminvereinbarung online.",
    rechtsgrundlage="Personalausweisgesetz (PAuswG)", efa_status="kein EfA",
    basisdienste=["ePayment", "E-Akte"], fees="37,00 EUR (unter 24 Jahren 22,80 EUR)",
    fallzahl=16000, online_share=0, bearbeitungszeit_minutes=15, priority="mittel",
    notes="Online nur Terminbuchung; PIN-Rücksetzbrief seit 2024 bundesweit.",
    ozg_ids=["10119"], leika_keys=["99008001012000"], path="P1 P1", target=(2, 12))

service(
    "fuehrungszeugnis", "Führungszeugnis", OZG, BUERGERBUERO,
    contact_role="Sachbearbeitung Bürgerbüro",
    description="Antrag auf ein Führungszeugnis beim Bürgerbüro; alternativ online direkt "
    "beim Bundesamt für Justiz.",
    rechtsgrundlage="§§ 30 ff. Bundeszentralregistergesetz (BZRG)",
    online_url="https://www.fuehrungszeugnis.bund.de", efa_status="kein EfA",
    basisdienste=["ePayment"], fees="13,00 EUR", fallzahl=6500, online_share=41,
    bearbeitungszeit_minutes=8, priority="niedrig", ozg_ids=["10562"],
    leika_keys=["99049001001001"], path="O3 O3", target=(3, -18))

service(
    "eheschliessung", "Anmeldung der Eheschließung", OZG, STANDESAMT,
    contact_role="Standesbeamtin/Standesbeamter",
    description="Anmeldung zur Eheschließung mit Prüfung der Ehefähigkeit, Terminvergabe "
    "für die Trauung.",
    rechtsgrundlage="§§ 12 ff. Personenstandsgesetz (PStG)", efa_status="Nachnutzung in Klärung",
    basisdienste=["BundID", "ePayment", "E-Akte"], fees="ab 60,00 EUR", fallzahl=700,
    online_share=0, bearbeitungszeit_minutes=90, priority="mittel", ozg_ids=["10026"],
    leika_keys=["99059001104000"], path="P0 K1 K1", target=(3, 9))

service(
    "geburtsurkunde", "Geburtsurkunde", OZG, STANDESAMT,
    contact_role="Urkundenstelle",
    description="Ausstellung von Geburtsurkunden aus dem Geburtenregister, auch mehrsprachig.",
    rechtsgrundlage="§§ 55, 59 Personenstandsgesetz (PStG)",
    online_url=f"{PORTAL}/standesamt/urkunden", efa_status="Nachnutzung sicher",
    basisdienste=["BundID", "ePayment", "FIT-Connect"], fees="12,00 EUR je Urkunde",
    fallzahl=4500, online_share=55, bearbeitungszeit_minutes=10, priority="mittel",
    ozg_ids=["10557"], leika_keys=["99027002012000"], path="U2 O3 O3", target=(3, -9))

service(
    "sterbeurkunde", "Sterbeurkunde", OZG, STANDESAMT,
    contact_role="Urkundenstelle",
    description="Ausstellung von Sterbeurkunden; Anträge überwiegend von Bestattern per "
    "Post oder Fax.",
    rechtsgrundlage="§ 55 Personenstandsgesetz (PStG)", efa_status="Nachnutzung in Klärung",
    basisdienste=["ePayment"], fees="12,00 EUR je Urkunde", fallzahl=2800, online_share=0,
    bearbeitungszeit_minutes=12, priority="niedrig", ozg_ids=["10237"],
    leika_keys=["99101004012000"], path="P0 P1", target=(3, 15))

service(
    "elterngeld", "Elterngeld (Antragsannahme)", OZG, BUERGERBUERO,
    contact_role="Sachbearbeitung Bürgerbüro",
    description="Annahme und Weiterleitung von Elterngeldanträgen an das zuständige "
    "Landesamt; Beratung vor Ort.",
    rechtsgrundlage="Bundeselterngeld- und Elternzeitgesetz (BEEG)",
    online_url="https://www.elterngeld-digital.de", efa_status="EfA-Entwicklung durch Land",
    basisdienste=["BundID", "FIT-Connect"], fees="gebührenfrei", fallzahl=1600,
    online_share=48, bearbeitungszeit_minutes=15, priority="niedrig", ozg_ids=["10000"],
    leika_keys=["99041006017000"], path="U2 O3", target=(3, -4))

service(
    "schwerbehindertenausweis", "Schwerbehindertenausweis (Antragsannahme)", OZG, SOZIALAMT,
    contact_role="Sachbearbeitung Teilhabe",
    description="Annahme von Anträgen auf Feststellung einer Behinderung und Weiterleitung an "
    "das Versorgungsamt; Kopieren ärztlicher Unterlagen.",
    rechtsgrundlage="§ 152 SGB IX", efa_status="EfA-Entwicklung durch Land",
    basisdienste=["FIT-Connect"], fees="gebührenfrei", fallzahl=2200, online_share=0,
    bearbeitungszeit_minutes=20, priority="mittel", ozg_ids=["10214"],
    leika_keys=["99015007012000"], path="P0 K1", target=(3, 7))

service(
    "veranstaltungsgenehmigung", "Veranstaltungsgenehmigung", OZG, ORDNUNGSAMT,
    contact_role="Sachgebiet Veranstaltungen und Märkte",
    description="Erlaubnis für Veranstaltungen im öffentlichen Raum mit Beteiligung von "
    "Polizei, Feuerwehr und Gefahrenabwehr.",
    rechtsgrundlage="Hessisches Gesetz über die öffentliche Sicherheit und Ordnung (HSOG); "
    "Gefahrenabwehrverordnung der Stadt",
    online_url=f"{PORTAL}/ordnung/veranstaltung", efa_status="Nachnutzung in Klärung",
    basisdienste=["BundID", "Mein Unternehmenskonto", "ePayment", "FIT-Connect", "E-Akte"],
    fees="50,00 bis 1.500,00 EUR", fallzahl=350, online_share=30,
    bearbeitungszeit_minutes=240, priority="mittel", ozg_ids=["10349"],
    leika_keys=["99089001005000"], path="K1 U2 T2", target=(3, 3))

service(
    "sperrmuellanmeldung", "Sperrmüllanmeldung", OZG, STADTSERVICE,
    contact_role="Kundenservice Abfallwirtschaft",
    description="Anmeldung von Sperrmüllabholungen, Terminvergabe und Abrechnung von "
    "Zusatzmengen.",
    rechtsgrundlage="Abfallsatzung der Stadt; Kreislaufwirtschaftsgesetz (KrWG)",
    online_url="https://www.stadtservice-offenbach.example/sperrmuell", efa_status="kein EfA",
    basisdienste=["ePayment"], fees="bis 5 m³ gebührenfrei, darüber 35,00 EUR je m³",
    fallzahl=14000, online_share=74, bearbeitungszeit_minutes=5, priority="niedrig",
    ozg_ids=["10110"], leika_keys=["99001009004000"], path="O3 O4", target=(4, -10))

service(
    "baumfaellgenehmigung", "Baumfällgenehmigung", OZG, UMWELTAMT,
    contact_role="Untere Naturschutzbehörde",
    description="Genehmigung zur Fällung geschützter Bäume nach der Baumschutzsatzung mit "
    "Ortsbesichtigung und Festlegung von Ersatzpflanzungen.",
    rechtsgrundlage="§ 29 Bundesnaturschutzgesetz; Baumschutzsatzung der Stadt",
    online_url=f"{PORTAL}/umwelt/baumfaellung", efa_status="Nachnutzung sicher",
    basisdienste=["BundID", "ePayment", "FIT-Connect", "E-Akte"],
    fees="50,00 EUR je Baum", fallzahl=420, online_share=38, bearbeitungszeit_minutes=120,
    priority="niedrig", ozg_ids=["10112"], leika_keys=["99093003001002"],
    path="K1 U2 O3", target=(3, -2))

service(
    "briefwahl", "Wahlschein und Briefwahl", OZG, WAHLAMT,
    contact_role="Leitung Wahlamt",
    description="Ausstellung von Wahlscheinen und Versand der Briefwahlunterlagen; Anträge "
    "online über QR-Code oder per Wahlbenachrichtigung auf Papier.",
    rechtsgrundlage="§ 17 Abs. 2, § 36 Bundeswahlgesetz; Hessisches Kommunalwahlgesetz",
    online_url=f"{PORTAL}/wahlen/briefwahl", efa_status="kein EfA",
    basisdienste=["Formularserver"], fees="gebührenfrei", fallzahl=35000, online_share=58,
    bearbeitungszeit_minutes=4, priority="hoch", ozg_ids=["10145"],
    leika_keys=["99128001120001"], path="O2 O3", target=(3, -14))

service(
    "grundsteuer", "Grundsteuer", OZG, KAEMMEREI,
    contact_role="Sachgebiet Grundbesitzabgaben",
    description="Festsetzung der Grundsteuer auf Grundlage der Messbescheide des Finanzamts; "
    "nach der Grundsteuerreform hoher Aufwand durch Einsprüche und Rückfragen.",
    rechtsgrundlage="Grundsteuergesetz (GrStG); Hebesatzsatzung der Stadt",
    efa_status="kein EfA", basisdienste=["E-Akte"], fees="Steuer nach Hebesatz",
    fallzahl=32000, online_share=0, bearbeitungszeit_minutes=9, priority="mittel",
    ozg_ids=["10117"], leika_keys=["99102012002002"], path="P0 P1", target=(2, 10))

service(
    "unterhaltsvorschuss", "Unterhaltsvorschuss", OZG, JUGENDAMT,
    contact_role="Unterhaltsvorschusskasse",
    description="Unterhaltsleistungen für Kinder Alleinerziehender und Rückgriff beim "
    "unterhaltspflichtigen Elternteil.",
    rechtsgrundlage="Unterhaltsvorschussgesetz (UhVorschG)",
    online_url=f"{PORTAL}/familie/unterhaltsvorschuss", efa_status="Nachnutzung sicher",
    basisdienste=["BundID", "FIT-Connect", "E-Akte"], fees="gebührenfrei", fallzahl=1400,
    online_share=11, bearbeitungszeit_minutes=180, priority="mittel", ozg_ids=["10035"],
    leika_keys=["99107021017000"], path="K1 U2 U2", target=(3, -8), postponed=4)

service(
    "kfz-zulassung", "Kfz-Zulassung (internetbasiert, i-Kfz)", OZG, ZULASSUNG,
    contact_role="Leitung Zulassungsstelle",
    description="Neuzulassung, Umschreibung und Außerbetriebsetzung von Fahrzeugen, online über "
    "i-Kfz oder vor Ort.",
    rechtsgrundlage="§§ 6, 13 Fahrzeug-Zulassungsverordnung (FZV)",
    online_url="https://ikfz.offenbach.example", efa_status="kein EfA",
    basisdienste=["Online-Ausweis (eID)", "ePayment", "E-Akte"],
    fees="ab 27,90 EUR (nach GebOSt)", fallzahl=38000, online_share=19,
    bearbeitungszeit_minutes=14, priority="hoch", ozg_ids=["10439"],
    leika_keys=["99036008007002"], path="O3 O3 =2.0/5", target=(6, 12))

service(
    "auskunftssperre", "Auskunftssperre im Melderegister", OZG, BUERGERBUERO,
    contact_role="Sachbearbeitung Meldewesen",
    description="Eintragung einer Auskunftssperre bei Gefahr für Leben, Gesundheit oder "
    "persönliche Freiheit.",
    rechtsgrundlage="§ 51 Bundesmeldegesetz (BMG)", efa_status="EfA-Entwicklung in Klärung",
    basisdienste=["E-Akte"], fees="gebührenfrei", fallzahl=300, online_share=0,
    bearbeitungszeit_minutes=40, priority="niedrig", ozg_ids=["10111"],
    leika_keys=["99115002060001"], path="P0 P0", target=(3, 18))

service(
    "gaststaettenerlaubnis", "Gaststättenerlaubnis", OZG, ORDNUNGSAMT,
    contact_role="Sachgebiet Gaststätten",
    description="Erlaubnis für den Betrieb einer Gaststätte mit Alkoholausschank, Prüfung der "
    "Zuverlässigkeit und Beteiligung von Bauaufsicht und Lebensmittelüberwachung.",
    rechtsgrundlage="§ 2 Gaststättengesetz (GastG); Hessisches Gaststättengesetz",
    online_url=f"{PORTAL}/gewerbe/gaststaette", efa_status="Nachnutzung sicher",
    basisdienste=["Mein Unternehmenskonto", "ePayment", "FIT-Connect", "E-Akte"],
    fees="200,00 bis 1.500,00 EUR", fallzahl=120, online_share=15,
    bearbeitungszeit_minutes=300, priority="niedrig", ozg_ids=["10294"],
    leika_keys=["99025002005000"], path="K1 U2", target=(3, 6))


# --- Verwaltungsdigitalisierung -----------------------------------------------------------

service(
    "rechnungseingang", "Rechnungseingang und -bearbeitung (XRechnung)", VD, STADTKASSE,
    contact_role="Leitung Stadtkasse",
    description="Eingang, sachliche und rechnerische Prüfung, Anordnung und Zahlung von "
    "Eingangsrechnungen. Papierrechnungen laufen per Hauspost durch die Ämter; XRechnungen "
    "kommen über die Rechnungseingangsplattform.",
    rechtsgrundlage="E-Rechnungsverordnung Hessen; Gemeindekassenverordnung",
    efa_status="kein EfA", basisdienste=["E-Akte", "XTA/OSCI"], fallzahl=85000,
    online_share=41, bearbeitungszeit_minutes=14, priority="hoch",
    notes="Ziel: durchgängiger Workflow ohne Papier, Skontoverluste vermeiden.",
    path="K1 U2 U2 T3", target=(4, 7))

service(
    "urlaubsantrag", "Urlaubsantrag", VD, HAUPTAMT,
    contact_role="Personalsachbearbeitung",
    description="Beantragung und Genehmigung von Erholungsurlaub mit Papier-Urlaubsschein.",
    rechtsgrundlage="TVöD § 26; Hessische Urlaubsverordnung (Beamte)", efa_status="kein EfA",
    basisdienste=[], fallzahl=9000, online_share=0, bearbeitungszeit_minutes=6,
    priority="mittel", path="P0 K0 K1", target=(3, 12))

service(
    "posteingang-eakte", "Posteingang und Aktenführung (E-Akte)", VD, HAUPTAMT,
    contact_role="Projektleitung E-Akte",
    description="Zentraler Posteingang mit Scanstelle und Einführung der E-Akte in allen "
    "Ämtern (ersetzendes Scannen nach TR-RESISCAN).",
    rechtsgrundlage="Hessisches E-Government-Gesetz (HEGovG)", efa_status="kein EfA",
    basisdienste=["E-Akte", "Postfach"], fallzahl=240000, online_share=35,
    bearbeitungszeit_minutes=3, priority="hoch",
    notes="Roll-out ämterweise; 9 von 24 Ämtern arbeiten mit der E-Akte.",
    path="U1 U2 T2 R3", target=(4, 6))

service(
    "dienstreiseantrag", "Dienstreiseantrag und Reisekostenabrechnung", VD, HAUPTAMT,
    contact_role="Reisekostenstelle",
    description="Genehmigung von Dienstreisen und Abrechnung der Reisekosten.",
    rechtsgrundlage="Hessisches Reisekostengesetz (HRKG)", efa_status="kein EfA",
    basisdienste=["E-Akte"], fallzahl=3500, online_share=0, bearbeitungszeit_minutes=25,
    priority="niedrig", path="P0 P0 K1", target=(3, 10))

service(
    "stellenbesetzung", "Stellenbesetzungsverfahren", VD, HAUPTAMT,
    contact_role="Personalgewinnung",
    description="Ausschreibung, Auswahl und Einstellung mit Beteiligung von Personalrat und "
    "Gleichstellungsbeauftragter; Bewerbungen über das Bewerberportal.",
    rechtsgrundlage="HPVG; Hessisches Gleichberechtigungsgesetz",
    online_url="https://karriere.offenbach.example", efa_status="kein EfA",
    basisdienste=["E-Akte"], fallzahl=380, online_share=92, bearbeitungszeit_minutes=960,
    priority="mittel", path="U2 O3 O4", target=(4, -3))

service(
    "sitzungsdienst", "Sitzungsvorlagen für die Stadtverordnetenversammlung", VD, SITZUNGSDIENST,
    contact_role="Sitzungsdienst",
    description="Erstellung, Mitzeichnung und Beratung von Magistratsvorlagen bis zum "
    "Beschluss; Mitzeichnung heute per Umlaufmappe.",
    rechtsgrundlage="Hessische Gemeindeordnung (HGO); Geschäftsordnung",
    efa_status="kein EfA", basisdienste=["E-Akte"], fallzahl=900, online_share=0,
    bearbeitungszeit_minutes=180, priority="mittel", path="P0 K1 U2", target=(3, 4))

service(
    "fortbildungsantrag", "Fortbildungsantrag", VD, HAUPTAMT,
    contact_role="Personalentwicklung",
    description="Antrag auf Teilnahme an Fortbildungen, Budgetprüfung und Anmeldung.",
    efa_status="kein EfA", basisdienste=[], fallzahl=1800, online_share=0,
    bearbeitungszeit_minutes=20, priority="niedrig", path="P0 P1", target=(3, -1))

service(
    "beschwerdemanagement", "Ideen- und Beschwerdemanagement", VD, HAUPTAMT,
    contact_role="Bürgerservice",
    description="Annahme, Weiterleitung und Beantwortung von Beschwerden, Lob und "
    "Anregungen mit Fristüberwachung.",
    online_url=f"{PORTAL}/ideen-und-beschwerden", efa_status="kein EfA",
    basisdienste=["E-Akte"], fallzahl=2400, online_share=65,
    bearbeitungszeit_minutes=45, priority="mittel", path="K1 U2 O3", target=(3, -6))


# --- IT- und Kommunikationsstrategie ------------------------------------------------------

service(
    "it-beschaffung", "IT-Beschaffung", IT, IT_AMT,
    contact_role="IT-Einkauf",
    description="Bedarfsmeldung, technische Prüfung, Abruf aus Rahmenverträgen oder Vergabe, "
    "Inventarisierung von Hard- und Software.",
    rechtsgrundlage="Vergabeverordnung (VgV); Hessisches Vergabe- und Tariftreuegesetz",
    efa_status="kein EfA", basisdienste=["E-Akte"], fallzahl=1100, online_share=0,
    bearbeitungszeit_minutes=90, priority="mittel", path="P0 K1 U1", target=(3, -4),
    postponed=3)

service(
    "it-onboarding", "IT-Arbeitsplatz für neue Beschäftigte", IT, IT_AMT,
    contact_role="IT-Service Desk",
    description="Einrichtung von Benutzerkonto, Endgeräten und Fachverfahrensrechten für neue "
    "Beschäftigte.",
    efa_status="kein EfA", basisdienste=[], fallzahl=320, online_share=0,
    bearbeitungszeit_minutes=240, priority="mittel", path="P0 K1", target=(3, 6))

service(
    "it-stoerung", "IT-Störungsmeldung (Service Desk)", IT, IT_AMT,
    contact_role="Leitung Service Desk",
    description="Annahme, Klassifizierung und Behebung von IT-Störungen im 1st und 2nd Level, "
    "Eskalation an den kommunalen IT-Dienstleister.",
    efa_status="kein EfA", basisdienste=[], fallzahl=14000, online_share=60,
    bearbeitungszeit_minutes=35, priority="hoch", path="U2 O3 O3", target=(3, -8))

service(
    "fachverfahren-einfuehrung", "Einführung neuer Fachverfahren", IT, IT_AMT,
    contact_role="Digitalisierungsbüro",
    description="Von der Anforderung bis zur Betriebsfreigabe: Marktanalyse, Prüfung von "
    "EfA-Nachnutzung, Datenschutz-Folgenabschätzung, IT-Sicherheit, Personalrat.",
    rechtsgrundlage="DSGVO Art. 35; HPVG", efa_status="kein EfA",
    basisdienste=["E-Akte"], fallzahl=12, online_share=0, bearbeitungszeit_minutes=6000,
    priority="hoch", path="K1 U2", target=(3, 9))

service(
    "webredaktion", "Veröffentlichung im Internetauftritt", IT, PRESSE,
    contact_role="Online-Redaktion",
    description="Inhalte der Fachämter für den städtischen Internetauftritt aufbereiten, "
    "barrierefrei prüfen und veröffentlichen.",
    rechtsgrundlage="Hessisches Behindertengleichstellungsgesetz; BITV 2.0",
    efa_status="kein EfA", basisdienste=[], fallzahl=3000, online_share=0,
    bearbeitungszeit_minutes=30, priority="niedrig", path="U2 O3", target=(3, -2))


# --- Smart City ---------------------------------------------------------------------------

service(
    "maengelmelder", "Mängelmelder", SC, SMART_CITY,
    contact_role="Projektleitung Mängelmelder",
    description="Meldung von Schäden und Missständen im öffentlichen Raum (Schlaglöcher, "
    "defekte Beleuchtung, wilder Müll) per App oder Web mit Foto und Standort.",
    rechtsgrundlage="Hessisches Straßengesetz (Verkehrssicherungspflicht)",
    online_url="https://maengelmelder.offenbach.example", efa_status="kein EfA",
    basisdienste=["E-Akte"], fees="gebührenfrei", fallzahl=6500, online_share=45,
    bearbeitungszeit_minutes=20, priority="hoch", ozg_ids=["10136"],
    reifegrad_model="2.0", path="P1 K1 U2 T3", target=(5, 5))

service(
    "parkraumsensorik", "Parkraumsensorik und Parkleitsystem", SC, SMART_CITY,
    contact_role="Projektleitung Urbane Datenplattform",
    description="Sensoren melden die Belegung von Parkplätzen in der Innenstadt; die Daten "
    "speisen Parkleitsystem, App und Open-Data-Portal.",
    efa_status="kein EfA", basisdienste=[], fallzahl=None, online_share=None,
    bearbeitungszeit_minutes=None, priority="mittel",
    notes="Förderung aus dem Programm Modellprojekte Smart Cities; 400 Sensoren im Pilot.",
    path="K1 T2 T3", target=(4, 10))

service(
    "open-data-portal", "Open-Data-Portal", SC, SMART_CITY,
    contact_role="Open-Data-Koordination",
    description="Veröffentlichung städtischer Datensätze mit Metadaten nach DCAT-AP.de unter "
    "offener Lizenz.",
    rechtsgrundlage="Datennutzungsgesetz (DNG); Hessisches Open-Data-Gesetz",
    online_url="https://opendata.offenbach.example", efa_status="kein EfA",
    basisdienste=[], fallzahl=60, online_share=100, bearbeitungszeit_minutes=240,
    priority="mittel", path="U2 O3 O3", target=(3, -11))

service(
    "umweltsensorik", "Umweltsensorik (Luft und Lärm)", SC, SMART_CITY,
    contact_role="Projektleitung Urbane Datenplattform",
    description="Messnetz für Feinstaub, Stickstoffdioxid und Lärm; Warnungen an das "
    "Umweltamt bei Grenzwertüberschreitungen.",
    efa_status="kein EfA", basisdienste=[], fallzahl=None, online_share=None,
    bearbeitungszeit_minutes=None, priority="niedrig", path="P0 K1 U2", target=(3, 9))

service(
    "buergerbeteiligungsplattform", "Online-Bürgerbeteiligung", SC, SMART_CITY,
    contact_role="Stabsstelle Bürgerbeteiligung",
    description="Beteiligungsverfahren auf einer Online-Plattform: Umfragen, Kommentare zu "
    "Planungen, Ideenwettbewerbe.",
    online_url="https://mitreden.offenbach.example", efa_status="kein EfA",
    basisdienste=["BundID"], fallzahl=8, online_share=100, bearbeitungszeit_minutes=2400,
    priority="mittel", reifegrad_model="2.0", path="K2 U3 O4", target=(5, 8))

service(
    "bewohnerbeteiligung", "Bewohnerbeteiligung im Quartier", SC, STADTPLANUNG,
    contact_role="Quartiersmanagement",
    description="Beteiligung der Bewohnerinnen und Bewohner an Planungen im Stadtteil mit "
    "Versammlungen vor Ort; Ergebnisse werden abgetippt und ausgewertet.",
    rechtsgrundlage="§ 3 Baugesetzbuch (frühzeitige Öffentlichkeitsbeteiligung)",
    efa_status="kein EfA", basisdienste=[], fallzahl=12, online_share=0,
    bearbeitungszeit_minutes=1800, priority="niedrig", path="P0 P0", target=(2, 14))
