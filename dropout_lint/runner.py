"""Linting a list of files: read, prefilter, cache, parse (in parallel when it pays), sort.

The parent process reads every file and runs the prefilter, so a file whose bytes mention
nothing an enabled rule needs costs one read and a few substring searches, and never reaches
the cache, a worker or libcst. The files left are looked up in the cache; the misses are linted
in this process when there are only a few (``PARALLEL_MIN`` or fewer, or ``--jobs 1``), else in
a pool of worker processes, in chunks, largest files first. The findings are sorted by
(file, cell, row, column, code), so the output is the same whatever the number of workers.

Ctrl-C: workers ignore SIGINT; the parent terminates them, writes no cache and re-raises
``KeyboardInterrupt``, which the CLI turns into exit 130 without a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dropout_lint.config import Effective
from dropout_lint.engine import PARSE_ERROR, FileSettings, gc_paused, lint_bytes, needs_parse, parse_error, rules_for
from dropout_lint.finding import Finding

if TYPE_CHECKING:
    from dropout_lint.cache import Cache

#: A file to lint: (display name, bytes, settings, cache key or None).
Work = tuple[str, bytes, FileSettings, str | None]
#: A file handed to a worker: (index in the work list, display name, bytes, settings).
Job = tuple[int, str, bytes, FileSettings]
#: ``progress(done, total)``
Progress = Callable[[int, int], None]

#: More files than this to parse (cache misses) and more than one job: use worker processes.
PARALLEL_MIN = 8
#: Chunks per worker: small enough to balance uneven files, large enough to amortise pickling.
CHUNKS_PER_WORKER = 4


def display_path(path: Path) -> str:
    """The path as the user will recognise it: relative to the working folder when inside it."""
    ap = os.path.abspath(path)
    cwd = os.getcwd()
    if ap == cwd or ap.startswith(cwd.rstrip(os.sep) + os.sep):
        return os.path.relpath(ap, cwd).replace(os.sep, "/")
    return str(path)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def lint_file(path: Path, eff: Effective, stats: dict | None = None) -> list[Finding]:
    name = display_path(path)
    settings = eff.for_file(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        if PARSE_ERROR not in settings.enabled:
            return []
        return [parse_error(name, f"cannot read: {exc.strerror or exc}")]
    return _lint_paused(data, name, settings, stats)


def _lint_paused(data: bytes, name: str, settings: FileSettings, stats: dict | None = None) -> list[Finding]:
    with gc_paused():
        return lint_bytes(data, name, settings, stats=stats)


def lint_files(
    files: list[Path],
    eff: Effective,
    stats: dict | None = None,
    *,
    jobs: int | None = None,
    cache: Cache | None = None,
    progress: Progress | None = None,
) -> list[Finding]:
    """Lint ``files``; ``cache`` is a ``dropout_lint.cache.Cache`` or None; ``jobs`` None = cores.

    ``stats`` (if given) counts "files", "prefiltered" (skipped without parsing), "cached"
    (served by the cache) and "parsed" (files handed to the parser, here or in workers).
    ``progress(done, total)`` is called as parsed files finish (``dropout_lint.progress.Bar``).
    """
    if stats is None:
        stats = {}
    for k in ("files", "prefiltered", "cached", "parsed"):
        stats.setdefault(k, 0)
    findings: list[Finding] = []
    work: list[Work] = []
    rules_memo: dict[frozenset, list] = {}
    for path in files:
        stats["files"] += 1
        name = display_path(path)
        settings = eff.for_file(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            if PARSE_ERROR in settings.enabled:
                findings.append(parse_error(name, f"cannot read: {exc.strerror or exc}"))
            continue
        rules = rules_memo.get(settings.enabled)
        if rules is None:
            rules = [r for r in rules_for(settings.enabled) if r.code != PARSE_ERROR]
            rules_memo[settings.enabled] = rules
        if not rules or not needs_parse(data, rules):
            stats["prefiltered"] += 1
            continue
        key = None
        if cache is not None and cache.covers(path):
            from dropout_lint.cache import entry_key

            from dropout_lint.analysis.project_modules import data_stamp

            key = entry_key(data, name.endswith(".ipynb"), settings.key(), data_stamp(name, data))
            hit = cache.get(key, name)
            if hit is not None:
                stats["cached"] += 1
                findings.extend(hit)
                continue
        work.append((name, data, settings, key))

    jobs = default_jobs() if not jobs or jobs < 1 else jobs
    if len(work) > PARALLEL_MIN and jobs > 1:
        results = _lint_parallel(work, jobs, progress)
    else:
        results = []
        for name, data, settings, _ in work:
            results.append(_lint_one(name, data, settings))
            if progress is not None:
                progress(len(results), len(work))
    stats["parsed"] += len(work)
    for (name, _data, _settings, key), found in zip(work, results):
        if cache is not None and key is not None:
            cache.put(key, found)
        findings.extend(found)
    findings.sort(key=Finding.sort_key)
    return findings


def _lint_one(name: str, data: bytes, settings: FileSettings) -> list[Finding]:
    return _lint_paused(data, name, settings)


# ---- worker processes ----------------------------------------------------------------------


def _worker_init() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C


def _worker_chunk(chunk: list[Job]) -> list[tuple[int, list[Finding]]]:
    return [(i, _lint_paused(data, name, settings)) for i, name, data, settings in chunk]


def _chunks(work: list[Work], n_workers: int) -> list[list[Job]]:
    """Split work into about ``n_workers * CHUNKS_PER_WORKER`` chunks of similar byte size.

    Largest files first, each into the currently lightest chunk (greedy), and the chunks are
    submitted heaviest first so no worker is left with a big file at the end.
    """
    n = max(1, min(len(work), n_workers * CHUNKS_PER_WORKER))
    order = sorted(range(len(work)), key=lambda i: -len(work[i][1]))
    chunks: list[list[Job]] = [[] for _ in range(n)]
    weights = [0] * n
    for i in order:
        j = min(range(n), key=weights.__getitem__)
        name, data, settings, _ = work[i]
        chunks[j].append((i, name, data, settings))
        weights[j] += len(data) + 2000  # a fixed cost per file
    pairs = sorted(zip(weights, range(n)), reverse=True)
    return [chunks[j] for _, j in pairs if chunks[j]]


def _lint_parallel(work: list[Work], jobs: int, progress: Progress | None = None) -> list[list[Finding]]:
    import multiprocessing

    # Import the analysis before forking so every worker inherits it instead of importing it.
    import dropout_lint.analysis  # noqa: F401

    workers = min(jobs, len(work))
    chunks = _chunks(work, workers)
    results: list[list[Finding] | None] = [None] * len(work)
    pool = multiprocessing.Pool(workers, initializer=_worker_init)
    try:
        done = 0
        for part in pool.imap_unordered(_worker_chunk, chunks):
            for i, found in part:
                results[i] = found
            done += len(part)
            if progress is not None:
                progress(done, len(work))
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    return [r if r is not None else [] for r in results]
