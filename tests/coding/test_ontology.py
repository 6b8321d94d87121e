"""The CAMEO table and the trigger lexicon agree with each other and with the contract."""

from __future__ import annotations

import pytest

from realpolitik.coding.lexicon import default_lexicon
from realpolitik.coding.ontology import PLOVER_TYPES, cameo_table, lookup, plover_of, quad_class_of


@pytest.mark.parametrize("code, goldstein, plover, quad", [
    ("042", 1.9, "CONSULT", 1), ("057", 8.0, "SUPPORT", 1), ("062", 7.4, "COOPERATE", 2),
    ("1312", -5.8, "THREATEN", 3), ("163", -8.0, "SANCTION", 4), ("190", -10.0, "ASSAULT", 4),
])
def test_ontology_lookup(code, goldstein, plover, quad):
    entry = lookup(code)
    assert (entry.goldstein, entry.plover, entry.quad_class) == (goldstein, plover, quad)


def test_ontology_every_code_maps_to_a_contract_plover_type():
    assert len(cameo_table()) == 312
    assert {entry.plover for entry in cameo_table().values()} <= set(PLOVER_TYPES)


@pytest.mark.parametrize("code, quad", [("01", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3),
                                        ("14", 4), ("20", 4)])
def test_ontology_quad_class_by_root(code, quad):
    assert quad_class_of(code) == quad


def test_lexicon_codes_are_cameo_codes():
    lexicon = default_lexicon()
    codes = [t.code for t in [*lexicon.verbs.values(), *lexicon.nouns.values()] if t.code]
    codes += [c for t in lexicon.verbs.values() for c in t.objects.values()]
    codes += [c for table in lexicon.refine.values() for c in table.values()]
    assert all(code in cameo_table() for code in codes)


def test_lexicon_yaml_booleans_are_words():
    assert "on" in default_lexicon().verbs["impose"].preps


@pytest.mark.parametrize("code, modality, plover", [
    ("042", "future", ("AGREE", None)), ("042", "asserted", ("CONSULT", "visit")),
    ("072", "future", ("AGREE", None)), ("190", "future", ("ASSAULT", None)),
    ("072", "hedged", ("AID", None)),
])
def test_cooperation_still_to_come_is_plover_agree(code, modality, plover):
    assert plover_of(code, modality) == plover
