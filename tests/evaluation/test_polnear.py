"""The PolNeAR evaluation: the brat reader, gold direct quotes, speaker judging, scoring, and a run."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.evaluation import polnear
from realpolitik.evaluation.polnear import GoldQuote, Relation, TextBound
from realpolitik.models import Actor, ActorRef, Quote

DATASETS = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
FOLDER = DATASETS / "polnear-attribution"
METRICS = ("speaker_f1", "speaker_precision", "speaker_recall", "quote_f1")
needs_data = pytest.mark.skipif(not FOLDER.is_dir(), reason=f"shared dataset folder {FOLDER} is missing")

# A made-up article and its annotation, in the dataset's format (tab-separated brat standoff).
TEXT = ('Mayor Ana Ruiz spoke. "We will fix the bridge soon," she said. A city tweet called it "late". '
        'Officials expect delays, "maybe for months on end," and "more after that."')
ANN = "\n".join([
    "T1\tSource 0 14\tMayor Ana Ruiz",
    "T2\tCue 15 20\tspoke",
    "T3\tContent 23 52\tWe will fix the bridge soon,\"",
    "T4\tSource 53 56\tshe",
    "T5\tCue 57 61\tsaid",
    "T6\tSource 63 75\tA city tweet",
    "T7\tCue 76 82\tcalled",
    "T8\tContent 83 93\tit \"late\".",
    "T9\tContent 119 145;150 168\t\"maybe for months on end,\" \"more after that.\"",
    "T10\tCue 94 110\tOfficials expect",
    "T11\tAttribution 57 61\tsaid",
    "T12\tAttribution-no-source 94 110\tOfficials expect",
    "T13\tAttribution 76 82\tcalled",
    "E1\tAttribution:T11 Content:T3 Cue:T5 Source:T4",
    "E2\tAttribution:T13 Content:T8 Cue:T7 Source:T6",
    "E3\tAttribution-no-source:T12 Content:T9 Cue:T10",
    "T14\tDiscard 0 5\tMayor",
])


def bound(text: str, start: int = 0, label: str = "Source") -> TextBound:
    """A one-fragment text-bound annotation."""
    return TextBound("T", label, ((start, start + len(text)),), text)


def ref(text: str, name: str | None = None) -> ActorRef:
    """A resolved speaker reference."""
    return ActorRef(text, name or text, "USA", None, "USA")


def test_parse_ann_reads_spans_and_relations():
    bounds, relations = polnear.parse_ann(ANN)
    assert bounds["T9"].fragments == ((119, 145), (150, 168))
    assert bounds["T14"].label == "Discard"
    assert [(r.id, r.kind) for r in relations] == [
        ("E1", "Attribution"), ("E2", "Attribution"), ("E3", "Attribution-no-source")]
    assert relations[0].source.text == "she" and relations[0].cue.text == "said"
    assert relations[2].source is None


def test_annotation_offsets_match_the_made_up_text():
    bounds, _ = polnear.parse_ann(ANN)
    for item in bounds.values():
        assert " ".join(TEXT[a:b] for a, b in item.fragments) == item.text


def test_gold_quotes_keep_direct_ones_and_resolve_pronouns():
    golds = polnear.gold_quotes(*polnear.parse_ann(ANN), TEXT)
    assert [g.relation.id for g in golds] == ["E1", "E2", "E3"]
    # "she" goes back to the nearest Source ending in a name, not to "A city tweet" (nor forward)
    assert golds[0].speaker.text == "Mayor Ana Ruiz"
    assert golds[2].speaker is None


@pytest.mark.parametrize("content, text, direct", [
    ('"We will go," he said.', '"We will go," he said.', True),
    ("\u201cWe will go,\u201d he said.", "\u201cWe will go,\u201d he said.", True),
    ("We will go,", "''We will go,'' he said.", True),  # the NYT's two apostrophes, outside the span
    ("that they would go", "He said that they would go.", False),
])
def test_is_direct(content, text, direct):
    start = text.index(content)
    assert polnear.is_direct(bound(content, start, "Content"), text) is direct


@pytest.mark.parametrize("source, head", [
    ("longtime Democratic pollster Pat Caddell", "Caddell"),
    ("Trump campaign spokesman Jason Miller", "Miller"),
    ("Victor Cha, who served as Asia director for the National Security Council", "Cha"),
    ("Rep. Joseph Crowley (D-N.Y.), a leading advocate", "Crowley"),
    ("Donald Trump\u2019s", "Trump"),
    ("officials", "officials"),
    ("The New York businessman", "businessman"),
    ("a narrator in the Clinton ad", "narrator"),
    ("Mr. Morgan of the Sierra Club", "Morgan"),
    ("Martin Luther King Jr.", "King"),
])
def test_head_word(source, head):
    assert polnear.head_word(bound(source))[0] == head


@pytest.mark.parametrize("source, named", [
    ("Mayor Ana Ruiz", True), ("The Republican", False), ("a Donald Trump tweet", False),
    ("his doctor", False),
])
def test_is_named(source, named):
    assert polnear.is_named(bound(source)) is named


def gold_for(source: str, start: int = 100) -> GoldQuote:
    """A gold quote whose Source is the given text at the given offset."""
    source_bound = bound(source, start)
    relation = Relation("E1", "Attribution", bound("quoted words here", 0, "Content"), None, source_bound)
    return GoldQuote(relation, source_bound)


def test_right_speaker_by_surname_past_a_suffix():
    assert polnear.is_right_speaker(ref("Vann R. Newkirk II"), gold_for("Vann R. Newkirk II, a writer"), ())


def test_right_speaker_by_surname():
    assert polnear.is_right_speaker(ref("Caddell"), gold_for("pollster Pat Caddell"), ())
    assert polnear.is_right_speaker(ref("the senator", "Pat Caddell"), gold_for("Caddell"), ())


def test_modifier_overlap_is_not_the_speaker():
    gold = gold_for("Trump campaign manager Kellyanne Conway")
    actors = (Actor("Trump", 100, 105, "Donald Trump", "person", "USA", None, "USA"),)
    assert not polnear.is_right_speaker(ref("Trump", "Donald Trump"), gold, actors)


def test_right_speaker_by_position_of_the_head():
    gold = gold_for("officials in Moscow", 100)  # head "officials", which is not the speaker's last word
    actors = (Actor("officials in Moscow", 100, 119, None, "group", "RUS", "GOV", "RUSGOV"),)
    speaker = ActorRef("officials in Moscow", None, "RUS", "GOV", "RUSGOV")
    assert polnear.is_right_speaker(speaker, gold, actors)
    assert not polnear.is_right_speaker(speaker, gold, ())


def test_speaker_visibility():
    gold = gold_for("pollster Pat Caddell", 100)
    unresolved = Actor("Pat Caddell", 109, 120, "Pat Caddell", "person", None, None, None)
    assert polnear.speaker_visibility(gold, ()) == "unseen"
    assert polnear.speaker_visibility(gold, (unresolved,)) == "unresolved"


@pytest.mark.parametrize("start, end, matched", [(23, 50, True), (22, 30, True), (0, 21, False)])
def test_match_quote_needs_half_the_shorter_span(start, end, matched):
    golds = polnear.gold_quotes(*polnear.parse_ann(ANN), TEXT)
    found = polnear.match_quote(Quote(TEXT[start:end], start, end, None), golds)
    assert (found is not None) is matched


def test_quoted_words_counts_the_longest_quoted_stretch():
    _, relations = polnear.parse_ann(ANN)
    assert polnear.quoted_words(TEXT, relations[1].content) == 1  # a scare quote: 'called it "late"'
    assert polnear.quoted_words(TEXT, relations[2].content) == 5


@needs_data
def test_read_articles_takes_the_first_annotator():
    articles = polnear.read_articles(FOLDER)
    assert len(articles) == 84
    for name, _, annotator in articles:
        assert (FOLDER / "dev" / "attributions" / f"{name}_{annotator}.ann").is_file()


@pytest.mark.slow
@needs_data
def test_evaluate_is_well_formed(engine):
    result = polnear.evaluate(FOLDER, engine)
    assert result.dataset == "polnear" and result.items == 84
    assert [m.name for m in result.metrics] == list(METRICS)
    assert all(0.0 <= m.value <= 1.0 for m in result.metrics)
    assert result.metric("speaker_f1").target == 0.80
    assert result.seconds > 0
    assert result.extra["gold_with_source"] <= result.extra["gold_direct_quotes"]
    assert abs(sum(result.extra["gold_speaker_visibility"].values()) - 1.0) < 0.01
    assert result.misses and all(m.item and m.rule and (m.gold or m.predicted) for m in result.misses)
    assert all(len(m.item.split(": ", 1)[1]) <= 100 for m in result.misses)


def test_gold_label_shows_source_and_antecedent():
    golds = polnear.gold_quotes(*polnear.parse_ann(ANN), TEXT)
    assert [polnear.gold_label(g) for g in golds] == ["she (= Mayor Ana Ruiz)", "A city tweet", ""]
