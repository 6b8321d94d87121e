"""Codes of intended, threatened and refused acts."""

from __future__ import annotations

import pytest

from realpolitik.coding.adjust import intent_code, rejection_code, request_code, threat_code
from realpolitik.coding.ontology import lookup


@pytest.mark.parametrize("code, intended, plover", [
    ("062", "0312", "AGREE"), ("060", "031", "AGREE"), ("042", "036", "AGREE"), ("070", "033", "AGREE"),
    ("190", "138", "THREATEN"),
    ("163", "131", "THREATEN"), ("111", "110", "ACCUSE"), ("030", "030", "AGREE"),
    ("072", "0332", "AGREE"), ("0841", "0353", "AGREE"), ("085", "0354", "AGREE"), ("0874", "0356", "AGREE"),
])
def test_intent_code(code, intended, plover):
    assert intent_code(code) == intended and lookup(intended).plover == plover


@pytest.mark.parametrize("code, threat", [("195", "138"), ("163", "1312"), ("161", "131"), ("1312", "1312")])
def test_threat_code(code, threat):
    assert threat_code(code) == threat


@pytest.mark.parametrize("code, rejected", [("040", "125"), ("061", "121"), ("070", "122"), ("111", "111")])
def test_rejection_code(code, rejected):
    assert rejection_code(code) == rejected


@pytest.mark.parametrize("code, act, requested", [
    ("020", "070", "023"), ("020", "0874", "0256"), ("100", "0841", "1053"), ("020", "190", "020"),
    ("100", "042", "106"), ("020", "060", "021"), ("100", "060", "101"),
])
def test_request_code(code, act, requested):
    assert request_code(code, act) == requested and lookup(requested).code == requested
