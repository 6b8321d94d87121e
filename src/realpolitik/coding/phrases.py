"""Object phrases of verb entries, and matching them against a parse.

A PETRARCH-2 pattern can name more than one object word: a noun phrase (``- * {ARREST WARRANTS}``:
the object's head "warrants" with the modifier "arrest" before it), a prepositional phrase after the
object or the verb (``- * WARRANT (FOR ARREST)``), or both. Each such pattern is an
``ObjectPhrase`` of a ``lexicon.Trigger``; an entry's phrases are kept longest first, so the most
specific one that fits the sentence gives the code.

A noun pattern fits a token when the head word is the token's (by lemma, by form, or singular to
plural: patterns name "WARRANTS", sentences say "warrant") and the modifier words are found, in
order, among the compound and adjective dependents before it ("joint *military* exercises").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

# Dependents that modify a noun from inside its own phrase: "*arrest* warrants", "*military* drills",
# "*fact*-*finding* mission" (spaCy hangs "fact" on "finding" as npadvmod).
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
# Dependents that carry a prepositional phrase ("agent": the "by" of a passive).
PREP_DEPS = frozenset({"prep", "agent", "dative"})
OBJECT_DEPS = frozenset({"pobj", "pcomp"})


@dataclass(frozen=True)
class NounPattern:
    """A noun phrase of a pattern: its head word and the modifier words before it, lower case."""

    head: str
    modifiers: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrepPattern:
    """A prepositional phrase of a pattern; no noun: any object, or none, will do."""

    prep: str
    noun: NounPattern | None = None


@dataclass(frozen=True)
class ObjectPhrase:
    """One pattern with more than one object word, and its codes.

    ``code`` is the subject's act, ``paired`` the other side's act back (PETRARCH ``[043:042]``);
    either may be None (``[:030]`` names only the act back).
    """

    noun: NounPattern | None
    preps: tuple[PrepPattern, ...] = ()
    code: str | None = None
    paired: str | None = None

    @property
    def size(self) -> int:
        """How many words the pattern names (the longest fitting pattern wins)."""
        words = len(self.preps)
        for noun in [self.noun, *(p.noun for p in self.preps)]:
            if noun is not None:
                words += 1 + len(noun.modifiers)
        return words

    def required_words(self) -> set[str]:
        """Words one of which a sentence must hold for the pattern to fit (for the prefilter)."""
        if self.noun is not None:
            return {self.noun.head}
        return {p.noun.head if p.noun is not None else p.prep for p in self.preps}


@dataclass(frozen=True)
class ObjectReading:
    """What an entry makes of a verb's object: its code, the act back, and the words that said so."""

    code: str | None
    paired: str | None
    tokens: tuple[Token, ...]


def by_size(phrases: list[ObjectPhrase] | tuple[ObjectPhrase, ...]) -> tuple[ObjectPhrase, ...]:
    """Phrases longest first, in their given order among equals, each once."""
    return tuple(sorted(dict.fromkeys(phrases), key=lambda p: -p.size))


def word_keys(word: str) -> set[str]:
    """A word and its singular forms, if it looks plural ("warrants" -> "warrant")."""
    word = word.lower()
    keys = {word}
    if len(word) > 3 and word.endswith("ies"):
        keys.add(word[:-3] + "y")
    if len(word) > 3 and word.endswith("es"):
        keys.add(word[:-2])
    if len(word) > 2 and word.endswith("s") and not word.endswith("ss"):
        keys.add(word[:-1])
    return keys


def is_word_of(word: str, token: Token) -> bool:
    """Whether a pattern word names a token (by lemma, form, or plural)."""
    return bool(word_keys(word) & ({token.lemma_.lower()} | word_keys(token.lower_)))


def _modifiers(token: Token) -> list[Token]:
    """The compound and adjective words before a noun, nested ones included, in sentence order."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in MODIFIER_DEPS and child.i < token.i:
            found.extend([*_modifiers(child), child])
    return sorted(found, key=lambda t: t.i)


def is_noun_match(pattern: NounPattern, token: Token) -> bool:
    """Whether a token heads a phrase that the noun pattern names."""
    if not is_word_of(pattern.head, token):
        return False
    words = iter(_modifiers(token))
    return all(any(is_word_of(word, t) for t in words) for word in pattern.modifiers)


def _prep_objects(pattern: PrepPattern, holders: list[Token]) -> list[Token] | None:
    """The tokens of a prepositional phrase found under one of the holders (None: not found)."""
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ not in PREP_DEPS or prep.lower_ != pattern.prep:
                continue
            objects = [c for c in prep.children if c.dep_ in OBJECT_DEPS]
            if pattern.noun is None:
                return [prep]
            for obj in objects:
                if is_noun_match(pattern.noun, obj):
                    return [prep, obj]
    return None


# phrases tuple id -> (the tuple, kept so that its id stays its own; head key -> positions in it)
_INDEX: dict[int, tuple[tuple[ObjectPhrase, ...], dict[str | None, list[int]]]] = {}


def _candidates(phrases: tuple[ObjectPhrase, ...], obj: Token | None) -> list[ObjectPhrase]:
    """The phrases whose head word could be the object's (or that name none), in their order.

    An entry can hold a thousand phrases once synonym sets are spelt out; an index by head word
    keeps matching one verb to a few dictionary look-ups.
    """
    cached = _INDEX.get(id(phrases))
    if cached is None or cached[0] is not phrases:
        index: dict[str | None, list[int]] = {}
        for position, phrase in enumerate(phrases):
            for key in word_keys(phrase.noun.head) if phrase.noun is not None else [None]:
                index.setdefault(key, []).append(position)
        cached = _INDEX[id(phrases)] = (phrases, index)
    index = cached[1]
    keys: set[str | None] = {None}
    if obj is not None:
        keys |= {obj.lemma_.lower()} | word_keys(obj.lower_)
    positions = sorted({p for key in keys for p in index.get(key, [])})
    return [phrases[p] for p in positions]


def match_phrase(phrases: tuple[ObjectPhrase, ...], verb: Token,
                 obj: Token | None) -> tuple[ObjectPhrase, list[Token]] | None:
    """The first (longest) phrase that fits a verb and its object, with the tokens it covers.

    A prepositional phrase may hang on the object ("a warrant *for* arrest") or on the verb
    ("issued a warrant on Monday *for* his arrest").
    """
    if not phrases:
        return None
    for phrase in _candidates(phrases, obj):
        if phrase.noun is not None and (obj is None or not is_noun_match(phrase.noun, obj)):
            continue
        covered = [obj] if phrase.noun is not None and obj is not None else []
        holders = [obj, verb] if obj is not None else [verb]
        for prep in phrase.preps:
            found = _prep_objects(prep, holders)
            if found is None:
                break
            covered.extend(found)
        else:
            return phrase, covered
    return None
