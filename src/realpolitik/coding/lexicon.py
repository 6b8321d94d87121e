"""The trigger lexicon: which verbs and nouns report which CAMEO events (``data/verbs.yml``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from realpolitik.coding.ontology import is_cameo_code
from realpolitik.coding.phrases import ObjectPhrase, ObjectReading, by_size, match_phrase

if TYPE_CHECKING:
    from spacy.tokens import Token

DEFAULT_PREPS = ("with", "to", "against", "toward", "towards")


LONE_ROOTS = frozenset({"14", "15"})
JOINT_FORCE = "062"  # military cooperation: a show of force held together with a partner


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry."""

    key: str
    code: str | None
    objects: dict[str, str] = field(default_factory=dict)
    joint: bool = False
    targetless: bool = False
    preps: tuple[str, ...] = DEFAULT_PREPS
    needs: tuple[str, ...] = ()
    civil_code: str | None = None  # the code when civilians (not a government) do it
    thing_code: str | None = None  # the code for an object that is none of ``objects`` and no actor
    # subject word (its head noun or a modifier of it) -> code: "peacekeepers arrived" is peacekeeping
    subjects: dict[str, str] = field(default_factory=dict)
    # object words that make the verb no event: "met the deadline", "fight the epidemic"
    excludes: frozenset[str] = frozenset()
    # object word -> the code of the other side's act back to the subject ("received ministers from
    # Y": Y's visit, 042); an object with no code of its own names only that act (PETRARCH ``[:030]``)
    paired: dict[str, str] = field(default_factory=dict)
    # patterns naming more than one object word ("arrest warrants", "warrant for arrest"), longest
    # first; each carries its own code and act back, and a longer one fitting wins over ``objects``
    phrases: tuple[ObjectPhrase, ...] = ()

    @property
    def has_objects(self) -> bool:
        """Whether the entry codes any object (a word or a phrase)."""
        return bool(self.objects or self.phrases)

    def object_reading(self, obj: Token | None, verb: Token | None = None) -> ObjectReading | None:
        """The entry's code and act back for a verb's object (None: the entry names neither).

        An object word counts by lemma or by form; a phrase of more words that fits (the object's
        modifiers, a prepositional phrase on it or on the verb) wins over it, and so does a
        prepositional phrase alone ("- * (AGAINST)") when the object word is not one of ``objects``.
        """
        word = None
        if obj is not None:
            code = self.objects.get(obj.lemma_.lower()) or self.objects.get(obj.lower_)
            paired = self.paired.get(obj.lemma_.lower()) or self.paired.get(obj.lower_)
            if code is not None or paired is not None:
                word = ObjectReading(code, paired, (obj,))
        verb = verb if verb is not None else obj.head if obj is not None else None
        found = match_phrase(self.phrases, verb, obj) if verb is not None else None
        if found is None or (word is not None and found[0].size <= 1):
            return word
        return ObjectReading(found[0].code, found[0].paired, tuple(found[1]))


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Verb and noun triggers plus the sector refinements of generic codes."""

    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    refine: dict[str, dict[str, str]]

    def verb(self, lemma: str, particles: Sequence[str] = ()) -> Trigger | None:
        """Entry for a verb, preferring a phrasal key ("call on"), tried in the particles' order,
        over the bare verb."""
        for particle in particles:
            found = self.verbs.get(f"{lemma} {particle}")
            if found:
                return found
        return self.verbs.get(lemma)

    def lemma_of(self, form: str) -> str | None:
        """The verb lemma a word form belongs to, from the lexicon's own inflections ("staged" ->
        "stage" where the statistical lemmatizer said "stag")."""
        return _form_index(self).get(form)

    def refine_code(self, code: str, sectors: tuple[str, ...]) -> str:
        """Swap a generic code for its sector-specific one ("060" + defence -> "062")."""
        table = self.refine.get(code, {})
        for sector in sectors:
            if sector in table:
                return table[sector]
        return code


def _word(value: object) -> str:
    """A word from YAML, undoing YAML 1.1's booleans (an unquoted `on` loads as True)."""
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value)


def _trigger(key: str, spec: dict) -> Trigger:
    """Build and check one entry."""
    code = spec.get("code")
    objects = {str(k).rstrip("_"): str(v) for k, v in (spec.get("objects") or {}).items()}
    paired = {str(k): str(v) for k, v in (spec.get("paired") or {}).items()}
    subjects = {str(k): str(v) for k, v in (spec.get("subjects") or {}).items()}
    for value in [code, *objects.values(), *paired.values(), *subjects.values(), spec.get("civil_code"),
                  spec.get("thing_code")]:
        if value is not None and not is_cameo_code(str(value)):
            raise ValueError(f"verbs.yml: {key} names unknown CAMEO code {value!r}")
    return Trigger(
        key=key, code=str(code) if code is not None else None, objects=objects,
        joint=bool(spec.get("joint")), targetless=bool(spec.get("targetless")),
        preps=tuple(_word(p) for p in spec.get("preps") or DEFAULT_PREPS),
        needs=tuple(_word(n) for n in spec.get("needs") or ()),
        civil_code=str(spec["civil_code"]) if spec.get("civil_code") else None, paired=paired,
        thing_code=str(spec["thing_code"]) if spec.get("thing_code") else None, subjects=subjects,
        excludes=frozenset(_word(w) for w in spec.get("excludes") or ()),
    )


@cache
def default_lexicon() -> Lexicon:
    """Load the packaged lexicon once."""
    text = resources.files("realpolitik").joinpath("data/verbs.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    verbs = {key: _trigger(key, spec or {}) for key, spec in data["verbs"].items()}
    nouns = {key: _trigger(key, spec or {}) for key, spec in data["nouns"].items()}
    refine = {str(code): {k: str(v) for k, v in table.items()} for code, table in data["refine"].items()}
    return Lexicon(verbs, nouns, refine)


def merge_lexicon(base: Lexicon, extra: dict[str, Trigger], prefer_extra: bool = False,
                  no_bare_code: frozenset[str] = frozenset()) -> Lexicon:
    """The base lexicon with extra verb entries (from ``--dictionary``) added.

    On a key both have, the base entry wins: its code and its object codes stay, and the extra entry
    only fills what the base leaves open (a code where it has only objects, objects it does not name,
    within the root of the base's code when it has one);
    ``prefer_extra`` turns that round. An extra phrasal key ("meet with") is left out when the base has
    the bare verb and not that phrase: the phrase would otherwise shadow the base entry. Verbs in
    ``no_bare_code`` (reporting and intent verbs, which carry other events) keep only object codes.
    """
    verbs = dict(base.verbs)
    for key, trigger in extra.items():
        if key.split()[0] in no_bare_code:
            trigger = replace(trigger, code=None)
            if not trigger.has_objects and not trigger.paired:
                continue
        if " " in key and key not in base.verbs and key.split()[0] in base.verbs and not prefer_extra:
            continue
        mine = verbs.get(key)
        if mine is None:
            verbs[key] = trigger
            continue
        first, second = (trigger, mine) if prefer_extra else (mine, trigger)
        code = first.code or second.code
        # the winner's code is its reading of the verb: the other's object codes only refine it
        # within its root ("supply" 070 takes "money" 071, "ratify" 057 does not take "agreement" 031)
        extra_objects = {obj: c for obj, c in second.objects.items()
                         if first.code is None or c[:2] == first.code[:2]}
        objects = {**extra_objects, **first.objects}
        # the other side's act back goes with the extra entry's reading of the object: kept where
        # that reading was (or, for an act back alone, where the winner has no reading of its own)
        paired = {obj: c for obj, c in second.paired.items() if obj not in first.objects and (
            obj in extra_objects or obj not in second.objects)}
        # phrases follow the same rule as object words: within the winner's root, the winner's first
        extra_phrases = [p for p in second.phrases
                         if first.code is None or p.code is None or p.code[:2] == first.code[:2]]
        verbs[key] = replace(first, code=code, objects=objects, paired={**paired, **first.paired},
                             phrases=by_size([*first.phrases, *extra_phrases]))
    return Lexicon(verbs, dict(base.nouns), dict(base.refine))


IRREGULAR = {
    "meet": ["met"], "hold": ["held"], "speak": ["spoke", "spoken"], "give": ["gave", "given"],
    "send": ["sent"], "strike": ["struck", "stricken"], "fight": ["fought"], "forgive": ["forgave",
    "forgiven"], "withdraw": ["withdrew", "withdrawn"], "cut": ["cut"], "seek": ["sought"],
    "shoot": ["shot"], "lead": ["led"], "take": ["took", "taken"], "make": ["made"], "pay": ["paid"],
    "find": ["found"], "freeze": ["froze", "frozen"], "shell": ["shelled", "shelling"],
    "fire": ["fired", "firing"], "slap": ["slapped", "slapping"], "ban": ["banned", "banning"],
    "occupy": ["occupied"], "rally": ["rallied"], "apply": ["applied"], "supply": ["supplied"],
    "ink": ["inked"], "sue": ["sued"], "free": ["freed"], "refuse": ["refused"],
    "buy": ["bought"], "sell": ["sold"], "lend": ["lent"], "break": ["broke", "broken"],
    "withhold": ["withheld"], "overrun": ["overran"], "retake": ["retook", "retaken"], "lay": ["laid"],
    "flee": ["fled"], "fly": ["flew", "flown"], "shut": ["shut"], "quit": ["quit"], "hit": ["hit"],
    "set": ["set"], "put": ["put"], "bring": ["brought"], "win": ["won"],
    "lose": ["lost"], "keep": ["kept"], "leave": ["left"], "throw": ["threw", "thrown"],
    "draw": ["drew", "drawn"], "mislead": ["misled"], "undertake": ["undertook", "undertaken"],
    "overthrow": ["overthrew", "overthrown"], "forbid": ["forbade", "forbidden"],
    "bind": ["bound"], "see": ["saw", "seen"], "choose": ["chose", "chosen"],
    "ride": ["rode"], "wage": ["waged"], "tell": ["told"], "say": ["said"], "go": ["went", "gone"],
    "begin": ["began", "begun", "beginning"],
}


def surface_forms(lemma: str) -> set[str]:
    """All inflected forms of an English verb or noun lemma (over-generating is harmless here)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma + "d"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    forms.update(IRREGULAR.get(lemma, []))
    return forms


@cache
def _form_index(lexicon: Lexicon) -> dict[str, str]:
    """Word form -> verb lemma, for every verb in the lexicon."""
    index: dict[str, str] = {}
    for key in lexicon.verbs:
        lemma = key.split()[0]
        for form in surface_forms(lemma):
            index.setdefault(form, lemma)
    return index


def stands_alone(code: str) -> bool:
    """Whether an act needs no target: protests (14) and shows of force (15)."""
    return code[:2] in LONE_ROOTS


def is_joint_force(entry: Trigger) -> bool:
    """Whether a trigger names a military exercise held together (062), which one side holding it
    alone turns into a show of force (150): "held drills with India", "staged war games"."""
    return entry.code == JOINT_FORCE and entry.joint


@cache
def targetless_forms(lexicon: Lexicon | None = None) -> dict[str, frozenset[str] | None]:
    """Word forms of triggers that can make an event with one actor only ("troops mobilized";
    civilians who "blocked roads"; "held naval drills", "staged a hunger strike"), each with the words
    one of which must also be in the sentence (None: nothing more is needed), as ``trigger_forms``."""
    lexicon = lexicon or default_lexicon()
    needs: dict[str, set[str] | None] = {}
    for key, entry in lexicon.verbs.items():
        alone = entry.targetless or bool(entry.civil_code)
        if alone and entry.code or entry.code and stands_alone(entry.code):
            _require(needs, key.split()[0], None)
            continue
        words = [obj for obj, code in entry.objects.items() if alone or stands_alone(code)]
        if words:
            _require(needs, key.split()[0], {form for word in words for form in surface_forms(word)})
    for key, entry in lexicon.nouns.items():
        if any(stands_alone(code) for code in (entry.code or "", *entry.objects.values())) \
                or is_joint_force(entry):
            _require(needs, key, set(entry.needs) if entry.needs else None)
    return {form: frozenset(req) if req is not None else None for form, req in needs.items()}


def _require(needs: dict[str, set[str] | None], lemma: str, required: set[str] | None) -> None:
    """Add a trigger's forms to a prefilter table: with the words it needs, or None for none."""
    for form in surface_forms(lemma):
        if form in needs and needs[form] is None:
            continue
        if required is None:
            needs[form] = None
        else:
            needs.setdefault(form, set()).update(required)  # type: ignore[union-attr]


@cache
def trigger_forms(lexicon: Lexicon | None = None) -> dict[str, frozenset[str] | None]:
    """Lower-case word forms that can signal an event, each with the words one of which must also be
    in the sentence (None: nothing more is needed). The prefilter's vocabulary.

    "sign" fires only with one of its objects ("agreement", "deal"), "production" only with "joint":
    a sentence without them cannot yield that event, so it need not be parsed.
    """
    lexicon = lexicon or default_lexicon()
    needs: dict[str, set[str] | None] = {}
    for key, entry in lexicon.verbs.items():
        words = [*entry.objects, *entry.paired, *(w for p in entry.phrases for w in p.required_words())]
        objects = None if entry.code or entry.thing_code else {f for obj in words for f in surface_forms(obj)}
        _require(needs, key.split()[0], objects)
    for key, entry in lexicon.nouns.items():
        _require(needs, key, set(entry.needs) if entry.needs else None)
    return {form: frozenset(req) if req is not None else None for form, req in needs.items()}


def has_trigger(words: set[str], forms: dict[str, frozenset[str] | None]) -> bool:
    """Whether a sentence's lower-case words hold a trigger together with what it needs."""
    for word in words:
        if word in forms:
            required = forms[word]
            if required is None or required & words:
                return True
    return False
