"""The bundled sample corpus end to end: readouts give the right dyads, negatives give nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from realpolitik.models import RawDocument
from realpolitik.pipeline import process

CORPUS = Path(__file__).resolve().parents[1] / "sample" / "corpus.jsonl"
pytestmark = [pytest.mark.slow, pytest.mark.issue(2)]


@pytest.fixture(scope="module")
def coded():
    """Every sample document, coded, by id."""
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    raws = [RawDocument(origin=r["id"], content=r["text"], id=r["id"], title=r["title"], date=r["date"])
            for r in records]
    return {doc.id: doc for doc in process(raws)}


@pytest.mark.parametrize("doc_id", ["corpus-037", "corpus-038", "corpus-039", "corpus-040"])
def test_corpus_negative_examples_give_no_event(coded, doc_id):
    assert coded[doc_id].events == ()


@pytest.mark.parametrize("doc_id, other", [
    ("corpus-002", "RUS"), ("corpus-004", "RUS"), ("corpus-006", "RUS"), ("corpus-017", "JPN"),
    ("corpus-018", "JPN"), ("corpus-023", "SAU"), ("corpus-024", "SAU"), ("corpus-025", "NGA"),
    ("corpus-026", "KEN"), ("corpus-027", "KEN"), ("corpus-028", "ZAF"), ("corpus-031", "COL"),
    ("corpus-033", "BRA"), ("corpus-034", "FRA"), ("corpus-035", "DEU"),
])
def test_corpus_readout_gives_us_consultation(coded, doc_id, other):
    consults = [e for e in coded[doc_id].events if e.plover == "CONSULT" and e.target is not None
                and {e.source.country, e.target.country} == {"USA", other}]
    assert consults, f"no USA-{other} consultation in {doc_id}"
    assert consults[0].modality == "asserted"


def test_corpus_no_partnership_with_the_sanctioned(coded):
    assert not [e for e in coded["corpus-005"].events if e.plover in ("SUPPORT", "COOPERATE", "AGREE")
                and e.target is not None and "RUS" in (e.source.country, e.target.country)]


def test_corpus_condemnation_has_the_right_target(coded):
    condemned = [e for e in coded["corpus-018"].events if e.plover == "ACCUSE"]
    assert [(e.source.country, e.target.country) for e in condemned] == [("USA", "PRK")]


def test_corpus_every_event_is_well_formed(coded):
    for doc in coded.values():
        for event in doc.events:
            # a side of no known country ("rebels") only ever acts beside a named one
            assert event.source.country or event.source.code or event.target is not None and (
                event.target.country or event.target.code)
            assert doc.text[event.evidence.start:event.evidence.end] == event.evidence.text
            assert 0.0 <= event.confidence <= 1.0
            if event.target is not None:
                assert (event.source.country, event.source.role) != (event.target.country, event.target.role)


@pytest.mark.parametrize("text", [
    "India beat Australia by six wickets in Mumbai on Sunday, with Kohli scoring a century.",
    "Heavy rain lashed Bangladesh and eastern India, while temperatures in Pakistan reached 48 degrees.",
    "The rupee fell against the dollar as Japanese and Chinese stocks rallied on Friday.",
    "France defeated Germany 2-1 in the Euro semi-final, while Spain crushed Italy.",
    "Russian wheat production rose 4 percent, Rosstat said, while Ukraine harvested more corn.",
])
def test_corpus_sport_weather_markets_give_no_event(text):
    from realpolitik import code_text

    assert code_text(text, date="2024-01-01").events == ()
