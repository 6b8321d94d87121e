"""Loaders for every data source used in the MiniLM experiments.

Nothing here copies dataset text anywhere; datasets are read in place from /work/shared/datasets
and /work/main/src/realpolitik/data (read-only). Each loader returns a list of dicts with at least
`text` (sentence, possibly with <s>..</s> <t>..</t> markers) and `label`.
"""
from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

DS = Path("/work/shared/datasets")
RP = Path("/work/main/src/realpolitik/data")
HERE = Path(__file__).resolve().parent

PLV_LABELS = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE", "REJECT",
              "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
L2I = {lab: i for i, lab in enumerate(PLV_LABELS)}

# ---------------------------------------------------------------- CAMEO code -> PLOVER / PentaClass


@lru_cache
def cameo_to_plover() -> dict[str, str]:
    """realpolitik's own CAMEO->PLOVER table; CONCEDE/RETREAT are PLV's YIELD."""
    out = {}
    with open(RP / "cameo.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            p = row["plover"]
            out[row["code"]] = "YIELD" if p in ("CONCEDE", "RETREAT") else p
    return out


def normalise_code(code: str) -> str | None:
    """Exact code if known; a 4-digit code falls back to its 3-digit parent; unknown -> None."""
    m = cameo_to_plover()
    code = code.strip()
    if code in m:
        return code
    if len(code) == 4 and code[:3] in m:
        return code[:3]
    return None


# PentaClass as used in the ConfliBERT data (helper finding: root 05 is class 1, root 16 class 3).
PENTA_OF_ROOT = {"01": 0, "02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2,
                 "09": 3, "10": 3, "11": 3, "12": 3, "13": 3, "16": 3,
                 "14": 4, "15": 4, "17": 4, "18": 4, "19": 4, "20": 4}


def penta_of_code(code: str) -> int:
    return PENTA_OF_ROOT[code[:2]]


# ---------------------------------------------------------------- PLV


def load_plv():
    rows = []
    with open(DS / "plv-plover-relations/PLV_train.tsv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            rows.append({"text": r["marked_sentence"], "label": r["gold_root"], "group": r["sentence_id"],
                         "sentence": r["sentence"], "penta": int(r["gold_penta"])})
    return rows


# ---------------------------------------------------------------- actor tagger (for marking)


def _split(s):
    return [x for x in (s or "").split("|") if x]


@lru_cache
def real_actor_lexicon():
    """phrase -> code from realpolitik's (read-only) actor data: countries, organisations, groups,
    metonyms, titles, leaders. Case-sensitive phrases."""
    lex = {}
    with open(RP / "countries.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            for p in [r["name"], *_split(r["aliases"]), *_split(r["adjectives"]), *_split(r["demonyms"]),
                      *_split(r["capital"])]:
                lex.setdefault(p, r["iso3"])
    for fn, col in (("organizations.csv", "code"), ("groups.csv", "code"), ("metonyms.csv", "code"),
                    ("titles.csv", "country")):
        with open(RP / fn, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                for p in [r.get("name") or r.get("text"), *_split(r.get("aliases"))]:
                    if p:
                        lex.setdefault(p, r[col])
    for fn in (RP / "leaders").glob("*.csv"):
        with open(fn, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                for p in [r["name"], *_split(r["aliases"])]:
                    if len(p) > 3:
                        lex.setdefault(p, r["iso3"])
    lex.update({"U.S.": "USA", "US": "USA", "EU": "IGOEU", "UN": "IGOUNO", "NATO": "IGONATO"})
    return lex


@lru_cache
def role_words():
    out = {}
    with open(RP / "roles.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out[r["word"]] = r["role"]
    return out


@lru_cache
def petr_validate_lexicon():
    """Fictional (Tolkien) actors of the PETRARCH validation suite: NAME [CODE] with +SYNONYM lines.
    Returns list of (regex, code). TABARI semantics: a trailing '_' means whole word, else prefix."""
    text = (DS / "petrarch2-validation/dictionaries/PETR.Validate.actors.txt").read_text(encoding="utf-8",
                                                                                           errors="replace")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    entries, cur_names = [], []
    for raw in text.splitlines():
        line = raw.split("#")[0].rstrip()
        if not line.strip():
            continue
        codes = re.findall(r"\[([^\]]+)\]", line)
        name = re.sub(r"\[[^\]]*\]", "", line).strip()
        if name.startswith("+"):
            cur_names.append(name[1:].strip())
        elif name and not raw.startswith(("\t", " ")):
            cur_names = [name]
            entries.append([cur_names, None])
        if codes and entries and entries[-1][1] is None:
            entries[-1][1] = codes[0].split()[0].split("<")[0].strip()
    out = []
    for names, code in entries:
        if not code or not re.match(r"^[A-Za-z]{3}", code):
            continue
        for n in names:
            whole = n.endswith("_")
            n = n.strip("_").replace("_", " ")
            if len(n) < 2:
                continue
            pat = r"\b" + re.escape(n).replace(r"\ ", r"\s+") + (r"\b" if whole else r"\w*")
            out.append((pat, code.upper()))
    return out


@lru_cache
def _compiled(fictional):
    """Combined regexes (longest alternative first) -> list of (regex, match->code)."""
    out = []
    if fictional:
        pats = sorted(petr_validate_lexicon(), key=lambda pc: -len(pc[0]))
        rx = re.compile("|".join(f"(?:{p})" for p, _ in pats), flags=re.I)
        def fict(s, pats=pats):
            for p, c in pats:
                if re.fullmatch(p, s, flags=re.I):
                    return c
            return "???"
        out.append((rx, fict))
    lex = real_actor_lexicon()
    keys = sorted(lex, key=len, reverse=True)
    rx = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")
    out.append((rx, lambda s: lex.get(s, "???")))
    roles = role_words()
    keys = sorted(roles, key=len, reverse=True)
    rx = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys) + r")\b", flags=re.I)
    out.append((rx, lambda s: "---" + roles.get(s.lower(), "???")))
    return out


TITLE_WORDS = {"president", "prime", "minister", "foreign", "secretary", "general", "state", "king", "queen",
               "chancellor", "leader", "chief", "deputy", "vice", "defence", "defense", "interior", "army",
               "former", "senior", "top", "opposition", "rebel", "military"}


def find_mentions(text: str, fictional: bool = False):
    """Actor mentions: list of (start, end, code). Longest match first, no overlaps. Role words
    ('police', 'rebels', ...) count as actors with code '---ROLE'."""
    cands = []
    for rx, fixed in _compiled(fictional):
        for m in rx.finditer(text):
            code = fixed(m.group(0))
            cands.append((m.start(), m.end(), code))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken, out = [], []
    for s, e, c in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        out.append((s, e, c))
    out.sort()
    # merge a country/org mention with an adjacent role mention ("Israeli troops", "the Iraqi government")
    merged = []
    for s, e, c in out:
        if merged and re.fullmatch(r"[\s'’s]*", text[merged[-1][1]:s]) and (
                c.startswith("---") or merged[-1][2].startswith("---")):
            ps, pe, pc = merged[-1]
            merged[-1] = (ps, e, pc if not pc.startswith("---") else c)
        else:
            merged.append((s, e, c))
    return [_extend(text, s, e, c) for s, e, c in merged]


def _extend(text, s, e, c):
    # right: following capitalised words (names: "Prime Minister Benjamin Netanyahu")
    while True:
        m = re.match(r"\s+([A-Z][\w.\-’']*)", text[e:])
        if not m or len(m.group(1)) < 2:
            break
        e += m.end()
    # left: title words and 'the'
    while True:
        m = re.search(r"([A-Za-z]+)\s+$", text[:s])
        if not m or m.group(1).lower() not in TITLE_WORDS | {"the"}:
            break
        s = m.start(1)
        if m.group(1).lower() == "the":
            break
    return (s, e, c)


def _code_match(gold: str, code: str) -> bool:
    gold, code = gold.upper(), code.upper()
    if gold.startswith("---"):
        return code.startswith("---") and code[3:6] == gold[3:6]
    if gold.startswith("IGO"):
        return code.startswith("IGO")
    return gold[:3] == code[:3]


def wrap(text, src, tgt):
    """Insert <s>..</s> around span src and <t>..</t> around tgt (either may be None)."""
    spans = [(sp, tag) for sp, tag in ((src, "s"), (tgt, "t")) if sp]
    for (s, e), tag in sorted(spans, key=lambda x: -x[0][0]):
        text = text[:s] + f"<{tag}>" + text[s:e] + f"</{tag}>" + text[e:]
    return text


def mark_heuristic(text, fictional=False, src_code=None, tgt_code=None):
    """Mark source/target. With gold codes: first mention matching each code. Without: first actor
    mention = source, next mention with another code = target."""
    ms = find_mentions(text, fictional)
    src = tgt = None
    if src_code:
        src = next((m for m in ms if _code_match(src_code, m[2])), None)
    if tgt_code:
        tgt = next((m for m in ms if m is not src and _code_match(tgt_code, m[2])
                    and not (src and m[0] < src[1] and src[0] < m[1])), None)
    if not src_code and not tgt_code:
        if ms:
            src = ms[0]
            tgt = next((m for m in ms[1:] if m[2] != src[2]), None)
    return wrap(text, src and src[:2], tgt and tgt[:2])


# ---------------------------------------------------------------- (a) CAMEO codebook examples


def load_cameo_examples(mark="heuristic"):
    m = cameo_to_plover()
    rows = []
    with open(DS / "cameo-codebook/cameo-codes.utf8.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            ex = (r["example"] or "").strip()
            code = r["code"].strip()
            if not ex or ex == "NA" or code not in m:
                continue
            ex = " ".join(ex.split())
            text = mark_heuristic(ex) if mark == "heuristic" else ex
            rows.append({"text": text, "label": m[code], "code": code, "src": "a"})
    return rows


# ---------------------------------------------------------------- (b) PETRARCH validation


def _petr_records(path, fictional):
    raw = path.read_text(encoding="utf-8", errors="replace")
    chunks = re.split(r"<Sentence\b", raw)[1:]
    for ch in chunks:
        head = ch.split(">", 1)[0]
        cat = re.search(r'category="([^"]*)"', head)
        cat = cat.group(1) if cat else ""
        tm = re.search(r"<Text>(.*?)</Text>", ch, flags=re.S)
        if not tm:
            continue
        text = " ".join(tm.group(1).split())
        for ec in re.findall(r"<EventCoding\b([^>]*)>", ch):
            if "noevents" in ec:
                continue
            g = dict(re.findall(r'(\w+)="([^"]*)"', ec))
            if "eventcode" in g:
                yield {"text": text, "category": cat, "eventcode": g["eventcode"],
                       "sourcecode": g.get("sourcecode", ""), "targetcode": g.get("targetcode", ""),
                       "fictional": fictional}


def load_petrarch(mark="heuristic", include_afp=False, cap_per_code=20):
    """PETRARCH validation codings -> PLOVER via realpolitik's table. Test-only codes dropped.
    AFP (Gigaword, 'research-only' per SOURCE.md) excluded unless include_afp. The unit-test suite
    repeats a few sentences/codes many times (064 x130), so at most cap_per_code rows per code."""
    m = cameo_to_plover()
    base = DS / "petrarch2-validation/text"
    recs = list(_petr_records(base / "PETR.UnitTest.records.xml", True))
    recs += list(_petr_records(base / "PETR.Validate.records.140226.txt", True))
    recs += list(_petr_records(base / "PETR2_GSR_validation.xml", False))
    rows, seen, per_code = [], set(), Counter()
    for r in recs:
        if r["category"] == "AFP" and not include_afp:
            continue
        code = normalise_code(r["eventcode"])
        if code is None:
            continue
        if mark == "heuristic":
            text = mark_heuristic(r["text"], r["fictional"], r["sourcecode"], r["targetcode"])
        else:
            text = r["text"]
        key = (text, m[code])
        if key in seen or per_code[code] >= cap_per_code:
            continue
        seen.add(key)
        per_code[code] += 1
        rows.append({"text": text, "label": m[code], "code": code, "src": "b"})
    return rows


# ---------------------------------------------------------------- (c) PLOVER GSR (CC BY-SA 4.0)

GSR_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
           "CONCEDE": "YIELD", "RETREAT": "YIELD"}


def load_gsr(mark="gold"):
    data = json.loads((DS / "plover-gsr-cameo/PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    rows = []
    for d in data:
        if d.get("event") in (None, "DOCUMENT"):
            continue
        lab = GSR_MAP.get(d["event"], d["event"])
        if lab not in L2I:
            continue
        text = " ".join(d["text"].split())
        srcs = d.get("source") or []
        tgts = d.get("target") or []
        srcs = srcs if isinstance(srcs, list) else []
        tgts = tgts if isinstance(tgts, list) else []
        s_txt = srcs[0]["actorText"] if srcs else None
        t_txt = tgts[0]["actorText"] if tgts else (srcs[1]["actorText"] if len(srcs) > 1 else None)
        if mark == "gold":
            def span(a, avoid=None):
                if not a:
                    return None
                for mm in re.finditer(re.escape(a), text):
                    sp = (mm.start(), mm.end())
                    if not avoid or not (sp[0] < avoid[1] and avoid[0] < sp[1]):
                        return sp
                return None
            s_sp = span(s_txt)
            t_sp = span(t_txt, s_sp)
            text = wrap(text, s_sp, t_sp)
        rows.append({"text": text, "label": lab, "src": "c"})
    return rows


# ---------------------------------------------------------------- (d) our own sentences


def load_own(path=HERE / "own_sentences.tsv"):
    """label<TAB>cameo_root<TAB>marked sentence; written for this project (no dataset text)."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lab, root, text = line.split("\t")
        assert lab in L2I, lab
        rows.append({"text": text.strip(), "label": lab, "code": root.strip(), "src": "d"})
    return rows


# ---------------------------------------------------------------- ConfliBERT PentaClass


def load_conflibert():
    rows = []
    with open(DS / "conflibert-cameo-manual/cameo_class/train.tsv", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            text, lab = line.rsplit("\t", 1)
            rows.append({"text": text.strip(), "label": int(lab)})
    return rows


def strip_markers(text):
    return " ".join(re.sub(r"</?[st]>", "", text).split())


if __name__ == "__main__":
    import random

    random.seed(0)
    for name, fn in [("a", load_cameo_examples), ("b", load_petrarch), ("c", load_gsr)]:
        rows = fn()
        both = sum("<s>" in r["text"] and "<t>" in r["text"] for r in rows)
        only_s = sum("<s>" in r["text"] and "<t>" not in r["text"] for r in rows)
        print(name, len(rows), "both markers", both, "source only", only_s)
        print("  ", dict(Counter(r["label"] for r in rows)))
        for r in random.sample(rows, 5):
            print("   ", r["label"], r["text"][:200])
