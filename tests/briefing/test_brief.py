"""`realpolitik brief` and the briefing library: a real store from the seed article, and risk rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from realpolitik.briefing import load_rules, match_rules, parse_rules, summarise_event
from realpolitik.briefing.risks import RiskConditions, RiskRule
from realpolitik.cli import main
from realpolitik.errors import ConfigError

SEED = Path(__file__).resolve().parents[2] / "sample" / "putin-india-visit.txt"
CAATSA_EVIDENCE = "New defence agreements, though they kept most details under wraps."


def run(capsys, *args):
    """Run the CLI; return (exit status, stdout)."""
    with pytest.raises(SystemExit) as done:
        main(list(args))
    return done.value.code, capsys.readouterr().out


@pytest.fixture
def seed_db(tmp_path, capsys):
    """A store holding the seed article, dated 2025-12-05."""
    db = str(tmp_path / "brief.duckdb")
    assert run(capsys, "ingest", str(SEED), "--date", "2025-12-05", "--db", db)[0] == 0
    return db


def _note(text: str, key: str) -> str:
    """The Markdown footnote with this key."""
    return re.search(rf"^\[\^{key}\]: .*$", text, re.M).group(0)


@pytest.mark.slow
def test_brief_markdown_sections_and_evidence(capsys, seed_db):
    status, text = run(capsys, "brief", "IND", "RUS", "--db", seed_db)
    assert status == 0
    for sector in ("defence", "energy", "trade", "security"):
        assert f"### {sector}\n" in text
    hedged = next(line for line in text.splitlines() if "COOPERATE 062" in line and "Reportedly" in line)
    assert "hedged" in hedged
    assert "Reliable leaks hint at joint production" in _note(text, re.search(r"\[\^(\d+)\]", hedged)[1])
    assert "signed a formal agreement (SUPPORT 057), reported as fact" in text
    assert "We should work together" in text and "Narendra Modi" in text
    assert "United States acted toward India" in text
    caatsa = next(line for line in text.splitlines() if "caatsa-231" in line)
    assert any(CAATSA_EVIDENCE in _note(text, key) for key in re.findall(r"\[\^(\d+)\]", caatsa))
    assert "not enough data" in text.lower()


@pytest.mark.slow
def test_brief_html_self_contained_and_deterministic(capsys, seed_db, tmp_path):
    out = tmp_path / "brief.html"
    assert run(capsys, "brief", "IND", "RUS", "--db", seed_db, "--format", "html", "--out", str(out))[0] == 0
    status, again = run(capsys, "brief", "IND", "RUS", "--db", seed_db, "--format", "html")
    html = out.read_text(encoding="utf-8")
    assert status == 0 and html == again
    assert "data:image/png;base64," in html and "<style>" in html and "<link" not in html
    assert "CAATSA section 231" in html and "Pressure from USA on IND" in html
    caatsa = next(line for line in html.splitlines() if "caatsa-231" in line)
    anchors = re.findall(r'href="#(ev-\d+)"', caatsa)
    assert any(CAATSA_EVIDENCE in line for line in html.splitlines()
               if any(f'id="{a}"' in line for a in anchors))
    assert "We should work together" in html and "Narendra Modi" in html


@pytest.mark.slow
def test_brief_markdown_byte_identical(capsys, seed_db):
    first = run(capsys, "brief", "IND", "RUS", "--db", seed_db)[1]
    assert first == run(capsys, "brief", "IND", "RUS", "--db", seed_db)[1]


@pytest.mark.slow
def test_brief_html_escapes_script(capsys, tmp_path):
    article = tmp_path / "xss.txt"
    text = "India and Russia signed a defence agreement <script>alert(1)</script> in New Delhi.\n"
    article.write_text(text, encoding="utf-8")
    db = str(tmp_path / "xss.duckdb")
    assert run(capsys, "ingest", str(article), "--date", "2025-12-06", "--title", "<script>alert(2)</script>",
               "--url", "javascript:alert(3)", "--db", db)[0] == 0
    status, html = run(capsys, "brief", "IND", "RUS", "--db", db, "--format", "html")
    assert status == 0
    assert "&lt;script&gt;alert(1)" in html and "&lt;script&gt;alert(2)" in html
    assert "<script" not in html and "javascript:" not in html


def test_brief_bad_rules_file_exits_1(capsys, tmp_path):
    rules = tmp_path / "rules.yml"
    rules.write_text("rules:\n  - id: x\n", encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        main(["brief", "IND", "RUS", "--db", str(tmp_path / "b.duckdb"), "--rules", str(rules)])
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert "Error:" in err and "The risk rule x in" in err and "Traceback" not in err


def _event(event_id, source, target, plover, sectors, modality="asserted", symmetric=True):
    """A hand-made event row."""
    return {"event_id": event_id, "source_country": source, "source_code": source,
            "target_country": target, "target_code": target, "symmetric": symmetric,
            "plover": plover, "sectors": sectors, "modality": modality}


@pytest.mark.parametrize(("event", "expected"), [
    (_event("e1", "IND", "RUS", "SUPPORT", ["defence"]), [("caatsa-231", "IND", None, ("e1",))]),
    (_event("e2", "RUS", "IND", "COOPERATE", ["defence"], "hedged", False),
     [("caatsa-231", "IND", None, ("e2",))]),
    (_event("e3", "IND", "RUS", "COOPERATE", ["defence"], "future"), []),
    (_event("e4", "IND", "RUS", "CONSULT", ["defence"]), []),
    (_event("e5", "IND", "RUS", "AGREE", ["energy"], "future"),
     [("russian-energy-sanctions", "IND", None, ("e5",))]),
    (_event("e6", "USA", "IND", "REQUEST", [], "asserted", False),
     [("third-party-pressure", "IND", "USA", ("e6",))]),
    (_event("e7", "IND", "USA", "REQUEST", [], "asserted", False), []),
    (_event("e8", "CHN", "RUS", "THREATEN", [], "hypothetical", True),
     [("third-party-pressure", "RUS", "CHN", ("e8",))]),
])
def test_match_rules_packaged(event, expected):
    flags = match_rules(load_rules(), [event], ("IND", "RUS"))
    assert [(f.rule.id, f.subject, f.actor, f.event_ids) for f in flags] == expected


def test_match_rules_groups_and_fills_title():
    rules = parse_rules({"rules": [{
        "id": "p", "title": "Pressure from {actor} on {subject}", "description": "d", "severity": "low",
        "conditions": {"relation": "third_party", "plover": "ACCUSE"}}]})
    events = [_event("a", "USA", "RUS", "ACCUSE", [], symmetric=False),
              _event("b", "USA", "RUS", "ACCUSE", [], symmetric=False)]
    [flag] = match_rules(rules, events, ("IND", "RUS"))
    assert flag.title == "Pressure from USA on RUS" and flag.event_ids == ("a", "b")


def test_match_rules_partner_without_counterpart_matches_nothing():
    # RiskConditions() defaults to a partner rule with no counterpart: it used to crash in is_side.
    rule = RiskRule("p", "t", "d", "low", RiskConditions())
    assert match_rules([rule], [_event("e1", "IND", "RUS", "SUPPORT", ["defence"])], ("IND", "RUS")) == []


@pytest.mark.parametrize(("rule", "message"), [
    ({"id": "x", "title": "t", "description": "d", "severity": "dire", "conditions": {}}, "severity"),
    ({"id": "x", "title": "t", "description": "d", "severity": "low",
      "conditions": {"relation": "partner"}}, "counterpart"),
    ({"id": "x", "title": "t", "description": "d", "severity": "low",
      "conditions": {"relation": "third_party", "plover": ["PUNCH"]}}, "PUNCH"),
    ({"id": "x", "title": "t", "description": "d", "severity": "low", "conditions": {}, "extra": 1},
     "extra"),
])
def test_parse_rules_rejects_bad_rule(rule, message):
    with pytest.raises(ConfigError, match=message):
        parse_rules({"rules": [rule]})


@pytest.mark.parametrize(("modality", "words"), [
    ("asserted", "India and Russia signed a formal agreement (SUPPORT 057), reported as fact."),
    ("hedged", "Reportedly, India and Russia signed a formal agreement (SUPPORT 057), hedged"),
    ("negated", "(SUPPORT 057), negated"),
])
def test_summarise_event_says_modality(modality, words):
    event = {**_event("e", "RUS", "IND", "SUPPORT", [], modality), "cameo": "057"}
    assert words in summarise_event(event, first_side="IND")
