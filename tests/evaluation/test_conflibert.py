"""The ConfliBERT evaluation: PentaClass mapping, CoNLL spans and their scoring, and a run."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.coding.ontology import cameo_table
from realpolitik.errors import ConfigError
from realpolitik.evaluation import conflibert
from realpolitik.evaluation.conflibert import Span
from realpolitik.models import ActorRef, Event, Evidence

DATASETS = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
FOLDER = DATASETS / "conflibert-cameo-manual"
needs_data = pytest.mark.skipif(not FOLDER.is_dir(), reason=f"shared dataset folder {FOLDER} is missing")
METRICS = ["penta_macro_f1", "penta_accuracy", "span_precision", "span_recall", "span_f1", "span_f1_relaxed"]

ALAND = ActorRef("Aland", "Aland", "ALA", None, "ALA")
BORDURIA = ActorRef("the Bordurian army", None, "BOR", "MIL", "BORMIL")
TOKENS = ("The", "Bordurian", "army", "shelled", "Aland", "and", "Aland", "protested", ".")


def make_event(source: ActorRef, target: ActorRef | None, symmetric: bool = False) -> Event:
    """A minimal event between two actors."""
    return Event(event_id="e", date=None, source=source, target=target, symmetric=symmetric, plover="ASSAULT",
                 mode=None, cameo="194", quad_class=4, goldstein=-10.0, modality="asserted", sectors=(),
                 evidence=Evidence("", 0, 0), confidence=0.5, coder="test")


# --- PentaClass ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("cameo", "penta"), [
    ("010", 0), ("0211", 0), ("030", 1), ("046", 1), ("051", 1), ("057", 1), ("061", 2), ("0841", 2),
    ("087", 2), ("090", 3), ("1123", 3), ("138", 3), ("141", 4), ("150", 4), ("161", 3), ("163", 3),
    ("173", 4), ("190", 4), ("204", 4),
])
def test_penta_class_of_cameo_roots(cameo, penta):
    assert conflibert.penta_class(cameo) == penta


def test_penta_class_follows_quad_class_except_reduce_relations():
    quad_to_penta = {1: {0, 1}, 2: {2}, 3: {3}, 4: {4}}
    assert all(conflibert.penta_class(code) in quad_to_penta[entry.quad_class]
               for code, entry in cameo_table().items() if not code.startswith("16"))


@pytest.mark.parametrize("cameo", ["000", "210", "x1"])
def test_penta_class_refuses_non_roots(cameo):
    with pytest.raises(ConfigError, match="has no root 01-20"):
        conflibert.penta_class(cameo)


# --- reading -------------------------------------------------------------------------------------------


def test_read_classes_handles_crlf_and_tabs_in_text(tmp_path):
    path = tmp_path / "train.tsv"
    path.write_bytes(b"Aland shelled Borduria.\t4\r\nAland said:\tit will talk.\t0\r\n")
    rows = conflibert.read_classes(path)
    assert rows == [("Aland shelled Borduria.", 4), ("Aland said:\tit will talk.", 0)]


def test_read_classes_bad_label_raises(tmp_path):
    path = tmp_path / "train.tsv"
    path.write_text("Aland shelled Borduria.\t7\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="train.tsv:1 is not 'sentence<TAB>label'"):
        conflibert.read_classes(path)


def test_read_conll_splits_sentences_on_blank_lines(tmp_path):
    path = tmp_path / "train.txt"
    path.write_text("Aland B-S\nwept O\n\n\nBorduria B-R\nrested O\n", encoding="utf-8")
    sentences = conflibert.read_conll(path)
    assert [s.tokens for s in sentences] == [("Aland", "wept"), ("Borduria", "rested")]
    assert sentences[1].tags == ("B-R", "O") and sentences[1].text == "Borduria rested"


def test_read_conll_missing_file_raises(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        conflibert.read_conll(tmp_path / "train.txt")


# --- spans ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("tags", "spans"), [
    (["B-S", "I-S", "O", "B-T"], {Span("S", 0, 2), Span("T", 3, 4)}),
    (["B-S", "B-S", "I-S"], {Span("S", 0, 1), Span("S", 1, 3)}),
    (["O", "I-T", "I-T", "O"], {Span("T", 1, 3)}),  # conlleval: a stray I- opens a span
    (["B-S", "I-T", "I-T"], {Span("S", 0, 1), Span("T", 1, 3)}),
    (["B-R", "I-R", "I-R"], {Span("R", 0, 3)}),
    (["O", "O"], set()),
])
def test_read_spans_conlleval_style(tags, spans):
    assert conflibert.read_spans(tags) == spans


@pytest.mark.parametrize(("phrase", "taken", "expected"), [
    ("the Bordurian army", set(), (0, 3)),  # case-insensitive
    ("Bordurian arm", set(), (1, 3)),  # widened to whole tokens
    ("Aland", set(), (4, 5)),
    ("Aland", {4}, (6, 7)),  # the next occurrence when the first is taken
    ("Carpania", set(), None),
])
def test_locate_finds_phrase_tokens(phrase, taken, expected):
    assert conflibert.locate(TOKENS, phrase, taken) == expected


def test_event_spans_source_and_target():
    spans, lost = conflibert.event_spans(TOKENS, make_event(BORDURIA, ALAND))
    assert spans == {Span("S", 0, 3), Span("T", 4, 5)} and lost == 0


def test_event_spans_symmetric_event_gives_two_r_spans():
    other = ActorRef("Aland", "Aland", "ALA", "GOV", "ALAGOV")
    spans, _ = conflibert.event_spans(TOKENS, make_event(ALAND, other, symmetric=True))
    assert spans == {Span("R", 4, 5), Span("R", 6, 7)}


def test_event_spans_use_the_phrase_an_actor_ref_spans():
    text = " ".join(TOKENS)
    army = ActorRef("Bordurian army", None, "BOR", "MIL", "BORMIL", start=0, end=len("The Bordurian army"))
    spans, lost = conflibert.event_spans(TOKENS, make_event(army, ALAND), text)
    assert spans == {Span("S", 0, 3), Span("T", 4, 5)} and lost == 0
    assert conflibert.event_spans(TOKENS, make_event(army, ALAND))[0] == {Span("S", 1, 3), Span("T", 4, 5)}


def test_event_spans_counts_unlocated_actors_and_no_event():
    missing = ActorRef("Carpania", "Carpania", "CAR", None, "CAR")
    assert conflibert.event_spans(TOKENS, make_event(BORDURIA, missing)) == ({Span("S", 0, 3)}, 1)
    assert conflibert.event_spans(TOKENS, None) == (set(), 0)


@pytest.mark.parametrize(("relaxed", "counts"), [(False, (1, 2, 2)), (True, (2, 1, 1))])
def test_span_counts_exact_and_relaxed(relaxed, counts):
    gold = {Span("S", 0, 3), Span("T", 4, 5), Span("T", 6, 7)}
    predicted = {Span("S", 1, 3), Span("T", 4, 5), Span("S", 6, 7)}  # S 1-3 overlaps; S 6-7 wrong label
    assert conflibert.span_counts(gold, predicted, relaxed) == counts


def test_span_counts_relaxed_matches_each_gold_span_once():
    gold = {Span("S", 0, 4)}
    predicted = {Span("S", 0, 1), Span("S", 2, 3)}
    assert conflibert.span_counts(gold, predicted, relaxed=True) == (1, 1, 0)


def test_span_prf_micro_over_sentences_and_labels():
    gold = [{Span("S", 0, 1), Span("T", 2, 3)}, {Span("R", 0, 2)}]
    predicted = [{Span("S", 0, 1)}, {Span("R", 0, 1)}]
    assert conflibert.span_prf(gold, predicted) == pytest.approx((0.5, 1 / 3, 0.4))
    assert conflibert.span_prf(gold, predicted, relaxed=True) == pytest.approx((1.0, 2 / 3, 0.8))
    assert conflibert.span_prf(gold, predicted, labels=["S"]) == pytest.approx((1.0, 1.0, 1.0))


def test_format_spans_in_sentence_order():
    spans = {Span("T", 4, 5), Span("S", 0, 3)}
    assert conflibert.format_spans(TOKENS, spans) == "S[The Bordurian army] T[Aland]"
    assert conflibert.format_spans(TOKENS, set()) == "-"


# --- a run on the shared data ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def result(engine):
    """The training files evaluated once for the tests below."""
    return conflibert.evaluate(FOLDER, engine)


@pytest.mark.slow
@needs_data
def test_evaluate_metrics_named_and_bounded(result):
    assert [m.name for m in result.metrics] == METRICS
    assert all(0.0 <= m.value <= 1.0 for m in result.metrics)
    assert result.metric("penta_macro_f1").target == 0.85 and result.metric("span_f1").reference == 0.745


@pytest.mark.slow
@needs_data
def test_evaluate_items_are_the_sentences_of_both_files(result):
    classes = (FOLDER / conflibert.CLASS_FILE).read_text(encoding="utf-8").splitlines()
    conll = (FOLDER / conflibert.NER_FILE).read_text(encoding="utf-8").split("\n\n")
    penta_items = sum(1 for line in classes if line.strip())
    span_items = sum(1 for block in conll if block.strip())
    assert (result.extra["penta_items"], result.extra["span_items"]) == (penta_items, span_items)
    assert result.items == penta_items + span_items


@pytest.mark.slow
@needs_data
def test_evaluate_penta_extras_add_up(result):
    confusion = result.extra["penta_confusion"]
    assert sum(sum(row.values()) for row in confusion.values()) == result.extra["penta_items"]
    assert 0 <= result.extra["no_event"] <= result.extra["penta_items"]
    assert set(result.extra["penta_per_label_f1"]) == {"0", "1", "2", "3", "4"}


@pytest.mark.slow
@needs_data
def test_evaluate_misses_of_both_parts(result):
    penta = [m for m in result.misses if m.rule.startswith("penta ")]
    spans = [m for m in result.misses if m.rule.startswith("spans ")]
    assert len(penta) + len(spans) == len(result.misses)
    wrong = round((1 - result.metric("penta_accuracy").value) * result.extra["penta_items"])
    assert len(penta) == wrong
    assert all(m.gold != m.predicted and {m.gold, m.predicted} <= set("01234") for m in penta)
    assert all(m.item and m.gold != m.predicted for m in spans)
