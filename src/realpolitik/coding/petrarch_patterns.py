"""Read the richer PETRARCH verb patterns (more than one object word) as object phrases.

The part of a pattern after the verb (``*``) is read as at most one noun phrase, then prepositional
phrases in parentheses::

    - * {ARREST WARRANTS} [173]            noun phrase: head "warrants", modifier "arrest"
    - * {&MILITARY EXERCISES} [150]         ... a synonym set inside it: one phrase per member
    - * WARRANT (FOR ARREST) [173]          an object, then a prepositional phrase
    - * (TO {BORDER AREA}) [154]            the phrasal verb "verb to" with a noun-phrase object
    - * DIPLOMATIC TIES [064]               bare consecutive words (TABARI): one noun phrase
    - * FOR &SANCTION [172]                 ... led by a preposition: a prepositional phrase

A ``^`` in a prepositional phrase means any object. Patterns this cannot read (words before the
verb, actor markers ``+ $ %``, several noun phrases, words after a prepositional phrase) come back
as an ``Unread`` form, which the loader counts and reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

from realpolitik.coding.phrases import NounPattern, ObjectPhrase, PrepPattern

# Words that open a prepositional phrase in TABARI's bare patterns ("- * FOR &SANCTION").
PREPOSITIONS = frozenset({"for", "to", "with", "against", "on", "in", "into", "from", "over", "at", "upon",
                          "about", "toward", "towards", "by", "of", "under", "onto", "between", "among"})
MARKERS = frozenset({"+", "$", "%", "^"})
# A synonym set inside a phrase multiplies the phrases; a pattern whose product is larger than this
# is reported rather than loaded (none in CAMEO.2.0 comes near it).
MAX_EXPANSION = 2000

_ITEM = re.compile(r"\{[^{}]*\}|\([^()]*\)|[^\s{}()]+")
_TOKEN = re.compile(r"[^\s{}()]+")
_WORD = re.compile(r"[a-z0-9][a-z0-9'./-]*")
Synsets = dict[str, list[tuple[str, ...]]]


@dataclass(frozen=True)
class Unread:
    """A pattern form the reader does not take, named for the report."""

    form: str


@dataclass(frozen=True)
class Reading:
    """The phrases of one pattern: each with the preposition of its phrasal key ("verb to"), if any."""

    phrases: list[tuple[str | None, ObjectPhrase]]


def read_synsets(lines: list[str]) -> Synsets:
    """Synonym sets with every member as a word tuple (``+PRIME_MINISTER`` -> ("prime", "minister"));
    a member that names another set (``+&TIETYPES``) stands for that set's members."""
    raw: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        line = re.sub(r"<!--.*?(-->|$)", "", line).split("#", 1)[0].strip()
        if line.startswith("&"):
            current = line.split()[0].rstrip("_")
            raw[current] = []
        elif line.startswith("+") and current is not None:
            raw[current].append(line[1:].strip())
        elif line:
            current = None
    return {name: _members(name, raw, 0) for name in raw}


def _members(name: str, raw: dict[str, list[str]], depth: int) -> list[tuple[str, ...]]:
    """One set's members as word tuples, nested sets resolved (to a small depth)."""
    out: list[tuple[str, ...]] = []
    for member in raw.get(name, []):
        if member.startswith("&"):
            if depth < 3:
                out.extend(_members(member.rstrip("_"), raw, depth + 1))
            continue
        words = _words(member)
        if words:
            out.append(words)
    return out


def _words(text: str) -> tuple[str, ...]:
    """Lower-case words of a dictionary phrase. ``_`` joins words as a space does, and so does a
    hyphen between letters, which the tokenizer splits ("cease-fire"; not "AK-47")."""
    return tuple(w for w in re.split(r"[\s_]+|(?<=[a-z])-(?=[a-z])", text.lower().strip("_")) if w)


def read_pattern(lower: str, synsets: Synsets) -> Reading | Unread:
    """Read the part of a pattern after the verb (its code removed).

    Args:
        lower: e.g. ``"{ARREST WARRANTS}"`` or ``"WARRANT (FOR ARREST)"``.
        synsets: from ``read_synsets``.
    """
    text = _TOKEN.sub(lambda m: m.group(0) if m.group(0).startswith("&") else m.group(0).replace("_", " "),
                      lower.strip())
    items = _ITEM.findall(text)
    if _ITEM.sub("", text).strip() or text.count("{") != text.count("}"):
        return Unread("with unbalanced brackets")
    if any(item in MARKERS or item[0] in "+$%" for item in items):
        return Unread("with actor markers (+ $ % ^)")
    first_pp = next((i for i, item in enumerate(items) if item.startswith("(")), len(items))
    noun_items, pp_items = items[:first_pp], items[first_pp:]
    if any(not item.startswith("(") for item in pp_items):
        return Unread("with words after a prepositional phrase")
    preps: list[list[PrepPattern]] = []
    nouns: list[NounPattern | None] = [None]
    if noun_items:
        bare = [item for item in noun_items if not item.startswith("{")]
        if len(noun_items) > 1 and len(bare) < len(noun_items):
            return Unread("with several noun phrases")
        if bare and bare[0].lower() in PREPOSITIONS:
            pp_items = ["(" + " ".join(noun_items) + ")", *pp_items]  # TABARI: "- * FOR &SANCTION"
        else:
            found = _noun_patterns(" ".join(noun_items).strip("{}"), synsets)
            if isinstance(found, Unread):
                return found
            nouns = list(found)
    for item in pp_items:
        found_preps = _prep_patterns(item[1:-1], synsets)
        if isinstance(found_preps, Unread):
            return found_preps
        preps.append(found_preps)
    return _combine(nouns, preps)


def _combine(nouns: list[NounPattern | None], preps: list[list[PrepPattern]]) -> Reading | Unread:
    """Every phrase the alternatives make; a leading prepositional object makes a phrasal key."""
    total = len(nouns)
    for options in preps:
        total *= len(options)
    if total > MAX_EXPANSION:
        return Unread("expanding to too many phrases")
    phrases: list[tuple[str | None, ObjectPhrase]] = []
    for noun in nouns:
        for chosen in product(*preps):
            if noun is None and chosen and chosen[0].noun is not None:
                # "- * (TO {BORDER AREA})": the phrasal verb "verb to" whose object is the phrase
                phrases.append((chosen[0].prep, ObjectPhrase(chosen[0].noun, tuple(chosen[1:]))))
            elif noun is not None or chosen:
                phrases.append((None, ObjectPhrase(noun, tuple(chosen))))
    return Reading(phrases) if phrases else Unread("with no object")


def _noun_patterns(text: str, synsets: Synsets) -> list[NounPattern] | Unread:
    """The noun phrases a pattern's words name, one per choice of synonym set members."""
    choices: list[list[tuple[str, ...]]] = []
    for element in text.split():
        if element.startswith("&"):
            name = element.rstrip("_")
            if name not in synsets:
                return Unread("with an undefined synonym set")
            choices.append(synsets[name])
        else:
            choices.append([_words(element)])
    patterns = []
    for picked in product(*choices):
        words = tuple(w for part in picked for w in part)
        if not words or not all(_WORD.fullmatch(w) for w in words):
            return Unread("with words that are not plain words")
        patterns.append(NounPattern(words[-1], words[:-1]))
        if len(patterns) > MAX_EXPANSION:
            return Unread("expanding to too many phrases")
    return patterns


def _prep_patterns(text: str, synsets: Synsets) -> list[PrepPattern] | Unread:
    """The prepositional phrases of one ``(PREP ...)``; a set of prepositions gives one each."""
    words = text.split()
    if not words:
        return Unread("with an empty prepositional phrase")
    head, rest = words[0], " ".join(words[1:]).strip()
    preps = [m[0] for m in synsets.get(head.rstrip("_"), []) if len(m) == 1] if head.startswith("&") \
        else [head.lower()]
    if not preps or not all(p.isalpha() for p in preps):
        return Unread("with an unusual preposition")
    if rest in ("", "^"):
        return [PrepPattern(p) for p in preps]
    if rest.count("{") > 1 or ("{" in rest and not (rest.startswith("{") and rest.endswith("}"))):
        return Unread("with several noun phrases")
    nouns = _noun_patterns(rest.strip("{}"), synsets)
    if isinstance(nouns, Unread):
        return nouns
    return [PrepPattern(p, n) for p in preps for n in nouns]
