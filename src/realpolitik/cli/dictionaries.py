"""The ``--dictionary`` options shared by `code`, `ingest` and `eval`, and the engine they build."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.text import Text

from realpolitik.cli.console import err
from realpolitik.pipeline import Engine

DICTIONARY = typer.Option(
    None, "--dictionary", metavar="PATH",
    help="Extra PETRARCH-format dictionary: an .actors.txt, .agents.txt or verb file (CAMEO*.txt), or a "
         "folder of them. Repeatable. realpolitik's own entries win on conflict.")
DICTIONARY_FIRST = typer.Option(False, "--dictionary-first",
                                help="Let --dictionary entries win over realpolitik's own where both "
                                     "know a name or verb.")
# How many unreadable dictionary lines to print before summarising (--debug logs every one).
SHOWN_PROBLEMS = 5


def engine_with(dictionaries: list[Path] | None, prefer_extra: bool = False) -> Engine | None:
    """The engine with the extra dictionaries (None: none given, use the default one).

    Unreadable lines are reported on stderr with file and line; the rest of each file is used.
    """
    if not dictionaries:
        return None
    from realpolitik.pipeline import make_engine

    engine = make_engine(dictionaries, prefer_extra)
    report_problems(engine.problems)
    return engine


def report_problems(problems: tuple[str, ...]) -> None:
    """Print the first unreadable dictionary lines and how many more there were."""
    for problem in problems[:SHOWN_PROBLEMS]:
        err.print(Text.assemble(("Dictionary line skipped ", "yellow"), problem), soft_wrap=True)
    if len(problems) > SHOWN_PROBLEMS:
        err.print(f"... and {len(problems) - SHOWN_PROBLEMS} more dictionary lines skipped "
                  "(realpolitik --debug ... lists them all); everything else was loaded.", soft_wrap=True)
