"""The GUM Wikinews evaluation: the CoNLL-U entity reader, countries from titles, scoring, and a run."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.evaluation import gum
from realpolitik.models import Actor, CodedDocument

DATASETS = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
FOLDER = DATASETS / "gum-wikinews"
METRICS = ("mention_recall", "country_accuracy", "state_mention_recall")
needs_data = pytest.mark.skipif(not FOLDER.is_dir(), reason=f"shared dataset folder {FOLDER} is missing")


def row(*cells: str) -> str:
    """One CoNLL-U line from its ten columns."""
    return "\t".join(cells)


# A made-up two-sentence document: a nested, linked place inside an organization, a multiword token,
# a single-word linked mention, and an unlinked person.
CONLLU = "\n".join([
    "# newdoc id = demo",
    "# meta::title = Ruritania's army moves",
    "# meta::dateCreated = 2020-05-01",
    "# newpar",
    "# text = Ruritania's army moved.",
    row("1-2", "Ruritania's", "_", "_", "_", "_", "_", "_", "_", "_"),
    row("1", "Ruritania", "Ruritania", "PROPN", "NNP", "_", "3", "nmod:poss", "_",
        "Entity=(1-organization-new-sssss-cf1-1-coref(2-place-new-sssss-cf2-1-coref-Ruritania"),
    row("2", "'s", "'s", "PART", "POS", "_", "1", "case", "_", "Entity=2)"),
    row("3", "army", "army", "NOUN", "NN", "_", "4", "nsubj", "_", "Entity=1)"),
    row("4", "moved", "move", "VERB", "VBD", "_", "0", "root", "_", "SpaceAfter=No"),
    row("5", ".", ".", "PUNCT", ".", "_", "4", "punct", "_", "_"),
    "",
    "# newpar",
    "# text = Ann Lee and France President agreed.",
    row("1", "Ann", "Ann", "PROPN", "NNP", "_", "6", "nsubj", "_", "Entity=(3-person-new-sssss-cf1-1,2-sgl"),
    row("2", "Lee", "Lee", "PROPN", "NNP", "_", "1", "flat", "_", "Entity=3)"),
    row("3", "and", "and", "CCONJ", "CC", "_", "5", "cc", "_", "_"),
    row("4", "France", "France", "PROPN", "NNP", "_", "5", "compound", "_",
        "Entity=(4-person-new-sssss-cf2-1,2-coref-President_of_France(5-place-new-s-cf3-1-coref-France)"),
    row("5", "President", "President", "PROPN", "NNP", "_", "1", "conj", "_", "Entity=4)"),
    row("6", "agreed", "agree", "VERB", "VBD", "_", "0", "root", "_", "SpaceAfter=No"),
    row("7", ".", ".", "PUNCT", ".", "_", "6", "punct", "_", "_"),
    "",
])


@pytest.fixture(scope="module")
def demo():
    """The made-up document, read."""
    [document] = gum.read_conllu(CONLLU)
    return document


@pytest.mark.parametrize("value, items", [
    ("(1-organization-acc:com-sssss-cf1-1,2-coref-North_Korea",
     [("open", "1", "organization-acc:com-sssss-cf1-1,2-coref-North_Korea")]),
    ("1)", [("close", "1", "")]),
    ("(2-organization-acc:inf-nssss-cf2-1-coref-Korean_People's_Army)",
     [("single", "2", "organization-acc:inf-nssss-cf2-1-coref-Korean_People's_Army")]),
    ("(5-time-new-snnnn-cf2-1-sgl)4)", [("single", "5", "time-new-snnnn-cf2-1-sgl"), ("close", "4", "")]),
    ("(28-abstract-new-nnnnn-cf8-3-sgl(29-place-new-nnssn-cf7-1-coref-Afghanistan",
     [("open", "28", "abstract-new-nnnnn-cf8-3-sgl"),
      ("open", "29", "place-new-nnssn-cf7-1-coref-Afghanistan")]),
    ("", []),
])
def test_parse_entity_field(value, items):
    assert gum.parse_entity_field(value) == items


def test_read_conllu_rebuilds_the_text(demo):
    assert demo.id == "demo" and demo.title == "Ruritania's army moves" and demo.date == "2020-05-01"
    assert demo.text == "Ruritania's army moved.\n\nAnn Lee and France President agreed."


def test_read_conllu_splits_multiword_tokens(demo):
    first, second = demo.words[0], demo.words[1]
    assert demo.text[first.start:first.end] == "Ruritania" and demo.text[second.start:second.end] == "'s"


def test_read_conllu_finds_nested_mentions_heads_and_titles(demo):
    spans = {(m.etype, m.title): demo.text[demo.words[m.first].start:demo.words[m.last].end]
             for m in demo.mentions}
    assert spans == {
        ("place", "Ruritania"): "Ruritania's",
        ("organization", None): "Ruritania's army",
        ("person", None): "Ann Lee",
        ("place", "France"): "France",
        ("person", "President_of_France"): "France President",
    }
    heads = {m.title or m.etype: demo.words[m.head].form for m in demo.mentions}
    assert heads["organization"] == "army" and heads["person"] == "Ann" and heads["Ruritania"] == "Ruritania"


def test_scored_mentions_need_a_proper_noun_head(demo):
    scored = {m.title or m.etype for m in gum.scored_mentions(demo)}
    assert scored == {"Ruritania", "person", "France", "President_of_France"}


@pytest.mark.parametrize("title, expected", [
    ("North_Korea", ("PRK", "country")),
    ("United_Kingdom", ("GBR", "country")),
    ("Government_of_the_United_Kingdom", ("GBR", "organ")),
    ("Supreme_Court_of_Cassation_%28Italy%29", ("ITA", "organ")),
    ("United_States_Department_of_State", ("USA", "organ")),
    ("Home_Office", ("GBR", "organ")),
    ("Barack_Obama", ("USA", "person")),
    ("Afghans", ("AFG", "people")),
    ("Sweden_national_football_team", (None, "")),
    ("Andy_Warhol", (None, "")),
    ("Texas", (None, "")),
])
def test_country_of_title(title, expected):
    assert gum.country_of_title(title) == expected


def test_score_document_counts_found_and_resolved(demo):
    start = demo.text.index("France President")
    actors = (
        Actor("Ruritania", 0, 9, "Ruritania", "state", "XXX", None, "XXX"),
        Actor("France President", start, start + 16, None, "person", "FRA", "GOV", "FRAGOV"),
    )
    coded = CodedDocument(id="demo", origin="demo", text=demo.text, actors=actors)
    tally = gum._Tally()
    gum.score_document(demo, coded, tally)
    assert (tally.gold, tally.found) == (4, 3)  # Ann Lee is missed
    assert (tally.linked, tally.linked_right) == (2, 2)  # France and President_of_France; Ruritania unknown
    assert (tally.states, tally.states_found) == (1, 1)
    assert {m.rule for m in tally.misses} == {"not_found"}


@needs_data
def test_read_the_shared_documents():
    documents = [d for path in sorted((FOLDER / "dep").glob("*.conllu"))
                 for d in gum.read_conllu(path.read_text(encoding="utf-8"))]
    assert len(documents) == 24
    for path, document in zip(sorted((FOLDER / "dep").glob("*.conllu")), documents, strict=True):
        sentences = [line[len("# text = "):] for line in path.read_text(encoding="utf-8").splitlines()
                     if line.startswith("# text = ")]
        assert all(sentence in document.text for sentence in sentences)
        assert all(m.first <= m.head <= m.last for m in document.mentions)


@pytest.mark.slow
@needs_data
def test_evaluate_is_well_formed(engine):
    result = gum.evaluate(FOLDER, engine)
    assert result.dataset == "gum-wikinews" and result.items == 24
    assert [m.name for m in result.metrics] == list(METRICS)
    assert all(0.0 <= m.value <= 1.0 for m in result.metrics)
    assert result.seconds > 0
    assert result.extra["linked_with_country"] > 0 and result.extra["state_mentions"] > 0
    assert result.misses and all(m.item and m.gold and m.rule for m in result.misses)
