"""data/places.csv: regions and cities that stand for their state, each name meaning one place."""

from __future__ import annotations

import csv
from importlib import resources

import realpolitik

DATA = resources.files("realpolitik").joinpath("data")


def rows_of(name: str) -> list[dict[str, str]]:
    """The rows of one data file."""
    with DATA.joinpath(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_place_is_in_a_known_state_and_named_once():
    states = {row["iso3"] for row in rows_of("countries.csv")}
    places = rows_of("places.csv")
    assert list(places[0]) == ["text", "country", "note"]
    assert all(row["country"] in states and row["note"] for row in places)
    names = [row["text"] for row in places]
    assert len(names) == len(set(names)) and all(name.strip() == name for name in names)


def test_no_place_shares_a_name_with_a_state_a_capital_or_a_metonym():
    taken = {row["text"] for row in rows_of("metonyms.csv")}
    for row in rows_of("countries.csv"):
        for field in ("name", "aliases", "adjectives", "demonyms", "capital"):
            taken.update(word for word in (row[field] or "").split("|") if word)
    assert not [row["text"] for row in rows_of("places.csv") if row["text"] in taken]


def test_a_place_stands_for_its_state(engine):
    [event] = realpolitik.code_text("Russian jets bombed Aleppo.", date="2024-03-01", engine=engine).events
    assert (event.source.country, event.target.country) == ("RUS", "SYR")
