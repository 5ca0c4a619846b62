"""Issue 18: the findings cache is never trusted blindly.

Whatever sits at the cache path (odd entry shapes, an edited or moved entry, a symlink to
/dev/zero, a FIFO, a huge or deeply nested file), a run gives the findings of a clean run:
no traceback, no hang, no injected or hidden finding.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dropout_lint import config as config_mod
from dropout_lint.cache import CACHE_DIR, Cache
from dropout_lint.runner import lint_files

BUGGY = "from keras import layers\nd = layers.Dropout(0.95)\n"  # DL202 at row 2
CLEAN = "from keras import layers\nd = layers.Dropout(0.3)\n"


def project(tmp_path: Path) -> list[Path]:
    (tmp_path / "pyproject.toml").write_text("[tool.dropout-lint]\n", encoding="utf-8")
    (tmp_path / "buggy.py").write_text(BUGGY, encoding="utf-8")
    (tmp_path / "clean.py").write_text(CLEAN, encoding="utf-8")
    return [tmp_path / "buggy.py", tmp_path / "clean.py"]


def run(files, tmp_path, stats=None):
    cache = Cache(tmp_path)
    found = lint_files(files, config_mod.effective(config_mod.Config(root=tmp_path)), stats, cache=cache)
    cache.save()
    return [(f.filename, f.code, f.start.row, f.message) for f in found]


def cache_file(tmp_path: Path) -> Path:
    return tmp_path / CACHE_DIR / "v1" / "findings.json"


def filled(tmp_path: Path):
    files = project(tmp_path)
    expected = run(files, tmp_path)
    assert [c for _, c, _, _ in expected] == ["DL202"]
    return files, expected, json.loads(cache_file(tmp_path).read_text())


def cli(tmp_path: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("DROPOUT_LINT_NO_CACHE", None)
    return subprocess.run(
        [sys.executable, "-m", "dropout_lint", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


@pytest.mark.parametrize(
    "shape",
    [
        "x",
        5,
        None,
        [],
        [1],
        [1, 2],
        ["day", [], "c"],
        [True, [], "c"],
        [1, "findings", "c"],
        [1, [{"code": "DL999"}], 7],
        [1, [[1, 2]], "c"],
        {"a": 1},
    ],
)
def test_odd_entry_shapes_are_dropped_and_recomputed(tmp_path, shape):
    files, expected, data = filled(tmp_path)
    for k in data["entries"]:
        data["entries"][k] = shape
    cache_file(tmp_path).write_text(json.dumps(data))
    stats: dict = {}
    assert run(files, tmp_path, stats) == expected
    assert stats["parsed"] == 2 and stats["cached"] == 0
    # ... and the rewritten cache is valid again.
    stats = {}
    assert run(files, tmp_path, stats) == expected and stats["cached"] == 2


def test_odd_shapes_through_the_command_have_no_traceback(tmp_path):
    files, expected, data = filled(tmp_path)
    clean = cli(tmp_path)
    for k in data["entries"]:
        data["entries"][k] = [1, [[1, 2]], "c"]  # crashed every later run (AttributeError)
    cache_file(tmp_path).write_text(json.dumps(data))
    r = cli(tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (clean.returncode, clean.stdout, "")


def test_edited_entry_cannot_inject_or_hide_a_finding(tmp_path):
    files, expected, data = filled(tmp_path)
    entries = data["entries"]
    buggy_key = next(k for k, v in entries.items() if v[1])
    clean_key = next(k for k, v in entries.items() if not v[1])
    # Inject: the clean file's entry gets the buggy one's finding; hide: the buggy entry is emptied;
    # and the buggy entry's message is edited.
    injected = dict(entries)
    injected[clean_key] = [entries[clean_key][0], entries[buggy_key][1], entries[clean_key][2]]
    hidden = dict(entries)
    hidden[buggy_key] = [entries[buggy_key][0], [], entries[buggy_key][2]]
    moved = dict(entries)  # a valid entry copied under another key (its checksum is bound to it)
    moved[buggy_key] = entries[clean_key]
    edited = json.loads(json.dumps(entries))
    edited[buggy_key][1][0]["message"] = "all good"
    for case in (injected, hidden, moved, edited):
        cache_file(tmp_path).write_text(json.dumps({"tool": data["tool"], "entries": case}))
        stats: dict = {}
        assert run(files, tmp_path, stats) == expected
        assert stats["parsed"] == 1 and stats["cached"] == 1


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "folder", "nested"])
def test_odd_cache_file_is_ignored_without_hang_or_traceback(tmp_path, kind):
    files = project(tmp_path)
    clean = cli(tmp_path)  # fills the cache
    path = cache_file(tmp_path)
    path.unlink()
    if kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.write_text("[" * 200_000 + "]" * 200_000)
    r = cli(tmp_path, timeout=60)  # a FIFO read by a plain open() would block here forever
    assert (r.returncode, r.stdout, r.stderr) == (clean.returncode, clean.stdout, "")
    stats: dict = {}
    assert [c for _, c, _, _ in run(files, tmp_path, stats)] == ["DL202"]


def test_cache_file_over_the_size_limit_is_not_read(tmp_path, monkeypatch):
    import dropout_lint.cache as cache_mod

    files, expected, data = filled(tmp_path)
    assert Cache(tmp_path).entries  # read
    monkeypatch.setattr(cache_mod, "MAX_FILE_BYTES", cache_file(tmp_path).stat().st_size - 1)
    assert Cache(tmp_path).entries == {}  # one byte over: not read at all
    stats: dict = {}
    assert run(files, tmp_path, stats) == expected and stats["parsed"] == 2
