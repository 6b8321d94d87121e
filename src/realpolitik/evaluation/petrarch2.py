"""PETRARCH-2 gold-standard records with real actors (UniversalPetrarch's ``PETR2_GSR_validation.xml``).

78 sentences (AFP Gigaword, newswire "GOLD" sentences, and short constructed tests from GitHub issues),
each coded with Phoenix/CAMEO (source, target, eventcode) triples or marked ``noevents``. See the
dataset's SOURCE.md: the AFP codings are reviewed PETRARCH-2 output, not independent gold.

Actors are compared at country level: a Phoenix code is cut to its first three characters
(``IRQGOVMIL`` -> ``IRQ``), except international organisations, which are mapped to our own IGO codes
through the names both dictionaries give them (``IGOEUREEC`` -> ``IGOEU``). Our actors count by their
country if they have one, else by their code; an actor we could not resolve counts as ``---``, the
Phoenix code for an unknown country (so "rebels" can match ``---REB``).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from realpolitik.evaluation.base import EvalResult, Metric, Miss, Timer, prf
from realpolitik.models import ActorRef, CodedDocument, Event, RawDocument
from realpolitik.nlp.petrarch import ROLE_CODES, phoenix_code_table
from realpolitik.pipeline import Engine, make_engine, process

RECORDS_FILE = Path("text") / "PETR2_GSR_validation.xml"
PHOENIX_IGO_FILE = Path("dictionaries") / "Phoenix.International.actors.txt"
# The dictionaries the dataset's SOURCE.md names for these records; used when they sit beside them.
PHOENIX_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                 "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt", "CAMEO.2.0.txt")
UNKNOWN = "---"  # Phoenix's code for an actor of unknown country

TRIPLE_F1_TARGET = 0.70
# UniversalPetrarch's own report: 44% of the full triples on its validation suite (the share it got
# entirely right); the only published figure for a PETRARCH on these records.
TRIPLE_F1_REFERENCE = 0.44

_SENTENCE = re.compile(r"<Sentence\s([^>]*?)/?>")
_CODING = re.compile(r"<EventCoding\s([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.DOTALL)
_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.DOTALL)
_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_BRACKET = re.compile(r"\[([A-Z-]+)[^\]]*\]")

Triple = tuple[str, str, str]  # source, target, CAMEO code


@dataclass(frozen=True)
class Record:
    """One validation sentence and its gold codings (raw Phoenix codes)."""

    id: str
    date: str  # YYYYMMDD, as in the file
    category: str
    text: str
    gold: tuple[Triple, ...]
    noevents: bool


def read_records(path: Path, strip_comments: bool = False) -> list[Record]:
    """Read the validation records with a tolerant regex reader (the file is not well-formed XML).

    Args:
        strip_comments: drop ``<!-- -->`` comments first (the unit-test file comments out records;
            the GSR file's header comment has no markers, so it is read as it is).
    """
    content = path.read_text(encoding="utf-8")
    if strip_comments:
        content = re.sub(r"<!--.*?-->", "", content, flags=re.DOTALL)
    starts = [m for m in _SENTENCE.finditer(content)]
    records = []
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(content)
        body = content[match.end():end]
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        codings = [dict(_ATTRIBUTE.findall(c.group(1))) for c in _CODING.finditer(body)]
        text = _TEXT.search(body)
        records.append(Record(
            id=attributes.get("id", f"record-{index}"), date=attributes.get("date", ""),
            category=attributes.get("category", ""),
            text=" ".join(text.group(1).split()) if text and text.group(1).strip() else _parse_text(body),
            gold=tuple((c.get("sourcecode", UNKNOWN), c.get("targetcode", UNKNOWN), c["eventcode"])
                       for c in codings
                       if "eventcode" in c),
            noevents=any(c.get("noevents", "").lower() == "true" for c in codings),
        ))
    return records


def _parse_text(body: str) -> str:
    """The sentence rebuilt from its CoNLL-U parse (one record has an empty <Text>)."""
    parse = _PARSE.search(body)
    words = []
    for line in (parse.group(1) if parse else "").splitlines():
        fields = line.split("\t")
        if len(fields) >= 10 and fields[0].isdigit():
            words.append(fields[1] + ("" if "SpaceAfter=No" in fields[9] else " "))
    return "".join(words).strip()


def iso_date(date: str) -> str | None:
    """YYYYMMDD -> YYYY-MM-DD (None when the record has no usable date)."""
    return f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 and date.isdigit() else None


# --- actor normalisation -------------------------------------------------------------------------

def _phoenix_name(name: str) -> str:
    """A dictionary phrase in comparable form: upper case, spaces, no leading "the"."""
    text = " ".join(name.replace("_", " ").split()).upper()
    return text[4:] if text.startswith("THE ") else text


def read_phoenix_blocks(text: str) -> Iterator[tuple[list[str], list[str]]]:
    """(names, codes) of each entry of a TABARI/PETRARCH actor dictionary.

    An entry is a name line, optional ``+synonym`` lines, and codes in brackets, inline or on
    indented lines after it; ``#`` starts a comment.
    """
    names: list[str] = []
    codes: list[str] = []
    for line in text.splitlines():
        body = line.split("#", 1)[0]
        head = _BRACKET.sub("", body).strip()
        if head.startswith("+"):
            names.append(_phoenix_name(head[1:]))
        elif head:
            if names:
                yield names, codes
            names, codes = [_phoenix_name(head)], []
        codes += _BRACKET.findall(body)
    if names:
        yield names, codes


def _our_organizations() -> list[tuple[str, set[str]]]:
    """Our IGO codes with the names they go by, in the order of data/organizations.csv."""
    text = resources.files("realpolitik").joinpath("data/organizations.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return [(row["code"], {_phoenix_name(n) for n in [row["name"], *(row["aliases"] or "").split("|")]
                           if n.strip()}) for row in rows]


@dataclass(frozen=True)
class ActorNormaliser:
    """Bring gold Phoenix codes and our actors to one comparable, country-level code."""

    phoenix_to_ours: dict[str, str]  # Phoenix IGO code -> our IGO code
    canonical: dict[str, str]  # our IGO code -> our code that stands for its Phoenix code (IGOUNSC -> IGOUNO)

    def gold(self, code: str) -> str:
        """A gold code: IGOs by the longest mapped prefix (3-letter steps), others by the country."""
        if code.startswith("IGO"):
            for size in range(len(code) - len(code) % 3, 5, -3):
                if code[:size] in self.phoenix_to_ours:
                    return self.phoenix_to_ours[code[:size]]
        return code[:3]

    def predicted(self, ref: ActorRef) -> str:
        """One of our actors: its country, else its (canonical IGO) code, else ``---``.

        A bare role code ("REB": rebels of no known country) is Phoenix's ``---REB``; an IGO code
        read from a Phoenix dictionary and not one of ours is mapped as a gold code is; any other code
        is cut to three characters as gold codes are (our ``IMGISIL`` and Phoenix's ``IMGMUSISI`` are
        both ``IMG``).
        """
        code = ref.country or ref.code
        if not code or code in ROLE_CODES:
            return UNKNOWN
        if code.startswith("IGO"):
            if code not in self.canonical:
                code = self.gold(code)
            return self.canonical.get(code, code)
        return code[:3]


def make_normaliser(phoenix_text: str) -> ActorNormaliser:
    """Match our organisations to Phoenix's by name and build the normaliser.

    Where Phoenix gives several of ours one code (it codes the Security Council ``IGOUNO``), the first
    in organizations.csv (the parent body) stands for all of them.
    """
    by_name: dict[str, Counter] = {}
    for names, codes in read_phoenix_blocks(phoenix_text):
        for name in names:
            by_name.setdefault(name, Counter()).update(c for c in codes if c.startswith("IGO") and len(c) > 3)
    phoenix_to_ours: dict[str, str] = dict(phoenix_code_table())
    ours_to_phoenix: dict[str, str] = {}
    for code, our_names in _our_organizations():
        votes = sum((by_name.get(name, Counter()) for name in our_names), Counter())
        if votes:
            best = min(votes, key=lambda c: (-votes[c], len(c), c))
            ours_to_phoenix[code] = best
            phoenix_to_ours.setdefault(best, code)
    canonical = {ours: phoenix_to_ours[phoenix] for ours, phoenix in ours_to_phoenix.items()}
    return ActorNormaliser(phoenix_to_ours, canonical)


# --- scoring -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Predicted:
    """One of our events with a target, as a normalised triple."""

    source: str
    target: str
    code: str
    symmetric: bool

    def covers(self) -> set[Triple]:
        """The triples this event stands for: both directions when it is symmetric."""
        forward = (self.source, self.target, self.code)
        return {forward, (self.target, self.source, self.code)} if self.symmetric else {forward}

    def covers_dyad(self, source: str, target: str) -> bool:
        """Whether the event joins this source and target (either way round if symmetric)."""
        return (self.source, self.target) == (source, target) or self.symmetric and (
            (self.target, self.source) == (source, target))

    def label(self) -> str:
        """Short display form."""
        return f"{self.source}>{self.target}:{self.code}" + (" (symmetric)" if self.symmetric else "")


@dataclass
class Counts:
    """Counts accumulated over the records."""

    triple: tuple[int, int, int] = (0, 0, 0)  # tp, fp, fn
    dyad: tuple[int, int, int] = (0, 0, 0)
    root_hits: int = 0
    root_total: int = 0
    noevent_records: int = 0
    noevent_with_events: int = 0

    def add(self, name: str, tp: int, fp: int, fn: int) -> None:
        """Add counts to the triple or dyad tally."""
        old = getattr(self, name)
        setattr(self, name, (old[0] + tp, old[1] + fp, old[2] + fn))


def match(gold: set[tuple], predicted: Iterable[set[tuple]]) -> tuple[set[tuple], int]:
    """Gold items covered by some prediction, and the number of predictions that cover none."""
    covered: set[tuple] = set()
    unmatched = 0
    for alternatives in predicted:
        hits = alternatives & gold
        covered |= hits
        unmatched += not hits
    return covered, unmatched


def _unique(items: Iterable[frozenset]) -> list[set]:
    """Distinct predictions (a symmetric event and its mirror image are one)."""
    return [set(item) for item in dict.fromkeys(items)]


def score_record(gold: set[Triple], predicted: list[Predicted], counts: Counts) -> bool:
    """Add one record's counts; True when it has a false positive or a false negative."""
    covered, unmatched = match(gold, _unique(frozenset(p.covers()) for p in predicted))
    counts.add("triple", len(covered), unmatched, len(gold - covered))
    dyads = {(s, t) for s, t, _ in gold}
    dyad_predictions = _unique(frozenset((s, t) for s, t, _ in p.covers()) for p in predicted)
    dyads_covered, dyads_unmatched = match(dyads, dyad_predictions)
    counts.add("dyad", len(dyads_covered), dyads_unmatched, len(dyads - dyads_covered))
    for source, target, code in gold:
        same_pair = [p for p in predicted if p.covers_dyad(source, target)]
        if same_pair:
            counts.root_total += 1
            counts.root_hits += any(p.code[:2] == code[:2] for p in same_pair)
    return unmatched > 0 or len(covered) < len(gold)


def predicted_triples(events: Iterable[Event], normaliser: ActorNormaliser) -> list[Predicted]:
    """Our events with a target, normalised for comparison."""
    return [Predicted(normaliser.predicted(e.source), normaliser.predicted(e.target), e.cameo, e.symmetric)
            for e in events if e.target is not None]


def _describe_events(events: Iterable[Event], normaliser: ActorNormaliser) -> str:
    """All our events for a miss, targetless ones included (marked, since they are not scored)."""
    parts = []
    for event in events:
        source = normaliser.predicted(event.source)
        if event.target is None:
            parts.append(f"{source}>(no target):{event.cameo}")
        else:
            parts.append(Predicted(source, normaliser.predicted(event.target), event.cameo,
                                   event.symmetric).label())
    return "; ".join(parts) or "(none)"


def _miss(record: Record, doc: CodedDocument, normaliser: ActorNormaliser) -> Miss:
    """The miss of one record, gold shown with raw Phoenix codes and their normal form."""
    shown = "; ".join(f"{s}>{t}:{c} [{normaliser.gold(s)}>{normaliser.gold(t)}]" for s, t, c in record.gold)
    rules = "; ".join(e.rule for e in doc.events)
    return Miss(item=record.text, gold=shown or "noevents",
                predicted=_describe_events(doc.events, normaliser), rule=rules)


def _metrics(counts: Counts, scored_against_target: bool = True) -> list[Metric]:
    """The figures from the counts (the target and reference belong to the GSR records only)."""
    precision, recall, f1 = prf(*counts.triple)
    dyad_f1 = prf(*counts.dyad)[2]
    root = counts.root_hits / counts.root_total if counts.root_total else 0.0
    false_alarms = counts.noevent_with_events / counts.noevent_records if counts.noevent_records else 0.0
    return [
        Metric("triple_f1", f1, TRIPLE_F1_TARGET if scored_against_target else None,
               TRIPLE_F1_REFERENCE if scored_against_target else None,
               "reference: UniversalPetrarch's share of full triples right on its own validation suite"),
        Metric("triple_precision", precision),
        Metric("triple_recall", recall),
        Metric("root_accuracy", root, note="gold triples whose dyad we coded: same CAMEO root"),
        Metric("dyad_f1", dyad_f1, note="source/target country pair, any code"),
        Metric("noevent_false_positive_rate", false_alarms,
               note="share of noevents records where we output any event (lower is better)"),
    ]


def dataset_engine(folder: Path, engine: Engine, files: Iterable[str], use: bool,
                   prefer_extra: bool = False) -> Engine:
    """The engine to score with: the given one, or, when it has no extra dictionaries and ``use`` is
    set, one with the dataset's own dictionaries (those of ``files`` present in ``dictionaries/``),
    winning over ours where both know a phrase or verb if ``prefer_extra`` is set."""
    if not use or engine.dictionaries:
        return engine
    present = [folder / "dictionaries" / name for name in files if (folder / "dictionaries" / name).is_file()]
    return make_engine(present, prefer_extra) if present else engine


def evaluate(folder: Path, engine: Engine, dataset_dictionaries: bool = True) -> EvalResult:
    """Code every record of PETR2_GSR_validation.xml and score the triples.

    Args:
        folder: the petrarch2-validation dataset folder.
        engine: the loaded engine.
        dataset_dictionaries: merge the Phoenix dictionaries found beside the records (as the
            dataset's SOURCE.md suggests) unless the engine already has extra dictionaries.

    Returns:
        The figures, one miss per sentence with a false positive or negative, and counts in ``extra``.
    """
    engine = dataset_engine(folder, engine, PHOENIX_FILES, dataset_dictionaries)
    return evaluate_records("petrarch2", read_records(folder / RECORDS_FILE), folder, engine)


def evaluate_records(name: str, records: list[Record], folder: Path, engine: Engine,
                     with_target: bool = True) -> EvalResult:
    """Code and score validation records (shared by ``petrarch2`` and ``petrarch2-unit``)."""
    # 1. the Phoenix IGO codes
    normaliser = make_normaliser((folder / PHOENIX_IGO_FILE).read_text(encoding="utf-8", errors="replace"))
    # 2. code the sentences (only this is timed)
    raws = [RawDocument(origin=r.id, content=r.text, id=r.id, date=iso_date(r.date)) for r in records]
    timer = Timer()
    with timer:
        docs = list(process(raws, engine))
    # 3. score each record
    counts = Counts()
    misses = []
    for record, doc in zip(records, docs, strict=True):
        gold = {(normaliser.gold(s), normaliser.gold(t), c) for s, t, c in record.gold}
        if record.noevents:
            counts.noevent_records += 1
            counts.noevent_with_events += bool(doc.events)
        if score_record(gold, predicted_triples(doc.events, normaliser), counts):
            misses.append(_miss(record, doc, normaliser))
    extra = {
        "gold_triples": sum(len(r.gold) for r in records), "noevents_records": counts.noevent_records,
        "rejected": sum(d.rejected is not None for d in docs),
        "triple_counts": dict(zip(("tp", "fp", "fn"), counts.triple, strict=True)),
        "dictionaries": [Path(p).name for p in engine.dictionaries],
    }
    return EvalResult(name, len(records), _metrics(counts, with_target), misses, timer.seconds, extra=extra)
