"""Sectors of an event, from the words around its trigger (``data/sectors.yml``)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Span, Token

from realpolitik.models import SECTORS


@cache
def sector_words() -> dict[str, str]:
    """Map each lower-case keyword (or lemma) to its sector."""
    text = resources.files("realpolitik").joinpath("data/sectors.yml").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for sector, words in yaml.safe_load(text).items():
        if sector not in SECTORS:
            raise ValueError(f"sectors.yml: unknown sector {sector!r}")
        for word in words:
            table[str(word).lower()] = sector
    return table


def sectors_near(sentence: Span, trigger: Token, exclude: range | None = None) -> tuple[str, ...]:
    """Sectors named in a sentence, nearest to the trigger first; at equal distance, what follows it
    (the object's "medical equipment") before what precedes it (the subject's "military")."""
    words = sector_words()
    found: dict[str, float] = {}
    for token in sentence:
        if exclude is not None and token.i in exclude:
            continue
        sector = words.get(token.lower_) or words.get(token.lemma_.lower())
        if sector is None and token.i + 1 < sentence.end:
            sector = words.get(f"{token.lower_} {token.nbor().lower_}")
        if sector is not None:
            distance = abs(token.i - trigger.i) + (0.5 if token.i < trigger.i else 0.0)
            found[sector] = min(distance, found.get(sector, distance))
    return tuple(sorted(found, key=lambda s: found[s]))
