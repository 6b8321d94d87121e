"""distributed.py: shards read what the whole input reads; a real LocalCluster stores what one process
stores."""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from realpolitik.api import InputOptions, code_paths
from realpolitik.distributed import (
    QUIET_CLUSTER,
    ClusterOptions,
    ReadOptions,
    code_paths_distributed,
    plan_shards,
    read_back,
    read_shard,
    start_local_cluster,
    write_shard,
)
from realpolitik.errors import ConfigError
from realpolitik.ingest.files import Metadata, ReadLimits, iter_inputs
from realpolitik.models import ActorRef, CodedDocument, Event, Evidence, Quote, Rejection
from realpolitik.store.db import Store

REPO = Path(__file__).resolve().parents[1]
SAMPLE_CORPUS = REPO / "sample" / "corpus.jsonl"
SEED = REPO / "sample" / "putin-india-visit.txt"
READ = ReadOptions(Metadata(date="2025-12-05"), ReadLimits())
# (table, columns left out of the comparison: only the ingest timestamps)
TABLES = [("documents", "ingested_at", "id"), ("actors", None, "doc_id, idx"),
          ("events", None, "event_id"), ("quotes", None, "doc_id, idx"),
          ("rejections", "recorded_at", "id")]


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    """The sample corpus, the seed article, a JSON-lines file with bad lines, a WARC and a missing path."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE_CORPUS, folder / "corpus.jsonl")
    shutil.copy(SEED, folder / "seed.txt")
    story = {"text": "India and Japan agreed on Tuesday to expand cooperation on maritime security.",
             "date": "2025-11-04"}
    (folder / "mixed.jsonl").write_text("\n".join([
        json.dumps(story), "{not json", json.dumps({"title": "no text"}), json.dumps(story),
        json.dumps({**story, "date": "yesterday"})]) + "\n", encoding="utf-8")
    with (folder / "crawl.warc.gz").open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n, sentence in enumerate(["Russia and China signed a trade agreement in Beijing.",
                                      "The United States urged Iran to resume nuclear talks."]):
            body = f"<html><body><article><p>{sentence}</p></article></body></html>".encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example.org/{n}", "response", payload=io.BytesIO(body), length=len(body),
                http_headers=http, warc_headers_dict={"WARC-Date": f"2025-10-0{n + 1}T08:00:00Z"}))
    return [str(folder), str(tmp_path / "missing.txt")]


def test_plan_shards_cuts_files_and_reads_the_same_documents(inputs: list[str]):
    shards = plan_shards(inputs, READ, size=7)
    kinds = [shard.kind for shard in shards]
    assert kinds.count("jsonl") == 6 + 1  # 40 corpus lines in 7s, the 5 mixed lines in one
    assert "warc" in kinds and "files" in kinds and kinds[-1] == "items"
    assert [s.index for s in shards] == list(range(len(shards)))
    shard_items = [item for shard in shards for item in read_shard(shard, READ)]
    assert shard_items == list(iter_inputs(inputs, READ.meta, READ.limits))


def _doc(doc_id: str, day: str | None, events: int) -> CodedDocument:
    """A coded document made by hand, with events, an actor ref and a quote."""
    ref = ActorRef("India", "India", "IND", None, "IND")
    made = tuple(Event(f"{doc_id}-{k}", day, ref, None if k else ref, bool(k), "CONSULT", None, "040", 1, 1.0,
                       "asserted", ("diplomacy",) if k else (), Evidence("India met.", 0, 10), 0.8, "test", k,
                       "met", "rule") for k in range(events))
    return CodedDocument(id=doc_id, origin=f"{doc_id}.txt", date=day, text="India met.", events=made,
                         quotes=(Quote("We met.", 0, 7, ref), Quote("No one.", 8, 15, None)))


def test_write_shard_and_read_back_round_trip(tmp_path: Path):
    rejection = Rejection("bad.jsonl:2", "malformed_json", "bad.jsonl:2: is not valid JSON.")
    docs = [_doc("a", "2025-12-05", 2), CodedDocument(id="bad.jsonl:2", origin="bad.jsonl:2",
                                                       rejected=rejection, language=None),
            _doc("b", None, 1), _doc("a", "2025-12-05", 2)]  # the same document again
    write_shard(tmp_path, 3, docs)
    assert (tmp_path / "events" / "year=2025" / "shard-000003.parquet").is_file()
    assert (tmp_path / "events" / "year=__HIVE_DEFAULT_PARTITION__" / "shard-000003.parquet").is_file()
    assert (tmp_path / "documents" / "shard-000003.parquet").is_file()
    back = read_back(tmp_path, 3)
    assert back[0] == docs[0] and back[2] == docs[2]
    assert back[1].rejected == Rejection(rejection.origin, rejection.reason, rejection.detail, "bad.jsonl:2")
    assert back[3].id == "a" and back[3].events == ()  # a repeat: the store keeps the first only


@pytest.mark.issue(5)
def test_write_shard_partitions_events_by_year(tmp_path: Path):
    spread = _doc("c", "2025-01-03", 1)
    first = spread.events[0]
    spread = replace(spread, events=(first, replace(first, event_id="c-x", date="2024-06-01"),
                                     replace(first, event_id="c-y", date="2025-11-20")))
    docs = [_doc("a", "2025-12-05", 2), spread, _doc("b", "2024-02-29", 1)]
    write_shard(tmp_path, 0, docs)
    years = sorted(p.parent.name for p in (tmp_path / "events").glob("*/shard-000000.parquet"))
    assert years == ["year=2024", "year=2025"]  # one file per year, not one per day
    assert read_back(tmp_path, 0) == docs  # events keep their order across the partitions


def test_cluster_options_are_checked():
    with pytest.raises(ConfigError, match="give one of them, not both"):
        ClusterOptions(workers=2, scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(ConfigError, match="--workers 0 is not a count"):
        ClusterOptions(workers=0)


def _rows(path: Path) -> dict[str, list[tuple]]:
    """Every stored row of every table, in a stable order, ingest timestamps left out."""
    conn = duckdb.connect(str(path), read_only=True)
    try:
        return {table: conn.execute(f"SELECT * {f'EXCLUDE ({skip})' if skip else ''} FROM {table} "
                                    f"ORDER BY {order}").fetchall()
                for table, skip, order in TABLES}
    finally:
        conn.close()


@pytest.mark.slow
def test_local_cluster_stores_what_one_process_stores(inputs: list[str], tmp_path: Path):
    options = InputOptions(date="2025-12-05")
    with Store.open(tmp_path / "one.duckdb") as store:
        single = store.save_many(code_paths(inputs, options))
    cluster = ClusterOptions(workers=2, partition_size=7)
    with Store.open(tmp_path / "many.duckdb") as store:
        spread = store.save_many(code_paths_distributed(inputs, READ, cluster, tmp_path))
    assert spread == single and single.rejected == 4 and single.duplicates == 1
    one, many = _rows(tmp_path / "one.duckdb"), _rows(tmp_path / "many.duckdb")
    assert len(one["events"]) > 100
    for table, _, _ in TABLES:
        assert many[table] == one[table], table
    assert not any((tmp_path / ".realpolitik-staging").iterdir())  # the default staging is removed


@pytest.mark.slow
def test_existing_scheduler_and_kept_staging(tmp_path: Path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        cluster = ClusterOptions(scheduler=local.scheduler_address, staging=tmp_path / "staged")
        docs = list(code_paths_distributed([str(SEED)], READ, cluster, tmp_path))
    assert [d.id for d in docs] == [d.id for d in code_paths([str(SEED)], InputOptions(date="2025-12-05"))]
    assert len(list((tmp_path / "staged" / "events").glob("year=2025/shard-*.parquet"))) == 1


def _dask_setting(key: str):
    """A Dask setting as a worker sees it (sent to the worker by value)."""
    import dask

    return dask.config.get(key)


@pytest.mark.slow
@pytest.mark.issue(5)
def test_local_cluster_runs_quiet_housekeeping():
    from distributed import Client

    with start_local_cluster(1) as local, Client(local) as client:
        seen = {key: next(iter(client.run(_dask_setting, key).values())) for key in QUIET_CLUSTER}
    assert seen == QUIET_CLUSTER


def test_missing_dask_names_the_install_command(tmp_path: Path):
    import subprocess
    import sys

    script = ("import sys; sys.modules['dask'] = None; sys.modules['distributed'] = None\n"
              "from pathlib import Path\nfrom realpolitik.errors import ConfigError\n"
              "from realpolitik.distributed import ClusterOptions, ReadOptions, code_paths_distributed\n"
              "from realpolitik.ingest.files import Metadata, ReadLimits\n"
              "read = ReadOptions(Metadata(), ReadLimits())\n"
              f"where = Path({str(tmp_path)!r})\n"
              "try:\n    list(code_paths_distributed([], read, ClusterOptions(workers=1), where))\n"
              "except ConfigError as error:\n    print(error)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "pip install 'realpolitik[dask]'" in result.stdout
