"""`realpolitik code` and `realpolitik classify`: code documents or pairs without storing them."""

from __future__ import annotations

import csv
import json
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from realpolitik.api import InputOptions, code_paths
from realpolitik.cli.console import out, report_rejection, write_json_line, write_text
from realpolitik.cli.dictionaries import DICTIONARY, DICTIONARY_FIRST, engine_with
from realpolitik.cli.render import document_table, quotes_table
from realpolitik.errors import CLASSIFY_COLUMNS, PATH_MISSING, ConfigError, IngestError
from realpolitik.models import CodedDocument


class CodeFormat(StrEnum):
    """Output formats of `code`."""

    table = "table"
    json = "json"
    jsonl = "jsonl"


PATHS = typer.Argument(..., help="Files, folders (recursed), quoted patterns ('news/**/*.html'), "
                       "feeds (.rss/.atom/.xml) or http(s) URLs of pages and feeds; - reads stdin.")
DATE = typer.Option(None, "--date", help="Publication date of plain-text inputs, YYYY-MM-DD.")
TITLE = typer.Option(None, "--title", help="Title of plain-text inputs.")
URL = typer.Option(None, "--url", help="Source URL of plain-text inputs.")
MAX_BYTES = typer.Option(5_000_000, "--max-bytes", min=1, help="Largest document accepted, in bytes.")
ALLOW_PRIVATE = typer.Option(False, "--allow-private",
                             help="Fetch URLs on private, loopback and link-local addresses too "
                             "(refused by default: fetching on someone's behalf is an SSRF risk).")


def code_cli(
    paths: list[str] = PATHS,
    fmt: CodeFormat = typer.Option(CodeFormat.table, "--format", "-f", help="table, json or jsonl."),
    date: str | None = DATE, title: str | None = TITLE, url: str | None = URL,
    max_bytes: int = MAX_BYTES, allow_private: bool = ALLOW_PRIVATE,
    dictionary: list[Path] | None = DICTIONARY, dictionary_first: bool = DICTIONARY_FIRST,
) -> int:
    """Code documents and print the events, actors and quotes (nothing is stored)."""
    options = InputOptions(date=date, title=title, url=url, max_bytes=max_bytes,
                           allow_private=allow_private)
    options.metadata()  # check --date before loading the model
    engine = engine_with(dictionary, dictionary_first)
    rejected = 0
    as_json: list[dict[str, Any]] = []  # --format json: every document, printed at the end
    shown: list[CodedDocument] = []  # --format table: the coded documents, for the quotes table
    for doc in code_paths(paths, options, engine):
        if doc.rejected:
            rejected += 1
            report_rejection(doc.origin, doc.rejected.reason, doc.rejected.detail)
        if fmt is CodeFormat.jsonl:
            write_json_line(doc.to_dict())
        elif fmt is CodeFormat.json:
            as_json.append(doc.to_dict())
        elif not doc.rejected:
            out.print(document_table(doc))
            shown.append(doc)
    if fmt is CodeFormat.json:
        write_text(json.dumps(as_json, ensure_ascii=False, indent=2) + "\n")
    elif fmt is CodeFormat.table:
        quotes = quotes_table(shown)
        if quotes is not None:
            out.print(quotes)
    return 2 if rejected else 0


def classify_cli(
    path: Path = typer.Argument(..., help="A .tsv (header row) or .jsonl of sentence/source/target rows."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="Output format: jsonl."),
    mode: str = typer.Option("rules", "--mode", help="rules (the event coder) or minilm (the trained "
                                                     "classifier; needs the ml extra)."),
    model: Path | None = typer.Option(None, "--model", help="With --mode minilm: a folder written by "
                                                            "`realpolitik train` (default: packaged)."),
) -> int:
    """Classify the relation between a marked source and target in each sentence (PLV task)."""
    from realpolitik.coding.relation import classify_pairs

    if fmt != "jsonl":
        raise ConfigError(f"--format {fmt!r} is not supported by classify; use --format jsonl.")
    pairs = list(_read_pairs(path))
    if not pairs:
        return 0
    for relation in classify_pairs(pairs, mode=mode, model_dir=model):
        write_json_line(relation.to_dict())
    return 0


def _read_pairs(path: Path):
    """Rows of a .tsv or .jsonl file as Pairs."""
    from realpolitik.coding.relation import Pair

    if not path.exists():
        raise IngestError(PATH_MISSING.format(path=path))
    if path.suffix.lower() == ".jsonl":
        rows = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise ConfigError(f"{path}:{number} is not valid JSON ({error}); classify needs one "
                                  "object a line.") from None
            if not isinstance(row, dict):
                raise ConfigError(f"{path}:{number} is not a JSON object; classify needs one object a line.")
            rows.append(row)
        columns = set().union(*rows) if rows else set()
    else:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            rows = list(reader)
            columns = set(reader.fieldnames or [])
    needed = ("sentence", "source", "target")
    missing = [c for c in needed if c not in columns]
    if missing:
        raise ConfigError(CLASSIFY_COLUMNS.format(path=path, missing=", ".join(missing)))
    for index, row in enumerate(rows):
        uid = row.get("uid")
        yield Pair(uid=uid if uid not in (None, "") else index, sentence=row["sentence"],
                   source=row["source"], target=row["target"], marked=row.get("marked_sentence"))


def register(app: typer.Typer) -> None:
    """Add the commands to the app."""
    app.command("code")(code_cli)
    app.command("classify")(classify_cli)
