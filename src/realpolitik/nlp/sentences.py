"""Split a tokenised text into sentences without a parse, and prepare text for the parser.

Sentences end at ., ! and ? (with any closing quotes or brackets that follow) and at line breaks:
news headings and list items have no final stop, so a new line always starts a new sentence.
"""

from __future__ import annotations

import numpy
from spacy.attrs import HEAD, ORTH, SPACY
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


def cut_sentences(doc: Doc, sizes: list[int]) -> list[Doc]:
    """Cut a parsed doc into one Doc per sentence, ``sizes`` giving each sentence's token count.

    Equivalent to ``doc[a:b].as_doc()`` for each sentence, but the doc's annotation is read into an
    array once rather than once per sentence, and no span vector is averaged (spaCy's ``as_doc``
    sums every token's tensor row for it, which realpolitik never reads). Together those were two
    thirds of the cost of the cut (cProfile, PolNeAR dev). A sentence whose parse reaches outside
    it, which preset sentence starts should rule out, is cut by ``as_doc`` so its heads are rewired.
    """
    attrs = list(Doc._get_array_attrs())  # the attributes as_doc copies (spaCy's own list)
    array = doc.to_array(attrs)
    heads = array[:, attrs.index(HEAD)].view(numpy.int64)
    strings = doc.vocab.strings
    texts = [strings[orth] for orth in array[:, attrs.index(ORTH)].tolist()]
    spaces = [bool(space) for space in array[:, attrs.index(SPACY)].tolist()]
    out = []
    position = 0
    for size in sizes:
        end = position + size
        offsets = heads[position:end] + numpy.arange(size)
        if size and (offsets.min() < 0 or offsets.max() >= size):
            out.append(doc[position:end].as_doc())
        else:
            piece = Doc(doc.vocab, words=texts[position:end], spaces=spaces[position:end])
            piece.from_array(attrs, array[position:end])  # type: ignore[arg-type]  # stub: Ints2d is numpy
            piece.tensor = doc.tensor[position:end]
            out.append(piece)
        position = end
    return out


def text_length(doc: Doc) -> int:
    """``len(doc.text)`` without building the text (spaCy joins every token's text for it)."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)
