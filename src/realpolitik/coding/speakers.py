"""The people a news article quotes, as it goes: who "he said" and "the senator said" point back to.

Most speakers in news are not in the actor dictionary (spokespeople, officials, voters, experts), so
they are found in the text itself: a named subject of a speech verb, a name before or after "said"
in a sentence that was never parsed, or a dictionary person. The ``People`` register keeps them in
reading order with what their own words tell of their gender (a title such as "Mr." or
"spokeswoman"), so that a pronoun speaker goes to the last person it can stand for. A pronoun
prefers the last person who said something or began a sentence over one merely mentioned ("Clinton
says Trump's remarks ... She says" is Clinton). (Preferring speakers over subjects, or learning
genders from "X said she", scored lower on PolNeAR's dev set.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from realpolitik.models import ActorRef
from realpolitik.nlp.actors import TITLE_ABBREVIATION

MALE_WORDS = frozenset({
    "mr", "mr.", "he", "him", "his", "spokesman", "congressman", "chairman", "businessman", "father",
    "husband", "son", "brother", "king", "prince", "sir", "lord", "grandfather", "uncle", "nephew",
    "councilman", "assemblyman", "anchorman", "boyfriend",
})
FEMALE_WORDS = frozenset({
    "mrs", "mrs.", "ms", "ms.", "miss", "she", "her", "hers", "spokeswoman", "congresswoman",
    "chairwoman", "businesswoman", "mother", "wife", "daughter", "sister", "queen", "princess", "lady",
    "grandmother", "aunt", "niece", "councilwoman", "assemblywoman", "actress", "girlfriend", "widow",
})
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "i": None, "me": None}
SPEAKER_PRONOUNS = frozenset({"he", "she", "i", "they", "it", "we", "who"})
# How many people back a pronoun may look (about two or three paragraphs of news).
REACH = 12
# Words an apposition or parenthesis between a name and its verb may have.
INSERT_WORDS = 10
# Initials and title abbreviations that may stand inside a name ("Sen. Jon Tester", "Charles B. Rangel").
NAME_ABBREVIATION = re.compile(r"[A-Z]\.|Jr\.|" + TITLE_ABBREVIATION.pattern)


# Capitalised words that are not people ("said Friday", "The Republican said").
NOT_PERSON_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "republican", "republicans", "democrat", "democrats", "democratic", "gop", "american",
    "americans", "libertarian", "independent", "today", "tonight", "yesterday", "tomorrow",
})
# Words before a capitalised run that make it part of something else ("the Commission on Presidential
# Debates announced", "in Washington said").
NOT_BEFORE_NAME = frozenset({"on", "of", "in", "at", "for", "from", "to", "by", "with", "about", "the"})


# Last words of the names of bodies, not people ("the Brookings Institution", "Investment Coalition").
BODY_WORDS = frozenset({
    "university", "school", "college", "coalition", "institute", "institution", "center", "centre",
    "foundation", "committee", "council", "association", "party", "campaign", "department", "agency",
    "times", "post", "news", "journal", "group", "fund", "network", "report", "club", "union",
    "league", "caucus", "society", "bank", "court", "commission", "house", "senate", "congress",
    "office", "administration", "ministry", "board", "service", "company", "corporation", "inc",
    "press", "magazine", "tribune", "herald", "television", "radio", "battleground", "poll", "review",
})


def is_body_name(text: str) -> bool:
    """Whether a name is a body's ("Pew Research Center"): it may speak, but is not "he" or "she"."""
    words = text.lower().split()
    return bool(words) and words[-1].strip(".,") in BODY_WORDS


def is_person_name(text: str) -> bool:
    """Whether a capitalised run can be a person's name, or a body's (not "Friday", "The Republican")."""
    words = [w.lower().strip(".,") for w in text.split()]
    if not words or not text[:1].isupper():
        return False
    return not all(w in NOT_PERSON_WORDS or w == "the" for w in words)


# How prominent a person was where they were last seen.
MENTIONED, SUBJECT, SPEAKER = 0, 1, 2


@dataclass
class Person:
    """One person the article has named or quoted, with what is known of their gender."""

    ref: ActorRef
    named: bool  # a proper name, not only a description ("the mayor")
    rank: int  # MENTIONED, SUBJECT or SPEAKER
    gender: str | None = None  # "m", "f" or None


@dataclass
class People:
    """The people of a document in reading order, for pronoun and title speakers."""

    seen: list[Person] = field(default_factory=list)

    def note(self, ref: ActorRef, named: bool, rank: int, gender: str | None = None) -> None:
        """Remember a person; a later mention of the same name moves them to the front."""
        if named and not is_person_name(ref.name or ref.text):
            return
        key = _key(ref)
        known = next((p for p in reversed(self.seen) if _key(p.ref) == key), None)
        gender = gender or gender_of_words(ref.text.lower().split())
        if known is not None:
            self.seen.remove(known)
            gender = gender or known.gender
            named = named or known.named
            ref = known.ref if known.named and not named else ref
        self.seen.append(Person(ref, named, rank, gender))
        del self.seen[:-50]

    def resolve(self, pronoun: str) -> ActorRef | None:
        """The person a speaker pronoun stands for: the last speaker or subject that fits, else the
        last one.

        "he"/"she" need a named person of no other gender; "they", "it" and "who" take anyone quoted.
        """
        word = pronoun.lower()
        personal = word in PRONOUN_GENDER
        gender = PRONOUN_GENDER.get(word)
        fitting = [p for p in reversed(self.seen[-REACH:])
                   if (p.named and not is_body_name(p.ref.text) or not personal)
                   and (gender is None or p.gender in (None, gender))]
        if not personal:
            fitting = [p for p in fitting if p.rank > MENTIONED]
        best = next((p for p in fitting if p.rank > MENTIONED), None) or next(iter(fitting), None)
        return best.ref if best is not None else None


def gender_of_words(words: list[str]) -> str | None:
    """The gender a name's own words tell ("Mrs. Clinton", "a spokeswoman"), if any."""
    lowered = {w.lower().strip(",") for w in words}
    if lowered & MALE_WORDS and not lowered & FEMALE_WORDS:
        return "m"
    if lowered & FEMALE_WORDS and not lowered & MALE_WORDS:
        return "f"
    return None


def _key(ref: ActorRef) -> str:
    """People are the same when their names end in the same word (surname)."""
    words = re.findall(r"[\w'-]+", ref.name or ref.text)
    return words[-1].lower() if words else ref.text.lower()


def person_ref(text: str) -> ActorRef:
    """A speaker the dictionary does not know: a name or description with no country or code."""
    return ActorRef(text=text, name=text, country=None, role=None, code=None)


def description_ref(text: str) -> ActorRef:
    """A speaker described, not named ("the mayor", "a campaign spokeswoman")."""
    return ActorRef(text=text, name=None, country=None, role=None, code=None)


def note_people(people: People, span: Span, mentions: list, speech_forms: frozenset[str]) -> None:
    """Note the people a sentence names, in order: dictionary persons and names beside a speech verb.

    A person beside a speech verb is a speaker, one who begins the sentence a subject.

    Args:
        people: the register.
        span: the sentence's tokens (in the document's tokenised text).
        mentions: the sentence's actor mentions (token offsets into the same text).
        speech_forms: the inflected speech verbs.
    """
    covered = {i for m in mentions for i in range(m.start, m.end)}
    named: list[tuple[int, ActorRef, int]] = []
    for mention in mentions:
        if mention.actor.kind == "person" and (mention.actor.name or mention.has_name):
            near_verb = mention.end < len(span.doc) and span.doc[mention.end].lower_ in speech_forms
            rank = SPEAKER if near_verb else SUBJECT if mention.start <= span.start + 1 else MENTIONED
            named.append((mention.start, mention.actor.ref(), rank))
    speaking = shallow_speakers(span, speech_forms, covered)
    named += [(i, ref, SPEAKER) for i, ref in speaking]
    taken = covered | {i for i, _ in speaking}
    named += [(run.start, person_ref(run.text), SUBJECT if run.start == span.start else MENTIONED)
              for run in name_runs(span) if run.start not in taken and not any(t.i in covered for t in run)]
    named.sort(key=lambda item: item[0])
    for _, ref, rank in named:
        people.note(ref, named=True, rank=rank)


def name_runs(span: Span) -> list[Span]:
    """Runs of two or more capitalised words that can be a person's name ("Rakeyia Scott can be heard")."""
    runs: list[Span] = []
    start, before = None, ""  # where the current run starts, and the word before it
    for token in [*span, None]:
        if token is not None and token.text != "-" and _is_name_word(token):
            start = token.i if start is None else start
            continue
        end = token.i if token is not None else span.end
        if start is not None and end - start >= 2 and before not in NOT_BEFORE_NAME:
            run = span.doc[start:end]
            if is_person_name(run.text) and not is_body_name(run.text):
                runs.append(run)
        start, before = None, token.lower_ if token is not None else ""
    return runs


def shallow_speakers(span: Span, speech_forms: frozenset[str],
                     covered: set[int]) -> list[tuple[int, ActorRef]]:
    """Names next to a speech verb in a sentence with no parse: "Warren said", "said Jim Smith".

    Args:
        span: the sentence's tokens.
        speech_forms: the inflected speech verbs ("said", "says", "told").
        covered: token indexes already covered by dictionary mentions (those are noted elsewhere).

    Returns:
        (token index, person) for each name found.
    """
    found = []
    for token in span:
        if token.lower_ not in speech_forms or token.i in covered:
            continue
        name = _name_before(token, span.start) or _name_after(token, span.end)
        if name is not None and not any(t.i in covered for t in name):
            found.append((name[0].i, person_ref(name.text)))
    return found


def _name_before(verb: Token, low: int) -> Span | None:
    """The capitalised name right before a verb ("Sen. Jon Tester said"), also across a parenthesis
    or a short apposition ("Sen. David Perdue (R-Ga.) said", "Megan Hester, a teacher, said")."""
    doc = verb.doc
    end = _skip_insert(doc, verb.i, low)
    start = end
    while start > low and _is_name_word(doc[start - 1]):
        start -= 1
    if start == end or not _is_capitalised(doc[end - 1]):
        return None
    if start > low and doc[start - 1].lower_ in NOT_BEFORE_NAME:
        return None
    name = doc[start:end]
    return name if is_person_name(name.text) else None


def _skip_insert(doc, end: int, low: int) -> int:
    """Where a name before ``end`` ends, past a parenthesis or a comma-set apposition of a few words."""
    if end - 1 > low and doc[end - 1].text in (")", ","):
        opener = "(" if doc[end - 1].text == ")" else ","
        for k in range(end - 2, max(low, end - 2 - INSERT_WORDS) - 1, -1):
            if doc[k].text == opener:
                return k if k > low and _is_name_word(doc[k - 1]) else end
    return end


def _name_after(verb: Token, high: int) -> Span | None:
    """The capitalised name right after "said" ("said Jim Smith, a spokesman")."""
    doc = verb.doc
    start = verb.i + 1
    end = start
    while end < high and _is_name_word(doc[end]):
        end += 1
    name = doc[start:end]
    return name if end > start and _is_capitalised(doc[end - 1]) and is_person_name(name.text) else None


def _is_name_word(token: Token) -> bool:
    """A word that can be part of a name: capitalised, an initial, or a title abbreviation."""
    text = token.text
    if not text[:1].isupper():
        # only a hyphen inside a hyphenated name ("Holtz-Eakin")
        return text == "-" and not token.whitespace_ and token.i > 0 and not token.nbor(-1).whitespace_
    return (_is_capitalised(token) and not token.is_stop) or bool(NAME_ABBREVIATION.fullmatch(token.text))


def _is_capitalised(token: Token) -> bool:
    """A word that starts with a capital and goes on in letters ("Smith", "McKinley", "DuVernay")."""
    return token.is_alpha and token.text[:1].isupper() and len(token) > 1 and not token.is_upper
