"""Extra dictionaries in PETRARCH format, given with ``--dictionary PATH`` (a file or a folder).

``load_dictionaries`` reads actor files (``*.actors.txt``), agent files (``*.agents.txt``) and verb
files (``CAMEO*.txt``, ``*verbs*.txt``); in a folder, other files (discards, issue codings,
prepositions) are passed over. ``pipeline.make_engine`` merges the result into the packaged
dictionary and lexicon, our own entries winning on conflict unless ``prefer_extra`` is set.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from realpolitik.coding.lexicon import Trigger
from realpolitik.coding.petrarch_verbs import read_verb_file
from realpolitik.errors import DICTIONARY_KIND, DICTIONARY_MISSING, ConfigError
from realpolitik.nlp.dictionary import ActorDictionary
from realpolitik.nlp.petrarch import Loaded, Problem, read_actor_file, read_agent_file

logger = logging.getLogger(__name__)


@dataclass
class ExtraDictionaries:
    """Actor phrases, role words and verb entries read from PETRARCH-format files."""

    actors: ActorDictionary = field(default_factory=ActorDictionary)
    verbs: dict[str, Trigger] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def dictionary_kind(path: Path) -> str | None:
    """``actors``, ``agents`` or ``verbs`` from a file's name; None for other PETRARCH files."""
    name = path.name.lower()
    if name.endswith(".actors.txt"):
        return "actors"
    if name.endswith(".agents.txt"):
        return "agents"
    if name.endswith(".txt") and (name.startswith("cameo") or "verbs" in name):
        return "verbs"
    return None


def _files(paths: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """The dictionary files named, folders expanded (sorted), each with its kind."""
    found: list[tuple[Path, str]] = []
    for item in paths:
        path = Path(item).expanduser()
        if path.is_dir():
            for child in sorted(path.iterdir()):
                kind = dictionary_kind(child)
                if kind and child.is_file():
                    found.append((child, kind))
        elif path.is_file():
            kind = dictionary_kind(path)
            if kind is None:
                raise ConfigError(DICTIONARY_KIND.format(path=path))
            found.append((path, kind))
        else:
            raise ConfigError(DICTIONARY_MISSING.format(path=path))
    return found


def load_dictionaries(paths: Iterable[str | Path]) -> ExtraDictionaries:
    """Read PETRARCH-format dictionaries from files and folders.

    Args:
        paths: files or folders; in folders only actor, agent and verb files are read.

    Returns:
        The merged contents; ``problems`` lists every line that could not be read (file and line).

    Raises:
        ConfigError: a path does not exist, or a file named directly is of no known kind.
    """
    loaded = Loaded()
    verbs: dict[str, Trigger] = {}
    for path, kind in _files(paths):
        if kind == "actors":
            read_actor_file(path, loaded)
        elif kind == "agents":
            read_agent_file(path, loaded)
        else:
            for key, trigger in read_verb_file(path, loaded.problems).items():
                verbs.setdefault(key, trigger)
        loaded.files.append(str(path))
    for problem in loaded.problems:
        logger.info("dictionary line skipped: %s", problem)
    return ExtraDictionaries(loaded.actors, verbs, loaded.problems, loaded.files)
