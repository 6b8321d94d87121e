"""Who "he", "they", "both sides", "the two leaders" and "the President" stand for.

A document is read in order; the Discourse remembers the actors seen so far. Singular person pronouns go
to the nearest person, preferring a subject earlier in the same sentence ("As Modi greeted Putin, he...")
and then the last subject before it; plural pronouns and pair phrases go to the last two actors of
different countries; a bare title ("the President") goes to the last person named with that title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from realpolitik.models import ActorRef
from realpolitik.nlp.actors import Mention

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
PAIR_HEADS = frozenset({"sides", "leaders", "countries", "nations", "governments", "states", "parties",
                        "presidents", "ministers", "delegations", "partners", "neighbours", "neighbors",
                        "allies", "capitals", "men", "sides'"})
PAIR_DETERMINERS = frozenset({"both", "two"})
# Pair words that stand for two people ("the two leaders"), not two states.
PERSON_PAIR_HEADS = frozenset({"leaders", "presidents", "ministers", "men", "secretaries", "counterparts"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass
class Discourse:
    """The actors a document has mentioned so far."""

    recent: list[ActorRef] = field(default_factory=list)
    persons: list[tuple[ActorRef, bool]] = field(default_factory=list)

    def pair(self, extra: Sequence[ActorRef] = (), people: bool = False) -> list[ActorRef]:
        """The last two participants of different countries (or organisations), most recent last.

        With ``people``, only persons count ("the two leaders").
        """
        seen: list[ActorRef] = []
        keys: set[str] = set()
        pool = [ref for ref, _ in self.persons] if people else self.recent
        if people:
            extra = [ref for ref in extra if ref.role or ref.name]
        for ref in reversed([*pool, *extra]):
            key = ref.country or ref.code
            if key and key not in keys:
                keys.add(key)
                seen.append(ref)
            if len(seen) == 2:
                return list(reversed(seen))
        return []

    def person(self, extra: Sequence[tuple[ActorRef, bool]] = ()) -> ActorRef | None:
        """The most salient person: the last subject, else the last person named."""
        people = [*self.persons, *extra]
        for ref, is_subject in reversed(people[-6:]):
            if is_subject:
                return ref
        return people[-1][0] if people else None

    def note_person(self, ref: ActorRef) -> None:
        """Remember a person the dictionary does not know (a quoted speaker), so "he" can point to them."""
        self.persons.append((ref, True))

    def titled(self, title: str) -> ActorRef | None:
        """The last person named with a given title word ("President")."""
        for ref, _ in reversed(self.persons):
            if ref.country and title in ref.text.lower():
                return ref
        return None

    def observe(self, mentions: list[Mention], doc: Doc | None = None,
                participants: Sequence[ActorRef] = ()) -> None:
        """Remember the actors of a sentence once it has been coded.

        Participants (persons, clause subjects, the sides of coded events) are what "they" and "both
        sides" may point back to; places and topics ("talked about Syria") are not.
        """
        for mention in mentions:
            ref = mention.actor.ref()
            if not (ref.country or ref.code):
                continue
            is_subject = _is_subject(mention, doc)
            if mention.actor.kind == "person":
                self.persons.append((ref, is_subject))
            if mention.actor.kind == "person" or is_subject:
                self.recent.append(ref)
        self.recent.extend(participants)
        del self.recent[:-50]
        del self.persons[:-50]

    def resolve(self, doc: Doc, mentions: list[Mention]) -> dict[int, list[ActorRef]]:
        """Map the token index of each anaphor in a parsed sentence to the actors it stands for."""
        resolved: dict[int, list[ActorRef]] = {}
        covered = {i for m in mentions if m.actor.country or m.actor.code for i in range(m.start, m.end)}
        for token in doc:
            if token.i in covered:
                continue
            word = token.lower_
            if word in PERSON_PRONOUNS and token.pos_ == "PRON":
                earlier = [(m.actor.ref(), _is_subject(m, doc)) for m in mentions
                           if m.end <= token.i and m.actor.kind == "person" and m.actor.country]
                ref = self.person(earlier)
                if ref is not None and (ref.country or ref.code):
                    resolved[token.i] = [ref]
            elif (word in PLURAL_PRONOUNS and token.pos_ == "PRON") or _is_pair_phrase(token):
                subjects = [m.actor.ref() for m in mentions if m.end <= token.i and _is_subject(m, doc)]
                pair = self.pair(subjects, people=word in PERSON_PAIR_HEADS | PLURAL_PRONOUNS)
                if len(pair) < 2 and word in PLURAL_PRONOUNS:
                    pair = self.pair(subjects)
                if len(pair) == 2:
                    resolved[token.i] = pair
        return resolved

    def resolve_titles(self, mentions: list[Mention]) -> list[Mention]:
        """Give a bare title ("the President") the country of the last person named with it."""
        out = []
        for mention in mentions:
            actor = mention.actor
            if actor.kind == "person" and actor.country is None and actor.name is None:
                ref = self.titled(actor.text.lower().split()[-1])
                if ref is not None:
                    actor = replace(actor, name=ref.name, country=ref.country, role=ref.role,
                                    code=ref.code)
                    mention = replace(mention, actor=actor)
            out.append(mention)
        return out


def _is_pair_phrase(token) -> bool:
    """'both sides', 'the two leaders': a plural head with both/two before it."""
    if token.lower_ not in PAIR_HEADS:
        return False
    return any(child.lower_ in PAIR_DETERMINERS for child in token.children) or (
        token.i > 0 and token.nbor(-1).lower_ in PAIR_DETERMINERS)


def _is_subject(mention: Mention, doc: Doc | None) -> bool:
    """Whether a mention is (part of) a clause subject; without a parse, whether it starts the sentence."""
    if doc is None or not doc.has_annotation("DEP"):
        return mention.start <= 1
    for i in range(mention.start, mention.end):
        token = doc[i]
        while token.dep_ in ("conj", "compound", "amod", "poss", "appos") and token.head is not token:
            token = token.head
        if token.dep_ in SUBJECT_DEPS:
            return True
    return False
