"""Read PETRARCH/TABARI-format actor and agent dictionaries as extra actor dictionaries.

The formats (as used by PETRARCH-2 and the Phoenix pipeline):

* **actors** (``*.actors.txt``): an entry is a name line, optional ``+synonym`` lines, and codes in
  brackets, inline or on indented lines after it. A code may carry a date restriction: ``[RUSGOV
  >080508]`` (from that day), ``[RUSELI <991231]`` (until then), ``[USAGOV 090120-170120]`` (between),
  dates as YYMMDD or YYYYMMDD; an undated code is the fallback. Words are joined by ``_``; ``#`` and
  ``<!-- ... -->`` are comments.
* **agents** (``*.agents.txt``): ``WORD_WORD {PLURALS} [~ROLE]`` lines (``{}``: no plural), with
  ``!MACRO! = A, B`` substitutions.

Entries become :class:`realpolitik.nlp.dictionary.Entry` records: dated codes become terms of office
(so "Putin" is RUSGOV on the dates Phoenix says), three-letter codes states, international
organisation codes our own IGO codes through ``data/phoenix_codes.csv``, and country-plus-role codes
organisations of that country. Lines that cannot be read are reported with file and line; the rest
loads.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from realpolitik.nlp.dictionary import ActorDictionary, Entry, Term

_BRACKET = re.compile(r"\[([^\]]*)\]")
_HTML_COMMENT = re.compile(r"<!--.*?(-->|$)")
_CODE = re.compile(r"^[A-Za-z0-9-]{3,}$")
# Transnational "countries" of the CAMEO actor codebook: militarised groups, NGOs, companies...
NON_STATE_PREFIXES = frozenset({"IMG", "NGO", "MNC", "NGM", "INT", "UIS", "IGO"})
# CAMEO role codes that may follow a country code ("USAGOV", "SYRREB"); others are regions ("PSEGZA").
ROLE_CODES = frozenset({
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "LEG", "ELI", "CVL", "BUS", "MED", "EDU",
    "HLH", "REF", "LAB", "AGR", "ENV", "CRM", "HRI", "NGO", "UAF", "INS", "SEP", "RAD", "MOD", "IGO",
    "DEV", "REL", "MNC", "AMN", "IRC", "GRP", "UNR", "SET", "MUS", "CHR", "JEW", "BUD", "HIN",
})
SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "al",
                         "el", "bin", "ibn", "van", "von", "der", "da", "di", "y", "to", "at"})
# Two-digit years up to this one are 20xx, later ones 19xx (PETRARCH reads YYMMDD the same way).
CENTURY_PIVOT = 30


@dataclass(frozen=True)
class Problem:
    """A dictionary line that could not be read, and why."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Loaded:
    """What reading one or more dictionary files gave."""

    actors: ActorDictionary = field(default_factory=ActorDictionary)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Code:
    """One bracketed code with its date restriction (YYYY-MM-DD bounds, inclusive)."""

    code: str
    start: str | None = None
    end: str | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@cache
def phoenix_code_table() -> dict[str, str]:
    """Phoenix IGO codes -> ours (``data/phoenix_codes.csv``, the one documented table)."""
    text = resources.files("realpolitik").joinpath("data/phoenix_codes.csv").read_text(encoding="utf-8")
    return {row["phoenix"]: row["ours"] for row in csv.DictReader(text.splitlines())}


def map_igo_code(code: str) -> str:
    """Our code for a Phoenix IGO code: the longest mapped prefix in 3-letter steps, else the code."""
    table = phoenix_code_table()
    for size in range(len(code) - len(code) % 3, 5, -3):
        if code[:size] in table:
            return table[code[:size]]
    return code


def phrase_forms(name: str) -> list[str]:
    """The ways a dictionary name (``BARACK_OBAMA``, ``U.S.``) is written in news text."""
    words = [w for w in re.split(r"[_\s]+", name.strip()) if w]
    if not words:
        return []
    cased = []
    for index, word in enumerate(words):
        lower = word.lower()
        if index and lower in SMALL_WORDS:
            cased.append(lower)
        elif len(word) <= 3 and not any(c in "AEIOU" for c in word.upper()) or "." in word:
            cased.append(word.upper())  # acronyms: "US", "U.S.", "DRC"
        else:
            cased.append(word[:1].upper() + word[1:].lower())
    forms = [" ".join(cased)]
    upper = " ".join(w.upper() for w in words)
    if len(words) == 1 and 2 <= len(upper) <= 6 and upper.isalpha() and upper not in forms:
        forms.append(upper)  # "NATO", "ISIL" as written
    return forms


def _date(text: str) -> str:
    """YYMMDD or YYYYMMDD -> YYYY-MM-DD; ValueError when it is neither."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"date {text!r} is neither YYMMDD nor YYYYMMDD")
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= CENTURY_PIVOT else 1900 + year}{text[2:]}"
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}"


def parse_code(text: str) -> _Code:
    """One bracket's content: ``USAGOV``, ``USAGOV >090120``, ``RUSELI 700101-990809``."""
    text = re.sub(r"([<>])\s+", r"\1", text)  # "[EGYGOV > 140608]" is common
    parts = re.sub(r"(\d)\s*-\s*(\d)", r"\1-\2", text).split()
    if parts and "/" in parts[0]:
        parts[0] = parts[0].split("/", 1)[0]  # "[ELR/GAL]": two codes; the entry takes the first
    if not parts or not _CODE.match(parts[0]) or len(parts) > 2:
        raise ValueError(f"[{text}] is not a code with an optional date restriction")
    code = parts[0].upper()
    if len(parts) == 1:
        return _Code(code)
    restriction = parts[1]
    if restriction.startswith(">"):
        return _Code(code, start=_date(restriction[1:]))
    if restriction.startswith("<"):
        return _Code(code, end=_date(restriction[1:]))
    if "-" in restriction:
        first, last = restriction.split("-", 1)
        return _Code(code, start=_date(first), end=_date(last))
    raise ValueError(f"date restriction {restriction!r} is not >DATE, <DATE or DATE-DATE")


def _strip_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """A line without ``#`` and ``<!-- -->`` comments; tells whether a comment stays open."""
    if in_comment:
        if "-->" not in line:
            return "", True
        line = line.split("-->", 1)[1]
    opened = "<!--" in line and "-->" not in line.split("<!--", 1)[1]
    line = _HTML_COMMENT.sub("", line)
    return line.split("#", 1)[0], opened


def _actor_blocks(path: Path, problems: list[Problem]
                  ) -> Iterator[tuple[list[str], list[_Code]]]:
    """(names, codes) of each entry of an actor file."""
    names: list[str] = []
    codes: list[_Code] = []
    in_comment = False
    text = path.read_text(encoding="utf-8", errors="replace")
    for number, raw in enumerate(text.splitlines(), start=1):
        body, in_comment = _strip_comments(raw, in_comment)
        if body.count("[") != body.count("]"):
            problems.append(Problem(str(path), number, "unbalanced brackets; the line is skipped"))
            continue
        head = _BRACKET.sub("", body).strip()
        found = []
        for inner in _BRACKET.findall(body):
            try:
                found.append(parse_code(inner))
            except ValueError as error:
                problems.append(Problem(str(path), number, f"{error}; that code is skipped"))
        if head.startswith("+"):
            names.append(head[1:])
        elif head:
            if names:
                yield names, codes
            names, codes = [head], []
        codes += found
    if names:
        yield names, codes


def _entry(name: str, codes: list[_Code]) -> Entry | None:
    """The Entry an actor block stands for (None when it has no usable code)."""
    if not codes:
        return None
    dated = [c for c in codes if c.dated and _split_code(c.code)[0] is not None]
    fallback = next((c for c in codes if not c.dated), None) or codes[-1]
    if dated:
        terms = [_term(c) for c in dated]
        if not fallback.dated and _split_code(fallback.code)[0] is not None:
            terms.append(_term(fallback))
        return Entry(name, "person", terms[-1].country, terms[-1].role, None, "phoenix", tuple(terms))
    # no dated code with a country: an organisation or group (IGO office holders stand for the IGO)
    country, role, code = _split_code(fallback.code)
    if country is None:
        kind = "organization" if code.startswith("IGO") else "group"
        return Entry(name, kind, None, role, code, "phoenix")
    if role is None and len(fallback.code) == 3:
        return Entry(name, "state", country, None, country, "phoenix")
    return Entry(name, "organization", country, role, country + (role or ""), "phoenix")


def _term(code: _Code) -> Term:
    """A dated code as a term of office (open-ended where the dictionary gives no bound)."""
    country, role, _ = _split_code(code.code)
    return Term(country or "", "", role or "", code.start or "0000-01-01", code.end)


def _split_code(code: str) -> tuple[str | None, str | None, str]:
    """(country, role, our code) of a Phoenix code."""
    if code.startswith("IGO"):
        return None, None, map_igo_code(code)
    prefix, rest = code[:3], code[3:]
    role = rest[:3] if rest[:3] in ROLE_CODES else None
    if prefix == "---":
        return None, role, role or code
    if prefix in NON_STATE_PREFIXES:
        return None, role, code
    return prefix, role, code


def read_actor_file(path: Path, into: Loaded) -> None:
    """Add the entries of a PETRARCH actor dictionary to ``into.actors``, problems to ``into.problems``."""
    for names, codes in _actor_blocks(path, into.problems):
        entry = _entry(_display(names[0]), codes)
        if entry is None:
            continue
        for name in names:
            for phrase in phrase_forms(name):
                into.actors.add(phrase, entry)


def _display(name: str) -> str:
    """A readable name: ``BARACK_OBAMA`` -> ``Barack Obama``."""
    forms = phrase_forms(name)
    return forms[0] if forms else name


_MACRO = re.compile(r"^\s*!(\w+)!\s*=\s*(.+)$")
_AGENT = re.compile(r"^(?P<name>[^{\[]+?)\s*(\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]\s*$")


def read_agent_file(path: Path, into: Loaded) -> None:
    """Add the role words of a PETRARCH agents dictionary to ``into.actors.roles``."""
    macros: dict[str, list[str]] = {}
    in_comment = False
    text = path.read_text(encoding="utf-8", errors="replace")
    for number, raw in enumerate(text.splitlines(), start=1):
        body, in_comment = _strip_comments(raw, in_comment)
        if not body.strip():
            continue
        macro = _MACRO.match(body)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        match = _AGENT.match(body.strip())
        code = match.group("code").replace("~", "").strip().upper() if match else ""
        if match is None or not code.isalpha():
            problems = "not NAME {PLURALS} [~CODE]"
            into.problems.append(Problem(str(path), number, f"{problems}; the line is skipped"))
            continue
        role = code[:3]
        for name in _expand(match.group("name"), macros):
            words = _words(name)
            into.actors.roles.setdefault(words, role)
            plural = match.group("plural")
            plurals = [_words(p) for p in plural.split()] if plural is not None else [_plural(words)]
            for form in plurals:
                into.actors.roles.setdefault(form, role)


def _expand(name: str, macros: dict[str, list[str]]) -> list[str]:
    """Every spelling of an agent name with its ``!MACRO!`` substitutions made."""
    found = re.search(r"!(\w+)!", name)
    if found is None:
        return [name]
    choices = macros.get(found.group(1), [])
    out = []
    for choice in choices:
        out += _expand(name[:found.start()] + choice + name[found.end():], macros)
    return out


def _words(name: str) -> str:
    """An agent name in the role table's form: lower case, single spaces."""
    return " ".join(w for w in re.split(r"[_\s]+", name.lower()) if w)


def _plural(words: str) -> str:
    """The regular plural of the last word."""
    if words.endswith(("s", "x", "ch", "sh")):
        return words + "es"
    if words.endswith("y") and len(words) > 1 and words[-2] not in "aeiou":
        return words[:-1] + "ies"
    return words + "s"
