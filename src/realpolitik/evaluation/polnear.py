"""PolNeAR (dev split): direct quotations in US political news and who said them.

Gold data: brat standoff files, one per article and annotator (``dev/attributions/<file>_<ann>.ann``),
over ``dev/text/<file>.txt``. Each ``E`` line is one attribution relation: a Content span (the quote or
paraphrase), a Cue (the reporting verb) and usually a Source (the speaker; ``Attribution-no-source``
relations have none). realpolitik extracts only *direct* quotes, so the gold set is the relations whose
Content holds a double quotation mark (straight, curly, or the NYT's two apostrophes ``''``), or sits right
inside one. Double-annotated articles are scored against the first annotator listed in metadata.tsv.

Matching: a predicted quote matches the gold Content it overlaps most, if the overlap is at least half of
the shorter of the two spans (a gold Content may hold several quoted fragments, so several predicted
quotes may match one gold relation).

A predicted speaker is right when, for the gold Source or (when the Source is a bare pronoun, since the
.ann files carry no coreference) its stand-in antecedent, the nearest preceding gold Source that is not a
pronoun (for "he", "she", "I": the nearest that ends in a name):
 * one of our actor mentions with the speaker's text covers the Source's head word (the last word of its
   first noun phrase, before an apposition, relative clause or preposition, name suffixes aside: a
   surname, or the noun of a description, "businessman" in "The New York businessman"); merely
   overlapping a modifier ("*Trump* campaign manager Kellyanne Conway") is not enough; or
 * the speaker's name or text ends in that head word (same surname: "Caddell" for "pollster Pat Caddell";
   "the Indiana governor" for "The Indiana governor").
(Until the quote speakers of issue #3 the head was the Source's last capitalised word, so a description
such as "The commission" could never match.)

Pairs are counted per gold relation with a Source: a true positive when any matching predicted quote
carries a right speaker; every predicted quote with a wrong speaker, or with a speaker but no gold direct
quote, is a false positive. Predicted speakers on quotes whose gold relation has no Source are left out.

Each miss carries a reason (the ``rule``): ``wrong_speaker``; ``no_gold_quote``; for a gold quote we did not
output, ``quote_marked_with_two_apostrophes``, ``quoted_words_under_3`` (a scare quote inside a
paraphrase), ``quote_not_found`` or ``quote_not_emitted:<why>`` (the quote finder saw it but its sentence
was never parsed); for one output without a speaker, ``no_speaker:<why>``. ``<why>`` is the first that holds
of ``cue_in_other_sentence``, ``speaker_unseen``/``speaker_unresolved`` (our actor matcher has no mention,
or no country, at the gold speaker's head word), ``cue_not_a_speech_verb``, ``speaker_not_linked``.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from realpolitik.coding.quotes import find_quotes
from realpolitik.evaluation.base import EvalResult, Metric, Miss, Timer, prf
from realpolitik.models import Actor, ActorRef, CodedDocument, Quote, RawDocument
from realpolitik.nlp.sentences import normalise_typography, split_sentences
from realpolitik.pipeline import SPEECH_FORMS, Engine, process

DATASET = "polnear"
SPLIT = "dev"
# Share of the shorter span two quote spans must share to match (the dataset's own suggestion).
MIN_OVERLAP = 0.5
SPEAKER_F1_TARGET = 0.80
QUOTE_MARKS = ('"', "\u201c", "\u201d", "''")
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "i", "me"})
PRONOUNS = PERSON_PRONOUNS | {"they", "them", "we", "you", "it", "us", "its", "their", "who", "which", "that"}
# A Source's own name ends before an apposition or relative clause ("Victor Cha, who served as ...").
NAME_END = re.compile(r",|\(|\s(?:who|whom|which|that)\s|\s[-\u2013\u2014]{1,2}\s")
# Capitalised words that end a Source without naming a person ("The Republican").
NOT_NAMES = frozenset({"republican", "republicans", "democrat", "democrats", "democratic", "libertarian",
                       "gop", "american", "americans"})
MIN_QUOTE_WORDS = 3  # as realpolitik.coding.quotes
# A Source's first noun phrase ends at a preposition ("a narrator in the Clinton ad"); name suffixes
# are not its head ("Martin Luther King Jr.").
HEAD_CUTS = frozenset({"of", "in", "at", "for", "from", "with", "on", "to", "by", "about"})
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass(frozen=True)
class TextBound:
    """A brat text-bound annotation: label and (possibly discontinuous) character fragments."""

    id: str
    label: str
    fragments: tuple[tuple[int, int], ...]
    text: str

    @property
    def start(self) -> int:
        """First character of the first fragment."""
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        """End of the last fragment."""
        return self.fragments[-1][1]


@dataclass(frozen=True)
class Relation:
    """A brat event line: one attribution with its Content, Cue and Source (if any)."""

    id: str
    kind: str  # Attribution | Attribution-no-source
    content: TextBound
    cue: TextBound | None
    source: TextBound | None


@dataclass(frozen=True)
class GoldQuote:
    """A gold direct quote: its relation and the Source mention that names the speaker."""

    relation: Relation
    speaker: TextBound | None  # the Source, or its antecedent when the Source is a pronoun

    @property
    def content(self) -> TextBound:
        """The quoted Content span."""
        return self.relation.content


@dataclass
class _Tally:
    """Counts and misses gathered over the articles."""

    pair_tp: int = 0
    pair_fp: int = 0
    pair_fn: int = 0
    quote_tp: int = 0
    quote_fp: int = 0
    quote_fn: int = 0
    gold_quotes: int = 0
    gold_with_source: int = 0
    partial_quotes: int = 0
    visible_tp: int = 0  # true pairs whose gold speaker our matcher resolves
    pronoun_sources: int = 0
    ignored_no_source: int = 0
    visibility: Counter = field(default_factory=Counter)
    reasons: Counter = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)


# --- reading the gold data -------------------------------------------------------------------------


def parse_ann(ann: str) -> tuple[dict[str, TextBound], list[Relation]]:
    """Parse a brat standoff file: the text-bound annotations by id, and the attribution relations."""
    bounds: dict[str, TextBound] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, spans = parts[1].partition(" ")
            fragments = tuple(_fragment(piece) for piece in spans.split(";"))
            bounds[parts[0]] = TextBound(parts[0], label, fragments, parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(arg.split(":", 1) for arg in parts[1].split())
            events.append((parts[0], args))
    relations = []
    for event_id, args in events:
        kind = next((k for k in args if k.startswith("Attribution")), "")
        if "Content" not in args or args["Content"] not in bounds:
            continue
        relations.append(Relation(event_id, kind, bounds[args["Content"]], bounds.get(args.get("Cue", "")),
                                  bounds.get(args.get("Source", ""))))
    return bounds, relations


def is_direct(content: TextBound, text: str) -> bool:
    """A Content holding a double quotation mark, or sitting right inside one."""
    around = text[max(content.start - 2, 0):content.start] + text[content.end:content.end + 2]
    inner = " ".join(text[a:b] for a, b in content.fragments)
    return any(mark in inner or mark in around for mark in QUOTE_MARKS)


def quoted_words(text: str, content: TextBound) -> int:
    """Words in the longest double-quoted stretch of a Content (mixed quotes hold only a word or two)."""
    window = normalise_typography(text[max(content.start - 2, 0):content.end + 2]).replace("''", '"')
    return max((len(piece.split()) for piece in re.findall(r'"([^"]+)"', window)), default=0)


def _fragment(piece: str) -> tuple[int, int]:
    """One ``start end`` character fragment of a brat span."""
    start, end = piece.split()
    return int(start), int(end)


def is_pronoun(bound: TextBound) -> bool:
    """A Source that is a bare pronoun ("he", "they")."""
    return bound.text.strip().lower() in PRONOUNS


def gold_quotes(bounds: dict[str, TextBound], relations: list[Relation], text: str) -> list[GoldQuote]:
    """The direct-quote relations, each with its speaker mention (pronouns resolved to an antecedent).

    The .ann files carry no coreference, so a pronoun Source stands for the nearest preceding Source that
    is not a pronoun; for "he", "she" or "I", the nearest that ends in a person's name (not "a Donald
    Trump tweet", "The Republican presidential nominee").
    """
    sources = sorted((b for b in bounds.values() if b.label == "Source" and not is_pronoun(b)),
                     key=lambda b: b.start)
    out = []
    for relation in relations:
        if not is_direct(relation.content, text):
            continue
        speaker = relation.source
        if speaker is not None and is_pronoun(speaker):
            person = speaker.text.strip().lower() in PERSON_PRONOUNS
            before = [b for b in sources if b.start < speaker.start and (is_named(b) or not person)]
            speaker = before[-1] if before else None
        out.append(GoldQuote(relation, speaker))
    return sorted(out, key=lambda g: g.content.start)


def read_articles(folder: Path) -> list[tuple[str, str, str]]:
    """(file name, publication date, annotator) of every article of the split, from metadata.tsv."""
    with (folder / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t") if row["compartment"] == SPLIT]
    return [(row["filename"], row["publication_date"], row["annotators"].split("|")[0]) for row in rows]


# --- matching ----------------------------------------------------------------------------------


def overlap_share(quote: Quote, content: TextBound) -> float:
    """Characters the spans share, as a share of the shorter one."""
    shared = sum(max(0, min(quote.end, b) - max(quote.start, a)) for a, b in content.fragments)
    shorter = min(quote.end - quote.start, sum(b - a for a, b in content.fragments))
    return shared / shorter if shorter > 0 else 0.0


def match_quote(quote: Quote, golds: list[GoldQuote]) -> GoldQuote | None:
    """The gold quote a predicted one overlaps most, if it overlaps enough."""
    best = max(golds, key=lambda g: overlap_share(quote, g.content), default=None)
    return best if best is not None and overlap_share(quote, best.content) >= MIN_OVERLAP else None


def _name_words(bound: TextBound) -> list[tuple[str, int, int]]:
    """The words of a Source up to an apposition or relative clause, with their document offsets."""
    cut = NAME_END.search(bound.text)
    segment = bound.text[:cut.start()] if cut else bound.text
    words = [(m.group(), bound.start + m.start(), bound.start + m.end())
             for m in re.finditer(r"[\w.'\u2019-]+", segment)]
    words = [(w.removesuffix("'s").removesuffix("\u2019s").strip(".'\u2019"), a, b) for w, a, b in words]
    return [w for w in words if w[0]]


def head_word(bound: TextBound) -> tuple[str, int, int]:
    """The head of a Source: the last word of its first noun phrase (before an apposition, a relative
    clause or a preposition): the surname of a name ("pollster Pat Caddell", "Mr. Morgan of the Sierra
    Club"), the noun of a description ("The New York businessman", "a narrator in the Clinton ad")."""
    words = _name_words(bound)
    if not words:
        return bound.text, bound.start, bound.end
    cut = next((k for k, w in enumerate(words) if k > 0 and w[0].lower() in HEAD_CUTS), len(words))
    kept = [w for w in words[:cut] if w[0].lower() not in NAME_SUFFIXES] or words[:cut]
    return kept[-1]


def is_named(bound: TextBound) -> bool:
    """A Source whose name part ends in a capitalised name ("pollster Pat Caddell", not "his doctor")."""
    words = _name_words(bound)
    return bool(words) and words[-1][0][:1].isupper() and words[-1][0].lower() not in NOT_NAMES


def last_word(text: str | None) -> str:
    """The last word of a name, lower-cased, without a possessive or a suffix ("Jr.", "II")."""
    words = [w.lower().removesuffix("'s").removesuffix("\u2019s")
             for w in re.findall(r"[\w'\u2019-]+", text or "")]
    kept = [w for w in words if w not in NAME_SUFFIXES] or words
    return kept[-1] if kept else ""


def is_right_speaker(speaker: ActorRef, gold: GoldQuote, actors: Iterable[Actor]) -> bool:
    """Whether our speaker is the gold Source (or its antecedent): same head-word position or surname."""
    candidates = {b for b in (gold.relation.source, gold.speaker) if b is not None and not is_pronoun(b)}
    for bound in candidates:
        head, start, end = head_word(bound)
        if head.lower() in (last_word(speaker.name), last_word(speaker.text)):
            return True
        wanted = normalise_typography(speaker.text)
        if any(normalise_typography(a.text) == wanted and a.start < end and start < a.end for a in actors):
            return True
    return False


def speaker_visibility(gold: GoldQuote, actors: Iterable[Actor]) -> str:
    """Can find_speaker see the gold speaker: resolved (a country or code), unresolved, or unseen."""
    if gold.speaker is None or is_pronoun(gold.speaker):
        return "no_antecedent"
    _, start, end = head_word(gold.speaker)
    covering = [a for a in actors if a.start < end and start < a.end]
    if any(a.country or a.code for a in covering):
        return "resolved"
    return "unresolved" if covering else "unseen"


# --- scoring one article -------------------------------------------------------------------------


@dataclass
class _Article:
    """One article's text, gold quotes and coded result, with what error analysis needs."""

    name: str
    text: str
    golds: list[GoldQuote]
    coded: CodedDocument
    sentence_starts: list[int]  # for error analysis
    candidates: list[tuple[int, int]]  # every quote span the quote finder sees, emitted or not

    def sentence(self, position: int) -> int:
        """Index of the sentence a character offset falls in."""
        return bisect_right(self.sentence_starts, position) - 1


def score_article(article: _Article, tally: _Tally) -> None:
    """Add one article's quote and pair counts, and its misses, to the tally."""
    matches: dict[int, list[Quote]] = {}
    for quote in article.coded.quotes:
        gold = match_quote(quote, article.golds)
        if gold is None:
            tally.quote_fp += 1
            if quote.speaker is not None:
                tally.pair_fp += 1
                _miss(tally, article, quote.text, "", quote.speaker.text, "no_gold_quote")
            continue
        matches.setdefault(id(gold), []).append(quote)
    tally.gold_quotes += len(article.golds)
    tally.partial_quotes += sum(quoted_words(article.text, g.content) < MIN_QUOTE_WORDS
                                for g in article.golds)
    for gold in article.golds:
        found = matches.get(id(gold), [])
        tally.quote_tp += bool(found)
        tally.quote_fn += not found
        if gold.relation.source is None:
            tally.ignored_no_source += sum(q.speaker is not None for q in found)
            continue
        _score_pair(article, gold, gold.relation.source, found, tally)


def _score_pair(article: _Article, gold: GoldQuote, source: TextBound, found: list[Quote],
                tally: _Tally) -> None:
    """Count one gold quote with its Source against the predicted quotes that match it."""
    tally.gold_with_source += 1
    tally.pronoun_sources += is_pronoun(source)
    visibility = speaker_visibility(gold, article.coded.actors)
    tally.visibility[visibility] += 1
    right = [q for q in found if q.speaker and is_right_speaker(q.speaker, gold, article.coded.actors)]
    tally.visible_tp += bool(right) and visibility == "resolved"
    wrong = [(q, speaker) for q in found if (speaker := q.speaker) and q not in right]
    tally.pair_fp += len(wrong)
    for quote, speaker in wrong:
        _miss(tally, article, quote.text, gold_label(gold), speaker.text, "wrong_speaker")
    if right:
        tally.pair_tp += 1
        return
    tally.pair_fn += 1
    if not wrong:
        reason = miss_reason(article, gold, found)
        quote_text = found[0].text if found else article.text[gold.content.start:gold.content.end]
        _miss(tally, article, quote_text, gold_label(gold), "", reason)


def gold_label(gold: GoldQuote) -> str:
    """The gold speaker as a miss shows it: the Source, and the antecedent taken for a pronoun."""
    source = gold.relation.source
    if source is None:  # an Attribution-no-source quote names no speaker
        return ""
    if gold.speaker is None or gold.speaker is source:
        return source.text
    return f"{source.text} (= {gold.speaker.text})"


def miss_reason(article: _Article, gold: GoldQuote, found: list[Quote]) -> str:
    """Why a gold pair got no predicted speaker at all: the first of a fixed list of causes that holds."""
    content = gold.content
    if not found:
        if "''" in article.text[max(content.start - 2, 0):content.end + 2]:
            return "quote_marked_with_two_apostrophes"
        if any(a < content.end and content.start < b for a, b in article.candidates):
            return "quote_not_emitted:" + _speaker_problem(article, gold, content.start)
        if quoted_words(article.text, content) < MIN_QUOTE_WORDS:
            return "quoted_words_under_3"  # a scare quote inside a paraphrase: 'called it "rigged"'
        return "quote_not_found"
    return "no_speaker:" + _speaker_problem(article, gold, found[0].start)


def _speaker_problem(article: _Article, gold: GoldQuote, quote_start: int) -> str:
    """What keeps find_speaker from the gold speaker: the cue's sentence, the actor, or the cue word."""
    cue = gold.relation.cue
    if cue is not None and article.sentence(cue.start) != article.sentence(quote_start):
        return "cue_in_other_sentence"
    visibility = speaker_visibility(gold, article.coded.actors)
    if visibility != "resolved":
        return f"speaker_{visibility}"
    if cue is not None and not set(re.findall(r"[a-z]+", cue.text.lower())) & SPEECH_FORMS:
        return "cue_not_a_speech_verb"
    return "speaker_not_linked"


def _miss(tally: _Tally, article: _Article, quote: str, gold: str, predicted: str, rule: str) -> None:
    """Record one miss and its reason."""
    tally.reasons[rule] += 1
    item = f"{article.name}: {' '.join(quote.split())[:100]}"
    tally.misses.append(Miss(item=item, gold=gold, predicted=predicted, rule=rule))


# --- the evaluation ------------------------------------------------------------------------------


def sentence_starts(text: str, engine: Engine) -> list[int]:
    """Where each sentence starts, as the pipeline splits the text."""
    doc = engine.nlp.make_doc(normalise_typography(text))
    return [doc[start:end].start_char for start, end in split_sentences(doc)]


def evaluate(folder: Path, engine: Engine) -> EvalResult:
    """Score direct-quote detection and speaker attribution on PolNeAR's dev articles.

    Args:
        folder: the polnear-attribution folder (holding metadata.tsv and dev/).
        engine: the loaded realpolitik engine.

    Returns:
        speaker_f1/precision/recall over (quote, speaker) pairs, and quote_f1 over quote spans.
    """
    # 1. read every article and its gold annotation
    texts, golds, raws = {}, {}, []
    for name, date, annotator in read_articles(folder):
        text = (folder / SPLIT / "text" / f"{name}.txt").read_bytes().decode("utf-8")
        ann = (folder / SPLIT / "attributions" / f"{name}_{annotator}.ann").read_text(encoding="utf-8")
        texts[name] = text
        golds[name] = gold_quotes(*parse_ann(ann), text)
        raws.append(RawDocument(origin=f"{name}.txt", content=text, id=name, date=date))
    # 2. code them, timing only this
    timer = Timer()
    with timer:
        coded = list(process(raws, engine))
    # 3. score each article
    tally = _Tally()
    for document in coded:
        text = texts[document.id]
        candidates = [(q.start, q.end) for q in find_quotes(normalise_typography(text))]
        article = _Article(document.id, text, golds[document.id], document, sentence_starts(text, engine),
                           candidates)
        score_article(article, tally)
    return _result(tally, len(coded), timer.seconds)


def _result(tally: _Tally, items: int, seconds: float) -> EvalResult:
    """Turn the tally into the EvalResult."""
    precision, recall, f1 = prf(tally.pair_tp, tally.pair_fp, tally.pair_fn)
    quote_p, quote_r, quote_f1 = prf(tally.quote_tp, tally.quote_fp, tally.quote_fn)
    seen = sum(tally.visibility.values()) or 1
    metrics = [
        Metric("speaker_f1", f1, target=SPEAKER_F1_TARGET,
               note="(quote, speaker) pairs over gold direct quotes with a Source"),
        Metric("speaker_precision", precision),
        Metric("speaker_recall", recall),
        Metric("quote_f1", quote_f1, note="direct-quote spans, overlap >= 50% of the shorter span"),
    ]
    extra = {
        "quote_precision": round(quote_p, 4), "quote_recall": round(quote_r, 4),
        "gold_direct_quotes": tally.gold_quotes, "gold_with_source": tally.gold_with_source,
        "gold_quoting_under_3_words": tally.partial_quotes,
        "gold_pronoun_sources": tally.pronoun_sources,
        "pairs": {"tp": tally.pair_tp, "fp": tally.pair_fp, "fn": tally.pair_fn},
        "speakers_on_no_source_quotes_ignored": tally.ignored_no_source,
        "gold_speaker_visibility": {k: round(v / seen, 4) for k, v in sorted(tally.visibility.items())},
        "speaker_recall_when_resolved": round(tally.visible_tp / (tally.visibility["resolved"] or 1), 4),
        "miss_reasons": dict(tally.reasons.most_common()),
    }
    return EvalResult(DATASET, items, metrics, tally.misses, seconds, extra=extra)
