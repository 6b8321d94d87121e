"""Fingerprints of documents: exact keys, shingles, MinHash signatures and LSH on real texts."""

from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHashLSH

from realpolitik.extract.dedup import (
    BANDS,
    MIN_NEAR_WORDS,
    NEAR_THRESHOLD,
    NUM_PERM,
    ROWS,
    BatchIndex,
    band_keys,
    band_ranges,
    content_hash,
    event_key,
    normalise_text,
    shingles,
    signature,
    signature_bytes,
    signature_from_bytes,
    similarity,
)

SAMPLE_CORPUS = Path(__file__).resolve().parents[2] / "sample" / "corpus.jsonl"

TEXTS = [json.loads(line)["text"] for line in SAMPLE_CORPUS.read_text(encoding="utf-8").splitlines()]
LONG = [text for text in TEXTS if len(text.split()) >= 100]


def syndicate(text: str) -> str:
    """The story as a wire service might re-run it: new headline, byline, footer, edits, cut."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    first = sentences[0].split()
    sentences[0] = " ".join(["Officials", "said", *first[2:]])  # reworded opening
    kept = sentences[:-1] if len(sentences) > 4 else sentences  # the last sentence cut
    return ("WORLD BRIEFING: a new headline\nBy A. Correspondent, Wire Desk\n\n" + " ".join(kept)
            + "\n\n© 2025 Wire Desk. All rights reserved. Not for redistribution.")


@pytest.mark.parametrize(("a", "b"), [
    ("India  and\tRussia\n", "india and russia"),
    ("ＩＮＤＩＡ met Russia", "india met russia"),  # full-width letters: NFKC
    ("Straße", "STRASSE"),  # case folding, not just lower-casing
])
def test_content_hash_ignores_case_width_and_spacing(a: str, b: str) -> None:
    assert normalise_text(a) == normalise_text(b)
    assert content_hash(a) == content_hash(b)


def test_content_hash_differs_on_one_word() -> None:
    assert content_hash("India met Russia.") != content_hash("India met China.")


def test_shingles_overlap_by_words() -> None:
    assert shingles("One two three four five six", size=5) == {b"one two three four five",
                                                               b"two three four five six"}
    assert shingles("Just three words", size=5) == {b"just three words"}
    assert shingles("  ", size=5) == set()


def test_signature_skips_short_texts() -> None:
    assert signature(" ".join(["word"] * (MIN_NEAR_WORDS - 1))) is None
    values = signature(LONG[0])
    assert values is not None and values.shape == (NUM_PERM,) and values.dtype == np.uint32


def test_signature_round_trips_through_bytes() -> None:
    values = signature(LONG[0])
    assert np.array_equal(signature_from_bytes(signature_bytes(values)), values)


def test_bands_are_those_datasketch_chooses() -> None:
    lsh = MinHashLSH(threshold=NEAR_THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (BANDS, ROWS)
    assert band_ranges() == tuple(lsh.hashranges)


def test_signature_is_stable_across_calls() -> None:
    assert np.array_equal(signature(LONG[1]), signature(LONG[1]))
    assert band_keys(signature(LONG[1])) == band_keys(signature(LONG[1]))
    assert len(band_keys(signature(LONG[1]))) == len(band_ranges())


@pytest.mark.parametrize("index", range(len(LONG)))
def test_similarity_finds_syndicated_copy(index: int) -> None:
    text = LONG[index]
    assert similarity(signature(text), signature(syndicate(text))) >= NEAR_THRESHOLD


def test_similarity_keeps_different_documents_apart() -> None:
    signatures = [signature(text) for text in TEXTS if signature(text) is not None]
    worst = max(similarity(a, b) for a, b in combinations(signatures, 2))
    assert worst < NEAR_THRESHOLD, worst


def test_batch_index_finds_copy_among_many() -> None:
    index = BatchIndex()
    for number, text in enumerate(LONG):
        index.add(f"d{number}", signature(text))
    found = index.best(signature(syndicate(LONG[3])))
    assert found is not None and found[0] == "d3" and found[1] >= NEAR_THRESHOLD
    assert index.best(signature(" ".join(reversed(LONG[3].split())))) is None


@pytest.mark.parametrize(("args", "expected"), [
    (("RUSGOV", "RUS", "INDGOV", "IND", "040", False), "RUSGOV|INDGOV|040"),
    (("INDGOV", "IND", "RUSGOV", "RUS", "040", True), "INDGOV|RUSGOV|040"),
    (("RUSGOV", "RUS", "INDGOV", "IND", "040", True), "INDGOV|RUSGOV|040"),  # joint: sides sorted
    ((None, "USA", None, None, "1312", False), "USA||1312"),
])
def test_event_key_names_who_did_what_to_whom(args: tuple, expected: str) -> None:
    assert event_key(*args) == expected
