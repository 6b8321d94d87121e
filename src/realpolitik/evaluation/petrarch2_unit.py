"""PETRARCH-2's unit-test records (``PETR.UnitTest.records.xml``) with its fictional dictionaries.

284 mostly synthetic sentences about Tolkien-world actors ("Arnor is about to restore full
diplomatic ties with Gondor"), coded with the small ``PETR.Validate.*`` dictionaries beside them: a
regression test of the dictionary loader and the coder, not a measure of realism (see the dataset's
SOURCE.md). Some gold codes (80, 90, 91, 34...) exist only in the test verb dictionary; those
triples cannot be matched. Scored exactly as ``petrarch2``, except that the test dictionaries win
over our own where both know a name or a verb: they are the codebook of a fictional world ("restore
ties" is 064 there, whatever real news would make of it), and their codes are what the records test.
"""

from __future__ import annotations

from pathlib import Path

from realpolitik.evaluation.base import EvalResult
from realpolitik.evaluation.petrarch2 import dataset_engine, evaluate_records, read_records
from realpolitik.pipeline import Engine

RECORDS_FILE = Path("text") / "PETR.UnitTest.records.xml"
VALIDATE_FILES = ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt", "PETR.Validate.verbs.txt")


def evaluate(folder: Path, engine: Engine, dataset_dictionaries: bool = True) -> EvalResult:
    """Code the unit-test records with the fictional dictionaries and score the triples.

    Args:
        folder: the petrarch2-validation dataset folder.
        engine: the loaded engine.
        dataset_dictionaries: merge the PETR.Validate dictionaries beside the records (without them
            no actor of these records is known), preferred over ours, unless the engine already has
            extra dictionaries.
    """
    engine = dataset_engine(folder, engine, VALIDATE_FILES, dataset_dictionaries, prefer_extra=True)
    records = read_records(folder / RECORDS_FILE, strip_comments=True)
    return evaluate_records("petrarch2-unit", records, folder, engine, with_target=False)
