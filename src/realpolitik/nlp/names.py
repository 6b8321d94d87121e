"""Carry a person's state from their first, full mention to later ones by surname.

News names a person once in full ("Brazilian Secretary General Ambassador Maria Laura da Rocha") and
then by surname ("da Rocha said"). The document's title counts as the first mention too: readouts
often name both sides only there.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from realpolitik.models import Actor
from realpolitik.nlp.actors import Mention, is_name_token


def surname(actor: Actor) -> str | None:
    """The last word of a person's name, if it looks like a surname."""
    if actor.kind != "person" or not actor.name:
        return None
    last = actor.name.split()[-1]
    return last if last[:1].isupper() and len(last) > 2 else None


def known_people(mentions: list[Mention]) -> dict[str, Actor]:
    """Surname -> the person's resolved actor, from mentions that carry a country."""
    people: dict[str, Actor] = {}
    for mention in mentions:
        key = surname(mention.actor)
        if key and (mention.actor.country or mention.actor.code):
            people.setdefault(key, mention.actor)
    return people


def propagate_names(doc: Doc, mentions: list[Mention], context: list[Mention]) -> list[Mention]:
    """Resolve country-less person mentions, and bare surnames, from people named before.

    Args:
        doc: the tokenised document the mentions belong to.
        mentions: its mentions, in order.
        context: mentions found elsewhere (the title) that count as already read.
    """
    people = known_people(context + mentions)
    if not people:
        return mentions
    out: list[Mention] = []
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for mention in mentions:
        actor = mention.actor
        last = doc[mention.end - 1].text
        if actor.kind == "person" and actor.country is None and actor.code is None and last in people:
            known = people[last]
            actor = replace(actor, name=known.name, country=known.country, role=known.role, code=known.code)
            mention = replace(mention, actor=actor)
        out.append(mention)
    for token in doc:
        if token.i not in covered and token.text in people and is_name_token(token):
            known = people[token.text]
            actor = replace(known, text=token.text, start=token.idx, end=token.idx + len(token.text))
            out.append(Mention(token.i, token.i + 1, actor, True))
    return sorted(out, key=lambda m: m.start)
