"""Who did what to whom in one parsed sentence: the rule-based event coder.

For each trigger (a lexicon verb or noun) the coder finds the source and target from the parse:
subjects (inherited through "agreed to meet", "keeps pushing", relative clauses), passive agents,
objects and prepositional objects, possessors ("Putin's trip"), and actor modifiers ("the Putin-Modi
meeting", "US sanctions"). Coordinated subjects and pair phrases ("both sides") make joint, symmetric
events. An appeal carries the act it asks for ("urged Russia to withdraw" is one appeal, 0256); a
political role of no known country ("insurgents") is a side beside a named one; an act of force on no
named side targets the state where it happened (``+place``); a backer ("Iran-backed") is not the actor
it backs. Each event carries its modality, sectors, evidence and the rule that produced it. Which
actors a token stands for is ``coding/arguments.py``'s part, which ``SentenceCoder`` builds on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from realpolitik.coding.adjust import intent_code, rejection_code, request_code, threat_code
from realpolitik.coding.arguments import (
    BACKING_WORDS,
    CROWDS,
    NEAR_PREPS,
    NON_ACTOR_HEADS,
    NONSTATE_ROLES,
    STATE_FORCE_ROLES,
    UNKNOWN,
    ArgumentReader,
    is_actor,
    is_named,
    is_same_side,
    permission_of,
    side_of,
    unique_refs,
)
from realpolitik.coding.lexicon import JOINT_FORCE, Lexicon, Trigger, stands_alone
from realpolitik.coding.modality import REPORTING_VERBS, modality_of, voices_intent
from realpolitik.coding.ontology import COOPERATION_ROOTS, COOPERATIVE_ROOTS
from realpolitik.coding.sectors import sectors_near
from realpolitik.models import ActorRef
from realpolitik.nlp.actors import Mention

VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
DEFINITE = frozenset({"the", "this", "these", "that", "those"})
# Words that make a noun name a two-sided undertaking ("joint production", "bilateral talks").
JOINT_MODIFIERS = ("joint", "bilateral", "mutual", "co", "combined", "reciprocal")
# Prepositions after an object that name the target: "lifted sanctions on Iran", "aid to Haiti".
OBJECT_PREPS = ("on", "against", "to", "with", "toward", "towards", "into", "for")
GROUP_NOUNS = frozenset({"hundred", "thousand", "dozen", "hundreds", "thousands", "dozens", "group",
                         "contingent", "some", "deployment", "patch", "detachment", "team", "convoy",
                         "column", "battalion", "company", "platoon"})
CONSIDERING_VERBS = frozenset({"consider", "weigh", "mull", "contemplate", "mull over"})
OWNING_VERBS = frozenset({"claim", "admit", "acknowledge"})  # "claimed that it had attacked": 015
DEPLOYMENT, PEACEKEEPING_CODE = "154", "074"
CONTACT_VERBS = frozenset({"call", "phone", "telephone", "ring"})  # a call made to do something
ALLOWING_VERBS = frozenset({"allow", "permit", "let"})
PERMISSION_REFUSAL = "1245"  # refuse to allow international involvement
CONDOLENCE_CODE, VISIT_CODE = "018", "042"
REPRESSION_CODE, RIOT_CODE = "175", "145"  # the two sides of a clash between a state's forces and a crowd
PEACEKEEPING = frozenset({"peacekeeping", "peacekeeper", "peacekeepers", "peace-keeping"})
OPINION_VERBS = frozenset({"agree", "concur"})
MEDIATION_CODES = frozenset({"045", "165"})  # to mediate, to halt mediation: between two sides
# "refused to meet": the refusal is the event, coded as the matching CAMEO 12 rejection.
REFUSING_VERBS = frozenset({"refuse", "decline", "reject", "rebuff", "spurn", "fail"})
FAILING_VERBS = frozenset({"fail"})  # "failed to reach a deal" rejects it, as CAMEO's 12 codes do
# Force verbs that also mean criticism when a person does it to a person ("Trump attacked Machado").
VERBAL_FORCE = frozenset({"attack", "hit", "strike", "target", "assail", "lash", "bash"})
# Things only words can attack ("Trump attacked the ideology of radical Islam").
IDEAS = frozenset({
    "ideology", "policy", "plan", "proposal", "record", "remark", "comment", "statement", "decision",
    "idea", "view", "approach", "agenda", "stance", "strategy", "rhetoric", "media", "press", "report",
    "claim", "speech", "tweet", "candidacy", "critic", "opponent", "rival", "leadership", "judgment",
    "handling", "response", "character", "temperament", "vision", "platform", "doctrine", "narrative",
})
# The CAMEO code of force done with a weapon (the codebook's 193 small arms, 194 artillery, tanks and
# rockets, 195 aircraft), which sharpens a generic attack or a bombing: "blown up by a missile" is 194.
WEAPON_CODES = {
    "missile": "194", "rocket": "194", "artillery": "194", "shell": "194", "shelling": "194", "tank": "194",
    "cannon": "194", "warship": "194", "airstrike": "195", "warplane": "195", "jet": "195", "drone": "195",
    "helicopter": "195", "gunship": "195", "aircraft": "195", "bomber": "195", "gunfire": "193",
    "sniper": "193", "rifle": "193", "gun": "193", "gunman": "193", "mortar": "193", "bullet": "193",
}
SHARPENED_BY_WEAPON = frozenset({"190", "183"})
# Verbs that name rather than act when they take an object predicate ("called X a liar").
NAMING_VERBS = frozenset({"call", "name", "label", "brand", "dub", "term", "describe"})
REPORTER_ROLES = frozenset({"MED"})
TIME_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "day", "days", "week", "weeks", "weekend", "month", "months", "year", "years", "morning", "afternoon",
    "evening", "night", "today", "time", "occasion", "eve",
})
COERCE_ROOT = "17"
COERCING_ORGANS = frozenset({"GOV", "COP", "JUD", "MIL", "SPY"})  # who arrest or jail their own people
THREAT_ROOT = "13"
CONDITION_MARKS = frozenset({"if", "unless"})
# An act promised "unless" the other side gives way is an ultimatum: a threat (13), not an intent.
ULTIMATUM_MARKS = frozenset({"unless"})
# "threatened to X": a threat (CAMEO 13) whatever X is.
THREAT_CARRIERS = frozenset({"threaten", "warn", "vow"})
# Objects whose "from"/"by" names who made them, the target of a reply ("rejected a request from X").
PROPOSAL_NOUNS = frozenset({"request", "offer", "proposal", "demand", "call", "appeal", "invitation", "plea",
                            "plan", "initiative", "bid", "ultimatum", "accusation", "allegation", "charge",
                            "claim", "criticism", "complaint", "threat", "warning"})
# Verbs whose to-infinitive carries the event ("pledged to expel" is one event, an intended expulsion).
INTENT_CARRIERS = frozenset({"pledge", "promise", "vow", "agree", "offer", "commit", "threaten", "plan",
                             "decide", "seek", "intend", "want", "hope", "aim", "warn"})
# Verbs whose to-infinitive act, coded as an intent or a rejection, is the event in their place.
COMPLEMENT_CARRIERS = INTENT_CARRIERS | REFUSING_VERBS
# Verbs of wanting: "wants Putin to attack" is an appeal to Putin (CAMEO 020), not an attack.
DESIRE_VERBS = frozenset({"want", "wish"})
DESIRE = Trigger(key="want", code="020")
# "X said Y must withdraw" is X demanding it of Y (10), "... Y should withdraw" X appealing (02):
# the obligation, told by the one who imposes it, is the event, not the act.
OBLIGATIONS = {"must": Trigger(key="must", code="100"), "should": Trigger(key="should", code="020")}
OBLIGATION_TELLERS = REPORTING_VERBS | frozenset({
    "declare", "conclude", "argue", "maintain", "remind", "emphasise", "emphasize", "underline",
    "repeat", "assert", "write", "believe", "think", "feel", "agree",
})
# Roots of a request: an appeal (02) or a demand (10) takes its subcode from the act asked for.
REQUEST_ROOTS = frozenset({"02", "10"})
# Verbs whose that-clause reports an act of force as the speaker's claim or accusation.
CLAIM_VERBS = frozenset({"say", "claim", "allege", "insist", "assert", "charge", "declare"})
FORCE_ROOTS = frozenset({"18", "19", "20"})
VICTIM_ROOTS = FORCE_ROOTS | {COERCE_ROOT}  # acts whose victims of no named state belong somewhere
# "X said it attacked Y" claims a deed; "X said it would attack Y" threatens one (coded as intended).
CLAIMED_MODALITIES = frozenset({"asserted", "hedged"})
# Acts whose target, when no side is named, is the state where they happen ("shelling in the Gaza
# Strip", "exercises in Alaska", "claimed the attack on a mall in Nairobi"): force, shows of force, and
# claims of responsibility, as event datasets code violence against people no one names.
SHOW_OF_FORCE = "15"
PLACE_ROOTS = FORCE_ROOTS | frozenset({SHOW_OF_FORCE})
PLACE_CODES = frozenset({"015"})
# Verbs that report or intend another event rather than being one ("said", "hoped", "wants"): an
# extra dictionary's bare code for them (CAMEO.2.0 codes "say" 010) would turn every quote into an
# event, so only their object codes are taken (see lexicon.merge_lexicon).
CARRIER_VERBS = REPORTING_VERBS | INTENT_CARRIERS | frozenset({
    "hope", "want", "wish", "prepare", "expect", "believe", "think", "try", "attempt", "schedule",
    "write", "speak", "ask", "seem", "appear", "remain", "continue", "begin", "start", "go", "come",
    "describe", "suggest", "mention", "argue", "allege", "assert",
})
# Nouns of undertaking that the word before them names: "mediation efforts", "the peace process".
EFFORT_NOUNS = frozenset({"effort", "process", "mission", "initiative", "bid", "campaign", "drive",
                          "programme", "program", "plan", "operation", "action"})
# Nouns that only measure or frame the object: "25,000 tons of food", "a state of emergency".
QUANTITY_NOUNS = frozenset({
    "ton", "tonne", "dollar", "worth", "part", "million", "billion", "package", "shipment", "batch",
    "amount", "number", "lot", "round", "consignment", "set", "series", "wave", "barrel", "unit", "state",
})


# Verbs that only carry a noun event ("held talks", "launched an attack"): its subject is the noun's.
LIGHT_VERBS = frozenset({
    "hold", "have", "conduct", "carry", "make", "pay", "sign", "ink", "seal", "reach", "conclude", "strike",
    "launch", "stage", "begin", "start", "resume", "continue", "find", "take", "give", "provide", "impose",
    "announce", "agree", "offer", "send", "deliver", "mount", "wage", "join", "host", "expand", "deepen",
    "strengthen", "boost", "enhance", "pursue", "undertake", "finalize", "finalise", "complete",
})


@dataclass(frozen=True)
class RawEvent:
    """An event found in a sentence, before ids, dates and offsets are attached."""

    source: ActorRef
    target: ActorRef | None
    symmetric: bool
    code: str
    modality: str
    sectors: tuple[str, ...]
    trigger: Token
    rule: str
    explicit: int  # how many of source and target were named, not inferred


class SentenceCoder(ArgumentReader):
    """Codes the events of one parsed sentence, given its actor mentions and resolved anaphors."""

    def __init__(self, doc: Doc, mentions: list[Mention], anaphors: dict[int, list[ActorRef]],
                 lexicon: Lexicon, excluded: range | None = None, lenient: bool = False) -> None:
        """Prepare to code one sentence.

        Args:
            lenient: also report triggers whose source or target could not be found (with an unknown
                side): for relation classification, where the pair is given and only the act is asked.
        """
        super().__init__(doc, mentions, anaphors)
        self.lenient = lenient
        self.lexicon = lexicon
        self.excluded = excluded
        self.consumed: set[int] = set()

    def events(self) -> Iterator[RawEvent]:
        """Yield the events of the sentence, verbs first, then nouns not taken by a verb."""
        mistagged = {t.i for t in self.doc if t.pos_ in NOUN_POS and _is_mistagged_verb(t)}
        for token in self.doc:
            if (token.pos_ in VERB_POS or token.i in mistagged) and not self._is_excluded(token):
                yield from self._verb_events(token)
        for token in self.doc:
            if token.pos_ in NOUN_POS and token.i not in self.consumed and token.i not in mistagged \
                    and not self._is_excluded(token):
                yield from self._noun_events(token)

    # --- verbs -----------------------------------------------------------------------------------

    def _verb_entry(self, verb: Token) -> Trigger | None:
        """The lexicon entry of a verb, by lemma (or by word form when the lemmatizer slipped)."""
        # Particles, then prepositions after the verb, nearest first, but none that says when: "In
        # June, X called on Y" is "call on"; "called Morrison on Wednesday to congratulate him" a call.
        particles = [c.lower_ for c in sorted(
            (c for c in verb.children if c.dep_ == "prt" or c.dep_ == "prep" and c.i > verb.i
             and not any(o.dep_ == "pobj" and o.lower_ in TIME_WORDS for o in c.children)),
            key=lambda c: (c.dep_ != "prt", c.i))]
        entry = self.lexicon.verb(verb.lemma_.lower(), particles)
        if entry is None:
            lemma = self.lexicon.lemma_of(verb.lower_)
            entry = self.lexicon.verb(lemma, particles) if lemma else None
        return entry

    def _verb_events(self, verb: Token) -> Iterator[RawEvent]:
        """Events of a verb trigger."""
        entry = self._verb_entry(verb)
        teller = _obligation_teller(verb)
        if teller is not None and not self._is_own_obligation(verb, teller):
            # "must reach an agreement": the agreement asked for is no event of its own
            self.consumed.update(t.i for t in verb.subtree if t.pos_ in NOUN_POS)
            yield from self._obligation_events(verb, entry, teller)
            return
        if entry is None and verb.lemma_.lower() not in DESIRE_VERBS:
            return
        if verb.lower_ in BACKING_WORDS and verb.i > 0 and verb.nbor(-1).text == "-":
            return  # "Iran-backed militias" describes the militias; the backing is no event here
        if self._requester(verb) is not None:
            return  # "urged Russia to withdraw": the appeal is the event; the withdrawal was asked for
        if _refused_permission(verb) is not None:
            return  # "refused to allow UN planes to evacuate observers": no evacuation, only the refusal
        asks = verb.lemma_.lower() in DESIRE_VERBS or (
            entry is not None and entry.code is not None and entry.code[:2] in REQUEST_ROOTS)
        requested = self._requested_act(verb) if asks else None
        if requested is not None and verb.lemma_.lower() in DESIRE_VERBS \
                and (entry is None or entry.code is None):
            entry = DESIRE
        if entry is None:
            return
        if verb.lemma_.lower() in NAMING_VERBS and any(
                c.dep_ == "oprd" and c.pos_ in ("NOUN", "ADJ") for c in verb.children):
            return  # "called Burma a good news story" names, it does not phone
        carrier = verb.lemma_.lower() in COMPLEMENT_CARRIERS
        if carrier and requested is None and self._has_event_complement(verb):
            # "pledged to expel", "refused to meet": the act, coded as an intent or a rejection, is the event
            return
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        entry, obj, code = self._verb_code(verb, entry, passive)
        if obj is not None and entry.excludes and obj.lemma_.lower() in entry.excludes:
            return  # "met the deadline", "fight the Ebola epidemic": no side is met or fought
        if entry.subjects and code is not None:
            code = _subject_code(entry, verb) or code
        if _is_opinion(verb):
            # "they agree with the NCAA that ...": a view shared, not a deal, and said by one side
            code, entry = "010", replace(entry, joint=False)
        back = _paired_code(entry, obj, verb)
        reverse = back is not None and _object_code(entry, obj, verb) is None
        if reverse:
            code, back = back, None  # "received assurances from Y": only Y's act (it assured) happened
        if code is None:
            return
        rule = "verb:" + entry.key
        if requested is not None and code[:2] in REQUEST_ROOTS:
            code, rule = request_code(code, requested), rule + "+request"
        modality = None
        refusal = _refusing_verb(verb)
        if refusal is not None and refusal.lemma_.lower() in FAILING_VERBS \
                and rejection_code(code) == code:
            return  # "failed to stop the attack": an act that did not happen, and no refusal
        if refusal is not None:
            code, rule = rejection_code(code), rule + "+refused"
        elif verb.dep_ == "xcomp" and verb.head.lemma_.lower() in THREAT_CARRIERS:
            # "threatened to shell Haifa": the threat, which was made, is the event
            code, rule, modality = threat_code(code), rule + "+threat", modality_of(verb.head)
        elif verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in CONSIDERING_VERBS:
            # "Japan is considering sending aid": weighing a policy option (014), no aid yet
            code, rule, modality = "014", rule + "+considered", modality_of(verb.head)
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in verb.children):
            # "ten soldiers killed in Ukraine": the noun a participle hangs on suffered the act
            sources = self._agent(verb) or (self._weapon_owners(verb) if code[:2] in FORCE_ROOTS else [])
            targets = self.actors_of(verb.head)
        elif passive:
            sources = self._agent(verb)
            if not sources and code[:2] in FORCE_ROOTS:
                # "killed in Israeli shelling"; "a mortar was fired at it from Gaza"
                sources = self._weapon_owners(verb) or self._prep_actors(verb, ("from",))
            targets = self._children_actors(verb, ("nsubjpass",))
            if not targets and verb.dep_ == "conj":
                # "X were arrested ... and *were released* by Y": the subject stays the shared one
                targets = self._children_actors(verb.head, ("nsubjpass", "nsubj"))
            if not targets and obj is not None and obj.dep_ == "nsubjpass":
                # the passive subject is one of the entry's objects: its preposition names the target
                targets = self._prep_actors(obj, tuple(entry.preps) + OBJECT_PREPS)
        else:
            sources = self._subject(verb)
            targets = self._targets(verb, entry, obj, sources)
            if not targets:
                targets = self._complement_targets(verb)
            if not targets and code[:2] == THREAT_ROOT:
                targets = self._condition_targets(verb)
            contact = _contact_of(verb)
            if contact is not None and (entry.joint or not targets or all(
                    any(is_same_side(ref, src) for src, _ in sources) for ref, _ in targets)):
                # "called Morrison to congratulate him": the one called is the one congratulated;
                # "called Macron to discuss Ukraine": the one called is the other side of the talk
                called = self._children_actors(contact, ("dobj",))
                if called:
                    targets, rule = called, rule + "+call"
        if not targets and verb.lemma_.lower() in REFUSING_VERBS:
            # "refused to allow UN planes to land": the side kept out, refused international involvement
            targets = self._permitted_party(verb)
            if targets and not all(ref.country and any(ref.country == src.country for src, _ in sources)
                                   for ref, _ in targets):
                code, rule = PERMISSION_REFUSAL, rule + "+permission"  # not its own opposition's rally
        if code[:2] == SHOW_OF_FORCE:
            joint_object = obj if obj is not None and self._is_joint_noun(obj) else None  # not patrols
            partners = self._prep_actors(verb, ("with",)) + self._prep_actors(joint_object, ("with",)) \
                if joint_object is not None else []
            if joint_object is not None and (partners or len({side_of(ref) for ref, _ in sources}) >= 2
                                             or _has_modifier(joint_object, JOINT_MODIFIERS)):
                code, entry = JOINT_FORCE, replace(entry, joint=True)  # "held drills with India"
                targets = targets or partners
            else:
                # "conducted exercises in Alaska" shows force alone, at a target or none
                entry = replace(entry, joint=False, targetless=True)
        if not targets and code[:3] in MEDIATION_CODES:
            # "launched a mediation effort between the Emirates and Saudi Arabia": the mediated sides
            targets = self._prep_actors(verb, ("between", "among")) or (
                self._prep_actors(obj.head if obj.dep_ == "compound" else obj, ("between", "among"))
                if obj is not None else [])
        if not targets and code[:2] in FORCE_ROOTS:
            # "launched missiles at the government", "fired at the convoy"
            targets = self._prep_actors(verb, ("at",))
            if not targets and obj is not None:
                targets = self._prep_actors(obj, ("at",))
        if not targets and code[:2] == SHOW_OF_FORCE:
            # "deployed troops to the border with Ukraine": the side the force is shown to
            targets = self._near_actors(verb, NEAR_PREPS | {"to"})
        if not targets and (code[:2] in PLACE_ROOTS or code in PLACE_CODES):
            targets = self._place_of(verb)
            rule += "+place" if targets else ""
        elif code[:2] in VICTIM_ROOTS and targets and not any(is_named(ref) for ref, _ in targets):
            # "killed three civilians in the West Bank": the victims of no named state are the place's;
            # those a state's own police or courts arrest or jail are, with no place named, its own
            place = self._place_of(verb)
            organs = [ref for ref, _ in sources if ref.country and ref.role in COERCING_ORGANS]
            country = place[0][0].country if place else (
                organs[0].country if organs and code[:2] == COERCE_ROOT else None)
            if country:
                placed = [(replace(ref, country=country, code=f"{country}{ref.role or ''}"), named)
                          for ref, named in targets]
                # never onto the actor's own side ("seized oil fields from Kurdish forces")
                kept = [new if not any(is_same_side(src, new[0]) for src, _ in sources) else old
                        for new, old in zip(placed, targets, strict=True)]
                if kept != targets:
                    targets, rule = kept, rule + ("+place" if place else "+domestic")
        if not targets and obj is not None and obj.i not in self.by_token and not self._is_joint_noun(obj) \
                and not self._is_others_event(obj):
            # "re-examine the refineries in Iran" (however the parser attaches "in"): the state the
            # object is in (a summit in Geneva names a venue, not a target)
            targets = self._place_of_phrase(obj, ("in",)) or self._place_of_phrase(verb, ("in",))
            rule += "+place" if targets else ""
        if not targets and code[:2] == "04" and sources and not (
                entry.joint and len({side_of(ref) for ref, _ in sources}) >= 2):
            # "attended a summit in Switzerland": a trip abroad to a meeting visits the host (042)
            venue = (self._place_of_phrase(obj, ("in",)) if obj is not None else []) \
                or self._place_of_phrase(verb, ("in",))
            if venue and not any(side_of(venue[0][0]) == side_of(ref) for ref, _ in sources):
                targets, code, rule = venue, VISIT_CODE, rule + "+venue"
                entry = replace(entry, joint=False)  # a visit is the visitor's act, not a joint one
                back = None  # the venue did nothing back: a summit in Geneva is not Switzerland's
        if not targets and code == CONDOLENCE_CODE:
            # "expressed sorrow for the shootings in Kenya": the state where the mourned happened
            targets = self._mourned_place(obj) or self._mourned_place(verb)
            rule += "+place" if targets else ""
        if stands_alone(code):
            entry = replace(entry, targetless=True)  # "held naval drills", "staged a sit-in"
        if modality is None and code[:2] in COOPERATIVE_ROOTS and _is_refusal(verb):
            code, rule = rejection_code(code), rule + "+refusal"  # "would not provide support": refuses
            modality = "asserted"
        if not targets and not self.lenient and not self._subject_is_actor(verb):
            return  # "Japanese stocks rallied": an actor's adjective on a thing acts alone for no one
        if entry.civil_code and self._acts_as_civilians(verb, sources, entry.civil_code):
            # activists protesting, not a government complaining; with no target to name
            code, entry = entry.civil_code, replace(entry, targetless=True)
        if back is not None and not passive and not entry.joint:  # a joint act is both sides' already
            # the other side's act back to the subject ("received ministers from the government")
            yield from self._combine(targets, sources, entry, back, verb, rule + "+paired", modality)
        if reverse and not passive:
            sources, targets, rule = targets, sources, rule + "+paired"
        if code[:2] in ("18", "19", "20") and not targets and verb.lemma_.lower() in VERBAL_FORCE \
                and _is_verbal_object(obj) and sources \
                and all(self.kinds.get((ref.code, ref.name)) == "person" for ref, _ in sources):
            code, rule = "111", rule + "+verbal"  # "Trump attacked Machado": words, not force
        claim = self._reported_claim(verb, code, sources, targets)
        if claim is not None:
            if self.lenient:  # a marked pair may be the attacker and the attacked: keep the act too
                yield from self._combine(sources, targets, entry, code, verb, rule, modality)
            sources, targets, code, suffix = claim
            rule += suffix
        yield from self._combine(sources, targets, entry, code, verb, rule, modality)

    def _reported_claim(self, verb: Token, code: str, sources: list, targets: list) -> tuple | None:
        """ "X said (that) it attacked Y" is X claiming responsibility (015); "X said Y attacked" is X
        accusing Y (112). The speaker's claim is what the sentence reports, as CAMEO codes it."""
        clause = verb
        while clause.dep_ == "conj" and clause.head is not clause:
            clause = clause.head  # "claimed that ISIL had attacked Iraq and *taken* Mosul"
        if code[:2] not in FORCE_ROOTS or clause.dep_ != "ccomp" or clause.i < clause.head.i \
                or clause.head.lemma_.lower() not in CLAIM_VERBS \
                or modality_of(verb) not in CLAIMED_MODALITIES:
            return None  # "..., the Command said" attributes a report; "X said that ..." claims
        speakers = [s for s in self._subject(clause.head) if is_named(s[0])]  # not "an official said"
        if not speakers or not sources or any(ref.role in REPORTER_ROLES for ref, _ in speakers):
            return None  # the press reports what it says happened: neither a claim nor an accusation
        sides = {side_of(ref) for ref, _ in speakers}
        if all(side_of(ref) in sides for ref, _ in sources):
            if clause.head.lemma_.lower() not in OWNING_VERBS and all(
                    ref.country and ref.role not in NONSTATE_ROLES for ref, _ in speakers):
                return None  # "the Pentagon said it hit five bases": a state reports its own act
            return speakers, targets, "015", "+claimed"  # an armed group claims an attack
        return speakers, sources, "112", "+alleged"

    def _verb_code(self, verb: Token, entry: Trigger, passive: bool
                   ) -> tuple[Trigger, Token | None, str | None]:
        """The entry, object and code of a verb trigger.

        The code is the object's ("impose sanctions"), else that of an object noun after "in"
        ("engaged the peacekeepers in a *firefight*"), else the verb's own. A passive
        subject that is one of the entry's objects counts as the object ("evidence ... was presented").
        A phrase entry ("engage in") with no code for what follows falls back to the bare verb.
        """
        obj = _object_of(verb, entry)
        if obj is None and passive:
            subject = next((c for c in verb.children
                            if c.dep_ == "nsubjpass" and c.i not in self.by_token), None)
            reading = entry.object_reading(subject, verb)
            if reading is not None and reading.code is not None and subject in reading.tokens:
                obj = subject  # the subject itself is the object (not only a phrase on the verb)
        reading = entry.object_reading(obj, verb)
        code = reading.code if reading is not None else None
        if code is not None and obj is not None:
            noun = self.lexicon.nouns.get(obj.lemma_.lower())
            refined = _modified_code(noun, obj) if noun is not None else ""
            if noun is not None and refined != noun.code and (
                    refined[:2] == code[:2] or verb is not None and verb.lemma_.lower() in LIGHT_VERBS):
                # "staged a *hunger* strike" is 142, not any strike; "launched a *scathing* attack"
                # on someone is criticism (111), not force
                code = refined
        if reading is not None and code is not None:  # the object and any phrase words it needed
            self.consumed.update(t.i for t in reading.tokens if t.dep_ != "nsubjpass")
        if code is None and entry.thing_code and obj is not None and obj.pos_ in NOUN_POS \
                and obj.i not in self.by_token and obj.dep_ == "dobj":
            code = entry.thing_code  # "returned two paintings to Brazil": property handed back
        if code is None:
            # "engaged the peacekeepers in a firefight", "used civilians as human shields"
            for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "as")):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                code = _object_code(entry, pobj, verb)
                if code is not None:
                    self.consumed.add(pobj.i)  # type: ignore[union-attr]
                    break
        code = code or entry.code
        if code is None and " " in entry.key and entry.has_objects:  # an empty phrase entry: no event
            bare = self.lexicon.verbs.get(entry.key.split()[0])
            if bare is not None and (bare.code or bare.has_objects):
                entry, obj = bare, _object_of(verb, bare)
                code = _object_code(bare, obj, verb) or bare.code
        return entry, obj, code

    def _is_own_obligation(self, verb: Token, teller: Token) -> bool:
        """ "Iran said it must defend itself": a side telling of its own duty, coded as its act."""
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        obliged = self.actors_of(subject) if subject is not None else []
        tellers = self._subject(teller)
        return bool(obliged) and all(any(is_same_side(ref, other) for other, _ in tellers)
                                     for ref, _ in obliged)

    def _obligation_events(self, verb: Token, entry: Trigger | None, teller: Token) -> Iterator[RawEvent]:
        """ "X said Y must do Z": X's demand (or, with "should", appeal) to Y, with the subcode of Z
        where CAMEO has one."""
        modal = next(c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in OBLIGATIONS)
        request = OBLIGATIONS[modal]
        code = request.code or ""
        act = self._verb_code(verb, entry, False)[2] if entry is not None else None
        if act is not None:
            code = request_code(code, act)
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        targets = self.actors_of(subject) if subject is not None else []
        sources = self._subject(teller)
        yield from self._combine(sources, targets, request, code, teller, "obligation:" + modal,
                                 modality_of(teller))

    def _requester(self, verb: Token) -> Token | None:
        """The verb asking someone else to do this act, if any ("urged *Russia* to withdraw",
        "wants *Putin* to attack"): an appeal or demand with an addressee, or a wish about another."""
        head = verb.head
        if verb.dep_ in ("acl", "ccomp") and any(c.dep_ == "nsubj" for c in verb.children) \
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
            # "its demand *that Israel ease* restrictions", also when the parser hangs the clause on
            # the verb ("reiterated its demand today that ..."): the demand is the event
            nouns = [head] if head.pos_ in NOUN_POS else [c for c in head.children if c.dep_ == "dobj"]
            noun = next((n for n in nouns if n.pos_ in NOUN_POS and self._is_request_noun(n)), None)
            if noun is not None:
                return noun
        if verb.dep_ not in ("xcomp", "ccomp") or head is verb or head.pos_ not in ("VERB", "AUX"):
            return None
        if head.lemma_.lower() in DESIRE_VERBS:
            asks = verb.dep_ == "ccomp" and any(c.dep_ == "nsubj" for c in verb.children) or any(
                c.dep_ == "dobj" for c in head.children)
            return head if asks else None
        entry = self._verb_entry(head)
        if entry is None or entry.code is None or entry.code[:2] not in REQUEST_ROOTS \
                or head.lemma_.lower() in REPORTING_VERBS:
            return None
        addressed = any(c.dep_ in ("dobj", "dative", "nsubjpass")
                        or c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in head.children) \
            or any(c.dep_ == "nsubj" for c in verb.children)
        return head if addressed else None

    def _permitted_party(self, verb: Token) -> list[tuple[ActorRef, bool]]:
        """The side a refused permission would have let in ("refused to allow *UN planes* to land")."""
        for allow in (c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in ALLOWING_VERBS):
            parties = [c for c in allow.children if c.dep_ == "dobj"] + [
                s for c in allow.children if c.dep_ in ("xcomp", "ccomp") for s in c.children
                if s.dep_ == "nsubj"]
            for party in parties:
                found = [(ref, named) for ref, named in self.actors_of(party) if is_named(ref)]
                if found:
                    return found
        return []

    def _is_request_noun(self, noun: Token) -> bool:
        """Whether a noun names an appeal or a demand ("demand", "call", "appeal")."""
        entry = self.lexicon.nouns.get(noun.lemma_.lower())
        return entry is not None and entry.code is not None and entry.code[:2] in REQUEST_ROOTS

    def _requested_clause(self, noun: Token) -> Token | None:
        """The clause a request noun asks for ("the demand *that Israel ease restrictions*")."""
        clauses = [*noun.children, *(noun.head.children if noun.dep_ == "dobj" else ())]
        return next((c for c in clauses if c.dep_ in ("acl", "ccomp") and c.pos_ == "VERB"
                     and self._requester(c) == noun), None)

    def _requested_act(self, verb: Token) -> str | None:
        """The code of the act this verb asks another to do, if it asks for one."""
        for child in verb.children:
            if child.dep_ in ("xcomp", "ccomp") and child.pos_ == "VERB" and self._requester(child) == verb:
                inner = self._verb_entry(child)
                if inner is not None:
                    code = self._verb_code(child, inner, False)[2]
                    if code is not None:
                        return code
        return None

    def _has_event_complement(self, verb: Token) -> bool:
        """Whether a verb's to-infinitive is itself an event trigger."""
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ == "VERB":
                inner = self._verb_entry(child)
                # an entry that codes only some objects must code this one ("deliver blows" is none)
                if inner is not None and (inner.code or inner.has_objects and self._verb_code(
                        child, inner, any(c.dep_ == "auxpass" for c in child.children))[2] is not None):
                    return True
                if verb.lemma_.lower() in THREAT_CARRIERS and any(
                        self._is_coded_noun(obj) for obj in child.children if obj.dep_ == "dobj"):
                    return True  # "threatened to start a blockade": the blockade, as a threat
        return False

    def _is_coded_noun(self, noun: Token) -> bool:
        """Whether a noun is a trigger of the lexicon with a code of its own ("blockade", "curfew")."""
        entry = self.lexicon.nouns.get(noun.lemma_.lower()) or self.lexicon.nouns.get(noun.lower_)
        return entry is not None and entry.code is not None and not entry.needs \
            and noun.i not in self.by_token

    def _subject_is_actor(self, verb: Token) -> bool:
        """Whether the verb's subject can act: not a market, the weather or a sports side that a
        state's name merely modifies ("Japanese stocks rallied", "the Indian side collapsed")."""
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject is None or subject.lemma_.lower() not in NON_ACTOR_HEADS

    def _condition_targets(self, verb: Token) -> list[tuple[ActorRef, bool]]:
        """The side a threat's condition names: "threatened to quit the talks *if the United
        States* deploys missiles", "... *unless Israel* withdraws"."""
        # the condition may hang on the verb of threatening: "threatened to shell Haifa *if* Israel ..."
        governor = (verb.head,) if verb.dep_ == "xcomp" else ()
        for clause in (verb, *governor, *(c for c in verb.children if c.dep_ == "xcomp")):
            for child in clause.children:
                if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS
                                                 for m in child.children):
                    subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    found = self.actors_of(subject) if subject is not None else []
                    if found:
                        return found
        return []

    def _complement_targets(self, verb: Token) -> list[tuple[ActorRef, bool]]:
        """The target inside a complement: "demanded that *the US* cancel", "threatened to cut ties
        *with Congo*"."""
        for child in verb.children:
            if child.dep_ == "ccomp":
                subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                found = self.actors_of(subject)
                if found:
                    return found
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
                inner = self._verb_entry(child)
                obj = _object_of(child, inner) if inner else next(
                    (c for c in child.children if c.dep_ == "dobj"), None)
                found = self._targets(child, inner or _ANY_TARGET, obj)
                if found:
                    return found
        return []

    def _targets(self, verb: Token, entry: Trigger, obj: Token | None,
                 sources: list[tuple[ActorRef, bool]] | None = None) -> list[tuple[ActorRef, bool]]:
        """Actors of the direct object, the dative, or the object of a target preposition; `sources`
        are the verb's subject actors when the caller has them already.

        An object that gives the act its code is what was sent or withdrawn, not the target, unless
        it names a side: "sent *troops* to Poland" targets Poland, "expelled *British diplomats*" Britain.
        """
        found = self.actors_of(obj) if obj is not None else []
        if found and _object_code(entry, obj, verb) is not None:
            found = [(ref, named) for ref, named in found if is_named(ref)]
        if not found:
            found = self._children_actors(verb, ("dative",))
        if not found:
            found = self._prep_actors(verb, entry.preps)
        if not found and obj is not None and not self._is_others_event(obj) and not (entry.joint and len(
                {side_of(ref) for ref, _ in (self._subject(verb) if sources is None else sources)}) >= 2):
            # "sanctions on Iran" names the target; "attacks against Brazil" names the victim of
            # someone else's event, not the target of the condemnation; "the UK and the EU reached a
            # deal on the Irish border" names a topic, the two of them being the sides.
            found = self._prep_actors(obj, tuple(entry.preps) + OBJECT_PREPS)
            if not found and obj.dep_ in ("compound", "amod") and obj.head.lemma_.lower() in EFFORT_NOUNS:
                # "launched legal action against the government"
                found = self._prep_actors(obj.head, tuple(entry.preps) + OBJECT_PREPS)
            if not found and _object_code(entry, obj, verb) is not None:
                # the parser hung the object's preposition on the verb: "will lift sanctions on Iran"
                found = self._prep_actors(verb, OBJECT_PREPS)
        if not found and entry.paired:
            # "received ministers *from* the government", "received assurances *from* it"
            found = self._prep_actors(verb, ("from",))
            if not found and obj is not None:
                found = self._prep_actors(obj, ("from",))
        if not found and obj is not None and self._is_others_event(obj):
            found = self._prep_actors(obj, ("by",))  # "condemned an attack by Russian soldiers"
        if not found and obj is not None and obj.lemma_.lower() in PROPOSAL_NOUNS:
            # "rejected a request from Modi" (however the parser hangs the "from")
            found = self._prep_actors(obj, ("from", "by")) or self._prep_actors(verb, ("from",))
        return found

    def _is_joint_noun(self, token: Token | None) -> bool:
        """Whether a noun names a joint undertaking in the lexicon (exercises, drills, talks)."""
        entry = self.lexicon.nouns.get(token.lemma_.lower()) if token is not None else None
        return entry is not None and entry.joint

    def _is_others_event(self, token: Token) -> bool:
        """A one-sided event noun (attack, invasion) that is someone else's act, not the verb's partner
        ("ratified an agreement *with the EU*" names a partner; "condemned attacks *against* Brazil"
        names a victim)."""
        entry = self.lexicon.nouns.get(token.lemma_.lower())
        return (entry is not None and entry.code is not None and not entry.joint
                and token.i not in self.consumed)

    # --- nouns -----------------------------------------------------------------------------------

    def _noun_events(self, noun: Token) -> Iterator[RawEvent]:
        """Events of a noun trigger ("Putin's trip to India", "new defence agreements")."""
        entry = self.lexicon.nouns.get(noun.lemma_.lower()) or self.lexicon.nouns.get(noun.lower_)
        if entry is None and noun.i > 1 and noun.nbor(-1).text == "-":
            entry = self.lexicon.nouns.get(noun.nbor(-2).lower_ + noun.lower_)  # "cease-fire"
        if entry is None or entry.code is None or noun.i in self.by_token:
            return
        if noun.dep_ == "compound" and noun.head.i in self.by_token:
            return  # "protest leaders", "aid workers": a kind of actor, not an act
        code = entry.code
        if entry.needs and not _has_modifier(noun, entry.needs):
            return
        code = _modified_code(entry, noun)
        if stands_alone(code):
            entry = replace(entry, targetless=True)  # a hunger strike is against no one in particular
        owners = [c for c in noun.children if c.dep_ == "poss"]
        sources = [a for c in owners for a in self.actors_of(c)]
        if not sources:
            sources = self._prep_actors(noun, ("from", "by"))  # "pressure from Congress"
        modifiers = self._modifier_actors(noun)
        # "mediation efforts between X and Y": a noun that only qualifies another shares its phrases
        holder = noun.head if noun.dep_ == "compound" and noun.head.lemma_.lower() in EFFORT_NOUNS else noun
        between = self._prep_actors(holder, ("between", "among"))
        if between and code[:3] in MEDIATION_CODES:
            targets = between  # "mediation between Syria and Arafat": the mediated sides
        elif len({side_of(ref) for ref, _ in between}) >= 2:
            sources, targets, modifiers = between, [], []
            entry = _as_joint(entry)
        else:
            targets = self._prep_actors(holder, entry.preps)
        if not sources and modifiers:
            sources, modifiers = modifiers, []
        if not sources:
            if self._under_refusal(noun):
                return  # "failed to reach agreement on a deal": the refusal of the verb is the event
            sources = self._governor_subject(noun, through_prep=entry.joint)
        rule = "noun:" + entry.key
        if not sources and not targets and entry.joint and not _is_definite(noun):
            sources = self._sentence_pair(noun)
            rule += "+sentence-pair"
        alone = len({side_of(ref) for ref, _ in sources}) == 1
        if code == JOINT_FORCE and entry.joint and not (targets or modifiers) and alone \
                and not _has_modifier(noun, JOINT_MODIFIERS):
            # "North Korea staged war games": drills held alone show force (15), near a place or a side
            code, entry, rule = "150", replace(entry, joint=False, targetless=True), rule + "+alone"
            targets = self._near_actors(noun)
        if not (targets or modifiers) and sources and code[:2] in PLACE_ROOTS:
            targets = self._place_of(noun)
            rule += "+place" if targets else ""
        clause = self._requested_clause(noun) if code[:2] in REQUEST_ROOTS else None
        if clause is not None:
            # "reiterated its demand that Israel ease restrictions": asked of the clause's subject
            inner = self._verb_entry(clause)
            act = self._verb_code(clause, inner, False)[2] if inner is not None else None
            code = request_code(code, act) if act is not None else code
            targets, modifiers, rule = self._subject(clause), [], rule + "+request"
        carrier = _threat_carrier(noun)
        modality = None
        if carrier is not None:
            # "threatened to institute a curfew": the threat, which was made, is the event
            code, rule, modality = threat_code(code), rule + "+threat", modality_of(carrier)
        yield from self._combine(sources, targets or modifiers, entry, code, noun, rule, modality)

    @staticmethod
    def _under_refusal(noun: Token) -> bool:
        """Whether a noun hangs under a verb that is refused or failed ("failed to reach agreement on
        a free-trade *deal*")."""
        below = noun
        for token in noun.ancestors:
            if token.pos_ in VERB_POS:  # only through the verb's object, not "after hours of talks"
                return below.dep_ in ("dobj", "nsubjpass") and _refusing_verb(token) is not None
            below = token
        return False

    def _governor_subject(self, noun: Token, through_prep: bool) -> list[tuple[ActorRef, bool]]:
        """The subject of the verb a noun is the object of ("they *signed* agreements").

        Joint nouns also take it through a preposition ("pushed *for* joint ventures"); others do not
        ("found common ground on regional threats" is no threat by the finders).
        """
        token = noun
        links = ("dobj", "pobj", "prep", "attr", "oprd", "conj", "compound", "appos") if through_prep \
            else ("dobj", "attr", "oprd", "conj", "compound", "appos")
        for _ in range(6):
            if token.dep_ in links:
                token = token.head
                if token.pos_ in ("VERB", "AUX"):
                    if self._is_stance_verb(token):
                        return []  # "condemned the attacks": the attacks are not the condemner's
                    return self._subject(token)
            else:
                return []
        return []

    def _is_stance_verb(self, verb: Token) -> bool:
        """A verb that is an event of its own about the noun (condemn, welcome, discuss)."""
        lemma = verb.lemma_.lower()
        if lemma in LIGHT_VERBS:
            return False
        entry = self.lexicon.verbs.get(lemma)
        return entry is not None and entry.code is not None

    def _acts_as_civilians(self, verb: Token, sources: list[tuple[ActorRef, bool]], civil_code: str) -> bool:
        """Whether the subject of a verb with a civil reading is civilians: a crowd, or sides of civil
        society. A riot needs a crowd named as such: rebels or police who storm a building do not riot."""
        if _subject_head(verb) in CROWDS:
            return True
        civil = self._is_crowd if civil_code == RIOT_CODE else self._is_civil
        return bool(sources) and all(civil(ref) for ref, _ in sources)

    def _pair_events(self, first: ActorRef, second: ActorRef, joint: bool, code: str, modality: str,
                     sectors: tuple[str, ...], trigger: Token, rule: str, named: int) -> Iterator[RawEvent]:
        """The event of one act between two sides; a joint clash between a state's forces and a crowd
        is two acts, repression (175) by one and a riot (145) by the other."""
        pair = self._dissent_pair(first, second) if joint and code[:2] == "19" else None
        if pair is None:
            yield RawEvent(first, second, joint, code, modality, sectors, trigger, rule, named)
            return
        state, crowd = pair
        rule += "+dissent"
        yield RawEvent(state, crowd, False, REPRESSION_CODE, modality, sectors, trigger, rule, named)
        yield RawEvent(crowd, state, False, RIOT_CODE, modality, sectors, trigger, rule, named)

    def _dissent_pair(self, first: ActorRef, second: ActorRef) -> tuple[ActorRef, ActorRef] | None:
        """For a clash between a state's organs and a crowd: (the state's side, the crowd), else None.
        "Police clashed with protesters" is repression by one and a riot by the other, not war."""
        crowds = [ref for ref in (first, second) if self._is_crowd(ref)]
        if len(crowds) != 1:
            return None
        crowd = crowds[0]
        state = second if crowd is first else first
        if state.role in STATE_FORCE_ROLES or state.role is None and self.kinds.get(
                (state.code, state.name)) == "state":
            return state, crowd
        return None

    def _sentence_pair(self, noun: Token) -> list[tuple[ActorRef, bool]]:
        """For a joint noun with no arguments: two countries named in the sentence, or a pair phrase."""
        for refs in self.anaphors.values():
            if len(refs) == 2:
                return [(ref, False) for ref in refs]
        if not _has_modifier(noun, JOINT_MODIFIERS):
            return []  # "in partnership with allies" names no pair, whoever else the sentence names
        named = unique_refs([(m.actor.ref(), True) for m in self.by_token.values() if m.actor.country])
        return named if len({ref.country for ref, _ in named}) == 2 else []

    # --- events ----------------------------------------------------------------------------------

    def _combine(self, sources: list[tuple[ActorRef, bool]], targets: list[tuple[ActorRef, bool]],
                 entry: Trigger, code: str, trigger: Token, rule: str, modality: str | None = None
                 ) -> Iterator[RawEvent]:
        """Turn argument lists into events; joint events need two different sides."""
        # a role of no known country takes part only beside a named side, and never as the
        # unnamed "officials" who said something: that is attribution, not an event
        can_act = is_named if trigger.lemma_.lower() in REPORTING_VERBS else is_actor
        sources = [s for s in sources if can_act(s[0])]
        targets = [t for t in targets if can_act(t[0])]
        if not any(is_named(ref) for ref, _ in sources + targets):
            sources, targets = [], []
        if self.lenient and not sources:
            sources = [(UNKNOWN, False)]
        sides = {side_of(s) for s, _ in sources}
        if entry.joint and len(sides) >= 2:
            # "X and Y discussed their commitment": "their" is the two of them again.
            targets = [t for t in targets if side_of(t[0]) not in sides]
        if not sources or not targets and not (entry.joint and len(sides) >= 2) and not (
                entry.targetless or self.lenient):
            return  # no event to make: spare the modality and sector look-ups
        modality = modality or modality_of(trigger)
        sectors = sectors_near(trigger.sent, trigger, self.excluded)
        code = self.lexicon.refine_code(code, sectors)
        armed = _armed_code(code, trigger)
        if armed != code:
            code, rule = armed, rule + "+weapon"
        if code == DEPLOYMENT and any(t.lemma_.lower() in PEACEKEEPING for t in trigger.sent):
            code = PEACEKEEPING_CODE  # "deploying 300 troops to the UN peacekeeping mission in Mali"
        if modality == "future" and _has_condition(trigger, ULTIMATUM_MARKS):
            code, rule = threat_code(code), rule + "+ultimatum"  # "will withdraw its troops unless ..."
        elif modality == "future" and code[:2] in COOPERATION_ROOTS and not voices_intent(trigger):
            rule += "+planned"  # "Obama will visit Beijing": the act, its modality says it is to come
        elif modality == "future":
            code, rule = intent_code(code), rule + "+intent"
        if not targets and len(sides) >= 2 and entry.joint:
            # one symmetric event per pair of sides: "the US, Russia and Switzerland met" is three
            firsts = [next(s for s in sources if side_of(s[0]) == side) for side in dict.fromkeys(
                side_of(s[0]) for s in sources)]
            for i, first in enumerate(firsts):
                for second in firsts[i + 1:]:
                    if not (is_named(first[0]) or is_named(second[0])):
                        continue
                    yield from self._pair_events(first[0], second[0], True, code, modality, sectors, trigger,
                                                 rule + "+joint", first[1] + second[1])
            return
        for source, source_named in sources:
            if targets and (entry.targetless and is_named(source) or self.lenient) \
                    and all(self._one_side(source, target) for target, _ in targets):
                # "French police stormed a camp in Calais": a place of its own state is no other side
                yield RawEvent(source, None, False, code, modality, sectors, trigger, rule, source_named)
            elif targets:
                for target, target_named in targets:
                    if not self._one_side(source, target) and (is_named(source) or is_named(target)):
                        # "X held talks with Y", "X met Y": a joint act is both sides' act
                        yield from self._pair_events(source, target, entry.joint, code, modality, sectors,
                                                     trigger, rule, source_named + target_named)
            elif (entry.targetless or self.lenient) and (is_named(source) or self.lenient):
                yield RawEvent(source, None, False, code, modality, sectors, trigger, rule, source_named)

    def _is_excluded(self, token: Token) -> bool:
        """Tokens inside a direct quotation are the speaker's words, coded through the quote."""
        return self.excluded is not None and token.i in self.excluded


def _contact_of(verb: Token) -> Token | None:
    """The call a to-infinitive gives the purpose of ("*called* Erdogan on Friday to apologize")."""
    head = verb.head
    if verb.dep_ not in ("advcl", "xcomp") or head is verb or head.lemma_.lower() not in CONTACT_VERBS:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return head if any(c.dep_ == "dobj" for c in head.children) else None


def _refused_permission(verb: Token) -> Token | None:
    """The refusing or negated verb over a permission this act needed ("*refused* to allow UN planes to
    land", "would *not* give permission to Russia to help Israel")."""
    clause = verb.head if verb.dep_ == "conj" else verb  # "to land and *evacuate*"
    for _ in range(3):  # "permission to use its bases *to attack* Iraq": through the act's own purpose
        if clause.dep_ in ("xcomp", "ccomp") and clause.head.lemma_.lower() in ALLOWING_VERBS:
            giver = clause.head
            break
        permission = permission_of(clause)
        if permission is not None and permission.head.pos_ in ("VERB", "AUX"):
            giver = permission.head
            break
        if clause.dep_ not in ("xcomp", "advcl", "conj") or clause.head is clause:
            return None
        clause = clause.head
    else:
        return None
    if any(c.dep_ == "neg" for c in giver.children):
        return giver
    return _refusing_verb(giver)


def _threat_carrier(noun: Token) -> Token | None:
    """The threatening verb a noun's act is the object of ("threatened to *institute* a curfew")."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in THREAT_CARRIERS:
        return None
    return verb.head


def _object_code(entry: Trigger, obj: Token | None, verb: Token | None = None) -> str | None:
    """The entry's code for an object noun or phrase (None: not one of its objects)."""
    reading = entry.object_reading(obj, verb)
    return reading.code if reading is not None else None


def _paired_code(entry: Trigger, obj: Token | None, verb: Token | None = None) -> str | None:
    """The code of the other side's act back for this object (PETRARCH's ``[043:042]``), if any."""
    reading = entry.object_reading(obj, verb)
    return reading.paired if reading is not None else None


def _is_mistagged_verb(token: Token) -> bool:
    """A word tagged as a noun that the parser gives a subject and an object or particle, as a verb
    has: "EU and UN *hand* over supplies" (headline style)."""
    if token.n_lefts == 0 or token.n_rights == 0:
        return False  # a subject comes before, an object or particle after
    deps = {c.dep_ for c in token.children}
    return "nsubj" in deps and bool(deps & {"dobj", "prt"})


def _subject_noun(verb: Token) -> Token | None:
    """The head noun of a verb's subject, looking through quantities: "hundreds of British *troops*"."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    for _ in range(2):  # "hundreds of British troops", "contingents of ... troops"
        inner = None
        if subject is not None and subject.lemma_.lower() in QUANTITY_NOUNS | GROUP_NOUNS:
            inner = next((o for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                          for o in p.children if o.dep_ == "pobj"), None)
        subject = inner or subject
    return subject


def _subject_head(verb: Token) -> str:
    """The lemma of the head noun of a verb's subject ("" when it has none)."""
    subject = _subject_noun(verb)
    return subject.lemma_.lower() if subject is not None else ""


def _subject_code(entry: Trigger, verb: Token) -> str | None:
    """The code a verb's subject calls for: "peacekeepers arrived in Mali" is peacekeeping (074),
    "troops arrived" a deployment (154); a modifier ("peacekeeping troops") before the head noun."""
    subject = _subject_noun(verb)
    if subject is None:
        return None
    for child in subject.children:
        if child.dep_ in ("amod", "compound") and child.lemma_.lower() in entry.subjects:
            return entry.subjects[child.lemma_.lower()]
    return entry.subjects.get(subject.lemma_.lower()) or entry.subjects.get(subject.lower_)


def _is_opinion(verb: Token) -> bool:
    """ "X agrees with Y (that ...)": sharing a view, with no act agreed to (no to-infinitive)."""
    if verb.lemma_.lower() not in OPINION_VERBS or any(c.dep_ == "xcomp" for c in verb.children):
        return False
    if not any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        return False
    return any(c.dep_ == "ccomp" for c in verb.children) or verb.tag_ in ("VBP", "VBZ")


def _armed_code(code: str, trigger: Token) -> str:
    """A generic attack's code as the weapon it was done "by" or "with" tells it: 193, 194 or 195."""
    if code not in SHARPENED_BY_WEAPON:
        return code
    for child in trigger.children:
        if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "with"):
            for means in (c for c in child.children if c.dep_ == "pobj"):
                weapon = WEAPON_CODES.get(means.lemma_.lower())
                if weapon is not None:
                    return weapon
    return code


def _modified_code(entry: Trigger, noun: Token) -> str:
    """A noun trigger's code as its modifiers refine it: a *hunger* strike (142), an *air* strike (195)."""
    return next((entry.objects[c.lemma_.lower()] for c in noun.children
                 if c.dep_ in ("compound", "amod") and c.lemma_.lower() in entry.objects), entry.code or "")


def _has_condition(verb: Token, marks: frozenset[str]) -> bool:
    """Whether a verb carries a condition clause opened by one of these words ("... unless Y")."""
    return any(child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in child.children)
               for child in verb.children)


def _obligation_teller(verb: Token) -> Token | None:
    """The verb that tells of an obligation this verb states ("X *said* Y must withdraw"), if any:
    the clause has "must" or "should" and hangs on a saying verb that is no request of its own
    ("insisted that Y must" is coded by "insist")."""
    if verb.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in OBLIGATIONS for c in verb.children):
        return None
    head = verb.head
    if head is verb or head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in OBLIGATION_TELLERS:
        return None
    if any(c.dep_ == "neg" or c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return None  # "Y must not attack" forbids, "it should have acted" regrets: not coded here
    return head


def _is_verbal_object(obj: Token | None) -> bool:
    """An object only words can attack: a person the dictionary does not know (a proper name or
    "him"/"her"), or an idea or a statement ("the ideology", "his remarks")."""
    if obj is None:
        return False
    return obj.pos_ == "PROPN" or obj.lower_ in ("him", "her", "them") or obj.lemma_.lower() in IDEAS


def _object_of(verb: Token, entry: Trigger) -> Token | None:
    """The direct object (or the object of the entry's particle), looking through quantities:
    "25,000 tons *of food aid*"."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        # "will not accept refugees fleeing the war": the parser makes the object the subject of
        # a gerund clause
        gerund = next((c for c in verb.children if c.dep_ == "ccomp" and c.tag_ == "VBG" and c.i > verb.i),
                      None)
        obj = next((c for c in gerund.children if c.dep_ == "nsubj" and c.pos_ in NOUN_POS), None) \
            if gerund is not None else None
    particle = entry.key.split()[1] if " " in entry.key else None
    if obj is None and particle:
        prep = next((c for c in verb.children if c.lower_ == particle), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is not None and obj.lemma_.lower() in EFFORT_NOUNS:
        kind = next((c for c in obj.children if c.dep_ in ("compound", "amod")
                     and (c.lemma_.lower() in entry.objects or c.lower_ in entry.objects)), None)
        if kind is not None:
            return kind  # "ended mediation efforts", "launched an offensive operation"
    if obj is not None and obj.lemma_.lower() in QUANTITY_NOUNS:
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                inner = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if inner is not None:
                    return inner
    return obj


def _is_refusal(verb: Token) -> bool:
    """ "will not / would not / won't X": a negated future act is a refusal (CAMEO 12)."""
    children = {c.lower_ for c in verb.children if c.dep_ in ("aux", "neg")}
    return bool(children & {"not", "n't", "never"}) and bool(children & {"will", "would", "wo", "'ll"})


def _refusing_verb(verb: Token) -> Token | None:
    """The verb that refuses this one ("refused to *meet*"), if any."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSING_VERBS:
        return verb.head
    return None


_ANY_TARGET = Trigger(key="*", code=None)


def _as_joint(entry: Trigger) -> Trigger:
    """The same trigger, joint ("a partnership between X and Y")."""
    return replace(entry, joint=True)


def _is_definite(noun: Token) -> bool:
    """A definite or demonstrative noun phrase ("the deals", "these agreements") refers back."""
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)


def _has_modifier(noun: Token, words: tuple[str, ...]) -> bool:
    """Whether a noun is modified by one of the words ("joint production"), or prefixed ("co-production")."""
    for child in noun.children:
        if child.lower_ in words or child.lemma_.lower() in words:
            return True
    return noun.i > 1 and noun.nbor(-1).text == "-" and noun.nbor(-2).lower_ in words
