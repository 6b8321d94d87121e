"""A dictionary-lookup stand-in for the model's attribute ruler (tag -> POS and morphology).

The English pipeline maps fine-grained tags to POS with an AttributeRuler, a Matcher run on every
doc. realpolitik parses many short sentence docs, where that Matcher cost a quarter of the parse time
(measured with cProfile on ../shared/corpus). The same single-token rules, compiled into a table keyed
by tag, give the same POS and morphology for every pattern except a handful of colloquial multi-token
lemma fixes ("gonna", "y'all"), which news text does not need.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

Condition = Callable[[Token], bool]
Rule = tuple[tuple[Condition, ...], str | None, str | None, str | None]  # conditions, POS, MORPH, LEMMA


def _condition(attr: str, spec) -> Condition | None:
    """One token condition from a Matcher pattern key, or None if it cannot be compiled."""
    getter = {"TAG": lambda t: t.tag_, "LOWER": lambda t: t.lower_, "DEP": lambda t: t.dep_,
              "IS_SPACE": lambda t: t.is_space}.get(attr)
    if getter is None:
        return None
    if isinstance(spec, dict):
        if "IN" in spec:
            allowed = frozenset(spec["IN"])
            return lambda t: getter(t) in allowed
        if "NOT_IN" in spec:
            banned = frozenset(spec["NOT_IN"])
            return lambda t: getter(t) not in banned
        return None
    return lambda t: getter(t) == spec


def compile_rules(patterns: list[dict]) -> dict[str | None, list[Rule]]:
    """Group the single-token POS/MORPH/LEMMA rules by the tag they require (None: any tag)."""
    table: dict[str | None, list[tuple[int, Rule]]] = {}  # tag -> (pattern order, rule)
    for order, entry in enumerate(patterns):
        attrs = entry["attrs"]
        if not ({"POS", "MORPH", "LEMMA"} & set(attrs)) or entry.get("index", 0) != 0:
            continue
        for pattern in entry["patterns"]:
            if len(pattern) != 1:
                continue
            token_spec = pattern[0]
            compiled = [_condition(k, v) for k, v in token_spec.items() if k != "TAG"]
            tag = token_spec.get("TAG")
            tags = [tag] if isinstance(tag, str) else list(tag.get("IN", [])) if isinstance(tag, dict) \
                else [None]
            if isinstance(tag, dict) and "NOT_IN" in tag:
                compiled.append(_condition("TAG", tag))
                tags = [None]
            conditions = tuple(c for c in compiled if c is not None)
            if len(conditions) != len(compiled):
                continue
            rule: Rule = (conditions, attrs.get("POS"), attrs.get("MORPH"), attrs.get("LEMMA"))
            for key in tags:
                table.setdefault(key, []).append((order, rule))
    return {key: [rule for _, rule in sorted(rules, key=lambda r: r[0])] for key, rules in table.items()}


class AttributeTable:
    """Pipeline component applying compiled attribute rules by dictionary lookup.

    Every rule looks only at a token's tag, lower-case form, dependency label and whether it is
    space, so the outcome is memoised on those four values: after warm-up a token costs one lookup.
    """

    def __init__(self, rules: dict[str | None, list[Rule]]) -> None:
        self.rules = rules
        self.any_tag = rules.get(None, [])
        self.memo: dict[tuple, tuple[str | None, str | None, str | None]] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set POS, morphology and fixed lemmas on every token."""
        memo = self.memo
        for token in doc:
            key = (token.tag_, token.lower_, token.dep_, token.is_space)
            found = memo.get(key)
            if found is None:
                found = memo[key] = self._outcome(token)
            pos, morph, lemma = found
            if pos is not None:
                token.pos_ = pos
            if morph is not None:
                # Token.set_morph exists (spaCy 3) but spaCy's token.pyi leaves it out.
                token.set_morph(morph)  # type: ignore[attr-defined]
            if lemma is not None:
                token.lemma_ = lemma
        return doc

    def _outcome(self, token: Token) -> tuple[str | None, str | None, str | None]:
        """Apply the rules in order to one token; later matches override earlier ones."""
        pos = morph = lemma = None
        for conditions, rule_pos, rule_morph, rule_lemma in (*self.rules.get(token.tag_, ()),
                                                             *self.any_tag):
            if all(check(token) for check in conditions):
                pos = rule_pos or pos
                morph = rule_morph or morph
                lemma = rule_lemma or lemma
        return pos, morph, lemma


COMPONENT = "realpolitik_attributes"


def use_attribute_table(nlp: Language) -> None:
    """Replace the model's attribute ruler with the compiled table, in place.

    The component keeps the name ``attribute_ruler`` so the rest of the pipeline is unchanged.
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):  # a custom component under that name: leave it be
        return
    table = AttributeTable(compile_rules(ruler.patterns))
    if COMPONENT not in Language.factories:
        Language.component(COMPONENT, func=table)
    nlp.replace_pipe("attribute_ruler", COMPONENT)
