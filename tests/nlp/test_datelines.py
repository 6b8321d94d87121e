"""Wire-story datelines: where a story was filed, which names no actor."""

from __future__ import annotations

import pytest

import realpolitik
from realpolitik.nlp.datelines import dateline_end


@pytest.mark.parametrize("text, dateline", [
    ("GAZA CITY, Palestinian Territories: Four children died.", "GAZA CITY, Palestinian Territories: "),
    ("KHARTOUM, March 16 (Xinhua) -- Sudan said so.", "KHARTOUM, March 16 (Xinhua) -- "),
    ("WASHINGTON (Reuters) - The talks ended.", "WASHINGTON (Reuters) - "),
    ("New Delhi (AP) -- India said so.", "New Delhi (AP) -- "),
    ("LYON: Interpol has said it will help.", "LYON: "),
    ("Israel said: we will respond.", ""),
    ("NATO leaders met in Brussels.", ""),
])
def test_dateline_end(text, dateline):
    assert text[:dateline_end(text)] == dateline


def test_a_dateline_is_neither_actor_nor_part_of_the_sentence(engine):
    for text in ("MOSCOW (Reuters) - Russia criticised Ukraine on Monday.",
                 "Moscow, Dec 5 (Reuters) - Russia criticised Ukraine on Monday."):
        doc = realpolitik.code_text(text, date="2020-06-01", engine=engine)
        [event] = doc.events
        assert (event.source.code, event.target.code, event.cameo) == ("RUS", "UKR", "111")
        assert event.evidence.text == "Russia criticised Ukraine on Monday."
