"""Wire-story datelines: where a story was filed, which names no actor."""

from __future__ import annotations

import pytest

import realpolitik
from realpolitik.nlp.datelines import dateline_span


@pytest.mark.parametrize("text, dateline", [
    ("GAZA CITY, Palestinian Territories: Four children died.", "GAZA CITY, Palestinian Territories: "),
    ("KHARTOUM, March 16 (Xinhua) -- Sudan said so.", "KHARTOUM, March 16 (Xinhua) -- "),
    ("WASHINGTON (Reuters) - The talks ended.", "WASHINGTON (Reuters) - "),
    ("New Delhi (AP) -- India said so.", "New Delhi (AP) -- "),
    ("LYON: Interpol has said it will help.", "LYON: "),
    ("Israel said: we will respond.", ""),
    ("NATO leaders met in Brussels.", ""),
    ("Obama Opens a Museum\n\nWASHINGTON -- President Obama spoke.", "WASHINGTON -- "),
    ("Obama Opens a Museum\nWASHINGTON -- President Obama spoke.", ""),
])
def test_dateline_span(text, dateline):
    start, end = dateline_span(text)
    assert text[start:end].lstrip() == dateline


def test_a_dateline_after_the_headline_leaves_the_headline_its_actors(engine):
    text = "Russia criticises Ukraine\n\nMOSCOW (Reuters) - Russia criticised Ukraine on Monday."
    doc = realpolitik.code_text(text, date="2020-06-01", engine=engine)
    assert [a.text for a in doc.actors] == ["Russia", "Ukraine", "Russia", "Ukraine"]
    assert "Russia criticised Ukraine on Monday." in {e.evidence.text for e in doc.events}


def test_a_dateline_is_neither_actor_nor_part_of_the_sentence(engine):
    for text in ("MOSCOW (Reuters) - Russia criticised Ukraine on Monday.",
                 "Moscow, Dec 5 (Reuters) - Russia criticised Ukraine on Monday."):
        doc = realpolitik.code_text(text, date="2020-06-01", engine=engine)
        [event] = doc.events
        assert (event.source.code, event.target.code, event.cameo) == ("RUS", "UKR", "111")
        assert event.evidence.text == "Russia criticised Ukraine on Monday."
