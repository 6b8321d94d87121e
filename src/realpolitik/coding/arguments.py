"""Who a sentence's arguments are: the actors a noun phrase, a subject, a passive agent or a place names.

The event coder (``coding/events.py``) asks this layer for the actors behind the tokens it picked as
source and target. It resolves a phrase to its dictionary mentions and conjuncts ("the US, Russia and
Switzerland"), a role of no named country to the state its phrase places it in ("a court in Guyana"),
a pronoun in a reported clause to the speaker, a passive act to its agent or to whoever fired the
weapon, and an act of force to the state where it happened. "Iran-backed militias" are not Iran and
"pro-Russia rebels" are not Russia.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from realpolitik.coding.modality import REPORTING_VERBS
from realpolitik.models import ActorRef
from realpolitik.nlp.actors import ROLE_ACTORS, Mention

# Dependents that belong to an argument's own noun phrase; clauses and prepositions do not.
CORE_EXCLUDED = frozenset({"relcl", "acl", "advcl", "prep", "punct", "cc", "conj", "appos", "parataxis"})
SUBJECT_INHERITING = frozenset({"xcomp", "conj", "advcl", "pcomp", "ccomp", "acomp"})
FINITE_OR_PARTICIPLE = frozenset({"VBD", "VBN", "VBZ", "VBP", "VBG"})  # no bare infinitive joins these
NONSTATE_ROLES = frozenset({"REB", "INS", "UAF", "RAD", "SEP", "CRM"})  # armed groups of no state
CHALLENGER_ROLES = NONSTATE_ROLES | {"OPP"}  # who stand against their own state
MOURNING_PREPS = frozenset({"for", "over", "at", "to", "on", "after"})  # what sympathy is expressed about
STATE_FORCE_ROLES = frozenset({"MIL", "COP", "GOV", "SPY"})
STATE_ORGANS = STATE_FORCE_ROLES | {"LEG", "JUD"}
# Crowds whose acts are civil whatever state an adjective gives them ("French paper workers blocked").
CROWDS = frozenset({"people", "protester", "demonstrator", "supporter", "worker", "student", "resident",
                    "villager", "activist", "crowd", "youth", "farmer", "trucker", "driver", "teacher",
                    "employee", "miner", "opponent", "prisoner", "rioter", "protestor", "mob"})
# Roles of non-state civilians: their protests are demonstrations (CAMEO 14), not official complaints.
CIVIL_ROLES = frozenset({"CVL", "OPP", "LAB", "EDU", "NGO", "REL", "AGR", "ENV", "REF", "HLH", "RAD",
                         "PTY"})
NEAR_PREPS = frozenset({"near", "off", "along", "around"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Subjects that name no actor however national their adjective: markets, weather, sport (the kinds of
# sentence GDELT turns into noise). Not "side" or "team": "both sides agreed", "the aid team assisted".
NON_ACTOR_HEADS = frozenset({
    "stock", "share", "market", "index", "bond", "yield", "price", "currency", "rupee", "dollar", "euro",
    "yen", "yuan", "ruble", "rouble", "peso", "economy", "export", "import", "output", "production",
    "inflation", "growth", "sale", "earning", "profit", "rain", "storm", "flood", "temperature",
    "weather", "wind", "snow", "heatwave", "drought", "squad", "eleven", "club", "striker",
    "batsman", "bowler", "goalkeeper", "crop", "harvest", "wheat", "rice", "corn", "soybean",
    # mishaps and disasters: "killed by the Malaysia Airlines crash" is no attack by Malaysia
    "crash", "accident", "collision", "derailment", "earthquake", "quake", "tsunami", "landslide",
    "avalanche", "disease", "outbreak", "virus", "epidemic", "pandemic",
})
# Weapons and strikes whose owner, named by an adjective, did a passive act of force ("killed in
# Israeli tank shelling").
WEAPONS = frozenset({
    "shelling", "shell", "strike", "airstrike", "air", "attack", "raid", "bombing", "bombardment", "fire",
    "gunfire", "missile", "rocket", "drone", "artillery", "tank", "mortar", "bomb", "offensive",
    "assault", "ambush", "sniper", "helicopter", "jet", "warplane", "aircraft", "troop", "force",
    "soldier", "police", "gunship",
})
# "Iran-backed", "Al Qaeda-linked", "military-ruled": the named actor stands behind, or rules, the one
# the phrase is about ("-led" is not among them: a "Saudi-led coalition" is Saudi Arabia acting).
BACKING_WORDS = frozenset({"backed", "linked", "allied", "aligned", "sponsored", "supported", "funded",
                           "affiliated", "inspired", "armed", "trained", "friendly", "leaning", "controlled",
                           "ruled", "dominated", "governed"})
PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across"})
# Links followed from a trigger to the phrase that says where ("a deadly attack targeting ... at a mall
# in Kenya's capital"); not subjects, clauses of their own or coordinated verbs.
PLACE_LINKS = frozenset({"prep", "pobj", "dobj", "acl", "npadvmod", "appos", "compound", "poss"})
REPORTED_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
# Nouns of a permission given to a side to act ("gave Israel *permission* to attack"): the act is the
# recipient's, not the giver's.
PERMISSION_NOUNS = frozenset({"permission", "authorization", "authorisation", "clearance", "consent",
                              "go-ahead"})

UNKNOWN = ActorRef(text="", name=None, country=None, role=None, code="---")


class ArgumentReader:
    """The actors behind the tokens of one parsed sentence, given its mentions and resolved anaphors."""

    def __init__(self, doc: Doc, mentions: list[Mention], anaphors: dict[int, list[ActorRef]]) -> None:
        """Index the sentence's mentions by token, noting backers ("Iran-backed") and partisans ("pro-")."""
        self.doc = doc
        self.anaphors = anaphors
        self.by_token: dict[int, Mention] = {}
        self.backers: set[int] = set()  # starts of mentions that only back another ("Iran-backed")
        self.partisans: set[int] = set()  # starts of mentions after "pro-"/"anti-"
        size = len(doc)
        for mention in mentions:
            for i in range(mention.start, mention.end):
                self.by_token[i] = mention
            if mention.end + 1 < size and doc[mention.end].text == "-" \
                    and doc[mention.end + 1].lower_ in BACKING_WORDS:
                self.backers.add(mention.start)
            before = [t.lower_ for t in doc[max(mention.start - 2, 0):mention.start]]
            if before[-2:] in (["pro", "-"], ["anti", "-"]) or before[-1:] in (["pro-"], ["anti-"]):
                self.partisans.add(mention.start)
        self.kinds: dict[tuple, str] = {}  # (code, name) -> person, state, organization or group
        self.peoples: set[tuple] = set()  # (code, text) of plural demonyms: a state's people
        self.places: set[tuple] = set()  # (code, name) of places within a state ("South Carolina")

    # --- phrases ----------------------------------------------------------------------------------

    def actors_of(self, head: Token | None) -> list[tuple[ActorRef, bool]]:
        """Actors an argument stands for: its own noun phrase and its conjuncts."""
        if head is None:
            return []
        found: list[tuple[ActorRef, bool]] = []
        # a list of states the parser reads as an apposition: "the US, Russia, and Switzerland"
        listed = [a for a in head.children if a.dep_ == "appos" and any(c.dep_ == "conj" for c in a.children)
                  and self._is_state(a) and self._is_state(head)]
        for token in [head, *head.conjuncts, *(t for a in listed for t in (a, *a.conjuncts))]:
            found.extend(_spanned(_place_roles(self._core_actors(token)), token))
        found.extend(_spanned(self._shared_role(head), head))
        if not any(is_named(ref) for ref, _ in found):
            # "the President of Russia"; a role of no country also takes "from": "dissidents from Egypt"
            preps = ("of", "from") if found else ("of",)
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in preps:
                    for pobj in (t for c in prep.children for t in (c, *c.conjuncts)):
                        found.extend(_spanned(self._core_actors(pobj), head))
            if not found and head.i not in self.by_token:
                # a place the dictionary does not know, told by its apposition: "Haifa, Israel's third
                # largest city"
                for appos in (c for c in head.children if c.dep_ == "appos"):
                    found.extend(_spanned(self._core_actors(appos), head))
            found = _place_roles(found)
        return unique_refs([(ref, named) for ref, named in found if is_named(ref)]) or self._roles_of(head)

    def _shared_role(self, head: Token) -> list[tuple[ActorRef, bool]]:
        """The role of a head read with every state of its "of" list: "the foreign ministers of India
        and China" are India's and China's governments, where the mention takes in only India."""
        mention = self.by_token.get(head.i)
        if mention is None or not mention.actor.role or not mention.actor.country:
            return []
        shared = []
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.i in self.by_token):
                for state in pobj.conjuncts:
                    other = self.by_token.get(state.i)
                    if other is not None and other.actor.kind == "state" and other.actor.country:
                        country = other.actor.country
                        ref = replace(mention.actor.ref(), text=other.actor.text, country=country,
                                      name=other.actor.name,
                                      code=f"{country}{mention.actor.role}")
                        shared.append((ref, True))
        return shared

    def _roles_of(self, head: Token) -> list[tuple[ActorRef, bool]]:
        """A political role the argument itself names when it names no state or organisation
        ("insurgents", "the government"), as PETRARCH codes ``---REB``; placed in the state an "in"
        phrase names ("a court in Guyana"), except soldiers, who are often abroad."""
        roles = [(ref, True) for token in (head, *head.conjuncts) for ref, named in self._token_actors(token)
                 if named and is_actor(ref)]
        if not roles:
            return []
        # a state or its capital as the place ("demonstrators in Baghdad"), not its government
        places = [ref for ref, _ in self._prep_actors(head, ("in",)) if ref.country and (
            ref.role is None or self.kinds.get((ref.code, ref.name)) == "state")]
        placed = []
        for ref, named in roles:
            if places and ref.role != "MIL":
                country = places[0].country
                ref = replace(ref, country=country, code=f"{country}{ref.role}")
            placed.append((ref, named))
        return _spanned(unique_refs(placed), head)

    def _is_state(self, token: Token) -> bool:
        """Whether a token belongs to a mention of a state."""
        mention = self.by_token.get(token.i)
        return mention is not None and mention.actor.kind == "state"

    def _core_actors(self, head: Token) -> list[tuple[ActorRef, bool]]:
        """Actors inside the noun phrase of a head word, the head's own mention first.

        The whole phrase is searched, not only the head: parsers often hang one of two coordinated
        names under the other ("Tillerson and ... Lavrov met" with Tillerson as a modifier).
        """
        found = list(self._token_actors(head))
        stack = [c for c in head.children if c.dep_ not in CORE_EXCLUDED]
        while stack:
            token = stack.pop(0)
            found.extend(self._token_actors(token))
            stack.extend(c for c in token.children if c.dep_ not in CORE_EXCLUDED or c.dep_ == "conj")
        return unique_refs(found)

    def _token_actors(self, token: Token) -> list[tuple[ActorRef, bool]]:
        """The actor a single token belongs to, if it resolves to a state or organisation."""
        reported = self._reported_speaker(token)
        if reported:
            return reported
        if token.i in self.anaphors:  # spans of an earlier sentence do not carry over
            return [(replace(ref, start=None, end=None), False) for ref in self.anaphors[token.i]]
        mention = self.by_token.get(token.i)
        if mention is not None and mention.start in self.backers:
            return []  # "Iran-backed rebels" are not Iran
        if mention is not None and mention.start in self.partisans:
            # "pro-Russia rebels" are rebels of no known country, not Russia's
            role = mention.actor.role
            if role not in ROLE_ACTORS:
                return []
            return [(replace(mention.actor.ref(), country=None, code=None, name=None), True)]
        if mention is not None and (mention.actor.country or mention.actor.code
                                    or mention.actor.role in ROLE_ACTORS):
            ref = mention.actor.ref()
            self.kinds[(ref.code, ref.name)] = mention.actor.kind
            if mention.is_place:
                self.places.add((ref.code, ref.name))
            if mention.actor.kind == "state" and self.doc[mention.end - 1].tag_ in PLURAL_TAGS \
                    and ref.text != ref.name:
                self.peoples.add((ref.code, ref.text))  # "Algerians": the people, not the state
            return [(ref, True)]
        return []

    def _reported_speaker(self, token: Token) -> list[tuple[ActorRef, bool]]:
        """ "Japan said *it* had halted aid": a pronoun subject of a reported clause is the speaker."""
        if token.lower_ not in REPORTED_PRONOUNS or token.dep_ not in ("nsubj", "nsubjpass"):
            return []
        clause = token.head
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in REPORTING_VERBS:
            return []
        speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if speaker is None or speaker.lower_ in REPORTED_PRONOUNS:
            return []
        speakers = [self._core_actors(token) for token in (speaker, *speaker.conjuncts)]  # "X and Y said"
        return unique_refs([(ref, False) for refs in speakers for ref, _ in refs if is_named(ref)])

    def _modifier_actors(self, noun: Token) -> list[tuple[ActorRef, bool]]:
        """Actors named in compounds and adjectives of a noun ("US sanctions", "Putin-Modi meeting")."""
        found = []
        for child in noun.children:
            if child.dep_ in ("compound", "amod", "nmod", "npadvmod"):
                for token in child.subtree:
                    found.extend(self._token_actors(token))
        return unique_refs([(ref, named) for ref, named in found if is_named(ref)])

    def _children_actors(self, token: Token, deps: tuple[str, ...]) -> list[tuple[ActorRef, bool]]:
        """Actors of the children with the given dependency labels."""
        return unique_refs([a for c in token.children if c.dep_ in deps for a in self.actors_of(c)])

    def _prep_actors(self, token: Token, preps: tuple[str, ...]) -> list[tuple[ActorRef, bool]]:
        """Actors of the objects of the given prepositions under a token."""
        found = []
        for prep in token.children:
            if prep.dep_ in ("prep", "dative") and prep.lower_ in preps:
                for pobj in prep.children:
                    if pobj.dep_ in ("pobj", "pcomp"):
                        found.extend(self.actors_of(pobj))
        return unique_refs(found)

    # --- subjects and agents ----------------------------------------------------------------------

    def _subject(self, verb: Token, depth: int = 0) -> list[tuple[ActorRef, bool]]:
        """Actors of a verb's subject, inherited from governing verbs when it has none of its own."""
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
        if subject is not None:
            if verb.dep_ == "relcl" and (subject.tag_ == "WDT" or subject.lower_ in ("that", "which", "who")):
                return self.actors_of(verb.head)
            return self.actors_of(subject)
        if depth > 6 or verb.head is verb:
            return []
        permission = permission_of(verb)
        if permission is not None:
            return self._permitted(permission)
        if verb.dep_ == "xcomp":
            # "Obama is scheduled to attend": the passive subject of the governing verb acts
            passive = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
            if passive is not None:
                return self.actors_of(passive)
        if verb.dep_ == "conj" and verb.tag_ == "VB" and verb.head.tag_ in FINITE_OR_PARTICIPLE \
                and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            return []  # "has jailed a student for helping militants *join* a group": a misparse, not "and"
        if verb.dep_ in SUBJECT_INHERITING:
            return self._subject(verb.head, depth + 1)
        if verb.dep_ in ("relcl", "acl"):
            return self.actors_of(verb.head)
        return []

    def _permitted(self, permission: Token) -> list[tuple[ActorRef, bool]]:
        """Who a permission lets act: "*the United States* permission", "gave *Israel* permission",
        "gave permission *to Russia*"; nobody named, no one (the giver is not the one who acts)."""
        found = [(ref, named) for ref, named in self.actors_of(permission) if is_named(ref)]
        giver = permission.head
        if not found and permission.dep_ == "dobj":
            found = self._children_actors(giver, ("dative",)) or self._prep_actors(giver, ("to",))
        return found

    def _agent(self, verb: Token) -> list[tuple[ActorRef, bool]]:
        """Actors of a passive verb's "by" phrase; a weapon there stands for whoever used it: "shot
        down by a missile *fired by rebels*", "killed by a bomb *planted by insurgents*"."""
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.lemma_.lower() not in NON_ACTOR_HEADS:
                        return self._weapon_user(pobj) or self.actors_of(pobj)
        return []

    def _weapon_user(self, means: Token) -> list[tuple[ActorRef, bool]]:
        """The agent of the participle a weapon hangs on ("a missile *believed to be fired by* rebels")."""
        if means.lemma_.lower() not in WEAPONS:
            return []
        for clause in (c for c in means.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            for verb in (clause, *(c for c in clause.children if c.dep_ == "xcomp" and c.tag_ == "VBN")):
                found = self._agent(verb)
                if found:
                    return found
        return []

    def _weapon_owners(self, verb: Token) -> list[tuple[ActorRef, bool]]:
        """The side whose weapons or strike did a passive act of force: "killed *in Israeli tank
        shelling*", "wounded *by Russian shelling*" (where the parser makes the strike no agent)."""
        for child in verb.children:
            if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "in"):
                for means in child.children:
                    if means.dep_ in ("pobj", "pcomp") and means.lemma_.lower() in WEAPONS:
                        found = [(ref, named) for ref, named in self.actors_of(means) if is_named(ref)]
                        if found:
                            return found
        return []

    # --- places -----------------------------------------------------------------------------------

    def _place_of(self, trigger: Token) -> list[tuple[ActorRef, bool]]:
        """The state named where an act took place, nearest first, as a target of no role."""
        def links(token: Token) -> list[Token]:
            # the strike the parser hangs as a clause of its own ("killed in tank shelling in Gaza")
            return [c for c in token.children if c.dep_ in PLACE_LINKS
                    or c.dep_ == "advcl" and c.lemma_.lower() in WEAPONS]

        queue = [(c, 1) for c in links(trigger)]
        while queue:
            token, depth = queue.pop(0)
            if token.dep_ == "prep" and token.lower_ in PLACE_PREPS:
                found = self._place_in(token)
                if found:
                    return found
            if depth < 6:
                queue.extend((c, depth + 1) for c in links(token))
        return []

    def _place_of_phrase(self, token: Token, preps: tuple[str, ...]) -> list[tuple[ActorRef, bool]]:
        """The first state named by one of these prepositions under a token, as a target of no role."""
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in preps):
            found = self._place_in(prep)
            if found:
                return found
        return []

    def _mourned_place(self, token: Token | None) -> list[tuple[ActorRef, bool]]:
        """The state an expression of sympathy is about, by the place of what it mourns: "sorrow *for the
        shootings in Texas*", "condolences *to the victims of the attack in Kenya*"."""
        if token is None:
            return []
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in MOURNING_PREPS):
            for inner in (t for t in prep.subtree if t.dep_ == "prep" and t.lower_ == "in"):
                found = self._place_in(inner)
                if found:
                    return found
        return []

    def _place_in(self, prep: Token) -> list[tuple[ActorRef, bool]]:
        """The first state a place preposition's object names, as a target of no role."""
        for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() not in WEAPONS):
            states = [ref for ref, _ in self._place_actors(pobj) if ref.country]
            if states:
                ref = states[0]
                start, end = phrase_span(pobj)
                return [(ActorRef(text=ref.text, name=ref.name, country=ref.country, role=None,
                                  code=ref.country, start=start, end=end), False)]
        return []

    def _place_actors(self, pobj: Token) -> list[tuple[ActorRef, bool]]:
        """Actors of a place phrase and of its "of" or "in" phrase ("the east *of the Gaza Strip*", "a
        mall *in Kenya's capital*")."""
        found = self._core_actors(pobj)
        for prep in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ in ("of", "in")):
            for inner in (c for c in prep.children if c.dep_ == "pobj"):
                found += self._core_actors(inner)
        return found

    def _near_actors(self, noun: Token, preps: frozenset[str] = NEAR_PREPS) -> list[tuple[ActorRef, bool]]:
        """States named where a show of force is held: "war games *near the border with South Korea*"."""
        for holder in (noun, noun.head):
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in preps:
                    found = [(ref, named) for pobj in prep.children for token in pobj.subtree
                             for ref, named in self._token_actors(token) if is_named(ref)]
                    if found:
                        return unique_refs(found)
        return []

    # --- sides ------------------------------------------------------------------------------------

    def _is_crowd(self, ref: ActorRef) -> bool:
        """Whether an argument names a crowd: by its role ("protesters"), or by the head of its phrase
        ("Egyptian rioters", where the mention is the state's adjective)."""
        if ref.role is not None:
            return ref.role == "CVL"
        if ref.start is None or ref.end is None:
            return False
        span = self.doc.char_span(ref.start, ref.end, alignment_mode="expand")
        return span is not None and span.root.lemma_.lower() in CROWDS

    def _is_civil(self, ref: ActorRef) -> bool:
        """Whether an actor is of civil society: by its role, as a people ("Algerians"), or as a side
        of unknown kind (no state, no role); a state or its organs are not."""
        if ref.role is not None:
            return ref.role in CIVIL_ROLES
        return self.kinds.get((ref.code, ref.name)) not in ("state", "organization") \
            or (ref.code, ref.text) in self.peoples

    def _one_side(self, source: ActorRef, target: ActorRef) -> bool:
        """Two references to one side, except a place in the source's own state that an organ of the
        state acts on: it stands for its people ("Obama mourned the shootings in South Carolina" is
        USAGOV>USA, as GDELT codes it)."""
        if source.role in STATE_ORGANS and target.role is None and (target.code, target.name) in self.places:
            return False
        return is_same_side(source, target)


def permission_of(verb: Token) -> Token | None:
    """The permission noun whose act a to-infinitive names: "permission *to attack*", "gave permission to
    Russia *to help*" (where the parser hangs the infinitive on the verb)."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in PERMISSION_NOUNS:
        return verb.head
    if verb.dep_ in ("advcl", "xcomp"):
        objects = (c for c in verb.head.children if c.dep_ == "dobj")
        return next((c for c in objects if c.lemma_.lower() in PERMISSION_NOUNS), None)
    return None


def phrase_span(token: Token) -> tuple[int, int]:
    """Character span (in the token's doc) of the noun phrase a token heads, without its conjuncts:
    "the Palestinian president, Mahmoud Abbas" for "president", "Israel's military" for "military"."""
    tokens = [token]
    for child in token.children:
        if child.dep_ not in ("conj", "cc", "punct"):
            tokens.extend(child.subtree)
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last)


def _spanned(refs: list[tuple[ActorRef, bool]], token: Token) -> list[tuple[ActorRef, bool]]:
    """The refs found through an argument token, carrying the span of its noun phrase."""
    start, end = phrase_span(token)
    return [(replace(ref, start=start, end=end), named) for ref, named in refs]


def is_named(ref: ActorRef) -> bool:
    """An actor of a known state or organisation (not only a role such as "the police")."""
    return bool(ref.country or ref.code)


def is_actor(ref: ActorRef) -> bool:
    """An actor that can act in an event: a known state or organisation, or a political role or
    civilians of no known country ("the rebels", "the government", "three civilians"), which PETRARCH
    codes ``---REB``, ``---GOV``, ``---CVL``.
    An event needs one named side besides it (see ``_combine``)."""
    return is_named(ref) or ref.role in ROLE_ACTORS


def _place_roles(refs: list[tuple[ActorRef, bool]]) -> list[tuple[ActorRef, bool]]:
    """Give role-only actors of one noun phrase the state it names: "Iraq's security advisor",
    "dissidents from Egypt" are IRQ and EGY, as PETRARCH joins an agent to its country. A role
    beside a named actor that has a role of its own adds nothing and is dropped."""
    states = [ref for ref, _ in refs if ref.country and ref.role is None]
    if not any(is_named(ref) for ref, _ in refs):
        return refs
    out = []
    for ref, named in refs:
        if is_named(ref):
            out.append((ref, named))
        elif states:
            country = states[0].country
            out.append((replace(ref, country=country, code=f"{country}{ref.role}"), named))
    placed = {ref.country for ref, _ in out if ref.role}
    return [(ref, named) for ref, named in out if ref.role or ref.country not in placed]


def is_same_side(source: ActorRef, target: ActorRef) -> bool:
    """Two references to one side: same state and no distinct roles ("U.S." and "the Secretary").
    An armed group or the opposition is never its own state's side: "Boko Haram attacked Nigeria"."""
    if side_of(source) != side_of(target):
        return False
    if source.role != target.role and {source.role, target.role} & CHALLENGER_ROLES:
        return False
    return source.role is None or target.role is None or source.role == target.role


def side_of(ref: ActorRef) -> str:
    """The country or organisation an actor belongs to."""
    return ref.country or ref.code or ref.text


def unique_refs(refs: list[tuple[ActorRef, bool]]) -> list[tuple[ActorRef, bool]]:
    """Drop repeated actors (same code), keeping the first."""
    seen: set[tuple[str | None, str | None]] = set()
    out = []
    for ref, named in refs:
        key = (ref.code, ref.name)
        if key not in seen:
            seen.add(key)
            out.append((ref, named))
    return out
