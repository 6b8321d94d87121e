"""Read a PETRARCH-2 verb dictionary (``CAMEO.2.0.txt``) as extra lexicon entries.

The file has synonym sets (``&CURRENCY`` then ``+MONEY`` lines) and verb blocks::

    ---  ASK   [---]  ---          a block: its name and its default code ([---]: none)
    ASK     [020]                  a verb with its own code
    +ASK_FOR {+ASKED_FOR} [020]    a phrasal verb ({...}: its inflected forms)
    - * EXTRADITION   [0213]       a pattern: the verb (*) with this object
    - * (FOR RETRIAL) [0213]       ... or with this prepositional phrase

What is loaded: every verb and phrasal verb with its code (its own, else the block's), and the
patterns whose object is one word or one synonym set after the verb (``- * WORD``, ``- * &SET``,
``- * (PREP WORD)`` for the phrasal key "verb prep") as the entry's object codes. A pattern code
``[043:042]`` is a pair: the subject's act towards the other side, then that side's act back ("X
received ministers from Y": X hosts, Y visits); ``[:030]`` names only the act back ("X received
assurances from Y": Y assures X). The second codes become the entry's ``paired`` codes.
Patterns with more object words (``- * {ARREST WARRANTS}``, ``- * WARRANT (FOR ARREST)``) become the
entry's object phrases (see ``petrarch_patterns``). Forms still left to PETRARCH's own matcher
(words before the verb, actor markers, several noun phrases) are counted and reported by form.
Codes must be CAMEO codes our table knows; others are reported with file and line and skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from realpolitik.coding.lexicon import Trigger
from realpolitik.coding.ontology import is_cameo_code
from realpolitik.coding.petrarch_patterns import Synsets, Unread, read_pattern, read_synsets
from realpolitik.coding.phrases import ObjectPhrase, by_size
from realpolitik.nlp.petrarch import Problem

_BLOCK = re.compile(r"^-{3}\s+(\S+)\s+\[([^\]]*)\]\s*-{3}")
_CODE = re.compile(r"\[([^\]]*)\]")
_RICH = re.compile(r"^-\s*(?P<upper>[^*]*)\*(?P<lower>[^*\[]*)\[(?P<code>[^\]]*)\]\s*$")
_PATTERN = re.compile(r"^-\s+\*\s+(?:(?P<word>[&A-Z][A-Z_'&-]*)"
                      r"|\((?P<prep>[A-Z]+)\s+(?P<pobj>[&A-Z][A-Z_'&-]*)\))"
                      r"\s*\[(?P<code>[^\]]*)\]\s*$")


@dataclass
class _Block:
    """One verb block being read."""

    code: str | None
    verbs: list[tuple[str, str | None]] = field(default_factory=list)  # key, own code
    objects: dict[str, str] = field(default_factory=dict)  # object word -> code
    prep_objects: dict[tuple[str, str], str] = field(default_factory=dict)  # (prep, word) -> code
    paired: dict[str, str] = field(default_factory=dict)  # object word -> the other side's code back
    phrases: list[tuple[str | None, ObjectPhrase]] = field(default_factory=list)  # (phrasal prep, phrase)


@dataclass
class _Reader:
    """What a verb file's patterns need while it is read."""

    path: Path
    problems: list[Problem]
    synsets: dict[str, list[str]]  # one-word members, as the one-object patterns take them
    phrase_synsets: Synsets  # every member, as word tuples
    unread: Counter = field(default_factory=Counter)  # form -> patterns not loaded
    first: dict[str, int] = field(default_factory=dict)  # form -> first line


def read_verb_file(path: Path, problems: list[Problem]) -> dict[str, Trigger]:
    """The verb entries of a PETRARCH verb dictionary, keyed as ``data/verbs.yml`` keys are."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    reader = _Reader(path, problems, _synsets(lines), read_synsets(lines))
    blocks: list[_Block] = []
    for number, raw in enumerate(lines, start=1):
        line = re.sub(r"<!--.*?(-->|$)", "", raw).split("#", 1)[0].rstrip()
        if not line.strip() or line.startswith("&") or line.startswith("+") and not blocks:
            continue
        block = _BLOCK.match(line)
        if block:
            blocks.append(_Block(_checked(block.group(2), path, number, problems)))
            continue
        if not blocks:
            continue
        if line.startswith("-"):
            _add_pattern(blocks[-1], line, reader, number)
            continue
        own = _CODE.search(line)
        name = re.sub(r"\{[^}]*\}", "", _CODE.sub("", line)).strip().lstrip("+")
        if not re.fullmatch(r"[A-Za-z][A-Za-z_'-]*", name):
            problems.append(Problem(str(path), number, f"{name!r} is not a verb or phrasal verb; skipped"))
            continue
        code = _checked(own.group(1), path, number, problems) if own else None
        blocks[-1].verbs.append((" ".join(name.lower().split("_")), code))
    for form, count in reader.unread.most_common():
        problems.append(Problem(str(path), reader.first[form], f"{count} patterns {form} are not loaded "
                                "(they need PETRARCH's phrase matcher); the first is here"))
    return _triggers(blocks)


def _synsets(lines: list[str]) -> dict[str, list[str]]:
    """Synonym sets: ``&NAME`` -> its one-word members (lower case)."""
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            current = line.split()[0].rstrip("_")
            sets[current] = []
        elif line.startswith("+") and current is not None:
            word = line[1:].strip().rstrip("_")
            if word and "_" not in word and " " not in word:
                sets[current].append(word.lower())
        elif line:
            current = None
    return sets


def _checked(code: str, path: Path, number: int, problems: list[Problem]) -> str | None:
    """A bracketed code if it is a CAMEO code we know (``---`` and empty: no code)."""
    code = code.split(":", 1)[0].strip()
    if code in ("", "---"):
        return None
    if not is_cameo_code(code):
        problems.append(Problem(str(path), number, f"[{code}] is not a CAMEO code realpolitik knows; "
                                                   "the entry is loaded without it"))
        return None
    return code


def _add_pattern(block: _Block, line: str, reader: _Reader, number: int) -> None:
    """Keep a one-object pattern as object codes, a richer one as object phrases."""
    match = _PATTERN.match(line)
    word = match.group("word") or match.group("pobj") if match else ""
    if match is None or not word.startswith("&") and "_" in word.strip("_"):  # "FOR_ASYLUM": words
        _add_phrases(block, line, reader, number)
        return
    path, problems, synsets = reader.path, reader.problems, reader.synsets
    forward, _, back = match.group("code").partition(":")
    code = _checked(forward, path, number, problems)
    paired = _checked(back, path, number, problems) if back.strip() else None
    if code is None and (paired is None or match.group("prep")):
        return
    members = synsets.get(word.rstrip("_"), []) if word.startswith("&") else [word.rstrip("_")]
    for member in members:
        if "_" in member or "&" in member:
            continue
        if match.group("prep"):
            if code is not None:  # always, by the return above; said again for the type checker
                block.prep_objects.setdefault((match.group("prep").lower(), member.lower()), code)
            continue
        if code is not None:
            block.objects.setdefault(member.lower(), code)
        if paired is not None and (code is None or block.objects[member.lower()] == code):
            block.paired.setdefault(member.lower(), paired)
    if word.startswith("&"):  # the set's members of several words ("+PRIME_MINISTER") as phrases
        _add_phrases(block, line, reader, number, min_size=2)


def _add_phrases(block: _Block, line: str, reader: _Reader, number: int, min_size: int = 1) -> None:
    """Keep a pattern with more object words as phrases; count the forms that cannot be read."""
    match = _RICH.match(line)
    if match is None:
        _count(reader, "without a verb marker and a code", number)
        return
    if match.group("upper").strip():
        _count(reader, "with words before the verb", number)
        return
    reading = read_pattern(match.group("lower"), reader.phrase_synsets)
    if isinstance(reading, Unread):
        _count(reader, reading.form, number)
        return
    forward, _, back = match.group("code").partition(":")
    code = _checked(forward, reader.path, number, reader.problems)
    paired = _checked(back, reader.path, number, reader.problems) if back.strip() else None
    for prep, phrase in reading.phrases:
        # as for one-word patterns, the act back goes only with an object of the verb itself
        act_back = paired if prep is None and phrase.noun is not None else None
        if phrase.size >= min_size and (code is not None or act_back is not None):
            block.phrases.append((prep, replace(phrase, code=code, paired=act_back)))


def _count(reader: _Reader, form: str, number: int) -> None:
    """Count one pattern of a form that is not loaded."""
    reader.unread[form] += 1
    reader.first.setdefault(form, number)


def _triggers(blocks: list[_Block]) -> dict[str, Trigger]:
    """One Trigger per verb key (the first block that names a key wins)."""
    out: dict[str, Trigger] = {}
    for block in blocks:
        phrases = by_size([phrase for prep, phrase in block.phrases if prep is None])
        by_prep: dict[str, list[ObjectPhrase]] = {}
        for prep, phrase in block.phrases:
            if prep is not None:
                by_prep.setdefault(prep, []).append(phrase)
        for key, own in block.verbs:
            code = own or block.code
            objects = dict(block.objects)
            if key not in out and (code or objects or block.paired or phrases):
                out[key] = Trigger(key=key, code=code, objects=objects, paired=dict(block.paired),
                                   phrases=phrases)
            for (prep, word), prep_code in block.prep_objects.items():
                phrasal = f"{key} {prep}"
                if " " not in key and phrasal not in out:
                    out[phrasal] = Trigger(key=phrasal, code=None, objects={word: prep_code}, preps=(prep,))
                elif " " not in key and out[phrasal].code is None:
                    out[phrasal].objects.setdefault(word, prep_code)
            for prep, prep_phrases in by_prep.items():
                phrasal = f"{key} {prep}"
                mine = out.get(phrasal)
                if " " in key or mine is not None and mine.code is not None:
                    continue
                if mine is None:
                    out[phrasal] = Trigger(phrasal, None, preps=(prep,), phrases=by_size(prep_phrases))
                else:
                    out[phrasal] = replace(mine, phrases=by_size([*mine.phrases, *prep_phrases]))
    return out
