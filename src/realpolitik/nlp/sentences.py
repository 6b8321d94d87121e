"""Split a tokenised text into sentences without a parse, and prepare text for the parser.

Sentences end at ., ! and ? (with any closing quotes or brackets that follow) and at line breaks:
news headings and list items have no final stop, so a new line always starts a new sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc

END_PUNCT = frozenset({".", "!", "?", "…", "...", "?!"})
CLOSERS = frozenset({'"', "'", ")", "]", "”", "’", "»"})
# One character for one, so every offset into the normalised text is an offset into the original.
TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "′": "'", "\u00a0": " "})


def normalise_typography(text: str) -> str:
    """Straighten curly quotes and apostrophes (the model was trained on straight ones)."""
    return text.translate(TYPOGRAPHY)


def split_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Return (start, end) token ranges of the sentences of a tokenised doc, skipping blank ones."""
    bounds: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(doc)
    while i < n:
        token = doc[i]
        if token.is_space and "\n" in token.text or "\n" in token.whitespace_:
            end = i if token.is_space else i + 1
            _push(doc, bounds, start, end)
            start = i + 1
        elif token.text in END_PUNCT:
            while i + 1 < n and doc[i + 1].text in CLOSERS:
                i += 1
            _push(doc, bounds, start, i + 1)
            start = i + 1
        i += 1
    _push(doc, bounds, start, n)
    return bounds


def _push(doc: Doc, bounds: list[tuple[int, int]], start: int, end: int) -> None:
    """Keep a sentence unless it is only whitespace."""
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if end > start:
        bounds.append((start, end))
