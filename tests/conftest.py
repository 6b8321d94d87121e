"""Shared fixtures: the real engine (loaded once), a blank tokenizer, paths to shared data."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "sample" / "putin-india-visit.txt"
SAMPLE_CORPUS = REPO / "sample" / "corpus.jsonl"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def engine():
    """The packaged engine with the real spaCy model."""
    from realpolitik.pipeline import default_engine

    return default_engine()


@pytest.fixture(scope="session")
def blank_nlp():
    """A tokenizer-only English pipeline, for tests that build Docs by hand."""
    return spacy.blank("en")


@pytest.fixture(scope="session")
def blank_matcher(blank_nlp):
    """The actor matcher over the packaged dictionary, on the blank pipeline's vocab."""
    from realpolitik.nlp.actors import ActorMatcher
    from realpolitik.nlp.dictionary import default_dictionary

    return ActorMatcher(blank_nlp, default_dictionary())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh DuckDB file path."""
    return tmp_path / "store" / "test.duckdb"
