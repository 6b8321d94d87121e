"""Find actor mentions in a tokenised text and resolve each to a state, organisation or person.

Works on any ``Doc`` (the tokenizer alone is enough): names are matched case-sensitively against the
actor dictionary, role words ("minister", "officials", "army") case-insensitively, and neighbouring
pieces plus the capitalised names between them are joined into one mention, so "Russian President
Vladimir Putin" is one Actor: Vladimir Putin, RUS, GOV.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from realpolitik.models import Actor
from realpolitik.nlp.dictionary import ActorDictionary, Entry, given_names
from realpolitik.nlp.lemmas import english_words

# Role words that make an actor on their own ("officials said"); generic ones ("business", "traders")
# only qualify an actor named beside them.
POLITICAL_ROLES = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "REB", "INS", "OPP", "UAF"})
# Roles that take part in an event without a known country, beside a named side: the political
# roles, and civilians, the commonest victims ("Israeli troops killed three civilians": ISR>---CVL).
ROLE_ACTORS = POLITICAL_ROLES | frozenset({"CVL"})
# Titles that say only that a person speaks or acts for a body, which a role word before them names.
GENERIC_TITLES = frozenset({"leader", "leaders", "official", "officials", "spokesman", "spokeswoman",
                            "spokesperson", "envoy", "envoys", "delegation"})
# Role words that name a person rather than a body ("the president" vs "the ministry").
PERSON_TITLES = frozenset({
    "president", "prime minister", "premier", "minister", "secretary", "chancellor", "king", "queen",
    "emir", "sultan", "crown prince", "prince", "ambassador", "envoy", "spokesperson", "spokesman",
    "spokeswoman", "general", "admiral", "commander", "senator", "lawmaker", "judge", "leader",
    "official", "diplomat", "consul", "consul general", "consul-general", "vice president",
    "foreign minister", "defence minister",
    "defense minister", "secretary of state", "secretary of defense", "foreign secretary",
    "defence secretary", "defense secretary", "deputy secretary", "undersecretary", "chief",
})
# The offices a title before a bare surname names ("Prime Minister Khan", "Foreign Minister Wang").
TITLE_OFFICES = {
    "president": ("head_of_state", "head_of_government"),
    "prime minister": ("head_of_government",), "premier": ("head_of_government",),
    "chancellor": ("head_of_government",),
    "king": ("head_of_state",), "queen": ("head_of_state",), "emir": ("head_of_state",),
    "sultan": ("head_of_state",),
    "foreign minister": ("foreign_minister",), "foreign secretary": ("foreign_minister",),
    "secretary of state": ("foreign_minister",),
    "defence minister": ("defence_minister",), "defense minister": ("defence_minister",),
    "defence secretary": ("defence_minister",), "defense secretary": ("defence_minister",),
    "secretary of defense": ("defence_minister",),
}
MONARCHS = frozenset({"king", "queen", "emir", "sultan"})
# The last word of a newspaper's or broadcaster's name after a place ("Washington Post", "China Daily").
MEDIA_WORDS = frozenset({"Post", "Times", "Herald", "Journal", "Daily", "Tribune", "Gazette", "Telegraph",
                         "Chronicle", "Observer", "Review", "Independent", "Express", "Mail", "News",
                         "Today", "Standard", "Dispatch", "Courier", "Monitor", "Examiner", "Sun"})
MEDIA_ROLE = "MED"
# Role words that are adjectives before these nouns ("a general strike", "the general public").
ADJECTIVE_USES = {"general": frozenset({
    "strike", "strikes", "election", "elections", "assembly", "public", "population", "amnesty", "consensus",
    "debate", "interest", "manager", "counsel", "agreement", "principle", "principles", "framework",
    "mobilisation", "mobilization", "secretariat", "council", "congress", "directorate", "idea", "view",
})}
# States whose people's names put the family name first (Xi Jinping is President Xi).
FAMILY_NAME_FIRST = frozenset({"CHN", "PRK", "KOR", "TWN", "VNM", "HKG", "MAC", "MNG", "KHM"})
# Abbreviated titles before a given name ("Sen. Jon Tester").
TITLE_ABBREVIATION = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof)\.")
MISCASED_SOURCES = frozenset({"country", "adjective", "capital"})  # state names matched in any casing
# A model designation after a maker's name: "Boeing 777", "Airbus A320", "Lockheed C-130", "Sukhoi Su-24".
PRODUCT_MODEL = re.compile(r"[A-Z][A-Za-z]?-?\d{1,4}[A-Z]?|\d{3}")
PLURAL_NOT = frozenset({"press", "congress", "business", "status", "us"})
_Chunk = tuple[int, int, list[tuple[Span, str]]]  # token start, end, (piece span, dictionary key)


@dataclass(frozen=True)
class Mention:
    """An actor mention: its token span in the doc it was found in, and the resolved Actor."""

    start: int
    end: int
    actor: Actor
    has_name: bool  # a dictionary name was matched (not only a role word)
    is_place: bool = False  # a place within a state ("South Carolina", "Calais"), not the state itself


class ActorMatcher:
    """Matches the actor dictionary against docs made by one Language's tokenizer."""

    def __init__(self, nlp: Language, book: ActorDictionary) -> None:
        self.book = book
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._ids: dict[int, str] = {}
        phrases = sorted(book.phrases)
        for index, phrase in enumerate(phrases):
            key = f"N{index}"
            self._ids[nlp.vocab.strings.add(key)] = phrase
            self.names.add(key, [nlp.make_doc(phrase)])
        # Pieces that take "of STATE" after them: role words and state-specific titles.
        self._of_joiners = set(book.roles) | {
            phrase for phrase, entries in book.phrases.items() if any(e.kind == "title" for e in entries)}
        # Every word any phrase of a person uses, so "George Bush" is the dictionary's George W. Bush
        # and "Jeb Bush" is not.
        self._name_words: dict[str, set[str]] = {}
        for phrase, entries in book.phrases.items():
            for entry in entries:
                if entry.kind == "person":
                    self._name_words.setdefault(entry.name, set(entry.name.split())).update(phrase.split())
        self._given = given_names()
        self._words = english_words(nlp)  # a lower-case surname that is no word ("obama", not "said")
        # Leaders by the word a title puts before: the surname ("Prime Minister Khan"), which comes
        # first in Chinese and Korean names ("Foreign Minister Wang"); a monarch's given name ("King
        # Abdullah") is looked up by the first word in _titled_leader.
        self._by_surname: dict[str, list[Entry]] = {}
        self._by_first_word: dict[str, list[Entry]] = {}
        for entries in book.phrases.values():
            for entry in entries:
                if entry.kind == "person" and entry.terms:
                    words = entry.name.split()
                    surname = words[0] if entry.country in FAMILY_NAME_FIRST else words[-1]
                    for table, word in ((self._by_surname, surname), (self._by_first_word, words[0])):
                        if entry not in table.setdefault(word, []):
                            table[word].append(entry)
        # States' names written in capitals or miscased ("RUSSIA SAYS", "iSrael"); an all-lowercase
        # word is left alone, as "turkey" and "chad" are words, and so are acronyms ("Us" is not US).
        self.miscased = PhraseMatcher(nlp.vocab, attr="LOWER")
        for index, phrase in enumerate(phrases):
            entries = book.phrases[phrase]
            if len(phrase) >= 4 and phrase != phrase.upper() and any(
                    entry.kind == "state" and entry.source in MISCASED_SOURCES for entry in entries):
                key = f"M{index}"
                self._ids[nlp.vocab.strings.add(key)] = phrase
                self.miscased.add(key, [nlp.make_doc(phrase.lower())])
        self.roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        for word in sorted(book.roles):
            key = f"R:{word}"
            self._ids[nlp.vocab.strings.add(key)] = word
            self.roles.add(key, [nlp.make_doc(word)])

    def find(self, doc: Doc | Span, date: str | None, offset: int = 0) -> list[Mention]:
        """Return the actor mentions of a doc or span, in text order.

        Args:
            doc: a tokenised text (no parse needed).
            date: the document date (YYYY-MM-DD) used to pick the office holder, or None.
            offset: added to character offsets (when ``doc`` is one sentence of a longer text).
        """
        pieces = [(span, key) for span, key in self._pieces(doc) if not self._is_other_name(span, key)]
        mentions = []
        for chunk in _chunks(doc, pieces, self._of_joiners, self.book.phrases):
            mention = self._resolve(doc, chunk, date, offset)
            if mention is not None:
                mentions.append(mention)
        return mentions

    def _is_other_name(self, span: Span, key: str) -> bool:
        """A piece that is no actor of its own here: a role word used as an adjective ("general
        strike"), a state's name as a surname ("Michael Jordan", "Rep. Steve Israel"), or a leader's
        surname after a given name not the leader's ("Jeb Bush")."""
        following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
        if following in ADJECTIVE_USES.get(key, ()):
            return True  # "a general strike" has no general in it
        entries = self.book.phrases.get(key, ())
        if _names_product(span[-1]) and any(entry.kind in ("organization", "group") for entry in entries):
            return True  # "a Malaysia Airlines Boeing 777": the maker names the aircraft, not an actor
        if any(entry.kind == "state" for entry in entries):
            return _is_surname(span, self._given)
        if len(span) == 1 and entries and all(entry.kind == "person" for entry in entries):
            given = span.doc[span.start - 1] if span.start else None
            return given is not None and given.text in self._given and not _in_title_case(span) and not any(
                given.text in self._name_words.get(entry.name, ()) for entry in entries)
        return False

    def _pieces(self, doc: Doc | Span) -> list[tuple[Span, str]]:
        """Dictionary names and role words as non-overlapping spans, each labelled with its key."""
        found = []
        for matcher in (self.names, self.miscased, self.roles):
            for match_id, start, end in matcher(doc):
                span = doc[start:end] if isinstance(doc, Doc) else doc.doc[doc.start + start:doc.start + end]
                if matcher is self.miscased and (span.text.islower() or span.text in self.book.phrases):
                    continue
                found.append(Span(span.doc, span.start, span.end, label=match_id))
        return [(span, self._ids[span.label]) for span in sorted(filter_spans(found))]

    def _resolve(self, doc: Doc | Span, chunk: _Chunk, date: str | None, offset: int) -> Mention | None:
        """Turn one chunk of pieces and names into a Mention."""
        start, end, pieces = chunk
        base = doc.start if isinstance(doc, Span) else 0
        tokens = doc.doc[start:end]
        entries: list[Entry] = []
        role_words: list[str] = []
        title: Entry | None = None
        for _, key in pieces:
            if key in self.book.phrases:
                entry = _pick(self.book.phrases[key], date)
                if entry.kind == "title":
                    title = entry
                else:
                    entries.append(entry)
            else:
                role_words.append(key)  # the dictionary's form ("non-governmental"), not the text's
        titles = [word for word in role_words if word in PERSON_TITLES]
        role = self.book.roles[(titles or role_words)[0 if titles else -1]] if role_words else None
        generic = next((i for i, word in enumerate(role_words) if word in GENERIC_TITLES), 0)
        if generic > 0 and (not titles or titles[0] == role_words[generic]):
            # "opposition leaders", "rebel spokesman", "court officials": the body they speak for
            role = self.book.roles[role_words[generic - 1]]
        person = next((e for e in entries if e.kind == "person"), None)
        org = next((e for e in entries if e.kind in ("organization", "group")), None)
        state = next((e for e in entries if e.kind == "state"), None) or title
        has_name = bool(entries)
        names = [t for t in tokens if (is_name_token(t) or t.lower_ in NAME_PARTICLES)
                 and not _in_pieces(t, pieces) and not _names_product(t)]
        if person is None and len(names) == 1 and titles:
            person = self._titled_leader(names[0].text, titles[0], state, date)
        if person is None and not names and titles and end < len(tokens.doc):
            # "President obama": a leader's surname written in lower case right after the title
            after = tokens.doc[end]
            if after.is_alpha and after.is_lower and len(after) > 2 and self._words \
                    and after.text not in self._words:
                person = self._titled_leader(after.text.capitalize(), titles[0], state, date)
                if person is not None:
                    end += 1
                    tokens = tokens.doc[start:end]
        if person is None and org is None and names and names[-1].text in MEDIA_WORDS and (state or title):
            # "The Washington Post", "China Daily", "The Jerusalem Post": a newspaper of that state
            place = state or title
            return Mention(start - base, end - base,
                           _actor(tokens, offset, tokens.text, "organization",
                                  place.country if place else None, MEDIA_ROLE), True)
        if person is not None:
            country, person_role = _person_office(person, date)
            actor = _actor(tokens, offset, person.name, "person", country, person_role or role)
        elif org is not None and (names or any(w in PERSON_TITLES for w in role_words)):
            name = " ".join(t.text for t in names) or None
            actor = _actor(tokens, offset, name, "person", org.country, org.role or role,
                           code=org.code if org.country is None else None)
        elif org is not None:
            code = org.code if org.kind == "group" or org.country is None else None
            actor = _actor(tokens, offset, org.name, org.kind, org.country, org.role or role, code=code)
        elif title is not None and (names or not role_words or role_words[-1] in PERSON_TITLES):
            name = " ".join(t.text for t in names) or None
            actor = _actor(tokens, offset, name, "person", title.country, title.role)
        elif role_words and (names or role_words[-1] in PERSON_TITLES):
            kind = "person" if names or not _is_plural(role_words[-1]) else "group"
            name = " ".join(t.text for t in names) or None
            if state is None and role not in ROLE_ACTORS:
                return None
            actor = _actor(tokens, offset, name, kind, state.country if state else None, role)
        elif role_words:
            if state is None and role not in ROLE_ACTORS:
                return None
            kind = "group" if _is_plural(role_words[-1]) else "organization"
            actor = _actor(tokens, offset, state.name if state else None, kind,
                           state.country if state else None, role)
        elif state is not None:
            actor = _actor(tokens, offset, state.name, "state", state.country, state.role)
            return Mention(start - base, end - base, actor, has_name, state.source == "place")
        else:
            return None
        return Mention(start - base, end - base, actor, has_name)


    def _titled_leader(self, word: str, title: str, state: Entry | None, date: str | None) -> Entry | None:
        """The one leader a title and a single name can mean: "Prime Minister Khan" in 2020 is Imran
        Khan. The office must fit the title, the term the date (any term when there is no date), and
        the state the one named beside them; two people who fit mean no answer."""
        offices = TITLE_OFFICES.get(title)
        if offices is None:
            return None
        if title in MONARCHS:  # only a monarch the dictionary itself calls so ("King Charles III")
            candidates = [entry for entry in self._by_first_word.get(word, ())
                          if title.capitalize() in self._name_words.get(entry.name, ())]
        else:
            candidates = self._by_surname.get(word, [])
        fits = [entry for entry in candidates
                if any(term.office in offices and (date is None or term.covers(date))
                       and (state is None or term.country == state.country) for term in entry.terms)]
        return fits[0] if len(fits) == 1 else None


def _pick(entries: list[Entry], date: str | None) -> Entry:
    """Choose among entries sharing a phrase: a person in office on the date first."""
    if date:
        for entry in entries:
            if any(term.covers(date) for term in entry.terms):
                return entry
    return entries[0]


def _person_office(entry: Entry, date: str | None) -> tuple[str | None, str | None]:
    """Country and role of a person on a date: in office, GOV; otherwise their state, no role."""
    if not date:
        last = entry.terms[-1]
        return last.country, last.role
    for term in entry.terms:
        if term.covers(date):
            return term.country, term.role
    before = [term for term in entry.terms if term.start <= date]
    return (before[-1] if before else entry.terms[0]).country, None


def _actor(tokens: Span, offset: int, name: str | None, kind: str, country: str | None,
           role: str | None, code: str | None = None) -> Actor:
    """Build the Actor record of a mention."""
    if code is None and country:
        code = country + (role or "")
    return Actor(tokens.text, tokens.start_char + offset, tokens.end_char + offset, name, kind,
                 country, role, code)


NAME_PARTICLES = frozenset({"da", "de", "del", "della", "di", "do", "dos", "du", "van", "von", "der", "bin",
                            "bint", "al", "el", "le", "la", "ibn"})


def _names_product(token) -> bool:
    """A maker's name before a model designation: "Boeing" in "a Boeing 777"."""
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return following is not None and PRODUCT_MODEL.fullmatch(following.text) is not None


def is_name_token(token) -> bool:
    """A capitalised word that can be part of a person's name."""
    return token.is_title and token.is_alpha and not token.is_stop and len(token) > 1


def _is_surname(span: Span, given: frozenset[str]) -> bool:
    """Whether a state's name ends a person's name: after a common given name ("Michael Jordan",
    "Mark Cuban") or after a title and any given name ("police Chief Chuck Jordan said", "Rep. Steve
    Israel"; not "Fan Expo Canada"), in a line not set in title case (a headline's "Police Chief Backs
    Israel" is no name)."""
    tokens = span.doc
    start = span.start
    if start < 1 or not is_name_token(tokens[start - 1]):
        return False
    before = tokens[start - 2] if start >= 2 else None
    titled = before is not None and (before.lower_ in PERSON_TITLES
                                     or bool(TITLE_ABBREVIATION.fullmatch(before.text)))
    return (titled or tokens[start - 1].text in given) and not _in_title_case(span)


TITLE_CASE_REACH = 12  # tokens either side of a name looked at to tell a headline from prose


def _in_title_case(span: Span) -> bool:
    """Whether the words around a span, on its line, are all capitalised (a headline), so a
    capitalised word before a name says nothing about it being a given name."""
    tokens = span.doc
    low, high = span.start, span.end
    while low > 0 and span.start - low < TITLE_CASE_REACH and "\n" not in tokens[low - 1].text_with_ws:
        low -= 1
    while high < len(tokens) and high - span.end < TITLE_CASE_REACH \
            and "\n" not in tokens[high - 1].text_with_ws:
        high += 1
    words = [t for t in tokens[low:high] if t.is_alpha and not t.is_stop and len(t) > 2]
    return bool(words) and all(t.is_title or t.is_upper for t in words)


def _is_name_or_particle(doc, i: int, limit: int) -> bool:
    """A name word, or a particle ("da", "von", "bin") followed by one."""
    token = doc[i]
    if is_name_token(token):
        return True
    return token.lower_ in NAME_PARTICLES and i + 1 < limit and is_name_token(doc[i + 1])


def _in_pieces(token, pieces: list[tuple[Span, str]]) -> bool:
    """Tell whether a token belongs to a matched piece."""
    return any(span.start <= token.i < span.end for span, _ in pieces)


def _is_plural(word: str) -> bool:
    """Rough plural test on a role word ("officials", "troops")."""
    return word.endswith("s") and word.split()[-1] not in PLURAL_NOT


def _is_state_piece(key: str, names: dict) -> bool:
    """A piece that names a state by itself (not a person, title or role)."""
    return any(entry.kind == "state" for entry in names.get(key, ()))


def _chunks(doc: Doc | Span, pieces: list[tuple[Span, str]], roles: set[str], names: dict
            ) -> list[_Chunk]:
    """Join adjacent pieces, and capitalised names between or after them, into mention chunks.

    A role joins the state after "of" too: "the Government of Ecuador", "President of Russia".
    """
    chunks: list[_Chunk] = []
    sent_doc = doc.doc
    limit = doc.end if isinstance(doc, Span) else len(doc)
    for span, key in pieces:
        after_role = bool(chunks) and chunks[-1][2][-1][1] in roles and key not in roles
        if chunks and chunks[-1][1] == span.start and key not in roles and chunks[-1][2][-1][1] not in roles \
                and _is_state_piece(chunks[-1][2][-1][1], names) and _is_state_piece(key, names):
            chunks.append((span.start, span.end, [(span, key)]))  # "Australia New Zealand": two states
            continue
        if chunks and (_joinable(sent_doc, chunks[-1][1], span.start)
                       or after_role and _is_of(sent_doc, chunks[-1][1], span.start)):
            start, _, members = chunks[-1]
            chunks[-1] = (start, span.end, [*members, (span, key)])
        else:
            chunks.append((span.start, span.end, [(span, key)]))
    extended = []
    starts = {start for start, _, _ in chunks}
    for start, end, members in chunks:
        while end < limit and end not in starts and _is_name_or_particle(sent_doc, end, limit) \
                and sent_doc[end - 1].whitespace_:
            end += 1
        extended.append((start, end, members))
    return extended


def _is_of(doc: Doc, end: int, start: int) -> bool:
    """Only "of" (or "of the") stands between two pieces."""
    between = [doc[i].lower_ for i in range(end, start)]
    return between in (["of"], ["of", "the"])


def _joinable(doc: Doc, end: int, start: int) -> bool:
    """Pieces join when only capitalised name words stand between them."""
    return all(is_name_token(doc[i]) for i in range(end, start))
