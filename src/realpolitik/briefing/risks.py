"""Risk rules for briefings: user-editable YAML conditions matched against coded events (issue #4).

A rule (``data/risks.yml``, or any file passed to ``load_rules``) names a relation, a counterpart,
PLOVER types, sectors and modalities. ``match_rules`` runs the rules over plain event rows (dicts with
the ``events`` table's columns) and returns one ``RiskFlag`` per rule, subject and third party,
citing the ids of the matching events so that the briefing can show their evidence sentences.

Relations:

- ``partner``: an event between a side of the brief (the *subject*, which must be a state: its
  country is known and is not the counterpart) and the counterpart, in either direction.
- ``third_party``: an event by an actor that is neither side of the brief, aimed at one side (a
  symmetric event acts both ways).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from realpolitik.coding.ontology import PLOVER_TYPES
from realpolitik.errors import ConfigError

RELATIONS = ("partner", "third_party")
SEVERITIES = ("high", "medium", "low")  # also the order flags are listed in
MODALITIES = ("asserted", "hedged", "future", "hypothetical", "negated")
_RULE_KEYS = {"id", "title", "description", "severity", "conditions"}
_CONDITION_KEYS = {"relation", "counterpart", "plover", "sectors", "modalities"}

BAD_RULES_FILE = ("The risk rules in {origin} could not be read: {error}. Fix the YAML, or leave out "
                  "--rules to use the packaged rules.")
BAD_RULE = ("The risk rule {rule} in {origin} is invalid: {problem}. See the comments at the top of "
            "realpolitik/data/risks.yml for the fields a rule takes.")


@dataclass(frozen=True)
class RiskConditions:
    """When a rule fires; an empty tuple matches anything."""

    relation: str = "partner"
    counterpart: str | None = None
    plover: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()


@dataclass(frozen=True)
class RiskRule:
    """One risk rule: what it is called, why it matters, and when it fires."""

    id: str
    title: str
    description: str
    severity: str
    conditions: RiskConditions


@dataclass(frozen=True)
class RiskFlag:
    """A rule that fired for one subject (and, for third-party rules, one actor).

    Attributes:
        rule: The rule.
        subject: The side of the brief the risk concerns, as upper-cased in the query.
        actor: The third party (third-party rules), else None.
        event_ids: The matching events, in the order they were given.
    """

    rule: RiskRule
    subject: str
    actor: str | None
    event_ids: tuple[str, ...]

    @property
    def title(self) -> str:
        """The rule's title with ``{subject}``, ``{counterpart}`` and ``{actor}`` filled in."""
        return _fill(self.rule.title, self)

    @property
    def description(self) -> str:
        """The rule's description, filled in like the title."""
        return _fill(self.rule.description, self)


def _fill(text: str, flag: RiskFlag) -> str:
    """Replace the placeholders (plain replacement: a rules file cannot reach Python objects)."""
    values = {"{subject}": flag.subject, "{counterpart}": flag.rule.conditions.counterpart or "",
              "{actor}": flag.actor or ""}
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def load_rules(path: str | Path | None = None) -> tuple[RiskRule, ...]:
    """Load risk rules from a YAML file, or the packaged ``data/risks.yml``.

    Args:
        path: A rules file; None for the packaged rules.

    Returns:
        The rules, in file order.

    Raises:
        ConfigError: If the file is missing, is not YAML, or a rule is invalid.
    """
    if path is None:
        origin = "realpolitik/data/risks.yml"
        text = resources.files("realpolitik").joinpath("data/risks.yml").read_text(encoding="utf-8")
    else:
        origin = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(BAD_RULES_FILE.format(origin=origin, error=exc)) from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(BAD_RULES_FILE.format(origin=origin, error=exc)) from exc
    return parse_rules(data, origin)


def parse_rules(data: Any, origin: str = "<rules>") -> tuple[RiskRule, ...]:
    """Check and convert parsed YAML (``{"rules": [...]}``) into rules.

    Args:
        data: The parsed document.
        origin: Where it came from, for messages.

    Returns:
        The rules, in order.

    Raises:
        ConfigError: If the document or a rule is malformed, or two rules share an id.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("rules"), list):
        raise ConfigError(BAD_RULES_FILE.format(origin=origin, error="there is no `rules:` list"))
    rules, seen = [], set()
    for index, item in enumerate(data["rules"]):
        rule = _parse_rule(item, origin, index)
        if rule.id in seen:
            raise ConfigError(BAD_RULE.format(rule=rule.id, origin=origin, problem="its id is used twice"))
        seen.add(rule.id)
        rules.append(rule)
    return tuple(rules)


def _parse_rule(item: Any, origin: str, index: int) -> RiskRule:
    """One rule, checked."""
    name = item.get("id", f"#{index + 1}") if isinstance(item, Mapping) else f"#{index + 1}"

    def bad(problem: str) -> ConfigError:
        return ConfigError(BAD_RULE.format(rule=name, origin=origin, problem=problem))

    if not isinstance(item, Mapping):
        raise bad("it is not a mapping of fields")
    if unknown := sorted(set(item) - _RULE_KEYS):
        raise bad(f"unknown field(s) {', '.join(map(str, unknown))}")
    for key in ("id", "title", "description", "severity"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise bad(f"`{key}` must be a non-empty string")
    if item["severity"] not in SEVERITIES:
        raise bad(f"severity {item['severity']!r} is not one of {', '.join(SEVERITIES)}")
    return RiskRule(id=item["id"], title=item["title"].strip(), description=item["description"].strip(),
                    severity=item["severity"], conditions=_parse_conditions(item.get("conditions"), bad))


def _parse_conditions(raw: Any, bad) -> RiskConditions:
    """The ``conditions`` of one rule, checked."""
    if not isinstance(raw, Mapping):
        raise bad("`conditions` must be a mapping")
    if unknown := sorted(set(raw) - _CONDITION_KEYS):
        raise bad(f"unknown condition(s) {', '.join(map(str, unknown))}")
    relation = raw.get("relation", "partner")
    if relation not in RELATIONS:
        raise bad(f"relation {relation!r} is not one of {', '.join(RELATIONS)}")
    counterpart = raw.get("counterpart")
    if relation == "partner" and not (isinstance(counterpart, str) and counterpart):
        raise bad("a partner rule needs a `counterpart` code, e.g. RUS")
    lists = {key: _strings(raw.get(key, []), key, bad) for key in ("plover", "sectors", "modalities")}
    for key, allowed in (("plover", PLOVER_TYPES), ("modalities", MODALITIES)):
        if wrong := [v for v in lists[key] if v not in allowed]:
            raise bad(f"{key} {', '.join(wrong)} not among {', '.join(allowed)}")
    return RiskConditions(relation=relation, counterpart=counterpart.upper() if counterpart else None,
                          plover=lists["plover"], sectors=lists["sectors"], modalities=lists["modalities"])


def _strings(value: Any, key: str, bad) -> tuple[str, ...]:
    """A list of strings (a single string is a list of one)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise bad(f"`{key}` must be a list of strings")
    return tuple(value)


def is_side(country: str | None, code: str | None, side: str) -> bool:
    """Tell whether an actor matches a query code (country equal, or actor code prefix)."""
    side = side.upper()
    return (country or "").upper() == side or bool(code and code.upper().startswith(side))


def _passes(conditions: RiskConditions, event: Mapping[str, Any]) -> bool:
    """Whether the event's type, sectors and modality meet the conditions."""
    if conditions.plover and event.get("plover") not in conditions.plover:
        return False
    if conditions.sectors and not set(event.get("sectors") or ()) & set(conditions.sectors):
        return False
    return not conditions.modalities or event.get("modality") in conditions.modalities


_Side = tuple[str | None, str | None]  # (country, code)


def _ends(event: Mapping[str, Any]) -> list[tuple[_Side, _Side]]:
    """The (actor, toward) pairs an event stands for: one, or two when it is symmetric."""
    source = (event.get("source_country"), event.get("source_code"))
    target = (event.get("target_country"), event.get("target_code"))
    return [(source, target), (target, source)] if event.get("symmetric") else [(source, target)]


def _partner_subjects(cond: RiskConditions, event: Mapping[str, Any], sides: Sequence[str]) -> list[str]:
    """The brief's sides that are a state dealing with the counterpart in this event."""
    counterpart = cond.counterpart
    if counterpart is None:  # parse_rules refuses such a partner rule; one built by hand matches nothing
        return []
    source = (event.get("source_country"), event.get("source_code"))
    target = (event.get("target_country"), event.get("target_code"))
    found = []
    for mine, other in ((source, target), (target, source)):
        if not mine[0] or not is_side(*other, counterpart) or is_side(*mine, counterpart):
            continue
        found += [side for side in sides if is_side(*mine, side)]
    return found


def _third_parties(event: Mapping[str, Any], sides: Sequence[str]) -> list[tuple[str, str]]:
    """(subject, actor) pairs: a third party acting toward a side of the brief."""
    found = []
    for actor, toward in _ends(event):
        label = actor[0] or actor[1]
        if not label or any(is_side(*actor, side) for side in sides):
            continue
        found += [(side, label.upper()) for side in sides if is_side(*toward, side)]
    return found


def match_rules(rules: Iterable[RiskRule], events: Iterable[Mapping[str, Any]],
                sides: Sequence[str]) -> list[RiskFlag]:
    """Run risk rules over events and group the matches into flags.

    Args:
        rules: The rules.
        events: Event rows (``event_id``, ``source_country``, ``source_code``, ``target_country``,
            ``target_code``, ``symmetric``, ``plover``, ``sectors``, ``modality``), in citation order.
        sides: The brief's two sides, e.g. ("IND", "RUS").

    Returns:
        One flag per rule, subject and actor; by severity (high first), rule id, subject, actor.
    """
    events = list(events)
    sides = [s.upper() for s in sides]
    groups: dict[tuple[RiskRule, str, str | None], list[str]] = {}
    for rule in rules:
        cond = rule.conditions
        for event in events:
            if not _passes(cond, event):
                continue
            keys: Sequence[tuple[str, str | None]]
            if cond.relation == "partner":
                keys = [(s, None) for s in _partner_subjects(cond, event, sides)]
            else:
                keys = _third_parties(event, sides)
            for subject, actor in keys:
                ids = groups.setdefault((rule, subject, actor), [])
                if event["event_id"] not in ids:
                    ids.append(event["event_id"])
    flags = [RiskFlag(rule, subject, actor, tuple(ids)) for (rule, subject, actor), ids in groups.items()]
    return sorted(flags, key=lambda f: (SEVERITIES.index(f.rule.severity), f.rule.id, f.subject,
                                        f.actor or ""))
