"""Reading PETRARCH verb patterns with more than one object word (patterns written for these tests)."""

from __future__ import annotations

import pytest

from realpolitik.coding.lexicon import default_lexicon, merge_lexicon
from realpolitik.coding.petrarch_patterns import Reading, Unread, read_pattern, read_synsets
from realpolitik.coding.petrarch_verbs import read_verb_file
from realpolitik.coding.phrases import NounPattern, ObjectPhrase, PrepPattern

SYNSETS = read_synsets(["&FRUIT", "+APPLE", "+STAR_FRUIT", "", "&BASKET", "+&FRUIT", "+PEAR", "",
                        "&TOWARDS_", "+TO", "+INTO"])


def test_read_synsets_keeps_phrases_and_nested_sets():
    assert SYNSETS["&FRUIT"] == [("apple",), ("star", "fruit")]
    assert SYNSETS["&BASKET"] == [("apple",), ("star", "fruit"), ("pear",)]


@pytest.mark.parametrize(("pattern", "phrases"), [
    ("{BORDER CLOSURES}", [(None, ObjectPhrase(NounPattern("closures", ("border",))))]),
    ("{&FRUIT SALAD}", [(None, ObjectPhrase(NounPattern("salad", ("apple",)))),
                        (None, ObjectPhrase(NounPattern("salad", ("star", "fruit"))))]),
    ("LOAN (FOR REBUILDING)", [(None, ObjectPhrase(NounPattern("loan"),
                                                   (PrepPattern("for", NounPattern("rebuilding")),)))]),
    ("(TO {BORDER AREA})", [("to", ObjectPhrase(NounPattern("area", ("border",))))]),
    ("(TO {BORDER AREA}) (WITH TANKS)", [("to", ObjectPhrase(NounPattern("area", ("border",)),
                                                            (PrepPattern("with", NounPattern("tanks")),)))]),
    ("NAVAL DRILLS", [(None, ObjectPhrase(NounPattern("drills", ("naval",))))]),
    ("NAVAL_DRILLS", [(None, ObjectPhrase(NounPattern("drills", ("naval",))))]),
    ("{CEASE-FIRE TALKS}", [(None, ObjectPhrase(NounPattern("talks", ("cease", "fire"))))]),
    ("{MK-2/B DRONES}", [(None, ObjectPhrase(NounPattern("drones", ("mk-2/b",))))]),  # a model name: whole
    ("FOR &FRUIT", [("for", ObjectPhrase(NounPattern("apple"))),  # TABARI: a phrase led by a preposition
                    ("for", ObjectPhrase(NounPattern("fruit", ("star",))))]),
    ("HELP (ABOUT ^)", [(None, ObjectPhrase(NounPattern("help"), (PrepPattern("about"),)))]),
    ("(&TOWARDS)", [(None, ObjectPhrase(None, (PrepPattern("to"),))),
                    (None, ObjectPhrase(None, (PrepPattern("into"),)))]),
])
def test_read_pattern_reads_richer_forms(pattern, phrases):
    assert read_pattern(pattern, SYNSETS) == Reading(phrases)


@pytest.mark.parametrize(("pattern", "form"), [
    ("GIFT TO +", "with actor markers (+ $ % ^)"),
    ("{BIG GIFT} {SMALL CARD}", "with several noun phrases"),
    ("GIFT (TO FRIENDS) AGAIN", "with words after a prepositional phrase"),
    ("{&VEGETABLE SOUP}", "with an undefined synonym set"),
    ("(TO {BORDER AREA)", "with unbalanced brackets"),
    ("(TO/FROM HOME)", "with an unusual preposition"),
])
def test_read_pattern_names_the_forms_it_cannot_read(pattern, form):
    assert read_pattern(pattern, SYNSETS) == Unread(form)


VERBS = """&WEAPON
+RIFLE
+HEAVY_GUN

####### VERB PATTERNS #######
---  SHIP   [070]  ---
SHIP
- * &WEAPON                                           [072]         # SHIP
- * {FOOD PARCELS}                                    [073]         # SHIP
- * AID (TO {FLOOD VICTIMS})                          [0233]        # SHIP
- * (TO {BORDER AREA})                                [154]         # SHIP
- * {LOST LUGGAGE}                                    [---]         # SHIP
- * {STOLEN GOODS}                                    [043:042]     # SHIP
- * (FOR) [042:043]
- &MILITARY * RAIDS                                   [195]         # SHIP
- TROOPS * [154]
- * GOODS TO +                                        [061]         # SHIP
"""


def test_read_verb_file_reads_phrases_and_counts_what_it_cannot(tmp_path):
    path = tmp_path / "mine.verbs.txt"
    path.write_text(VERBS, encoding="utf-8")
    problems = []
    verbs = read_verb_file(path, problems)
    ship = verbs["ship"]
    assert ship.objects == {"rifle": "072"}  # the one-word reading is unchanged
    assert ship.phrases == (
        ObjectPhrase(NounPattern("aid"), (PrepPattern("to", NounPattern("victims", ("flood",))),), "0233"),
        ObjectPhrase(NounPattern("gun", ("heavy",)), code="072"),
        ObjectPhrase(NounPattern("parcels", ("food",)), code="073"),
        ObjectPhrase(NounPattern("goods", ("stolen",)), code="043", paired="042"),
        ObjectPhrase(None, (PrepPattern("for"),), code="042"),  # no act back without an object
    )
    assert verbs["ship to"].phrases == (ObjectPhrase(NounPattern("area", ("border",)), code="154"),)
    assert verbs["ship to"].preps == ("to",) and verbs["ship to"].code is None
    assert [(p.line, p.message.split(" are not")[0]) for p in problems] == [
        (15, "2 patterns with words before the verb"),
        (17, "1 patterns with actor markers (+ $ % ^)"),
    ]


def test_merge_lexicon_keeps_extra_phrases_within_our_root(tmp_path):
    base = default_lexicon()
    path = tmp_path / "mine.verbs.txt"
    path.write_text("---  MEET   [---]  ---\nMEET\n- * {PEACE ENVOYS} [043]\n- * {TANK CREWS} [190]\n",
                    encoding="utf-8")
    merged = merge_lexicon(base, read_verb_file(path, []))
    assert base.verbs["meet"].code.startswith("04")
    assert [p.code for p in merged.verbs["meet"].phrases] == ["043"]
