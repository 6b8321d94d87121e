"""The leader files in data/leaders: well formed, terms in order, and no name that two people share."""

from __future__ import annotations

import csv
import itertools
from collections import defaultdict
from datetime import date
from importlib import resources

import pytest

HEADER = ["name", "aliases", "iso3", "office", "role", "start", "end"]
OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
OPEN = "9999-12-31"  # the end of a term still running
FOLDER = resources.files("realpolitik").joinpath("data", "leaders")
FILES = sorted((node for node in FOLDER.iterdir() if node.name.endswith(".csv")), key=lambda n: n.name)


def rows_of(node) -> list[dict[str, str]]:
    """The rows of one leader file, checking its header."""
    with node.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == HEADER, f"{node.name}: header {reader.fieldnames}"
        return list(reader)


@pytest.mark.parametrize("node", FILES, ids=lambda node: node.name)
def test_a_leader_file_is_well_formed(node):
    for row in rows_of(node):
        where = f"{node.name}: {row['name']}"
        assert row["name"].strip() == row["name"] and row["name"], where
        state = node.name.removesuffix(".csv")
        # IGO.csv holds the offices of several organisations, each under its own code
        assert row["iso3"] == state or state == "IGO" and row["iso3"].startswith("IGO"), where
        assert row["office"] in OFFICES and row["role"] == "GOV", where
        aliases = row["aliases"].split("|") if row["aliases"] else []
        assert all(alias.strip() == alias and alias for alias in aliases), where
        assert row["name"] not in aliases, where
        start = date.fromisoformat(row["start"])
        assert not row["end"] or start <= date.fromisoformat(row["end"]), where


@pytest.mark.parametrize("node", FILES, ids=lambda node: node.name)
def test_terms_in_one_office_do_not_overlap(node):
    by_office: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for row in rows_of(node):
        by_office[(row["iso3"], row["office"])].append((row["start"], row["end"] or OPEN, row["name"]))
    for office, terms in by_office.items():
        terms.sort()
        for (_, end, name), (start, _, successor) in itertools.pairwise(terms):
            # the day of hand-over may be both the last of one term and the first of the next
            assert end <= start, f"{node.name} {office}: {name} until {end}, {successor} from {start}"


def test_no_phrase_names_two_people_in_office_at_once():
    # a shared surname is safe when the story's date tells the two apart ("Clinton" in 1998 and 2010)
    owners: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for node in FILES:
        for row in rows_of(node):
            for phrase in {row["name"], *(row["aliases"].split("|") if row["aliases"] else [])}:
                owners[phrase].append((row["start"], row["end"] or OPEN, row["name"]))
    clashes = []
    for phrase, terms in owners.items():
        for i, (start, end, name) in enumerate(terms):
            clashes.extend((phrase, name, other) for other_start, other_end, other in terms[i + 1:]
                           if other != name and start < other_end and other_start < end)
    assert not clashes
