"""Code documents on a Dask cluster: the adapter over ``pipeline.process`` (the only Dask code).

``code_paths_distributed`` gives the same CodedDocuments, in the same order, as
``api.code_paths``, so ``realpolitik ingest --workers N`` stores exactly what a single-process run
stores. Its stages:

 1. plan shards on the client: a shard names a stretch of input, not its contents (a WARC file's
    records from a byte offset, a JSON-lines file's lines from a byte offset, a group of small
    files), so the client never holds the documents; stdin and missing paths are read or rejected
    on the client and shipped as they are;
 2. a ``dask.bag`` of the shards, one partition each, ``map_partitions(code_partition)``: each worker
    reads its shards, runs ``pipeline.process`` with an engine loaded once per worker process
    (``functools.cache``), and writes the results as Parquet under the staging folder, with the
    store's own column types: the events partitioned by the year of their date, as
    ``realpolitik export --partitioned`` writes them (``events/year=2025/shard-000003.parquet``,
    the ``date`` column kept in the files), and one file per shard for each of ``documents``,
    ``actors``, ``quotes`` and ``rejections`` (``documents/shard-000003.parquet``). Few files per
    shard matter: a Parquet file costs a few milliseconds to write and to read back, about what
    coding a document costs, and a folder per day gave one events file per document for news
    spread over months (issue #5, item 9);
 3. the client reads the shards back in input order as they finish and yields CodedDocuments for
    the caller to store: the store has one writer, the client.

Workers must see the input paths (a shared file system) and the staging folder, and have
realpolitik with its model installed. Needs the ``dask`` extra.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from realpolitik.errors import DASK_MISSING, ConfigError
from realpolitik.ingest.files import (
    JSONL_SUFFIXES,
    Metadata,
    ReadLimits,
    iter_file,
    iter_inputs,
    iter_jsonl,
    line_offsets,
    list_files,
)
from realpolitik.ingest.warc import WARC_SUFFIXES, iter_warc, record_offsets
from realpolitik.models import (
    Actor,
    ActorRef,
    CodedDocument,
    Event,
    Evidence,
    Quote,
    RawDocument,
    Rejection,
)
from realpolitik.store import parquet

logger = logging.getLogger(__name__)

DEFAULT_PARTITION_SIZE = 64  # documents (lines, records, files) per shard: enough to amortise
# spaCy's batching, small enough that two workers share even a 40-document corpus
STAGING_DIRNAME = ".realpolitik-staging"
QUIET_CLUSTER = {  # Dask settings of a LocalCluster this module starts (see start_local_cluster)
    "distributed.worker.profile.enabled": False,  # a stack sample of the coding thread every 10 ms
    "distributed.admin.system-monitor.interval": "2s",  # CPU and network figures for the dashboard
    "distributed.worker.memory.monitor-interval": "1s",  # memory checks (100 ms): ample for coding,
    # whose memory grows by a batch at a time
    "distributed.admin.tick.interval": "200ms",  # the event-loop watchdog (20 ms)
}
CHILD_TABLES = ("actors", "events", "quotes")
CONNECT_TIMEOUT = "5s"  # a scheduler that does not answer by then is reported, not waited for
BAD_WORKERS = "--workers {value!r} is not a count of workers. Use a whole number of at least 1."
BOTH_CLUSTERS = ("--workers starts a local cluster and --scheduler uses an existing one; give one of "
                 "them, not both.")
STAGING_UNWRITABLE = ("Cannot create the staging folder {path} ({error}). Give a writable folder with "
                      "--staging, one the workers can also reach.")
NO_SCHEDULER = ("Cannot reach the Dask scheduler at {address}: {error}. Check the address "
                "(tcp://HOST:8786) and that the scheduler is running.")


@dataclass(frozen=True)
class ClusterOptions:
    """Where to run: a new local cluster of ``workers`` processes, or an existing ``scheduler``.

    Attributes:
        workers: Worker processes of a LocalCluster (one thread each).
        scheduler: Address of a running scheduler, e.g. ``tcp://10.0.0.5:8786``.
        staging: Folder for the workers' Parquet results; by default a fresh folder beside the store,
            removed after loading. A folder given here is kept.
        partition_size: Documents (JSON lines, WARC records, or files) per shard.
    """

    workers: int | None = None
    scheduler: str | None = None
    staging: Path | None = None
    partition_size: int = DEFAULT_PARTITION_SIZE

    def __post_init__(self) -> None:
        """Check the options before anything starts."""
        if self.workers is not None and self.scheduler:
            raise ConfigError(BOTH_CLUSTERS)
        if self.workers is not None and self.workers < 1:
            raise ConfigError(BAD_WORKERS.format(value=self.workers))
        if self.partition_size < 1:
            raise ConfigError(f"--partition-size {self.partition_size!r} must be at least 1.")


@dataclass(frozen=True)
class Shard:
    """A stretch of input for one worker task.

    Attributes:
        index: Position of the shard in the input order.
        kind: ``warc`` or ``jsonl`` (a stretch of one file), ``files`` (whole files), or ``items``
            (documents read on the client).
        paths: The file(s) the shard reads.
        start: Byte offset of the stretch (warc, jsonl).
        first: Number of the first record or line of the stretch.
        count: Records or lines in the stretch; None to the end of the file.
        items: Documents or rejections made on the client.
    """

    index: int
    kind: str
    paths: tuple[str, ...] = ()
    start: int = 0
    first: int = 1
    count: int | None = None
    items: tuple[RawDocument | Rejection, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ReadOptions:
    """What workers need to read and code shards as the single-process path does."""

    meta: Metadata
    limits: ReadLimits


# -- 1. planning ------------------------------------------------------------------------------------


def plan_shards(paths: Iterable[str], read: ReadOptions, size: int = DEFAULT_PARTITION_SIZE) -> list[Shard]:
    """Cut the inputs into shards in input order; WARC and JSON-lines files are cut inside.

    Args:
        paths: Files, folders or "-" as ``code``/``ingest`` take them.
        read: The metadata and limits of the run.
        size: Documents (records, lines, files) per shard.
    """
    shards: list[Shard] = []
    pending: list[str] = []  # small files waiting to fill a "files" shard

    def add(kind: str, **fields: Any) -> None:
        shards.append(Shard(len(shards), kind, **fields))

    def flush() -> None:
        if pending:
            add("files", paths=tuple(pending))
            pending.clear()

    for path in paths:
        target = Path(path)
        if path == "-" or not target.exists():
            flush()
            add("items", items=tuple(iter_inputs([path], read.meta, read.limits)))
            continue
        for file in list_files(target):
            name = file.name.lower()
            if name.endswith(WARC_SUFFIXES) or (name.endswith(JSONL_SUFFIXES) and not name.endswith(".gz")):
                flush()
                offsets = record_offsets(file, size) if name.endswith(WARC_SUFFIXES) else \
                    line_offsets(file, size)
                kind = "warc" if name.endswith(WARC_SUFFIXES) else "jsonl"
                for start, first in offsets:
                    add(kind, paths=(str(file),), start=start, first=first, count=size)
            else:
                pending.append(str(file))
                if len(pending) >= size:
                    flush()
    flush()
    return shards


def read_shard(shard: Shard, read: ReadOptions) -> Iterator[RawDocument | Rejection]:
    """The documents of one shard, exactly as the whole-input read yields them."""
    if shard.kind == "items":
        yield from shard.items
    elif shard.kind == "files":
        for path in shard.paths:
            yield from iter_file(Path(path), read.meta, read.limits)
    elif shard.kind == "warc":
        yield from _guard_io(shard.paths[0], iter_warc(Path(shard.paths[0]), read.limits.max_bytes,
                                                       read.meta.source, shard.start, shard.first,
                                                       shard.count))
    else:
        yield from _guard_io(shard.paths[0], iter_jsonl(Path(shard.paths[0]), read.meta, read.limits,
                                                        shard.start, shard.first, shard.count))


def _guard_io(origin: str, items: Iterator[RawDocument | Rejection]) -> Iterator[RawDocument | Rejection]:
    """A file that became unreadable between planning and reading is a rejection, as in iter_file."""
    try:
        yield from items
    except OSError as error:
        yield Rejection(origin, "unreadable", f"{origin}: cannot be read ({error.strerror or error}).")


# -- 2. on the workers ------------------------------------------------------------------------------


@cache
def worker_engine(max_bytes: int):
    """The engine of this worker process, loaded once (the model is the costly part)."""
    from realpolitik.pipeline import default_engine

    engine = default_engine()
    if engine.limits.max_bytes != max_bytes:
        engine = replace(engine, limits=replace(engine.limits, max_bytes=max_bytes))
    return engine


def code_partition(shards: list[Shard], read: ReadOptions, staging: str) -> list[int]:
    """Code the shards of one bag partition and write their results to the staging folder.

    Returns:
        The indices of the shards written.
    """
    from realpolitik.pipeline import process

    engine = worker_engine(read.limits.max_bytes)
    done = []
    for shard in shards:
        docs = list(process(read_shard(shard, read), engine))
        write_shard(Path(staging), shard.index, docs)
        done.append(shard.index)
    return done


def write_shard(staging: Path, index: int, docs: list[CodedDocument]) -> None:
    """Write one shard's coded documents as Parquet (events partitioned by year), with their input order."""
    now = datetime.now(UTC).replace(tzinfo=None)
    docs = [_checked(doc) for doc in docs]
    coded = [(pos, d) for pos, d in enumerate(docs) if d.rejected is None]
    first_seen: dict[str, int] = {}
    for pos, doc in coded:
        first_seen.setdefault(doc.id, pos)
    unique = [d for pos, d in coded if first_seen[d.id] == pos]  # later copies have no rows of their own
    tables = parquet.document_tables(unique, now)
    documents = parquet.document_tables([d for _, d in coded], now)["documents"]
    tables["documents"] = documents.append_column("_pos", pa.array([p for p, _ in coded], pa.int32()))
    rejected = [(pos, d.rejected if d.rejected.id else replace(d.rejected, id=d.id))
                for pos, d in enumerate(docs) if d.rejected is not None]
    rows = parquet.rejection_table([r for _, r in rejected], now)
    tables["rejections"] = rows.append_column("_pos", pa.array([p for p, _ in rejected], pa.int32()))
    events = tables.pop("events")  # _pos keeps their order across the year partitions
    _write_by_year(staging / "events", index,
                   events.append_column("_pos", pa.array(range(events.num_rows), pa.int32())))
    for table, data in tables.items():
        (staging / table).mkdir(parents=True, exist_ok=True)
        pq.write_table(data, staging / table / f"shard-{index:06d}.parquet")


def _checked(doc: CodedDocument) -> CodedDocument:
    """The document, or its ``bad_date`` rejection, as the store would decide on saving it."""
    from realpolitik.store.db import BAD_STORED_DATE

    if doc.rejected is not None:
        return doc
    for value in (doc.date, *(event.date for event in doc.events)):
        try:
            _as_date(value)
        except (TypeError, ValueError):
            detail = BAD_STORED_DATE.format(value=value)
            return replace(doc, rejected=Rejection(doc.origin, "bad_date", detail, doc.id))
    return doc


def _as_date(value: str | None) -> date | None:
    """A YYYY-MM-DD as a date."""
    return date.fromisoformat(value) if value else None


def _write_by_year(folder: Path, index: int, data: pa.Table) -> None:
    """Write a table's rows into ``folder/year=YYYY/shard-N.parquet`` files, one per year of ``date``."""
    years = pc.year(data.column("date"))
    for year in sorted(pc.unique(years).to_pylist(), key=lambda y: (y is None, y)) if data.num_rows else []:
        rows = data.filter(pc.is_null(years) if year is None else pc.equal(years, year))
        target = folder / f"year={year if year is not None else '__HIVE_DEFAULT_PARTITION__'}"
        target.mkdir(parents=True, exist_ok=True)
        pq.write_table(rows, target / f"shard-{index:06d}.parquet")


# -- 3. back on the client --------------------------------------------------------------------------


def read_back(staging: Path, index: int) -> list[CodedDocument]:
    """Rebuild one shard's CodedDocuments, in input order, from the staging folder."""
    tables = {t: _read_table(staging / t, index) for t in ("documents", "rejections", *CHILD_TABLES)}
    children: dict[str, dict[str, list[dict]]] = {t: {} for t in CHILD_TABLES}
    for table in CHILD_TABLES:
        for row in tables[table]:
            children[table].setdefault(row["doc_id"], []).append(row)
    seen: set[str] = set()
    out: list[tuple[int, CodedDocument]] = []
    for row in tables["documents"]:
        fresh = row["id"] not in seen
        seen.add(row["id"])
        out.append((row["_pos"], _document(row, *(children[t].get(row["id"], []) if fresh else []
                                                   for t in CHILD_TABLES))))
    for row in tables["rejections"]:
        rejection = Rejection(row["origin"], row["reason"], row["detail"], row["doc_id"])
        out.append((row["_pos"], CodedDocument(id=row["doc_id"], origin=row["origin"], rejected=rejection,
                                               language=None)))
    return [doc for _, doc in sorted(out, key=lambda pair: pair[0])]


def _read_table(folder: Path, index: int) -> list[dict]:
    """All rows of one shard of a staged table (across its year partitions, for events)."""
    name = f"shard-{index:06d}.parquet"
    files = sorted(folder.glob(f"year=*/{name}")) if folder.name == "events" else [folder / name]
    # ParquetFile.read skips the dataset discovery read_table does: a quarter of its CPU on small files.
    return [row for file in files for row in pq.ParquetFile(file).read(use_threads=False).to_pylist()]


NO_ACTOR = ActorRef("", None, None, None, None)  # an event's source is never empty; this keeps the type


def _ref(row: dict, prefix: str) -> ActorRef | None:
    """An ActorRef from flat columns, or None when they are all empty."""
    values = [row[f"{prefix}_{key}"] for key in ("text", "name", "country", "role", "code")]
    return None if all(v is None for v in values) else ActorRef(*values)


def _iso(value: date | None) -> str | None:
    """A date as YYYY-MM-DD."""
    return value.isoformat() if value else None


def _document(row: dict, actors: list[dict], events: list[dict], quotes: list[dict]) -> CodedDocument:
    """A CodedDocument from its staged rows."""
    return CodedDocument(
        id=row["id"], origin=row["origin"], title=row["title"], date=_iso(row["date"]), url=row["url"],
        source=row["source"], language=row["language"], text=row["text"],
        actors=tuple(Actor(a["text"], a["start_char"], a["end_char"], a["name"], a["kind"], a["country"],
                           a["role"], a["code"]) for a in sorted(actors, key=lambda a: a["idx"])),
        events=tuple(_event(e) for e in sorted(events, key=lambda e: e["_pos"])),
        quotes=tuple(Quote(q["text"], q["start_char"], q["end_char"], _ref(q, "speaker"))
                     for q in sorted(quotes, key=lambda q: q["idx"])),
    )


def _event(row: dict) -> Event:
    """An Event from its staged row."""
    return Event(
        event_id=row["event_id"], date=_iso(row["date"]), source=_ref(row, "source") or NO_ACTOR,
        target=_ref(row, "target"), symmetric=row["symmetric"], plover=row["plover"], mode=row["mode"],
        cameo=row["cameo"], quad_class=row["quad_class"], goldstein=row["goldstein"],
        modality=row["modality"], sectors=tuple(row["sectors"] or ()),
        evidence=Evidence(row["evidence_text"], row["evidence_start"], row["evidence_end"]),
        confidence=row["confidence"], coder=row["coder"], sentence_index=row["sentence_index"],
        trigger=row["trigger"], rule=row["rule"],
    )


# -- the whole run ----------------------------------------------------------------------------------


def _dask():
    """dask.bag and distributed, or a ConfigError naming the install command."""
    # Dask logs every worker start and stop at INFO; keep it to warnings (workers inherit the setting).
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    try:
        import dask.bag as bag
        import distributed
    except ImportError:
        raise ConfigError(DASK_MISSING) from None
    logging.getLogger("distributed").setLevel(os.environ["DASK_LOGGING__DISTRIBUTED"].upper())
    return bag, distributed


def _client(cluster: ClusterOptions, distributed):
    """A Dask client on a new LocalCluster or on the scheduler named."""
    if cluster.scheduler:
        try:
            return distributed.Client(cluster.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            raise ConfigError(NO_SCHEDULER.format(address=cluster.scheduler, error=error)) from None
    return distributed.Client(start_local_cluster(cluster.workers or 1))


def start_local_cluster(workers: int, **options: Any):
    """A LocalCluster of ``workers`` single-threaded processes, set up to spend its CPU on coding.

    Dask's housekeeping is slowed to what a batch job needs, since on a machine with as many
    workers as cores its CPU is taken from the coding (issue #5, item 9): an idle one-worker
    cluster used 7.5% of a core (client with scheduler 2.7%, worker 2.2%, nanny 2.6%) with the
    defaults and 2.2% with these (measured over 10 s with ``client.run``).

    Args:
        workers: Worker processes.
        **options: More LocalCluster arguments (``silence_logs``, ...).

    Raises:
        ConfigError: Dask is missing.
    """
    _, distributed = _dask()
    import dask

    with dask.config.set(QUIET_CLUSTER):  # the scheduler and the nannies' workers take it at start
        return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=":0", **options)


def code_paths_distributed(paths: Iterable[str], read: ReadOptions, cluster: ClusterOptions,
                           store_dir: Path) -> Iterator[CodedDocument]:
    """Code inputs on a Dask cluster; yield the CodedDocuments in input order, as ``code_paths`` does.

    Args:
        paths: Files, folders or "-".
        read: The run's metadata and limits.
        cluster: Where to run and how to cut the input.
        store_dir: The store's folder, under which the default staging folder is made.

    Raises:
        ConfigError: Dask is missing, or the scheduler cannot be reached.
    """
    bag, distributed = _dask()
    staging = cluster.staging or store_dir / STAGING_DIRNAME / uuid.uuid4().hex[:12]
    _check_staging(staging)
    client = _client(cluster, distributed)
    try:
        shards = plan_shards(paths, read, cluster.partition_size)
        partitions = bag.from_sequence(shards, npartitions=max(len(shards), 1)).map_partitions(
            code_partition, read, str(staging))
        futures = client.compute(partitions.to_delayed())
        finished: set[int] = set()
        next_index = 0
        for future in distributed.as_completed(futures):
            finished.update(future.result())
            while next_index in finished:
                yield from read_back(staging, next_index)
                next_index += 1
    finally:
        _close(client)
        if cluster.staging is None:
            shutil.rmtree(staging, ignore_errors=True)


def _check_staging(staging: Path) -> None:
    """The staging folder must be new or empty, and writable."""
    if staging.is_dir() and any(staging.iterdir()):
        raise ConfigError(f"--staging {staging} is not empty. Give a new or empty folder, so results of "
                          "another run are not mixed in.")
    try:
        staging.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(STAGING_UNWRITABLE.format(path=staging, error=error.strerror or error)) from None


def _close(client) -> None:
    """Close the client, and the local cluster if this run started it."""
    cluster = client.cluster
    client.close()
    if cluster is not None:
        cluster.close()
