"""iter_inputs and iter_file: folders, JSON, JSON lines, gzip, limits, metadata and stdin."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from realpolitik.extract.article import Limits, extract_article
from realpolitik.ingest.files import Metadata, ReadLimits, iter_file, iter_inputs
from realpolitik.models import RawDocument, Rejection

STORY = "India and Japan agreed on Tuesday to expand cooperation on maritime security."


def _write(path: Path, content: str | bytes) -> Path:
    """Write a file (creating its folders) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _jsonl(*lines: object) -> str:
    """JSON lines from objects (dumped) and strings (written as they are)."""
    return "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)


def _summary(items: list[RawDocument | Rejection]) -> list[tuple[str, str]]:
    """(origin, "doc" or the rejection reason) for each item."""
    return [(i.origin, "doc" if isinstance(i, RawDocument) else i.reason) for i in items]


# -- folders and paths ---------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder of inputs with sub-folders, hidden files and unsupported files."""
    root = tmp_path / "news"
    for name in ("b.txt", "a.txt", "z.md", "sub/c.html", "sub/deeper/d.json", ".hidden.txt",
                 ".git/e.txt", "sub/.cache/f.txt", "photo.png", "notes.docx", "sub/README"):
        content = json.dumps({"text": STORY}) if name.endswith(".json") else STORY
        _write(root / name, content)
    return root


def test_iter_inputs_walks_folder_in_sorted_order(tree: Path):
    origins = [item.origin for item in iter_inputs([str(tree)])]
    expected = ["a.txt", "b.txt", "sub/c.html", "sub/deeper/d.json", "z.md"]
    assert origins == [str(tree / name) for name in expected]


@pytest.mark.parametrize(
    ("name", "media_type"),
    [("a.txt", "text/plain"), ("z.md", "text/plain"), ("sub/c.html", "text/html"),
     ("sub/deeper/d.json", "text/plain")],
)
def test_iter_inputs_sets_media_type_by_suffix(tree: Path, name: str, media_type: str):
    (item,) = [i for i in iter_inputs([str(tree)]) if i.origin == str(tree / name)]
    assert isinstance(item, RawDocument)
    assert item.media_type == media_type


def test_iter_inputs_reads_files_as_bytes(tmp_path: Path):
    path = _write(tmp_path / "story.txt", STORY.encode("utf-8"))
    (item,) = iter_inputs([str(path)])
    assert isinstance(item, RawDocument)
    assert item.content == STORY.encode("utf-8")


def test_iter_inputs_missing_path_is_rejected_and_later_paths_read(tmp_path: Path):
    missing = str(tmp_path / "no-such-folder")
    later = _write(tmp_path / "later.txt", STORY)
    first, second = iter_inputs([missing, str(later)])
    assert isinstance(first, Rejection)
    assert (first.origin, first.reason) == (missing, "not_found")
    assert first.detail == (
        f"No such file or folder: {missing}. Check the path, or pass - to read standard input."
    )
    assert isinstance(second, RawDocument)
    assert second.origin == str(later)


def test_iter_inputs_keeps_path_order(tmp_path: Path):
    b = _write(tmp_path / "b.txt", STORY)
    a = _write(tmp_path / "a.txt", STORY)
    assert [i.origin for i in iter_inputs([str(b), str(a), str(b)])] == [str(b), str(a), str(b)]


def test_iter_inputs_reads_named_file_with_any_suffix(tmp_path: Path):
    path = _write(tmp_path / "wire.dat", STORY)
    (item,) = iter_inputs([str(path)])
    assert isinstance(item, RawDocument)
    assert item.media_type == "text/plain"


def test_iter_inputs_reads_folder_inside_hidden_folder(tmp_path: Path):
    root = tmp_path / ".local" / "news"
    _write(root / "a.txt", STORY)
    assert [i.origin for i in iter_inputs([str(root)])] == [str(root / "a.txt")]


def test_iter_file_unreadable_path_is_rejected(tmp_path: Path):
    folder = tmp_path / "looks-like.txt"
    folder.mkdir()
    (item,) = iter_file(folder)
    assert isinstance(item, Rejection)
    assert item.reason == "unreadable"
    assert item.detail.startswith(f"{folder}: cannot be read (")


# -- .json ---------------------------------------------------------------------------------------


def test_iter_inputs_json_object_carries_fields(tmp_path: Path):
    obj = {"text": STORY, "id": 7, "title": "Ministers meet", "date": "2024-03-01T10:00:00Z",
           "url": "https://example.org/a", "source": "Example Wire"}
    path = _write(tmp_path / "one.json", json.dumps(obj))
    (item,) = iter_inputs([str(path)])
    assert item == RawDocument(origin=str(path), content=STORY, id="7", title="Ministers meet",
                               date="2024-03-01T10:00:00Z", url="https://example.org/a",
                               source="Example Wire")


def test_iter_inputs_json_array_yields_each_object(tmp_path: Path):
    content = json.dumps([{"text": "First."}, {"title": "x"}, "Third."])
    path = _write(tmp_path / "many.json", content)
    assert _summary(list(iter_inputs([str(path)]))) == [
        (f"{path}[0]", "doc"), (f"{path}[1]", "missing_text"), (f"{path}[2]", "malformed_json"),
    ]


def test_iter_inputs_json_with_bom(tmp_path: Path):
    path = _write(tmp_path / "bom.json", b"\xef\xbb\xbf" + json.dumps({"text": STORY}).encode())
    (item,) = iter_inputs([str(path)])
    assert isinstance(item, RawDocument)
    assert item.content == STORY


@pytest.mark.parametrize(
    ("content", "limits", "reason", "phrase"),
    [
        ('{"text": "unterminated', ReadLimits(), "malformed_json", "is not valid JSON"),
        (b"\xff\xfe{}", ReadLimits(), "malformed_json", "is not valid JSON"),
        (json.dumps({"text": STORY}), ReadLimits(max_bytes=20), "too_large",
         "is over the limit of 20 bytes"),
    ],
    ids=["syntax", "not-utf8", "too-large"],
)
def test_iter_inputs_bad_json_file_is_rejected(tmp_path, content, limits, reason, phrase):
    path = _write(tmp_path / "bad.json", content)
    (item,) = iter_inputs([str(path)], limits=limits)
    assert isinstance(item, Rejection)
    assert (item.origin, item.reason) == (str(path), reason)
    assert item.detail.startswith(f"{path}: {phrase}")


# -- .jsonl and .jsonl.gz ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason", "detail"),
    [
        ('{"text": "unterminated', "malformed_json", "is not valid JSON ("),
        ("not json at all", "malformed_json", "is not valid JSON (Expecting value"),
        ('{"title": "no body", "id": "w-1"}', "missing_text",
         "has no `text` field; every object needs `text` (a string)."),
        ('{"text": 42}', "missing_text", "has a `text` that is a int"),
        ('{"text": null}', "missing_text", "has no `text` field"),
        ('["a", "list"]', "malformed_json", "is a JSON list, not an object with a `text` field."),
        ('"just a string"', "malformed_json", "is a JSON str, not an object"),
        ("17", "malformed_json", "is a JSON int, not an object"),
    ],
    ids=["truncated", "not-json", "no-text", "int-text", "null-text", "array", "string", "number"],
)
def test_iter_inputs_jsonl_rejects_bad_line_and_keeps_good_ones(tmp_path, line, reason, detail):
    path = _write(tmp_path / "wire.jsonl", _jsonl({"text": "First."}, line, {"text": "Third."}))
    items = list(iter_inputs([str(path)]))
    assert _summary(items) == [(f"{path}:1", "doc"), (f"{path}:2", reason), (f"{path}:3", "doc")]
    assert items[1].detail.startswith(f"{path}:2: {detail}")
    assert [i.content for i in items if isinstance(i, RawDocument)] == ["First.", "Third."]


def test_iter_inputs_jsonl_missing_text_keeps_id(tmp_path: Path):
    path = _write(tmp_path / "wire.jsonl", _jsonl({"id": 99, "title": "no body"}))
    (item,) = iter_inputs([str(path)])
    assert isinstance(item, Rejection)
    assert item.id == "99"


def test_iter_inputs_jsonl_skips_blank_lines_but_counts_them(tmp_path: Path):
    path = _write(tmp_path / "wire.jsonl", _jsonl({"text": "One."}, "", "   ", {"text": "Four."}))
    assert _summary(list(iter_inputs([str(path)]))) == [(f"{path}:1", "doc"), (f"{path}:4", "doc")]


@pytest.mark.parametrize("name", ["wire.jsonl.gz", "WIRE.JSONL.GZ"])
def test_iter_inputs_reads_gzipped_jsonl(tmp_path: Path, name: str):
    path = _write(tmp_path / name, gzip.compress(_jsonl({"text": "One.", "id": "a"},
                                                        {"text": "Two.", "id": "b"}).encode()))
    items = list(iter_inputs([str(path)]))
    assert [(i.origin, i.id, i.content) for i in items] == [
        (f"{path}:1", "a", "One."), (f"{path}:2", "b", "Two."),
    ]


def test_iter_inputs_reads_ndjson(tmp_path: Path):
    path = _write(tmp_path / "wire.ndjson", _jsonl({"text": "One."}))
    assert _summary(list(iter_inputs([str(path)]))) == [(f"{path}:1", "doc")]


def test_iter_inputs_not_gzip_is_unreadable(tmp_path: Path):
    path = _write(tmp_path / "plain.jsonl.gz", _jsonl({"text": "One."}))
    (item,) = iter_inputs([str(path)])
    assert isinstance(item, Rejection)
    assert item.reason == "unreadable"
    assert "Not a gzipped file" in item.detail


def test_iter_inputs_truncated_gzip_is_rejected(tmp_path: Path):
    data = gzip.compress(_jsonl(*({"text": f"Document {n}."} for n in range(200))).encode())
    path = _write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2])
    items = list(iter_inputs([str(path)]))
    assert isinstance(items[-1], Rejection)
    assert all(isinstance(i, RawDocument) for i in items[:-1])


@pytest.mark.parametrize("gz", [False, True], ids=["jsonl", "jsonl.gz"])
def test_iter_inputs_jsonl_long_line_is_too_large_and_next_line_read(tmp_path: Path, gz: bool):
    text = _jsonl({"text": "x" * 500}, {"text": "Short."}, {"text": "y" * 70})
    name = "wire.jsonl.gz" if gz else "wire.jsonl"
    path = _write(tmp_path / name, gzip.compress(text.encode()) if gz else text)
    items = list(iter_inputs([str(path)], limits=ReadLimits(max_bytes=64)))
    assert _summary(items) == [(f"{path}:1", "too_large"), (f"{path}:2", "doc"),
                               (f"{path}:3", "too_large")]
    assert items[0].detail == f"{path}:1: the line is over the limit of 64 bytes."


def test_iter_inputs_jsonl_line_at_limit_is_read(tmp_path: Path):
    line = json.dumps({"text": "z" * 40})
    path = _write(tmp_path / "wire.jsonl", line + "\n" + line)  # the last line has no newline
    items = list(iter_inputs([str(path)], limits=ReadLimits(max_bytes=len(line))))
    assert _summary(items) == [(f"{path}:1", "doc"), (f"{path}:2", "doc")]


def test_iter_inputs_gzip_past_decompression_limit_stops(tmp_path: Path):
    lines = _jsonl(*({"text": f"Document {n}."} for n in range(10)))
    line_bytes = len(lines.splitlines(keepends=True)[0])  # every line has the same length
    path = _write(tmp_path / "bomb.jsonl.gz", gzip.compress(lines.encode()))
    limit = 3 * line_bytes + 1
    items = list(iter_inputs([str(path)], limits=ReadLimits(max_decompressed=limit)))
    assert _summary(items) == [(f"{path}:1", "doc"), (f"{path}:2", "doc"), (f"{path}:3", "doc"),
                               (f"{path}:4", "decompression_limit")]
    assert items[-1].detail == (
        f"{path}:4: the file expands past {limit:,} bytes; the rest of it was not read."
    )


def test_iter_inputs_gzip_overlong_line_counts_toward_decompression_limit(tmp_path: Path):
    text = "x" * 10_000 + "\n" + _jsonl({"text": "After."})
    path = _write(tmp_path / "bomb.jsonl.gz", gzip.compress(text.encode()))
    items = list(iter_inputs([str(path)], limits=ReadLimits(max_bytes=50, max_decompressed=1_000)))
    assert "decompression_limit" in [i.reason for i in items if isinstance(i, Rejection)]


# -- metadata and stdin --------------------------------------------------------------------------

META = Metadata(date="2025-12-05", title="Given title", url="https://example.org/given",
                source="Given Wire")


def test_iter_inputs_applies_cli_metadata_to_text(tmp_path: Path):
    path = _write(tmp_path / "story.txt", STORY)
    (item,) = iter_inputs([str(path)], META)
    assert (item.date, item.title, item.url, item.source) == (
        "2025-12-05", "Given title", "https://example.org/given", "Given Wire")


def test_iter_inputs_object_fields_override_cli_metadata(tmp_path: Path):
    path = _write(tmp_path / "wire.jsonl", _jsonl({"text": STORY, "date": "2024-01-02"},
                                                  {"text": STORY, "title": "Own title"}))
    first, second = iter_inputs([str(path)], META)
    assert (first.date, first.title) == ("2024-01-02", "Given title")
    assert (second.date, second.title) == ("2025-12-05", "Own title")


def test_iter_inputs_html_takes_only_source_from_cli(tmp_path: Path):
    path = _write(tmp_path / "page.html", "<html><body><p>" + STORY + "</p></body></html>")
    (item,) = iter_inputs([str(path)], META)
    assert (item.date, item.title, item.url, item.source) == (None, None, None, "Given Wire")


def test_iter_inputs_reads_stdin(tmp_path: Path):
    (item,) = iter_inputs(["-"], META, stdin=io.BytesIO(STORY.encode()))
    assert item == RawDocument(origin="<stdin>", content=STORY.encode(), date="2025-12-05",
                               title="Given title", url="https://example.org/given",
                               source="Given Wire")


def test_iter_inputs_stdin_read_is_bounded():
    (item,) = iter_inputs(["-"], limits=ReadLimits(max_bytes=10), stdin=io.BytesIO(b"x" * 1_000))
    assert item.content == b"x" * 11
    rejection = extract_article(item, Limits(max_bytes=10))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "too_large"


def test_iter_inputs_stdin_between_files(tmp_path: Path):
    path = _write(tmp_path / "story.txt", STORY)
    items = list(iter_inputs([str(path), "-", str(path)], stdin=io.BytesIO(b"From stdin.")))
    assert [i.origin for i in items] == [str(path), "<stdin>", str(path)]


def test_iter_inputs_too_large_file_message_states_real_size(tmp_path: Path):
    path = _write(tmp_path / "big.txt", "x" * 1_000)
    (item,) = iter_inputs([str(path)], limits=ReadLimits(max_bytes=100))
    rejection = extract_article(item, Limits(max_bytes=100))
    assert isinstance(rejection, Rejection)
    assert "1,000 bytes" in rejection.detail
