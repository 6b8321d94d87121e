"""Fingerprints that tell when two documents are the same story (issue #5, item 3).

Two kinds of copy:

* **exact**: the same text once normalised (Unicode NFKC, case folded, runs of whitespace made one
  space). ``content_hash`` is the sha256 of that normalised text.
* **near**: the same story with a different headline, byline, boilerplate or a few edited
  sentences, as syndicated news arrives. A document's words are cut into overlapping shingles of
  ``SHINGLE_WORDS`` words; a MinHash signature of ``NUM_PERM`` values (datasketch) estimates the
  Jaccard similarity of two documents' shingle sets, and LSH bands of the signature find candidate
  pairs without comparing every pair. A candidate is a copy when its estimated similarity is at least
  ``NEAR_THRESHOLD``.

The store keeps each document's signature and band keys (``store/dedup.py``), so a later run finds
copies of documents stored earlier; within one batch, a datasketch ``MinHashLSH`` holds the batch's
new documents (``BatchIndex``), so memory stays bounded by the batch size.

Calibration (``benchmarks/dedup.py --calibrate``, on the 84 PolNeAR development articles: ordinary
political news of one season, many on the same stories, 53 to 3,686 words): each article against a
syndicated variant of itself (a new headline, a byline, an agency footer, two sentences reworded,
one dropped, the last tenth cut) and against every other article. Exact Jaccard of 5-word shingles:
variants 0.25 and up (median 0.76; the low end are the shortest articles, where those edits
change half the text) and different articles at most 0.06. Shorter shingles raise the different-article
pairs (3 words: 0.08, 2 words: 0.12) without lifting the variants much; longer ones lower both.
With ``NEAR_THRESHOLD`` 0.3, MinHash LSH finds 83 of 84 variants with 128 permutations (37 bands of
3 rows) and matches no two different articles; at 0.4 it finds 81, at 0.5 77. 64 permutations find
as many here but double the variance of the estimate (standard error 0.057 rather than 0.041 at a
similarity of 0.3), and variants near the threshold would then fall either side of it; 256 find no
more and double the signature. Below ``MIN_NEAR_WORDS`` words a text has too few shingles
for the estimate to mean much (two one-line dispatches that differ in one word would look alike),
so short texts are deduplicated exactly only.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import cache

import numpy as np

SHINGLE_WORDS = 5
NUM_PERM = 128
NEAR_THRESHOLD = 0.3
MIN_NEAR_WORDS = 40
# The LSH bands datasketch's MinHashLSH chooses for NEAR_THRESHOLD and NUM_PERM (it minimises the
# false positive and negative areas); fixed here so that the store's band keys never change with it
# (a test checks that they agree).
BANDS, ROWS = 37, 3
MINHASH_SEED = 1
# Shingles are hashed with CRC-32 (C speed) rather than datasketch's default SHA-1 (40% of the
# fingerprint's time): MinHash needs distinct shingles to get distinct 32-bit values, which CRC-32
# gives but for a 1 in 2**32 chance; the affine permutations on top do the mixing.
HASHFUNC = zlib.crc32
SIGNATURE_DTYPE = np.uint32  # datasketch 2's affine32 scheme yields 32-bit values

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Return the text as compared for exact copies: NFKC, case folded, whitespace collapsed.

    Args:
        text: A document's text.

    Returns:
        The normalised text (empty if the text holds only whitespace).
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def content_hash(text: str) -> str:
    """Return the exact-copy key of a text: the sha256 of its normalised form.

    Args:
        text: A document's text.

    Returns:
        64 hex digits.
    """
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Return the set of overlapping ``size``-word shingles of a text's normalised words.

    Args:
        text: A document's text.
        size: Words per shingle.

    Returns:
        The shingles as UTF-8 bytes; a text shorter than ``size`` words is one shingle.
    """
    return _shingles_of(_WORD.findall(normalise_text(text)), size)


def _shingles_of(words: list[str], size: int) -> set[bytes]:
    """The shingles of a list of normalised words."""
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


# datasketch is imported where it is used: importing it loads scipy (about a second), which commands
# that only read the store should not pay for.
@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The MinHash permutations, drawn once per process (the seed makes them the same everywhere)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, hashfunc=HASHFUNC).permutations


def _minhash(values: np.ndarray | None = None):
    """A datasketch MinHash with the shared permutations, empty or holding ``values``."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, hashfunc=HASHFUNC,
                   permutations=_permutations(), hashvalues=values, scheme="affine32")


def signature(text: str) -> np.ndarray | None:
    """Return the MinHash signature of a text, or None when it is too short for near-dedup.

    Args:
        text: A document's text.

    Returns:
        ``NUM_PERM`` unsigned 32-bit values, or None below ``MIN_NEAR_WORDS`` words.
    """
    return _signature_of(_WORD.findall(normalise_text(text)))


def _signature_of(words: list[str]) -> np.ndarray | None:
    """The signature of a list of normalised words (None when too few)."""
    if len(words) < MIN_NEAR_WORDS:
        return None
    minhash = _minhash()
    minhash.update_batch(sorted(_shingles_of(words, SHINGLE_WORDS)))
    return minhash.hashvalues.astype(SIGNATURE_DTYPE)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Return the Jaccard similarity two signatures estimate: the share of equal values.

    Args:
        a: A signature.
        b: Another signature of the same length.

    Returns:
        A value from 0.0 to 1.0.
    """
    return float(np.count_nonzero(a == b)) / len(a)


def signature_bytes(values: np.ndarray) -> bytes:
    """Return a signature as bytes for the store (little-endian 32-bit values)."""
    return values.astype("<u4").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    """Return a signature stored by ``signature_bytes``."""
    return np.frombuffer(data, dtype="<u4").astype(SIGNATURE_DTYPE)


def band_ranges() -> tuple[tuple[int, int], ...]:
    """The LSH bands over a signature: ``BANDS`` runs of ``ROWS`` values."""
    return tuple((band * ROWS, (band + 1) * ROWS) for band in range(BANDS))


def band_keys(values: np.ndarray) -> list[int]:
    """Return one 63-bit key per LSH band of a signature; documents sharing a key are candidates.

    Args:
        values: A signature.

    Returns:
        One non-negative key per band, in band order (keys of different bands may coincide).
    """
    raw = values.astype("<u4")
    keys = []
    for start, end in band_ranges():
        digest = hashlib.blake2b(raw[start:end].tobytes(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)  # fits DuckDB's signed BIGINT
    return keys


@dataclass(frozen=True)
class Fingerprint:
    """What the store compares to find copies of a document."""

    content_hash: str
    signature: np.ndarray | None


def fingerprint(text: str) -> Fingerprint:
    """Return the exact and near-copy fingerprints of a text.

    Args:
        text: A document's text.

    Returns:
        Its content hash and its signature (None for short texts).
    """
    normalised = normalise_text(text)
    digest = hashlib.sha256(normalised.encode("utf-8")).hexdigest()
    return Fingerprint(digest, _signature_of(_WORD.findall(normalised)))


class BatchIndex:
    """An in-memory datasketch LSH over the new documents of one batch (bounded by the batch)."""

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=NEAR_THRESHOLD, num_perm=NUM_PERM, params=(BANDS, ROWS))
        self._signatures: dict[str, np.ndarray] = {}

    def add(self, doc_id: str, values: np.ndarray) -> None:
        """Index a new document's signature under its id."""
        if doc_id not in self._signatures:
            self._lsh.insert(doc_id, _minhash(values))
            self._signatures[doc_id] = values

    def best(self, values: np.ndarray) -> tuple[str, float] | None:
        """The indexed document most like ``values`` and the similarity, if one reaches the threshold."""
        scored = [(similarity(values, self._signatures[key]), key)
                  for key in self._lsh.query(_minhash(values))]
        top = max(scored, default=None)
        return (top[1], top[0]) if top and top[0] >= NEAR_THRESHOLD else None


def event_key(source_code: str | None, source_country: str | None, target_code: str | None,
              target_country: str | None, cameo: str | None, symmetric: bool) -> str:
    """Return the key under which reports of one event in copies of a story are counted together.

    Who did what to whom: each side's actor code (else its country) and the CAMEO code; the sides
    of a joint (symmetric) event are sorted, since a rewritten copy may name them the other way
    round. Migration 3 computes the same key in SQL for events stored before it.

    Args:
        source_code: The source actor's code.
        source_country: The source actor's country.
        target_code: The target actor's code.
        target_country: The target actor's country.
        cameo: The CAMEO event code.
        symmetric: Whether the event is joint.

    Returns:
        ``"SOURCE|TARGET|CAMEO"``, empty parts for what is missing.
    """
    a, b = source_code or source_country or "", target_code or target_country or ""
    if symmetric and b < a:
        a, b = b, a
    return f"{a}|{b}|{cameo or ''}"
