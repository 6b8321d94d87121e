"""How certainly an event is reported: asserted, hedged, future, hypothetical or negated.

Cues are looked for on the trigger and on the words that govern it through complement-like links
("did not *agree to meet*", "leaks *hint at* joint production", "a law *that threatens* sanctions"),
never through subjects or adverbial clauses, so "As Modi greeted Putin, he didn't mince words" does not
negate the greeting. The strongest cue wins: negated > hypothetical > hedged > future.
"""

from __future__ import annotations

from spacy.tokens import Token

# Links along which a governing word's modality reaches its dependent.
PROPAGATING = frozenset({
    "xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acomp", "attr", "oprd", "dative",
    "compound", "amod", "nmod", "appos", "agent", "relcl", "acl", "conj",
})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
NEGATING_VERBS = frozenset({"fail", "decline", "deny", "avoid", "halt", "stop", "abandon", "scrap", "cancel"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would"})
HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether"})
HYPOTHETICAL_ADVERBS = frozenset({"possibly", "potentially", "perhaps", "conceivably", "maybe"})
HYPOTHETICAL_VERBS = frozenset({"consider", "mull", "weigh", "contemplate", "risk", "spark", "trigger"})
# A clause hanging on one of these nouns states a rule, not something that happened.
INSTRUMENTS = frozenset({
    "law", "bill", "act", "legislation", "measure", "rule", "provision", "regulation", "proposal",
    "statute", "amendment", "policy", "clause", "mechanism", "framework",
})
HEDGE_WORDS = frozenset({
    "reportedly", "allegedly", "apparently", "purportedly", "supposedly", "seemingly", "rumoured",
    "rumored", "unconfirmed", "hint", "suggest", "speculate", "speculation", "leak", "leaks",
    "rumour", "rumor", "claim", "allege", "appear", "seem", "indicate",
})
HEDGE_PASSIVES = frozenset({"say", "report", "believe", "understand", "think", "rumor", "rumour", "expect"})
HEDGE_SOURCES = frozenset({"report", "reports", "source", "sources", "leak", "leaks", "media", "rumor",
                           "rumour"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
# Verbs that report what someone said: their speaker is attributed, and a "would" under them is the
# future told in the past ("Israel announced it would free prisoners" is its "we will free them").
REPORTING_VERBS = frozenset({
    "say", "announce", "state", "tell", "add", "insist", "claim", "declare", "confirm", "report",
    "warn", "indicate", "reveal", "disclose", "note", "stress", "explain", "acknowledge", "admit",
    "reiterate",
})
# A decision is the act decided on ("Japan decided to ease sanctions" eases them), so "decide" and
# "resolve" are not among the verbs of intent below.
# Verbs of commitment: a "would" under them is a promised act too ("pledged it would withdraw").
COMMITTING_VERBS = frozenset({"promise", "pledge", "vow", "assure"})
TELLING_OF_FUTURE = REPORTING_VERBS | COMMITTING_VERBS
INTENT_VERBS = frozenset({
    "plan", "intend", "aim", "hope", "seek", "expect", "want", "wish", "prepare", "agree", "promise",
    "pledge", "vow", "schedule", "set", "look", "commit", "propose", "offer",
    "try", "attempt", "move", "willing", "ready", "prepared", "eager", "determined",
})
# Verbs by which a side voices its own will: a future act under one of them is an intention (CAMEO 03),
# while a future act reported on its own ("Obama will visit Beijing", "is scheduled to meet") is the act.
VOLITION_VERBS = COMMITTING_VERBS | frozenset({
    "intend", "aim", "hope", "seek", "want", "wish", "agree", "commit", "propose", "offer", "try",
    "attempt", "willing", "ready", "eager", "determined", "threaten",
})
FUTURE_MODIFIERS = frozenset({"upcoming", "planned", "proposed", "future", "forthcoming", "next", "expected",
                              "prospective", "scheduled"})
ORDER = ("negated", "hypothetical", "hedged", "future")
# A clause in the present after one of these marks tells of what is still to come ...
FUTURE_MARKS = frozenset({"before"})
CONDITION_MARKS = frozenset({"until", "once"})  # ... and after these, of a condition
PRESENT_TAGS = frozenset({"VBZ", "VBP"})


# Auxiliaries that give a relative clause a tense of its own ("the team, which is helping Ecuador").
TENSED_AUX = frozenset({"be", "have", "do"})


def governing_chain(trigger: Token) -> list[Token]:
    """The trigger and the words that govern it through complement-like links, nearest first.

    The chain stops at a relative clause told in a tense of its own: in "a team will work with the UN
    team, which is helping Ecuador", the help is happening, whatever the "will" above it says.
    """
    chain = [trigger]
    token = trigger
    while token.dep_ in PROPAGATING and token.head is not token and not _has_own_tense(token):
        token = token.head
        chain.append(token)
    return chain


def _has_own_tense(clause: Token) -> bool:
    """A relative clause in the past, or with a tensed auxiliary ("who attacked", "which is helping")."""
    if clause.dep_ != "relcl":
        return False
    return clause.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in TENSED_AUX
                                       for c in clause.children)


def modality_of(trigger: Token) -> str:
    """Return the modality of the event a trigger reports."""
    cues = set()
    chain = governing_chain(trigger)
    for position, token in enumerate(chain):
        cues |= _cues_on(token, trigger, position, chain)
    cues |= _sentence_cues(trigger)
    for name in ORDER:
        if name in cues:
            return name
    return "asserted"


def voices_intent(trigger: Token) -> bool:
    """Tell whether a future act is told as someone's will: said, promised, sought or agreed to
    ("Israel announced it would free prisoners", "Brazil seeks to deepen ties"), not merely planned."""
    chain = governing_chain(trigger)
    return any(token.lemma_.lower() in VOLITION_VERBS | REPORTING_VERBS and below.dep_ in ("xcomp", "ccomp")
               for below, token in zip(chain, chain[1:], strict=False))


def _cues_on(token: Token, trigger: Token, position: int, chain: list[Token]) -> set[str]:
    """Cues carried by one word of the chain and its modifiers."""
    cues = set()
    lemma = token.lemma_.lower()
    below = chain[position - 1] if position else None
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and word == "no" and token is trigger):
            cues.add("negated")
        elif child.dep_ in ("aux", "auxpass"):
            if word == "would" and _is_reported(token):
                cues.add("future")
            elif word in HYPOTHETICAL_AUX or child.lemma_ in HYPOTHETICAL_AUX:
                cues.add("hypothetical")
            elif word in FUTURE_AUX or child.lemma_ in FUTURE_AUX:
                cues.add("future")
        elif (child.dep_ == "mark" and word in HYPOTHETICAL_MARKS) or (
                child.dep_ in ("advmod", "amod", "npadvmod") and word in HYPOTHETICAL_ADVERBS):
            cues.add("hypothetical")
        elif child.dep_ in ("advmod", "amod") and word in HEDGE_WORDS:
            cues.add("hedged")
        elif child.dep_ == "amod" and word in FUTURE_MODIFIERS and token is trigger:
            cues.add("future")
        elif child.dep_ in ("nsubj", "compound") and child.lemma_.lower() in HEDGE_SOURCES and position:
            cues.add("hedged")
    if position and below is not None:
        if lemma in NEGATING_VERBS and below.dep_ == "xcomp":
            cues.add("negated")
        if lemma in HYPOTHETICAL_VERBS and below.dep_ in ("xcomp", "dobj"):
            cues.add("hypothetical")
        if lemma in INTENT_VERBS and below.dep_ == "xcomp":
            cues.add("future")
        if lemma in INSTRUMENTS and below.dep_ in ("relcl", "acl"):
            cues.add("hypothetical")
        if lemma in HEDGE_WORDS:
            cues.add("hedged")
        if lemma in HEDGE_PASSIVES and any(c.dep_ == "auxpass" for c in token.children):
            cues.add("hedged")
    if token is trigger and lemma in INTENT_VERBS and any(c.dep_ == "xcomp" for c in token.children):
        cues.add("future")
    marks = {c.lower_ for c in token.children if c.dep_ == "mark"} if token is trigger else set()
    if token.tag_ in PRESENT_TAGS and marks & FUTURE_MARKS:
        cues.add("future")  # "a day before Sarkozy heads to Beijing": the trip is yet to come
    if token.tag_ in PRESENT_TAGS and marks & CONDITION_MARKS:
        cues.add("hypothetical")  # "sanctions stay until Russia withdraws": a condition, not a plan
    if token is trigger and token.dep_ in ("relcl", "acl") and token.head.lemma_.lower() in INSTRUMENTS:
        cues.add("hypothetical")
    return cues


def _is_reported(clause: Token) -> bool:
    """A clause that says what someone said, with no condition of its own ("announced it would ...")."""
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in TELLING_OF_FUTURE:
        return False
    conditions = [c for c in clause.children if c.dep_ == "mark"]
    conditions += [m for c in clause.children if c.dep_ == "advcl" for m in c.children if m.dep_ == "mark"]
    return not any(m.lower_ in HYPOTHETICAL_MARKS for m in conditions)


def _sentence_cues(trigger: Token) -> set[str]:
    """Sentence-wide hedges: "according to reports", "reportedly" on the main verb."""
    sentence = trigger.sent
    cues = set()
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            objects = [t for t in token.nbor().subtree if t.dep_ == "pobj"]
            if any(t.lemma_.lower() in HEDGE_SOURCES for t in objects):
                cues.add("hedged")
        if token.dep_ == "advmod" and token.lower_ in HEDGE_WORDS and token.head.dep_ == "ROOT":
            cues.add("hedged")
    return cues
