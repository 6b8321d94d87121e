"""The ``realpolitik`` command: a thin Typer shell over the library.

One handler here turns a RealpolitikError into ``Error: ...`` on stderr and exit status 1; usage
errors also exit 1 (the contract's convention, not click's 2, which realpolitik keeps for rejected
inputs). Tracebacks appear only with ``--debug``.
"""

from __future__ import annotations

import logging
import sys
import traceback
from typing import IO, Any, Protocol, runtime_checkable

import click
import typer
from rich.text import Text

from realpolitik import __version__
from realpolitik.cli import brief, code, evaluate, interop, query, serve, train, trends, watch
from realpolitik.cli.console import err
from realpolitik.errors import RealpolitikError

app = typer.Typer(
    name="realpolitik", add_completion=False, no_args_is_help=True, rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Turn news about world affairs into evidence-backed, queryable political event data.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    """Print the version and stop."""
    if value:
        typer.echo(f"realpolitik {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks and debug logging."),
) -> None:
    """Turn news about world affairs into evidence-backed, queryable political event data."""
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING)


code.register(app)
query.register(app)
evaluate.register(app)
trends.register(app)
brief.register(app)
interop.register(app)
serve.register(app)
train.register(app)
watch.register(app)


@runtime_checkable
class _ShowsItself(Protocol):
    """A click-style exception that prints itself (message, and usage for a usage error)."""

    def show(self, file: IO[Any] | None = None) -> None: ...


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit with the contract's status codes."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        status = app(args=args, prog_name="realpolitik", standalone_mode=False)
    except (typer.Exit, click.exceptions.Exit) as done:
        status = done.exit_code
    except (typer.Abort, click.exceptions.Abort):
        err.print("Aborted.")
        status = 1
    except (typer.TyperException, click.exceptions.ClickException) as error:
        # Typer 0.29 vendors click: its usage errors are TyperExceptions, not click's, and show
        # themselves with the usage line; a bare TyperException has only its message.
        if isinstance(error, _ShowsItself):
            error.show(file=sys.stderr)
        else:
            err.print(Text.assemble(("Error: ", "red"), str(error)), soft_wrap=True)
        status = 1
    except RealpolitikError as error:
        if debug:
            traceback.print_exc()
        err.print(Text.assemble(("Error: ", "red"), str(error)), soft_wrap=True)
        status = 1
    except KeyboardInterrupt:
        err.print("Interrupted.")
        status = 130
    except Exception as error:  # a bug: say so plainly, keep the traceback for --debug
        if debug:
            traceback.print_exc()
        err.print(Text.assemble(("Internal error: ", "red"), f"{type(error).__name__}: {error}. "
                                "This is a bug in realpolitik; rerun with --debug and report the traceback."),
                  soft_wrap=True)
        status = 1
    sys.exit(status if isinstance(status, int) else 0)
