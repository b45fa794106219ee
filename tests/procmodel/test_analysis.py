"""Register-wide analysis on small registers whose answer is known."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from procmodel.analysis import Decision, ModelEntry, analyse, reports, step_key

sys.path.insert(0, str(Path(__file__).parent))
from analysis_models import linear_model


def entry(service: str, labels: list[str], field: str, dept: str, *,
          fallzahl: int | None = None, minutes: float | None = None) -> ModelEntry:
    return ModelEntry(model=linear_model(service, labels), service_id=service,
                      service_name=service, handlungsfeld=field, department=dept,
                      fallzahl=fallzahl, bearbeitungszeit=minutes, model_id=f"{service}.bpmn")


def register() -> list[ModelEntry]:
    return [
        entry("Wohngeld", ["Antrag entgegennehmen", "Identität mit BundID prüfen",
                           "Einkommen berechnen", "Bescheid erstellen", "Bescheid zustellen"],
              "Verwaltungsdigitalisierung", "Amt 50", fallzahl=1000, minutes=60),
        entry("Elterngeld", ["Antrag empfangen", "Ausweiskopie prüfen", "Elternzeit prüfen",
                             "Erstellung des Bescheids", "Bescheid versenden"],
              "OZG-Umsetzung", "Amt 51", fallzahl=500, minutes=30),
        entry("Hundesteuer", ["Hund anmelden", "Steuer festsetzen", "Bescheid ausdrucken",
                              "Bescheid per Post versenden"],
              "OZG-Umsetzung", "Amt 20"),
    ]


def cluster_labels(result) -> dict[str, set[str]]:
    return {c.canonical_name: {m.label for m in c.members} for c in result.clusters}


def test_duplicate_steps_are_clustered_with_an_explanation() -> None:
    result = analyse(register())
    clusters = cluster_labels(result)
    delivery = next(v for v in clusters.values() if "Bescheid zustellen" in v)
    assert delivery == {"Bescheid zustellen", "Bescheid versenden",
                        "Bescheid per Post versenden"}
    creation = next(v for v in clusters.values() if "Bescheid erstellen" in v)
    assert creation == {"Bescheid erstellen", "Erstellung des Bescheids"}
    intake = next(v for v in clusters.values() if "Antrag entgegennehmen" in v)
    assert intake == {"Antrag entgegennehmen", "Antrag empfangen"}
    # Service-specific work is not a duplicate.
    assert not any("Einkommen berechnen" in v for v in clusters.values())
    cluster = next(c for c in result.clusters if "Bescheid zustellen" in
                   {m.label for m in c.members})
    text = cluster.explanation.text()
    assert "Bescheid" in text and "zustellen" in text and "versenden" in text
    member = cluster.members[0]
    assert member.handlungsfeld and member.department and member.process_id == "p"


def test_fragments_and_savings() -> None:
    result = analyse(register())
    chain = next(f for f in result.fragments if len(f.steps) == 2
                 and f.services == 2 and "Bescheid" in f.steps[0])
    assert {o.service_id for o in chain.occurrences} == {"Wohngeld", "Elterngeld"}
    # 2 of 5 steps × Fallzahl × Bearbeitungszeit: 2/5·1000·60 + 2/5·500·30 minutes
    assert chain.minutes_per_year == 24000 + 6000
    assert chain.doppelstruktur


def test_doppelstrukturen_span_fields_or_departments() -> None:
    result = analyse(register())
    names = {d.name for d in result.doppelstrukturen if d.kind == "cluster"}
    assert any("Bescheid" in n for n in names)
    same_field = [entry("A", ["Bescheid zustellen"], "OZG-Umsetzung", "Amt 50"),
                  entry("B", ["Bescheid versenden"], "OZG-Umsetzung", "Amt 50")]
    result = analyse(same_field)
    assert len(result.clusters) == 1 and not result.clusters[0].doppelstruktur
    assert result.doppelstrukturen == []


def test_basisdienste_and_self_built_steps() -> None:
    result = analyse(register())
    ident = next(b for b in result.basisdienste if b.component == "identifikation")
    assert [r.service_id for r in ident.using] == ["Wohngeld"]
    assert [r.label for r in ident.self_built] == ["Ausweiskopie prüfen"]
    # Evidence and reason quote the label, not folded tokens.
    assert ident.evidence == ["Ausweiskopie"]
    assert "„Ausweiskopie“" in ident.reason
    assert "\u201cAusweiskopie\u201d" in ident.reason_en


def test_media_breaks_per_service_and_field() -> None:
    result = analyse(register())
    kinds = {(m.step.label, m.kind) for m in result.media_breaks}
    assert ("Bescheid ausdrucken", "print") in kinds
    assert ("Bescheid per Post versenden", "post") in kinds
    assert result.media_breaks_by_service["Hundesteuer"] == {"print": 1, "post": 1}
    assert result.media_breaks_by_handlungsfeld["OZG-Umsetzung"]["print"] == 1
    assert "Wohngeld" not in result.media_breaks_by_service


def test_rejected_pair_stays_rejected_and_confirmed_pair_is_kept() -> None:
    entries = register()
    before = analyse(entries)
    assert any({"Bescheid erstellen", "Erstellung des Bescheids"} <= {m.label for m in c.members}
               for c in before.clusters)
    rejected = Decision(step_key("Wohngeld", "t4"), step_key("Elterngeld", "t4"), "rejected")
    after = analyse(entries, decisions=[rejected])
    for cluster in after.clusters:
        keys = {m.key for m in cluster.members}
        assert not {rejected.a, rejected.b} <= keys
    assert [rejected.a, rejected.b] in after.suppressed_pairs or [
        rejected.b, rejected.a] in after.suppressed_pairs
    # Run again with the same decision: still apart.
    again = analyse(entries, decisions=[rejected])
    assert cluster_labels(again) == cluster_labels(after)
    confirmed = Decision(step_key("Wohngeld", "t3"), step_key("Elterngeld", "t3"), "confirmed")
    joined = analyse(entries, decisions=[confirmed])
    assert any({"Einkommen berechnen", "Elternzeit prüfen"} <= {m.label for m in c.members}
               for c in joined.clusters)


def test_reports_in_every_format() -> None:
    result = analyse(register())
    data = json.loads(reports.to_json(result))
    assert data["clusters"][0]["explanation"]["text"]
    csv_text = reports.to_csv(result)
    assert csv_text.splitlines()[0] == ",".join(reports.CSV_HEADER)
    assert "medienbruch" in csv_text and "cluster" in csv_text
    md = reports.to_markdown(result)
    assert "## Doppelstrukturen" in md and "Bescheid" in md
    html = reports.to_html(result, diagrams={"Wohngeld": [("2 doppelte Schritte", "<svg/>")]})
    assert html.startswith("<!DOCTYPE html>") and "<svg/>" in html


def test_labels_are_escaped_in_html() -> None:
    entries = [entry("A", ["<script>x</script> Bescheid zustellen"], "F", "D"),
               entry("B", ["<script>x</script> Bescheid versenden"], "G", "E")]
    html = reports.to_html(analyse(entries))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_cli_analyse_folder(tmp_path: Path, capsys) -> None:
    from bpmn.writer import write_bpmn
    from procmodel.cli import main

    for e in register():
        (tmp_path / f"{e.service_id}.bpmn").write_bytes(write_bpmn(e.model))
    (tmp_path / "procmodel-context.csv").write_text(
        "file,service,handlungsfeld,department,fallzahl,bearbeitungszeit\n"
        "Wohngeld.bpmn,Wohngeld,Verwaltungsdigitalisierung,Amt 50,1000,60\n"
        "Elterngeld.bpmn,Elterngeld,OZG-Umsetzung,Amt 51,500,30\n", encoding="utf-8")
    out = tmp_path / "report.json"
    assert main(["analyse", str(tmp_path), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["statistics"]["models"] == 3
    assert any(d["kind"] == "cluster" for d in data["doppelstrukturen"])
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("step_a,step_b,verdict\nWohngeld.bpmn#t5,Elterngeld.bpmn#t5,rejected\n",
                         encoding="utf-8")
    assert main(["analyse", str(tmp_path), "--format", "csv", "--decisions",
                 str(decisions)]) == 0
    assert capsys.readouterr().out.startswith("section,id,name")


def test_rejected_pair_of_different_wording_is_unlinked() -> None:
    entries = [entry("A", ["Gebühr bezahlen"], "F", "D"),
               entry("B", ["Gebühr bezahlen", "Verwaltungsgebühr bezahlen"], "F", "D")]
    assert [len(c.members) for c in analyse(entries).clusters] == [3]
    rejected = Decision(step_key("A", "t1"), step_key("B", "t2"), "rejected")
    after = analyse(entries, decisions=[rejected])
    for cluster in after.clusters:
        assert not {rejected.a, rejected.b} <= {m.key for m in cluster.members}
    assert after.suppressed_pairs == [sorted([rejected.a, rejected.b])]


def test_cli_reports_unreadable_files_and_exits_1(tmp_path: Path, capsys) -> None:
    from bpmn.writer import write_bpmn
    from procmodel.cli import main

    for e in register():
        (tmp_path / f"{e.service_id}.bpmn").write_bytes(write_bpmn(e.model))
    (tmp_path / "kaputt.bpmn").write_text("<definitions", encoding="utf-8")
    out = tmp_path / "r.md"
    assert main(["analyse", str(tmp_path), "--format", "md", "-o", str(out)]) == 1
    assert "kaputt.bpmn" in capsys.readouterr().err
    assert "3 Modelle" in out.read_text(encoding="utf-8")


def _block_model(name: str, first: str, branch_a: str, branch_b: str, last: str,
                 prefix: str = "t"):
    from procmodel.model import Definitions, FlowNode, NodeKind, Process, SequenceFlow

    def task(n: int, label: str) -> FlowNode:
        return FlowNode(id=f"{prefix}{n}", name=label, kind=NodeKind.TASK, process_id="p")

    nodes = (FlowNode(id="s", kind=NodeKind.START_EVENT, process_id="p"), task(1, first),
             FlowNode(id="split", kind=NodeKind.PARALLEL_GATEWAY, process_id="p"),
             task(2, branch_a), task(3, branch_b),
             FlowNode(id="join", kind=NodeKind.PARALLEL_GATEWAY, process_id="p"),
             task(4, last), FlowNode(id="e", kind=NodeKind.END_EVENT, process_id="p"))
    edges = [("s", f"{prefix}1"), (f"{prefix}1", "split"), ("split", f"{prefix}2"),
             ("split", f"{prefix}3"), (f"{prefix}2", "join"), (f"{prefix}3", "join"),
             ("join", f"{prefix}4"), (f"{prefix}4", "e")]
    flows = tuple(SequenceFlow(id=f"f{k}", source=a, target=b, process_id="p")
                  for k, (a, b) in enumerate(edges))
    return Definitions(id=name, processes=(Process(id="p", flow_nodes=nodes,
                                                   sequence_flows=flows),))


def test_sese_blocks_recur_in_any_order() -> None:
    from procmodel.analysis.regions import sese_regions

    a = _block_model("A", "Antrag empfangen", "Gebühr bezahlen", "Identität prüfen",
                     "Bescheid erstellen")
    assert list(sese_regions(a)) == [("split", {"t2", "t3"})]
    b = _block_model("B", "Wohnsitz prüfen", "Identitätsprüfung", "Zahlung der Gebühr",
                     "Hund anmelden")
    entries = [ModelEntry(model=a, service_id="A", service_name="A", handlungsfeld="F1"),
               ModelEntry(model=b, service_id="B", service_name="B", handlungsfeld="F2")]
    result = analyse(entries)
    blocks = [f for f in result.fragments if f.kind == "region"]
    assert len(blocks) == 1
    assert {o.service_id for o in blocks[0].occurrences} == {"A", "B"}
    assert sorted(blocks[0].occurrences[0].step_ids) == ["t2", "t3"]
    assert blocks[0].doppelstruktur
    # The chains around the block differ, so no chain fragment is reported.
    assert not [f for f in result.fragments if f.kind == "chain"]


def test_dominators_agree_with_networkx() -> None:
    import random

    import networkx as nx

    from procmodel.analysis.regions import immediate_dominators

    rnd = random.Random(5)
    for trial in range(200):
        n = rnd.randint(2, 20)
        graph = nx.gnp_random_graph(n, 0.15, seed=trial, directed=True)
        graph.add_edges_from((k, k + 1) for k in range(n - 1) if rnd.random() < 0.7)
        succ = {str(u): [str(v) for v in graph.successors(u)] for u in graph}
        pred = {str(u): [str(v) for v in graph.predecessors(u)] for u in graph}
        expected = {str(k): str(v) for k, v in nx.immediate_dominators(graph, 0).items()}
        expected["0"] = "0"
        assert immediate_dominators(succ, pred, "0") == expected


def _recognised(label: str) -> list[tuple[str, str, str]]:
    from procmodel.analysis import Recogniser
    from procmodel.labels import default_language

    language = default_language()
    return [(c.key, how, evidence) for c, how, evidence in
            Recogniser(language).basisdienst(language.analyse(label))]


def test_basisdienste_names_and_abbreviations_mean_using_the_shared_service() -> None:
    assert _recognised("Identität des Gewerbetreibenden über MUK prüfen") == [
        ("identifikation", "shared", "MUK")]
    assert _recognised("Login über Mein Unternehmenskonto") == [
        ("identifikation", "shared", "Mein Unternehmenskonto")]
    assert _recognised("Ausweis mit eID prüfen")[0][:2] == ("identifikation", "shared")
    assert _recognised("Personalausweis (nPA) online prüfen")[0][:2] == (
        "identifikation", "shared")
    assert _recognised("Zahlung per GiroPay abwickeln")[0][:2] == ("bezahlen", "shared")
    assert _recognised("Im DMS ablegen") == [("e-akte", "shared", "DMS")]
    assert _recognised("Antrag per XTA an Fachverfahren übermitteln")[0][:2] == (
        "transport", "shared")
    assert _recognised("Zuständige Stelle über PVOG ermitteln") == [
        ("zustaendigkeit", "shared", "PVOG")]
    # A staff account is IT administration, not a citizen login.
    assert _recognised("Benutzerkonto im Verzeichnisdienst anlegen") == []
    # "Eid" is an oath, not the Online-Ausweis.
    assert _recognised("Eid abnehmen") == []


def test_payment_means_a_citizen_paying_a_fee() -> None:
    # Real wording from the demo register: internal accounting is no ePayment.
    assert _recognised("Rechnung an Lieferant zurücksenden") == []
    assert _recognised("Abrechnung auf Vollständigkeit prüfen") == []
    assert _recognised("Reisekosten erstatten") == []
    assert _recognised("Wohngeld auszahlen") == []
    assert _recognised("Gebühr entrichten") == [("bezahlen", "own", "Gebühr … entrichten")]
    assert _recognised("Zahlung einziehen") == [("bezahlen", "own", "Zahlung … einziehen")]
    assert _recognised("Gebührenbescheid bezahlen lassen")[0][:2] == ("bezahlen", "own")
    assert _recognised("Zahlungseingang manuell buchen") == [
        ("bezahlen", "own", "Zahlungseingang")]


def test_self_built_evidence_quotes_the_label() -> None:
    assert _recognised("Identität anhand Ausweis prüfen") == [
        ("identifikation", "own", "Identität … prüfen")]
    assert _recognised("Vorgang in Handakte abheften") == [("e-akte", "own", "Handakte")]
    assert _recognised("Bescheid per E-Mail an Antragsteller senden") == [
        ("postfach", "own", "E-Mail")]
    # E-mail between offices is not what the citizen's Postfach replaces.
    assert _recognised("Umweltamt per E-Mail benachrichtigen") == []


def test_digital_and_paper_steps_are_not_one_cluster() -> None:
    entries = [
        entry("A", ["In E-Akte ablegen", "Bescheid ins Postfach zustellen"], "F1", "Amt 1"),
        entry("B", ["Vorgang in Handakte abheften", "Bescheid per Post versenden"], "F1",
              "Amt 2"),
        entry("C", ["Akte ablegen", "Bescheid zustellen"], "F1", "Amt 3"),
        entry("D", ["In der E-Akte ablegen", "Bescheid in das Postfach zustellen"], "F1",
              "Amt 4"),
        entry("E", ["In Handakte ablegen", "Bescheid per Post zustellen"], "F1", "Amt 5"),
    ]
    result = analyse(entries)
    for cluster in result.clusters:
        labels = " | ".join(m.label for m in cluster.members)
        assert not ("E-Akte" in labels and "Handakte" in labels), labels
        assert not ("Postfach" in labels and "Post " in labels), labels
    clusters = cluster_labels(result)
    assert any({"In E-Akte ablegen", "In der E-Akte ablegen"} <= v for v in clusters.values())
    assert any({"Bescheid per Post versenden", "Bescheid per Post zustellen"} <= v
               for v in clusters.values())


def test_cluster_explanation_names_relations_in_the_labels_words() -> None:
    result = analyse([
        entry("A", ["Vollständigkeit prüfen"], "F1", "Amt 1"),
        entry("B", ["Vollständigkeitsprüfung durchführen"], "F1", "Amt 2"),
        entry("C", ["Vollständigkeit prüfen"], "F1", "Amt 3"),
    ])
    (cluster,) = result.clusters
    text = cluster.explanation.text()
    assert text.startswith("gemeinsame Handlung: prüfen; gemeinsames Objekt: Vollständigkeit")
    assert "prüfen ≈ Prüfung (Substantivierung)" in text
    assert "vollstandigkeit" not in text and "prufung" not in text
    assert cluster.explanation.text_en().startswith("shared action: prüfen; shared object:")
    data = result.to_dict()["clusters"][0]["explanation"]
    assert data["text"] == text and "nominalisation" in data["text_en"]


def test_fragment_time_counts_working_steps_only() -> None:
    result = analyse([
        entry("A", ["Antrag entgegennehmen", "Auf Nachreichung warten", "Vollständigkeit prüfen",
                    "Gebühr berechnen", "Hund anmelden"], "F1", "Amt 1", fallzahl=100,
              minutes=60),
        entry("B", ["Antrag empfangen", "Eingang der Nachreichung abwarten",
                    "Vollständigkeit prüfen", "Steuer festsetzen", "Bescheid drucken"], "F2",
              "Amt 2", fallzahl=100, minutes=60),
    ])
    fragment = next(f for f in result.fragments if "Vollständigkeit prüfen" in f.steps)
    assert any("warten" in step for step in fragment.steps)
    work = sum(1 for step in fragment.steps if "warten" not in step)
    # Per service: working steps of the fragment ÷ the process's 4 working steps
    # (the wait is no work) × 100 cases × 60 minutes.
    assert fragment.minutes_per_year == 2 * work / 4 * 100 * 60
    assert "ohne Warten" in fragment.explanation and "Obergrenze" in fragment.explanation
    assert "Obergrenze" in reports.to_markdown(result)
