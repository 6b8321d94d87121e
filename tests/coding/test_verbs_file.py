"""verbs.yml: no entry is written twice (YAML keeps the last silently, losing the first)."""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources


def test_no_verb_or_noun_entry_is_written_twice():
    text = resources.files("realpolitik").joinpath("data/verbs.yml").read_text(encoding="utf-8")
    keys: Counter = Counter()
    section = None
    for line in text.splitlines():
        if re.match(r"^[a-z]+:", line):
            section = line.split(":")[0]
        found = re.match(r'^  ("[^"]+"|[^\s"#][^:]*?): \{', line)
        if found:
            keys[(section, found.group(1).strip('"'))] += 1
    assert [key for key, count in keys.items() if count > 1] == []


def test_no_object_word_is_written_twice_in_an_entry():
    text = resources.files("realpolitik").joinpath("data/verbs.yml").read_text(encoding="utf-8")
    for line in text.splitlines():
        objects = re.search(r"objects: \{([^}]*)\}", line)
        if objects:
            pattern = r'(?:^|, )("[^"]+"|[^,:"]+):'
            words = [w.strip().strip('"') for w in re.findall(pattern, objects.group(1))]
            assert len(words) == len(set(words)), line[:60]
