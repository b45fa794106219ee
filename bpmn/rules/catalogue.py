"""The rule catalogue: every validation rule's id, default severity and descriptions.

The table is used by the rule engine (default severities), by the documentation, by
configuration (which ids may be disabled) and by the web application (rule
explanations next to findings).  Lint rule ids are bpmnlint's own where bpmnlint has
the rule, so that analysts who know bpmnlint recognise them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import get_close_matches

from procmodel.findings import Severity


@dataclass(frozen=True)
class Rule:
    """One validation rule: default severity, group and a German and English description."""

    id: str
    severity: Severity
    group: str  # "references", "conventions", "diagram", "soundness", "executable"
    description_de: str
    description_en: str

    def description(self, language: str = "de") -> str:
        return self.description_en if language == "en" else self.description_de

    def __iter__(self) -> Iterator[object]:
        """``severity, description_de, description_en = RULES[rule_id]`` also works."""
        return iter((self.severity, self.description_de, self.description_en))


E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

_RULES: tuple[Rule, ...] = (
    # --- reference integrity -------------------------------------------------
    Rule("ref-dangling", E, "references",
         "Ein Verweis (sourceRef, targetRef, attachedToRef, processRef, dataObjectRef, "
         "dataStoreRef, Datenzuordnung, messageRef, errorRef, signalRef, escalationRef) zeigt "
         "auf ein Element, das es in der Datei nicht gibt.",
         "A reference (sourceRef, targetRef, attachedToRef, processRef, dataObjectRef, "
         "dataStoreRef, data association, messageRef, errorRef, signalRef, escalationRef) "
         "points to an element that does not exist in the file."),
    Rule("ref-wrong-type", E, "references",
         "Ein Verweis zeigt auf ein Element der falschen Art, z. B. ein Sequenzfluss auf ein "
         "Datenobjekt oder ein Randereignis an einem Gateway.",
         "A reference points to an element of the wrong kind, e.g. a sequence flow to a data "
         "object or a boundary event attached to a gateway."),
    Rule("ref-default-flow", E, "references",
         "Der Standardfluss (default) eines Gateways oder einer Aktivität ist kein ausgehender "
         "Sequenzfluss dieses Elements.",
         "The default flow of a gateway or activity is not one of its outgoing sequence flows."),
    Rule("ref-called-element", W, "references",
         "Die Aufrufaktivität ruft einen Prozess oder eine globale Aufgabe auf, die nicht in "
         "dieser Datei steht (oder gibt gar kein aufgerufenes Element an).",
         "The call activity calls a process or global task that is not in this file (or names "
         "no called element at all)."),
    Rule("sequence-flow-cross-pool", E, "references",
         "Ein Sequenzfluss verbindet Elemente verschiedener Pools (Prozesse); zwischen Pools "
         "sind nur Nachrichtenflüsse erlaubt.",
         "A sequence flow connects elements of different pools (processes); only message "
         "flows may cross pool borders."),
    Rule("sequence-flow-cross-scope", E, "references",
         "Ein Sequenzfluss überschreitet die Grenze eines Teilprozesses.",
         "A sequence flow crosses the border of a subprocess."),
    Rule("message-flow-same-pool", E, "references",
         "Ein Nachrichtenfluss verbindet zwei Elemente desselben Pools; innerhalb eines Pools "
         "werden Sequenzflüsse verwendet.",
         "A message flow connects two elements of the same pool; within a pool, use sequence "
         "flows."),
    # --- modelling conventions (bpmnlint's recommended set) -------------------
    Rule("ad-hoc-sub-process", E, "conventions",
         "Ein Ad-hoc-Teilprozess enthält keine Start- oder Endereignisse, und jedes "
         "Zwischenereignis darin hat einen ausgehenden Sequenzfluss.",
         "An ad-hoc subprocess contains no start or end events, and every intermediate catch "
         "event in it has an outgoing sequence flow."),
    Rule("conditional-flows", W, "conventions",
         "Verzweigt ein Element bedingt (es hat einen Standardfluss oder einen bedingten "
         "ausgehenden Fluss), braucht jeder andere ausgehende Fluss eine Bedingung.",
         "When an element forks conditionally (it has a default flow or a conditional outgoing "
         "flow), every other outgoing flow needs a condition."),
    Rule("end-event-required", W, "conventions",
         "Jeder Prozess und Teilprozess hat mindestens ein Endereignis.",
         "Every process and subprocess has at least one end event."),
    Rule("event-based-gateway", E, "conventions",
         "Ein ereignisbasiertes Gateway hat mindestens zwei ausgehende Flüsse, und keiner davon "
         "hat eine Bedingung.",
         "An event-based gateway has at least two outgoing flows, and none of them is "
         "conditional."),
    Rule("event-sub-process-typed-start-event", E, "conventions",
         "Das Startereignis eines Ereignis-Teilprozesses hat einen Auslöser (Nachricht, Timer, "
         "Fehler, …).",
         "The start event of an event subprocess has a trigger (message, timer, error, …)."),
    Rule("fake-join", W, "conventions",
         "Eine Aktivität oder ein Ereignis hat mehrere eingehende Flüsse; diese werden nicht "
         "synchronisiert. Zusammenführen mit einem Gateway modellieren.",
         "An activity or event has several incoming flows; they are not synchronised. Model "
         "the join with a gateway."),
    Rule("global", W, "conventions",
         "Globale Elemente (Nachricht, Signal, Fehler, Eskalation) haben einen Namen, werden "
         "verwendet und ihr Name ist je Art eindeutig.",
         "Global elements (message, signal, error, escalation) have a name, are used, and "
         "their name is unique per kind."),
    Rule("label-required", W, "conventions",
         "Aktivitäten, Ereignisse, verzweigende Gateways, bedingte Flüsse, Pools und Lanes "
         "tragen eine Beschriftung.",
         "Activities, events, forking gateways, conditional flows, pools and lanes carry a "
         "label."),
    Rule("link-event", E, "conventions",
         "Zu jedem werfenden Link-Ereignis gibt es im selben Bereich genau ein fangendes mit "
         "demselben Link-Namen (und umgekehrt); Link-Ereignisse haben einen Link-Namen.",
         "For every link throw event there is exactly one link catch event with the same link "
         "name in the same scope (and vice versa); link events have a link name."),
    Rule("no-complex-gateway", W, "conventions",
         "Komplexe Gateways sind schwer verständlich und werden von vielen Werkzeugen nicht "
         "unterstützt.",
         "Complex gateways are hard to understand and unsupported by many tools."),
    Rule("no-disconnected", W, "conventions",
         "Ein Element hat weder ein- noch ausgehende Sequenzflüsse.",
         "An element has neither incoming nor outgoing sequence flows."),
    Rule("no-duplicate-sequence-flows", W, "conventions",
         "Zwei Sequenzflüsse verbinden dieselben Elemente mit derselben Bedingung.",
         "Two sequence flows connect the same elements with the same condition."),
    Rule("no-gateway-join-fork", W, "conventions",
         "Ein Gateway führt zusammen und verzweigt zugleich; besser zwei Gateways modellieren.",
         "A gateway both joins and forks; model two gateways instead."),
    Rule("no-implicit-split", W, "conventions",
         "Eine Aktivität oder ein Ereignis hat mehrere unbedingte ausgehende Flüsse "
         "(implizite Parallelverzweigung); besser ein paralleles Gateway modellieren.",
         "An activity or event has several unconditional outgoing flows (an implicit parallel "
         "split); model a parallel gateway instead."),
    Rule("no-implicit-start", W, "conventions",
         "Ein Element ohne eingehenden Fluss ist kein Startereignis (impliziter Start).",
         "An element without incoming flow is not a start event (implicit start)."),
    Rule("no-implicit-end", W, "conventions",
         "Ein Element ohne ausgehenden Fluss ist kein Endereignis (implizites Ende).",
         "An element without outgoing flow is not an end event (implicit end)."),
    Rule("no-inclusive-gateway", INFO, "conventions",
         "Inklusive (ODER-)Gateways sind schwer verständlich; oft genügt ein exklusives oder "
         "paralleles Gateway.",
         "Inclusive (OR) gateways are hard to understand; often an exclusive or parallel "
         "gateway suffices."),
    Rule("single-blank-start-event", W, "conventions",
         "Ein Prozess oder Teilprozess hat höchstens ein Startereignis ohne Auslöser.",
         "A process or subprocess has at most one blank start event."),
    Rule("single-event-definition", W, "conventions",
         "Ein Ereignis hat höchstens eine Ereignisdefinition.",
         "An event has at most one event definition."),
    Rule("start-event-required", W, "conventions",
         "Jeder Prozess und Teilprozess hat mindestens ein Startereignis.",
         "Every process and subprocess has at least one start event."),
    Rule("sub-process-blank-start-event", E, "conventions",
         "Das Startereignis eines (normalen) Teilprozesses hat keinen Auslöser.",
         "The start event of a (normal) subprocess has no trigger."),
    Rule("superfluous-gateway", W, "conventions",
         "Ein Gateway mit genau einem ein- und einem ausgehenden Fluss tut nichts.",
         "A gateway with exactly one incoming and one outgoing flow does nothing."),
    Rule("superfluous-label", INFO, "conventions",
         "Ein unbedingter Sequenzfluss, der nicht aus einem verzweigenden exklusiven oder "
         "inklusiven Gateway kommt, trägt eine Beschriftung.",
         "An unconditional sequence flow that does not leave a forking exclusive or inclusive "
         "gateway carries a label."),
    Rule("superfluous-termination", INFO, "conventions",
         "Ein Terminierungs-Endereignis ist das einzige Ende seines Bereichs und beendet daher "
         "nichts, was nicht ohnehin endet.",
         "A terminate end event is the only end of its scope and so ends nothing that would "
         "not end anyway."),
    # --- diagram layer --------------------------------------------------------
    Rule("no-bpmndi", W, "diagram",
         "Ein Element hat keine Darstellung im Diagramm (BPMNShape/BPMNEdge fehlt).",
         "An element has no representation in the diagram (BPMNShape/BPMNEdge missing)."),
    Rule("no-overlapping-elements", W, "diagram",
         "Zwei Elemente überdecken sich im Diagramm, oder ein Element liegt außerhalb seines "
         "Pools oder Teilprozesses.",
         "Two elements overlap in the diagram, or an element lies outside its pool or "
         "subprocess."),
    # --- behavioural soundness ------------------------------------------------
    Rule("soundness-deadlock", E, "soundness",
         "Verklemmung: Ein Gateway wartet auf Zweige, die nicht in jedem Ablauf ankommen, "
         "und der Ablauf bleibt stehen – meist eine exklusive Verzweigung, die parallel "
         "zusammengeführt wird. Mit einem Gateway derselben Art zusammenführen.",
         "Deadlock: a gateway waits for branches that do not arrive in every run, and the "
         "run gets stuck – usually an exclusive split closed by a parallel join. Join with a "
         "gateway of the same kind as the split."),
    Rule("soundness-lack-of-synchronisation", E, "soundness",
         "Fehlende Synchronisation: Gleichzeitig laufende Zweige werden ohne Synchronisation "
         "zusammengeführt, die folgenden Schritte laufen mehrfach – meist eine parallele "
         "Verzweigung, die exklusiv zusammengeführt wird. Mit einem parallelen Gateway "
         "zusammenführen.",
         "Lack of synchronisation: concurrently running branches are merged without "
         "synchronisation, so the following steps run several times – usually a parallel "
         "split closed by an exclusive join. Join with a parallel gateway."),
    Rule("soundness-dead-step", W, "soundness",
         "Ein Schritt wird in keinem Ablauf erreicht, meist weil ein Gateway davor "
         "verklemmt. Die Ursache davor beheben.",
         "A step is not reached in any run, usually because a gateway before it deadlocks. "
         "Fix the cause before it."),
    Rule("soundness-no-completion", E, "soundness",
         "Der Prozess kann nicht immer enden: Aus manchen Zuständen führt kein Weg zu einem "
         "Ende, z. B. bei einer Schleife ohne Ausgang. Einen Ausgang modellieren.",
         "The process cannot always complete: from some states no path leads to an end, "
         "e.g. a loop without exit. Model an exit."),
    Rule("soundness-limit", INFO, "soundness",
         "Die Verhaltensprüfung wurde an der Zustandsgrenze abgebrochen; ihr Ergebnis ist "
         "unvollständig. Die Einstellung SOUNDNESS_STATE_LIMIT erhöhen oder den Ablauf in "
         "Teilprozesse gliedern.",
         "The behavioural check stopped at the state limit; its result is incomplete. Raise "
         "the SOUNDNESS_STATE_LIMIT setting or split the flow into subprocesses."),
    # --- executable processes -------------------------------------------------
    Rule("spiffworkflow-load", W, "executable",
         "Ein als ausführbar markierter Prozess lässt sich von der Workflow-Engine "
         "SpiffWorkflow nicht laden.",
         "A process marked executable cannot be loaded by the SpiffWorkflow engine."),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
"""Every rule of :func:`bpmn.rules.validate_model`, by id."""


def known_rule_ids() -> frozenset[str]:
    """Every rule id a finding can carry: this table's and the reader's own
    (:data:`bpmn.READER_RULES`: ``schema``, ``duplicate-id``, ``xml-namespace-uri`` and
    the ids of refused files)."""
    # Imported here: bpmn.reader_rules builds its table from this module's Rule.
    from bpmn.reader_rules import READER_RULES

    return frozenset(RULES) | frozenset(READER_RULES)


def unknown_rule_ids(ids: Iterable[str]) -> list[str]:
    """The ids in ``ids`` that name no rule at all — neither of :data:`RULES` nor of the
    reader — sorted, each once; blanks around an id are ignored, empty ids skipped.

    For configuration checks (``procmodel check --disable``, ``PROCMODEL_DISABLED_RULES``):
    a misspelt id would otherwise switch nothing off without a word.
    """
    known = known_rule_ids()
    return sorted({rule_id.strip() for rule_id in ids
                   if rule_id.strip() and rule_id.strip() not in known})


# Names analysts may try for a rule that has another id here.
_ALIASES = {
    "no-implicit-join": "fake-join",
    "implicit-join": "fake-join",
    "deadlock": "soundness-deadlock",
    "xsd": "schema",
}


def closest_rule_id(rule_id: str) -> str | None:
    """The known rule id most like ``rule_id`` (for "did you mean …?"), or None."""
    wanted = rule_id.strip().lower().replace("_", "-")
    if wanted in _ALIASES:
        return _ALIASES[wanted]
    known = known_rule_ids()
    if wanted in known:
        return wanted
    matches = get_close_matches(wanted, sorted(known), n=1, cutoff=0.6)
    return matches[0] if matches else None


def unknown_rules_message(ids: Iterable[str]) -> tuple[str, str] | None:
    """A German and an English message naming the unknown ids in ``ids`` (with a
    suggestion where one is close), or None when every id is known.

    ``Unbekannte Regel „fake_join“ (gemeint ist wohl „fake-join“). Die Regel-IDs stehen
    in docs/rules.md.``
    """
    unknown = unknown_rule_ids(ids)
    if not unknown:
        return None
    parts_de, parts_en = [], []
    for rule_id in unknown:
        suggestion = closest_rule_id(rule_id)
        parts_de.append(f"„{rule_id}“" + (f" (gemeint ist wohl „{suggestion}“)"
                                          if suggestion else ""))
        parts_en.append(f"\u201c{rule_id}\u201d" + (f" (did you mean \u201c{suggestion}\u201d?)"
                                                     if suggestion else ""))
    word_de = "Unbekannte Regel" if len(unknown) == 1 else "Unbekannte Regeln"
    word_en = "Unknown rule" if len(unknown) == 1 else "Unknown rules"
    return (f"{word_de} {', '.join(parts_de)}. Die Regel-IDs stehen in docs/rules.md.",
            f"{word_en} {', '.join(parts_en)}. The rule ids are listed in docs/rules.md.")
