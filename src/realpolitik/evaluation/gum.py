"""GUM, Wikinews documents: do we find the named people, organisations and places, and their countries?

Gold data: the 24 ``dep/GUM_news_*.conllu`` files. Each word's MISC column carries CorefUD-style entity
brackets (``Entity=(12-person-new-...-Barack_Obama`` ... ``12)``) with the schema
``GRP-etype-infstat-salience-centering-minspan-link-identity``; the last field, when present, is the
entity's Wikipedia title (percent-encoded). The document text is rebuilt from the word forms, honouring
``SpaceAfter=No`` (one space between sentences, a blank line between paragraphs).

Scored mentions are those of type person, organization or place whose syntactic head (the word whose
parent lies outside the mention) is a proper noun (PROPN); nominal and pronominal mentions are out of
reach of a dictionary matcher and are left out. A gold mention is *found* when one of our actor mentions
covers its head word (so "*Belgium*" inside "the Belgium national team" does not find the team).

Country of a linked mention, from its Wikipedia title only (see ``country_of_title``): a country's own
title (via countries.csv names and aliases); an organ of a state, by a country named in the title
("Government_of_the_United_Kingdom", "Supreme_Court_of_Cassation_(Italy)") or by the actor dictionary
("Home_Office", "State_Department"); a person the leader lists know ("Barack_Obama"); a people
("Afghans"). Titles that yield no country are skipped and counted (the ``unresolved_titles`` extra).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import unquote

from realpolitik.evaluation.base import EvalResult, Metric, Miss, Timer
from realpolitik.models import Actor, CodedDocument, RawDocument
from realpolitik.nlp.dictionary import default_dictionary
from realpolitik.pipeline import Engine, process

DATASET = "gum-wikinews"
SCORED_TYPES = frozenset({"person", "organization", "place"})
# Words that mark a title as an organ of a state ("Ministry of Defence (Japan)"), not a team or a firm.
ORGAN_WORDS = frozenset({
    "government", "ministry", "department", "office", "parliament", "congress", "senate", "assembly",
    "court", "army", "forces", "navy", "military", "police", "agency", "council", "cabinet", "embassy",
    "presidency", "president", "minister", "secretary", "guard", "commission", "party", "legislature",
    "house", "administration", "service", "bank",
})


@dataclass(frozen=True)
class Word:
    """A syntactic word with its character span in the rebuilt text and its parent (document-wide)."""

    form: str
    upos: str
    head: int | None  # index of the parent word in the document, None for a root
    start: int
    end: int


@dataclass(frozen=True)
class GoldMention:
    """A gold entity mention: type, Wikipedia title (if linked), word range and head word."""

    entity: str
    etype: str
    title: str | None
    first: int  # word indices, inclusive
    last: int
    head: int


@dataclass
class GumDocument:
    """One document: its id, metadata, rebuilt text, words and gold mentions."""

    id: str
    title: str | None = None
    date: str | None = None
    text: str = ""
    words: list[Word] = field(default_factory=list)
    mentions: list[GoldMention] = field(default_factory=list)


# --- reading CoNLL-U -----------------------------------------------------------------------------


def parse_entity_field(value: str) -> list[tuple[str, str, str]]:
    """Split an ``Entity=`` value into (kind, entity id, attributes) items, kind open/close/single.

    ``(5-time-new-snnnn-cf2-1-sgl)4)`` -> [("single", "5", "time-new-snnnn-cf2-1-sgl"), ("close", "4", "")].
    Titles inside are percent-encoded, so brackets only ever delimit items.
    """
    items = []
    i = 0
    while i < len(value):
        if value[i] == "(":
            j = i + 1
            while j < len(value) and value[j] not in "()":
                j += 1
            entity, _, attrs = value[i + 1:j].partition("-")
            single = j < len(value) and value[j] == ")"
            items.append(("single" if single else "open", entity, attrs))
            i = j + 1 if single else j
        else:
            j = value.find(")", i)
            if j < 0:
                break
            items.append(("close", value[i:j], ""))
            i = j + 1
    return items


def _misc(column: str) -> dict[str, str]:
    """The MISC column as a dict."""
    return dict(item.split("=", 1) for item in column.split("|") if "=" in item)


@dataclass
class _Reader:
    """State while reading one CoNLL-U file: the text built so far and the entities still open."""

    documents: list[GumDocument] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    length: int = 0
    new_paragraph: bool = False
    open: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    @property
    def doc(self) -> GumDocument:
        """The document being read."""
        return self.documents[-1]

    def write(self, text: str) -> int:
        """Append text; return where it starts."""
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def finish(self) -> None:
        """Close the current document's text."""
        if self.documents:
            self.doc.text = "".join(self.parts)
        self.parts, self.length, self.open = [], 0, {}


def read_conllu(text: str) -> list[GumDocument]:
    """Read the documents of a CoNLL-U file, with rebuilt text and gold entity mentions."""
    reader = _Reader()
    sentence: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("#"):
            _read_comment(reader, line)
        elif line.strip():
            sentence.append(line.split("\t"))
        elif sentence:
            _read_sentence(reader, sentence)
            sentence = []
    reader.finish()
    return reader.documents


def _read_comment(reader: _Reader, line: str) -> None:
    """Handle a comment line: new document, paragraph, title or date."""
    key, _, value = line[1:].strip().partition(" = ")
    if key == "newdoc id":
        reader.finish()
        reader.documents.append(GumDocument(value.strip()))
    elif key == "newpar" or key.startswith("newpar "):
        reader.new_paragraph = True
    elif key == "meta::title" and reader.documents:
        reader.doc.title = value.strip()
    elif key == "meta::dateCreated" and reader.documents:
        reader.doc.date = value.strip()[:10]


def _read_sentence(reader: _Reader, rows: list[list[str]]) -> None:
    """Add one sentence's words to the document text, and its entity brackets to the mentions."""
    if not reader.documents:
        reader.documents.append(GumDocument("document"))
    if reader.length:
        reader.write("\n\n" if reader.new_paragraph else " ")
    reader.new_paragraph = False
    base = len(reader.doc.words)
    words = [row for row in rows if row[0].isdigit()]
    spans = _word_spans(reader, rows)
    for number, row in enumerate(words):
        head = int(row[6]) if row[6].isdigit() and row[6] != "0" else None
        start, end = spans[row[0]]
        reader.doc.words.append(Word(row[1], row[3], None if head is None else base + head - 1, start, end))
        for kind, entity, attrs in parse_entity_field(_misc(row[9]).get("Entity", "")):
            _bracket(reader, kind, entity, attrs, base + number)


def _word_spans(reader: _Reader, rows: list[list[str]]) -> dict[str, tuple[int, int]]:
    """Write the sentence's surface tokens; return each word id's character span."""
    spans: dict[str, tuple[int, int]] = {}
    ranges = _multiword_ranges(rows)
    covered = {i for ids in ranges.values() for i in ids}
    surface = [row for row in rows if "." not in row[0] and row[0] not in covered]
    for index, row in enumerate(surface):
        start = reader.write(row[1])
        if row[0] in ranges:  # a multiword token ("Trump's" = Trump + 's): share out its characters
            ids = ranges[row[0]]
            forms = [next(r[1] for r in rows if r[0] == i) for i in ids]
            offset = start
            for i, form in zip(ids, forms, strict=True):
                if "".join(forms) != row[1]:  # forms differ from the surface: each word gets it all
                    spans[i] = (start, reader.length)
                else:
                    spans[i] = (offset, offset + len(form))
                    offset += len(form)
        else:
            spans[row[0]] = (start, reader.length)
        if index < len(surface) - 1 and _misc(row[9]).get("SpaceAfter") != "No":
            reader.write(" ")
    return spans


def _multiword_ranges(rows: list[list[str]]) -> dict[str, list[str]]:
    """Multiword token ids ("35-36") -> the ids of their words."""
    ranges = {}
    for row in rows:
        if "-" in row[0]:
            first, last = (int(x) for x in row[0].split("-"))
            ranges[row[0]] = [str(i) for i in range(first, last + 1)]
    return ranges


def _bracket(reader: _Reader, kind: str, entity: str, attrs: str, word: int) -> None:
    """Open or close an entity mention at a word."""
    if kind in ("open", "single"):
        reader.open.setdefault(entity, []).append((word, attrs))
    if kind in ("close", "single") and reader.open.get(entity):
        first, opened = reader.open[entity].pop()
        fields = opened.split("-", 6)
        etype = fields[0] if fields else ""
        title = unquote(fields[6]) if len(fields) > 6 and fields[6] else None
        head = _head(reader.doc.words, first, word)
        reader.doc.mentions.append(GoldMention(entity, etype, title, first, word, head))


def _head(words: list[Word], first: int, last: int) -> int:
    """The mention's head: its first word whose parent lies outside the mention."""
    return next((i for i in range(first, last + 1)
                 if (head := words[i].head) is None or not first <= head <= last), first)


# --- countries from Wikipedia titles ---------------------------------------------------------------


@cache
def _country_names() -> tuple[dict[str, str], dict[str, str]]:
    """Lower-cased country names and aliases -> ISO3; adjectives and demonyms -> ISO3."""
    names: dict[str, str] = {}
    peoples: dict[str, str] = {}
    data = resources.files("realpolitik").joinpath("data", "countries.csv")
    for row in csv.DictReader(data.read_text(encoding="utf-8").splitlines()):
        for name in [row["name"], *row["aliases"].split("|")]:
            if name.strip():
                names[name.strip().lower()] = row["iso3"]
        for name in [*row["adjectives"].split("|"), *row["demonyms"].split("|")]:
            if name.strip():
                peoples[name.strip().lower()] = row["iso3"]
    return names, peoples


def country_of_title(title: str) -> tuple[str | None, str]:
    """The country a Wikipedia title denotes or belongs to, and how it was found.

    Returns:
        (ISO3, basis) with basis "country", "organ", "person" or "people"; (None, "") when the title is
        none of these (a firm, a city, a sports team, a person the leader lists do not know).
    """
    names, peoples = _country_names()
    text = unquote(title).replace("_", " ").strip()
    lower = text.lower().removeprefix("the ")
    if lower in names:
        return names[lower], "country"
    if lower in peoples or lower.removesuffix(" people") in peoples:
        return peoples.get(lower) or peoples[lower.removesuffix(" people")], "people"
    words = set(re.findall(r"[a-z]+", lower))
    if words & ORGAN_WORDS:
        qualifier = re.search(r"\(([^)]+)\)$", lower)
        after_of = re.search(r"\bof (?:the )?([^()]+?)(?: \(|$)", lower)
        for candidate in (qualifier, after_of):
            if candidate and candidate.group(1).strip() in names:
                return names[candidate.group(1).strip()], "organ"
        for name, iso3 in names.items():
            if lower.startswith(name + " "):
                return iso3, "organ"
    for entry in default_dictionary().phrases.get(text, []):
        if entry.country and entry.kind in ("person", "organization", "state") and entry.source != "place":
            return entry.country, "person" if entry.kind == "person" else "organ"
    return None, ""


# --- scoring -----------------------------------------------------------------------------------


@dataclass
class _Tally:
    """Counts and misses over the documents."""

    gold: int = 0
    found: int = 0
    linked: int = 0
    linked_right: int = 0
    states: int = 0
    states_found: int = 0
    by_type: Counter = field(default_factory=Counter)
    missed_by_type: Counter = field(default_factory=Counter)
    bases: Counter = field(default_factory=Counter)
    unresolved_titles: Counter = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)


def scored_mentions(document: GumDocument) -> list[GoldMention]:
    """Gold person, organization and place mentions headed by a proper noun."""
    return [m for m in document.mentions
            if m.etype in SCORED_TYPES and document.words[m.head].upos == "PROPN"]


def covering_actors(document: GumDocument, mention: GoldMention, actors: tuple[Actor, ...]) -> list[Actor]:
    """Our actor mentions that cover the gold mention's head word."""
    head = document.words[mention.head]
    return [a for a in actors if a.start < head.end and head.start < a.end]


def score_document(document: GumDocument, coded: CodedDocument, tally: _Tally) -> None:
    """Add one document's counts and misses to the tally."""
    for mention in scored_mentions(document):
        ours = covering_actors(document, mention, coded.actors)
        tally.gold += 1
        tally.found += bool(ours)
        tally.by_type[mention.etype] += 1
        iso3, basis = country_of_title(mention.title) if mention.title else (None, "")
        if mention.title and iso3 is None:
            tally.unresolved_titles[mention.title] += 1
        if not ours:
            tally.missed_by_type[mention.etype] += 1
        if iso3 is None:
            if not ours:
                _miss(tally, document, mention, "", ours, "not_found")
            continue
        tally.linked += 1
        tally.bases[basis] += 1
        right = any(a.country == iso3 for a in ours)
        tally.linked_right += right
        if mention.etype == "place" and basis == "country":
            tally.states += 1
            tally.states_found += bool(ours)
        if not right:
            _miss(tally, document, mention, iso3, ours, "wrong_country" if ours else "not_found")


def _miss(tally: _Tally, document: GumDocument, mention: GoldMention, iso3: str, ours: list[Actor],
          rule: str) -> None:
    """Record a gold mention we missed or resolved to the wrong country."""
    words = document.words
    text = document.text[words[mention.first].start:words[mention.last].end]
    gold = " ".join(x for x in (mention.etype, mention.title or "", iso3) if x)
    predicted = "; ".join(f"{a.text} ({a.country or a.code or '-'})" for a in ours)
    tally.misses.append(Miss(item=f"{document.id}: {text[:100]}", gold=gold, predicted=predicted, rule=rule))


def evaluate(folder: Path, engine: Engine) -> EvalResult:
    """Score actor mention recall and country resolution on GUM's Wikinews documents.

    Args:
        folder: the gum-wikinews folder (holding dep/).
        engine: the loaded realpolitik engine.

    Returns:
        mention_recall, country_accuracy and state_mention_recall, with the misses.
    """
    documents = [doc for path in sorted((folder / "dep").glob("*.conllu"))
                 for doc in read_conllu(path.read_text(encoding="utf-8"))]
    raws = [RawDocument(origin=f"{d.id}.conllu", content=d.text, id=d.id, title=d.title, date=d.date)
            for d in documents]
    timer = Timer()
    with timer:
        coded = {c.id: c for c in process(raws, engine)}
    tally = _Tally()
    for document in documents:
        score_document(document, coded[document.id], tally)
    return _result(tally, len(documents), timer.seconds)


def _share(part: int, whole: int) -> float:
    """part / whole, 0.0 for an empty whole."""
    return part / whole if whole else 0.0


def _result(tally: _Tally, items: int, seconds: float) -> EvalResult:
    """Turn the tally into the EvalResult."""
    metrics = [
        Metric("mention_recall", _share(tally.found, tally.gold),
               note="PROPN-headed person/organization/place mentions whose head we cover"),
        Metric("country_accuracy", _share(tally.linked_right, tally.linked),
               note="linked mentions with a derivable country: found and resolved to it"),
        Metric("state_mention_recall", _share(tally.states_found, tally.states),
               note="place mentions linked to a country's own title"),
    ]
    extra = {
        "gold_mentions": tally.gold, "found": tally.found,
        "by_type": dict(tally.by_type), "missed_by_type": dict(tally.missed_by_type),
        "recall_by_type": {etype: round(_share(n - tally.missed_by_type[etype], n), 4)
                           for etype, n in tally.by_type.items()},
        "linked_with_country": tally.linked, "linked_right": tally.linked_right,
        "country_basis": dict(tally.bases), "state_mentions": tally.states,
        "unresolved_title_mentions": sum(tally.unresolved_titles.values()),
        "unresolved_titles": dict(tally.unresolved_titles.most_common(15)),
    }
    return EvalResult(DATASET, items, metrics, tally.misses, seconds, extra=extra)
