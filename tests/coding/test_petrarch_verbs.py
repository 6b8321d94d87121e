"""The PETRARCH-2 verb dictionary as extra lexicon entries, and how extra entries merge with ours."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.coding.dictionaries import load_dictionaries
from realpolitik.coding.lexicon import Trigger, default_lexicon, merge_lexicon
from realpolitik.coding.petrarch_verbs import read_verb_file
from realpolitik.errors import ConfigError

DICTIONARIES = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "petrarch2-validation" \
    / "dictionaries"
needs_data = pytest.mark.skipif(not DICTIONARIES.is_dir(), reason=f"{DICTIONARIES} is missing")

VERBS = """&WEAPON
+GUN
+MISSILE

####### VERB PATTERNS #######
---  SHIP   [070]  ---
SHIP {SHIPS SHIPPED SHIPPING}
FERRY  [0233]
+SEND_OFF {} [042]
- * &WEAPON                                           [072]         # SHIP
- * (TO BORDER)                                       [154]         # SHIP
- * FOOD                                              [999]         # SHIP
- &MILITARY * RAIDS                                   [195]         # SHIP
---  MUSE   [---]  ---
MUSE
"""


def test_read_verb_file_takes_verbs_codes_and_one_object_patterns(tmp_path):
    path = tmp_path / "mine.verbs.txt"
    path.write_text(VERBS, encoding="utf-8")
    problems = []
    verbs = read_verb_file(path, problems)
    assert verbs["ship"].code == "070" and verbs["ferry"].code == "0233"
    assert verbs["send off"].code == "042"
    assert verbs["ship"].objects == {"gun": "072", "missile": "072"}
    assert verbs["ship to"].objects == {"border": "154"} and verbs["ship to"].preps == ("to",)
    assert "muse" not in verbs  # no code and no object code
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (12, "[999] is not a CAMEO code realpolitik knows"),
        (13, "1 patterns with words before the verb are not loaded (they need PETRARCH's phrase matcher)")]


def test_merge_lexicon_keeps_ours_and_fills_gaps():
    base = default_lexicon()
    extra = {"meet": Trigger("meet", "036"),
             "attend": Trigger("attend", "042", {"summit": "044", "rally": "141"}),
             "attend at": Trigger("attend at", None, {"rally": "141"}), "zzcode": Trigger("zzcode", "190"),
             "say": Trigger("say", "010", {"sorry": "055"})}
    merged = merge_lexicon(base, extra, no_bare_code=frozenset({"say"}))
    assert merged.verbs["meet"] == base.verbs["meet"]  # ours win
    assert "attend at" not in merged.verbs  # would shadow our "attend"
    attend = merged.verbs["attend"]
    assert attend.code == "042" and attend.objects["summit"] == base.verbs["attend"].objects["summit"]
    assert attend.objects["rally"] == "141"
    assert merged.verbs["zzcode"].code == "190"
    assert merged.verbs["say"].code is None and merged.verbs["say"].objects == {"sorry": "055"}
    assert merge_lexicon(base, extra, prefer_extra=True).verbs["meet"].code == "036"
    assert "zzcode" not in base.verbs  # the packaged lexicon is untouched


@needs_data
def test_read_cameo_verb_dictionary():
    problems = []
    verbs = read_verb_file(DICTIONARIES / "CAMEO.2.0.txt", problems)
    assert len(verbs) > 2000
    assert verbs["attend"].code == "042" and verbs["attend"].objects["summit"] == "044"
    assert verbs["ask for"].code == "020"
    assert problems and all(p.line > 0 for p in problems)


def test_load_dictionaries_rejects_missing_and_unknown_files(tmp_path):
    with pytest.raises(ConfigError, match="No such dictionary file or folder"):
        load_dictionaries([tmp_path / "nope.actors.txt"])
    other = tmp_path / "notes.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="is not a dictionary realpolitik can read"):
        load_dictionaries([other])


@needs_data
def test_load_dictionaries_reads_a_folder():
    loaded = load_dictionaries([DICTIONARIES])
    names = {Path(f).name for f in loaded.files}
    assert {"CAMEO.2.0.txt", "Phoenix.agents.txt", "PETR.Validate.verbs.txt"} <= names
    assert "Phoenix.discards.txt" not in names
    assert loaded.actors.phrases and loaded.verbs and loaded.actors.roles


PAIRED = """---  OBTAIN   [---]  ---
RECEIVE
- * MINISTERS                                         [043:042]     # RECEIVE
- * ASSURANCE                                         [:030]        # RECEIVE
"""


def test_read_verb_file_keeps_the_act_back_of_paired_codes(tmp_path):
    path = tmp_path / "paired.verbs.txt"
    path.write_text(PAIRED, encoding="utf-8")
    verbs = read_verb_file(path, [])
    assert verbs["receive"].objects == {"ministers": "043"}
    assert verbs["receive"].paired == {"ministers": "042", "assurance": "030"}


def test_merge_lexicon_drops_the_act_back_of_a_reading_ours_overrides():
    base = default_lexicon()
    extra = {"ratify": Trigger(key="ratify", code=None, objects={"treaty": "031"}, paired={"treaty": "031"}),
             "receive": Trigger(key="receive", code=None, objects={}, paired={"assurance": "030"})}
    merged = merge_lexicon(base, extra)
    assert "treaty" not in merged.verbs["ratify"].paired  # ours reads "ratify" 057, not 031 both ways
    assert merged.verbs["receive"].paired["assurance"] == "030"  # theirs, beside ours
    assert merged.verbs["receive"].paired["weapons"] == "072"
