"""Training examples for the relation classifier, from sources whose licences let us ship the weights.

- ``training/relations-own*.tsv``: sentences written for realpolitik (MIT, like the project), each
  with a marked source and target; every one is also used with its marks removed, so the model
  learns to name a sentence's main act when no pair is marked (ConfliBERT's sentence task).
- the CAMEO codebook's example sentences (``cameo-codebook``, MIT), unmarked, labelled through the
  CAMEO-to-PLOVER table.

Not used, by their licences: PLV (its SOURCE.md forbids shipping weights trained on it), PolNeAR
(evaluation only), ConfliBERT (GPL-3.0, which the project's MIT weights could not carry) and the
PLOVER gold records (CC BY-SA). Training text that overlaps an evaluation set's sentences is dropped
(``drop_overlapping``), so scores on those sets stay honest: the CAMEO manual's examples reappear in
ConfliBERT's and PLOVER's data.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from realpolitik.coding.ontology import is_cameo_code, lookup
from realpolitik.errors import ConfigError
from realpolitik.ml.relation import LABELS, ROOTS

MARKS = re.compile(r"</?[st]>")
SHINGLE = 5  # words per shingle in the overlap test
# A training sentence is dropped when this share of its 5-word shingles occurs in an evaluation
# sentence: a third catches CAMEO examples reused with a swapped name or an added clause, while two
# unrelated news sentences share almost no 5-grams (checked on the codebook against ConfliBERT).
OVERLAP_SHARE = 0.3
FROM_PLOVER = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
# Share of the hand-written sentences also used with their marks removed: enough for the sentence task
# without doubling the training time.
UNMARKED_SHARE = 0.3


@dataclass(frozen=True)
class Example:
    """One training sentence, its label and CAMEO root, and where it came from."""

    text: str
    label: str
    origin: str
    root: str = ""  # two-digit CAMEO root; empty: unknown (no root loss)


def read_own(folder: Path) -> list[Example]:
    """The hand-written sentences in ``folder/relations-own*.tsv`` (label, CAMEO root, marked sentence).

    Raises:
        ConfigError: no such files, or a line that is not ``label<TAB>root<TAB>sentence``.
    """
    files = sorted(folder.glob("relations-own*.tsv"))
    if not files:
        raise ConfigError(f"No training/relations-own*.tsv files in {folder}. Run `realpolitik train` from "
                          "the repository's top folder or pass --own with the folder that holds them.")
    examples = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if (len(parts) != 3 or parts[0] not in LABELS or parts[1] not in ROOTS
                    or "<s>" not in parts[2] or "<t>" not in parts[2]):
                raise ConfigError(f"{path}:{number} is not 'LABEL<TAB>ROOT<TAB>sentence with <s>..</s> and "
                                  f"<t>..</t>' with a label among {', '.join(LABELS)} and a two-digit "
                                  "CAMEO root 01-20.")
            examples.append(Example(parts[2].strip(), parts[0], path.name, parts[1]))
    return examples


def read_cameo_examples(folder: Path) -> list[Example]:
    """The codebook's example sentences, labelled by their CAMEO code (root 01 is STATEMENT).

    Raises:
        ConfigError: the codebook table is missing.
    """
    path = folder / "cameo-codes.utf8.csv"
    if not path.is_file():
        raise ConfigError(f"{path} does not exist; pass --data-dir with the folder that holds "
                          "cameo-codebook/.")
    examples = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text, code = (row.get("example") or "").strip(), (row.get("code") or "").strip()
            if not text or text == "NA" or not code:
                continue
            label = "STATEMENT" if code.startswith("01") else label_of_code(code)
            if label is not None:
                examples.append(Example(text, label, "cameo-codebook", code[:2]))
    return examples


def unmarked(examples: Iterable[Example], share: float, seed: int) -> list[Example]:
    """Copies of a random ``share`` of the examples with their source and target marks removed."""
    rng = random.Random(seed)
    return [replace(e, text=" ".join(MARKS.sub("", e.text).split()), origin=e.origin + ":unmarked")
            for e in examples if "<s>" in e.text and rng.random() < share]


def drop_overlapping(examples: Sequence[Example], held_out: Iterable[str]) -> tuple[list[Example], int]:
    """The examples that share little text with any held-out sentence, and how many were dropped."""
    seen = {shingle for text in held_out for shingle in _shingles(text)}
    kept = []
    for example in examples:
        shingles = _shingles(example.text)
        if shingles and sum(s in seen for s in shingles) / len(shingles) >= OVERLAP_SHARE:
            continue
        kept.append(example)
    return kept, len(examples) - len(kept)


def held_out_sentences(root: Path) -> list[str]:
    """The sentences of the evaluation sets the classifier is scored on (read where present)."""
    texts: list[str] = []
    plv = root / "plv-plover-relations" / "PLV_train.tsv"
    if plv.is_file():
        with plv.open(encoding="utf-8", newline="") as handle:
            texts += [r["sentence"] for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    conflibert = root / "conflibert-cameo-manual" / "cameo_class" / "train.tsv"
    if conflibert.is_file():
        texts += [line.split("\t")[0] for line in conflibert.read_text(encoding="utf-8").splitlines()]
    gsr = root / "plover-gsr-cameo" / "PLOVER_GSR_CAMEO.json"
    if gsr.is_file():
        records = json.loads(gsr.read_text(encoding="utf-8"))
        texts += [r.get("text", "") for r in records if isinstance(r, dict)]
    return texts


def label_of_code(code: str) -> str | None:
    """The classifier's label for a CAMEO code (None: not a known code)."""
    if not is_cameo_code(code):
        return None
    plover = lookup(code).plover
    return FROM_PLOVER.get(plover, plover)


def _shingles(text: str) -> set[tuple[str, ...]]:
    """The text's lower-cased word 5-grams, marks removed."""
    words = re.findall(r"\w+", MARKS.sub(" ", text).lower())
    return {tuple(words[i:i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1))}


def build_training_set(own: Path, root: Path, seed: int) -> tuple[list[Example], str]:
    """Every training example, overlap with evaluation data removed, and a line saying what went in.

    Args:
        own: the folder with ``relations-own*.tsv``.
        root: the datasets folder (the codebook's examples are added when ``cameo-codebook`` is there).
        seed: picks which sentences are also used unmarked.

    Raises:
        ConfigError: the hand-written sentences are missing or malformed.
    """
    examples = read_own(own)
    examples += unmarked(examples, UNMARKED_SHARE, seed)
    if (root / "cameo-codebook").is_dir():
        examples += read_cameo_examples(root / "cameo-codebook")
    kept, dropped = drop_overlapping(examples, held_out_sentences(root))
    origins = Counter(e.origin for e in kept)
    summary = ", ".join(f"{origin} {count}" for origin, count in sorted(origins.items()))
    return kept, (f"{len(kept)} training sentences ({summary}); {dropped} dropped for overlapping "
                  "evaluation sentences")
