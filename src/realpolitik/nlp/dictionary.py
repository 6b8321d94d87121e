"""The actor dictionary: states, capitals and seats of power, organisations, leaders and role words.

Everything comes from the reviewed CSV files in ``data/`` (see ``data/SOURCES.md``). The dictionary is
plain data: matching text against it is ``nlp.actors``' job.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable


@dataclass(frozen=True)
class Term:
    """One continuous term of a person in an office."""

    country: str
    office: str
    role: str
    start: str
    end: str | None

    def covers(self, date: str) -> bool:
        """Tell whether the term includes a YYYY-MM-DD date."""
        return self.start <= date and (self.end is None or date <= self.end)


@dataclass(frozen=True)
class Entry:
    """What a name in the text can stand for."""

    name: str
    kind: str  # person | state | organization | group | title (an office that names its state)
    country: str | None
    role: str | None
    code: str | None
    source: str  # which table the entry came from: country, adjective, capital, metonym, place, igo, leader
    terms: tuple[Term, ...] = ()


@dataclass
class ActorDictionary:
    """Phrases (as written in news) mapped to the entries they may stand for, plus role words."""

    phrases: dict[str, list[Entry]] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)

    def add(self, phrase: str, entry: Entry) -> None:
        """Add one phrase for an entry; the same phrase may stand for several entries."""
        phrase = phrase.strip()
        if phrase.lower().startswith("the "):
            phrase = phrase[4:]
        if phrase and entry not in self.phrases.setdefault(phrase, []):
            self.phrases[phrase].append(entry)

    def merge(self, other: ActorDictionary, prefer_other: bool = False) -> None:
        """Add the phrases and role words of another dictionary (extra, user-supplied dictionaries).

        On a phrase or role word both know, this dictionary's entries win (the other's are dropped)
        unless ``prefer_other``, which puts the other's entries first. A phrase that is one of this
        dictionary's role words stays a role, which takes its state from the words around it: an
        extra "Senate" = USAGOV would make "Rwanda's Senate" American.
        """
        for phrase, entries in other.phrases.items():
            if phrase.lower() in self.roles and not prefer_other:
                continue
            if phrase in self.phrases:
                if prefer_other:
                    kept = [e for e in self.phrases[phrase] if e not in entries]
                    self.phrases[phrase] = list(entries) + kept
                continue
            for entry in entries:
                self.add(phrase, entry)
        for word, role in other.roles.items():
            if prefer_other or word not in self.roles:
                self.roles[word] = role

    def copy(self) -> ActorDictionary:
        """An independent copy (the packaged dictionary is shared and must stay as it is)."""
        return ActorDictionary({p: list(e) for p, e in self.phrases.items()}, dict(self.roles))


def _split(value: str | None) -> list[str]:
    """Split a `|`-separated field."""
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _rows(node: Traversable) -> Iterator[dict[str, str]]:
    """Read a CSV file from package data."""
    yield from csv.DictReader(node.read_text(encoding="utf-8").splitlines())


def _add_countries(book: ActorDictionary, rows: Iterable[dict[str, str]]) -> None:
    """States by name, alias, adjective and demonym; capitals stand for the state."""
    for row in rows:
        iso3, name = row["iso3"], row["name"]
        state = Entry(name, "state", iso3, None, iso3, "country")
        for phrase in [name, *_split(row.get("aliases"))]:
            book.add(phrase, state)
        adjective = Entry(name, "state", iso3, None, iso3, "adjective")
        for phrase in _split(row.get("adjectives")) + _split(row.get("demonyms")):
            book.add(phrase, adjective)
        capital = Entry(name, "state", iso3, "GOV", iso3 + "GOV", "capital")
        for phrase in _split(row.get("capital")):
            book.add(phrase, capital)


def _add_metonyms(book: ActorDictionary, rows: Iterable[dict[str, str]], igos: set[str]) -> None:
    """Seats of power and institutions ("the Kremlin", "the Pentagon", "Brussels")."""
    for row in rows:
        code, role = row["code"], row.get("role") or None
        if code in igos:
            entry = Entry(row["text"], "organization", None, role, code, "metonym")
        else:
            entry = Entry(row["text"], "organization", code, role, code + (role or ""), "metonym")
        book.add(row["text"], entry)


def _add_places(book: ActorDictionary, rows: Iterable[dict[str, str]]) -> None:
    """Regions and cities inside a state, standing for it as GDELT and PETRARCH code them ("Alaska",
    "Aleppo", "Xinjiang"); capitals and seats of power live in the other tables."""
    for row in rows:
        book.add(row["text"], Entry(row["text"], "state", row["country"], None, row["country"], "place"))


def _add_groups(book: ActorDictionary, rows: Iterable[dict[str, str]]) -> None:
    """Armed groups, movements and NGOs, with their home state where they have one."""
    for row in rows:
        book.add(row["text"], Entry(row["text"], "group", row.get("country") or None,
                                    row.get("role") or None, row["code"], "group"))


def _add_titles(book: ActorDictionary, rows: Iterable[dict[str, str]]) -> None:
    """Office titles that name their state ("Secretary of State" is American)."""
    for row in rows:
        book.add(row["text"], Entry(row["text"], "title", row["country"], row.get("role") or "GOV",
                                    row["country"] + (row.get("role") or "GOV"), "title"))


def _add_organizations(book: ActorDictionary, rows: Iterable[dict[str, str]]) -> set[str]:
    """International organisations by name and alias; returns their codes."""
    codes = set()
    for row in rows:
        entry = Entry(row["name"], "organization", None, None, row["code"], "igo")
        codes.add(row["code"])
        for phrase in [row["name"], *_split(row.get("aliases"))]:
            book.add(phrase, entry)
    return codes


def _add_leaders(book: ActorDictionary, rows: Iterable[dict[str, str]]) -> None:
    """People in office with their terms; one entry per person, all their terms together."""
    people: dict[str, tuple[set[str], list[Term]]] = {}
    for row in rows:
        phrases, terms = people.setdefault(row["name"], (set(), []))
        phrases.update([row["name"], *_split(row.get("aliases"))])
        terms.append(Term(row["iso3"], row["office"], row.get("role") or "GOV", row["start"],
                          row.get("end") or None))
    for name, (phrases, terms) in people.items():
        ordered = tuple(sorted(terms, key=lambda term: term.start))
        entry = Entry(name, "person", ordered[-1].country, ordered[-1].role, None, "leader", ordered)
        for phrase in phrases:
            book.add(phrase, entry)


@cache
def given_names() -> frozenset[str]:
    """Common English given names, from the package's data/given_names.txt."""
    text = resources.files("realpolitik").joinpath("data", "given_names.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def default_dictionary() -> ActorDictionary:
    """Build the dictionary from the package's data files (once per process)."""
    data = resources.files("realpolitik").joinpath("data")
    book = ActorDictionary()
    igos = _add_organizations(book, _rows(data / "organizations.csv"))
    _add_countries(book, _rows(data / "countries.csv"))
    _add_metonyms(book, _rows(data / "metonyms.csv"), igos)
    _add_places(book, _rows(data / "places.csv"))
    _add_titles(book, _rows(data / "titles.csv"))
    _add_groups(book, _rows(data / "groups.csv"))
    leader_rows: list[dict[str, str]] = []
    for node in sorted(data.joinpath("leaders").iterdir(), key=lambda n: n.name):
        if node.name.endswith(".csv"):
            leader_rows.extend(_rows(node))
    _add_leaders(book, leader_rows)
    book.roles = {row["word"].lower(): row["role"] for row in _rows(data / "roles.csv")}
    return book
