"""PETRARCH-format actor and agent dictionaries: codes with dates, name forms, real Phoenix files."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.nlp import petrarch
from realpolitik.nlp.petrarch import Loaded

DICTIONARIES = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "petrarch2-validation" \
    / "dictionaries"
needs_data = pytest.mark.skipif(not DICTIONARIES.is_dir(), reason=f"{DICTIONARIES} is missing")


@pytest.mark.parametrize(("text", "code", "start", "end"), [
    ("USAGOV", "USAGOV", None, None),
    ("USAGOV >090120", "USAGOV", "2009-01-20", None),
    ("RUSELI 700101-990809", "RUSELI", "1970-01-01", "1999-08-09"),
    ("EGYGOV > 140608", "EGYGOV", "2014-06-08", None),
    ("HOBGOV 19950601 - 19990815", "HOBGOV", "1995-06-01", "1999-08-15"),
    ("AFGELI <19730717", "AFGELI", None, "1973-07-17"),
])
def test_parse_code_reads_date_restrictions(text, code, start, end):
    parsed = petrarch.parse_code(text)
    assert (parsed.code, parsed.start, parsed.end) == (code, start, end)


@pytest.mark.parametrize("text", ["ARMUNR 9008223-911221", "USAGOV 20121204", "", "USA GOV X"])
def test_parse_code_rejects_malformed_codes(text):
    with pytest.raises(ValueError):
        petrarch.parse_code(text)


@pytest.mark.parametrize(("name", "forms"), [
    ("BARACK_OBAMA", ["Barack Obama"]),
    ("ISLAMIC_REPUBLIC_OF_AFGHANISTAN", ["Islamic Republic of Afghanistan"]),
    ("U.S.", ["U.S."]),
    ("NATO", ["Nato", "NATO"]),
])
def test_phrase_forms_write_names_as_news_does(name, forms):
    assert petrarch.phrase_forms(name) == forms


@pytest.mark.parametrize(("code", "ours"), [("IGOEUREEC", "IGOEU"), ("IGOUNOKID", "IGOUNICEF"),
                                            ("IGOUNODEV", "IGOUNO"), ("IGOXYZ", "IGOXYZ")])
def test_map_igo_code_uses_the_documented_table(code, ours):
    assert petrarch.map_igo_code(code) == ours


def test_read_actor_file_reports_bad_lines_and_keeps_the_rest(tmp_path):
    path = tmp_path / "mine.actors.txt"
    path.write_text("# a comment\nGONDOR_  [GON]\n+GONDORIAN_\nMORDOR [MOR 9901-]\nSAURON_\n"
                    "  [MORGOV >990101]\n  [MORELI]\nBROKEN [GON\nROHAN [IGOEUREEC]\n", encoding="utf-8")
    loaded = Loaded()
    petrarch.read_actor_file(path, loaded)
    phrases = loaded.actors.phrases
    assert phrases["Gondor"][0].kind == "state" and phrases["Gondorian"][0].country == "GON"
    assert "Mordor" not in phrases  # its only code was malformed
    sauron = phrases["Sauron"][0]
    assert sauron.kind == "person" and [(t.role, t.start) for t in sauron.terms] == [
        ("GOV", "1999-01-01"), ("ELI", "0000-01-01")]
    assert phrases["Rohan"][0].code == "IGOEU" and phrases["Rohan"][0].country is None
    assert [(p.line, p.message.split(";")[0]) for p in loaded.problems] == [
        (4, "date '9901' is neither YYMMDD nor YYYYMMDD"), (8, "unbalanced brackets")]
    assert str(loaded.problems[0]).startswith(f"{path}:4: ")


def test_read_agent_file_expands_macros_and_plurals(tmp_path):
    path = tmp_path / "mine.agents.txt"
    path.write_text("!PERSON! = MAN, WOMAN\nRANGER [~MIL]\nHORSE!PERSON! [~CVL]\nMEDIA {} [~MED]\n"
                    "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]\nNOT AN AGENT\n", encoding="utf-8")
    loaded = Loaded()
    petrarch.read_agent_file(path, loaded)
    roles = loaded.actors.roles
    assert roles["ranger"] == roles["rangers"] == "MIL"
    assert roles["horseman"] == roles["horsewoman"] == "CVL"
    assert "medias" not in roles and roles["media"] == "MED"
    assert roles["attorneys general"] == "JUD"
    assert [p.line for p in loaded.problems] == [6]


@needs_data
def test_read_phoenix_countries_gives_office_holders_their_dated_codes():
    loaded = Loaded()
    petrarch.read_actor_file(DICTIONARIES / "Phoenix.Countries.actors.txt", loaded)
    obama = loaded.actors.phrases["Obama"][0]
    assert obama.kind == "person" and any(t.role == "GOV" and t.start == "2009-01-20" for t in obama.terms)
    assert loaded.actors.phrases["Afghanistan"][0].country == "AFG"
    assert all(p.path.endswith("Phoenix.Countries.actors.txt") and p.line > 0 for p in loaded.problems)
    assert len(loaded.actors.phrases) > 20_000


@needs_data
def test_read_phoenix_agents_and_groups():
    loaded = Loaded()
    petrarch.read_agent_file(DICTIONARIES / "Phoenix.agents.txt", loaded)
    petrarch.read_actor_file(DICTIONARIES / "Phoenix.MilNonState.actors.txt", loaded)
    assert loaded.actors.roles["insurgents"] == "REB"
    assert loaded.actors.phrases["Boko Haram"][0].code == "NGAREB"
