"""Performance machinery: prefilter, lazy imports, worker processes, the findings cache, Ctrl-C.

These tests check behaviour (what is parsed, what is imported, what is written), never time:
speed is measured by ``benchmarks/bench.py``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dropout_lint import config as config_mod
from dropout_lint.cache import CACHE_DIR, Cache
from dropout_lint.engine import FileSettings, lint_bytes, needs_parse
from dropout_lint.rule import all_rules
from dropout_lint.runner import lint_files
from conftest import as_in_a_terminal

KERAS = textwrap.dedent(
    """\
    import keras
    from keras import layers

    RATE = {rate}

    def build(units={units}):
        model = keras.Sequential([
            layers.Dense(units, activation="relu"),
            layers.Dropout(RATE),
            layers.Dropout(0.{n}),
            layers.BatchNormalization(),
            layers.Dense(10),
            layers.Dropout(0.5),
        ])
        return model
    """
)
PLAIN = "def add(a, b):\n    return a + b\n\nprint(add({n}, 2))\n"


def make_tree(root: Path, n_keras: int = 12, n_plain: int = 12) -> list[Path]:
    files = []
    for i in range(n_keras):
        p = root / "models" / f"m{i:03d}.py"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(KERAS.format(rate=[0.9, 0.0, 1.5, 0.3][i % 4], units=16 + i, n=i % 10))
        files.append(p)
    for i in range(n_plain):
        p = root / "lib" / f"u{i:03d}.py"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(PLAIN.format(n=i))
        files.append(p)
    return sorted(files)


def effective(root: Path):
    return config_mod.effective(config_mod.Config(root=root))


def as_json(findings):
    return [f.as_json() for f in findings]


# ---- prefilter ----------------------------------------------------------------------------------


def test_prefilter_skips_files_without_required_substrings():
    settings = FileSettings(frozenset(all_rules()))
    stats: dict = {}
    assert lint_bytes(b"def f(x):\n    return x + 1\n", "a.py", settings, stats=stats) == []
    assert stats.get("parsed", 0) == 0
    found = lint_bytes(b"import keras\nkeras.layers.Dropout(0.95)\n", "b.py", settings, stats=stats)
    assert stats["parsed"] == 1 and [f.code for f in found] == ["DL202"]
    # A syntax error in a file no rule could fire on is not parsed, hence not reported.
    assert lint_bytes(b"def (:\n", "c.py", settings, stats=stats) == [] and stats["parsed"] == 1


def test_every_rule_declares_a_prefilter_that_lets_its_invalid_examples_through():
    """A rule whose ``requires`` misses one of its own invalid examples would never fire on it."""
    for code, rule in all_rules().items():
        if code == "DL000":
            continue
        assert rule.requires, f"{code} declares no prefilter substrings"
        for ex in rule.invalid:
            src = textwrap.dedent(ex.code if hasattr(ex, "code") else ex).encode()
            assert needs_parse(src, [rule]), f"{code}: prefilter {rule.requires} rejects an invalid example"
            assert not rule.requires_text or any(t.encode() in src for t in rule.requires_text), code


def test_lint_files_counts_parses(tmp_path):
    files = make_tree(tmp_path, n_keras=5, n_plain=7)
    stats: dict = {}
    lint_files(files, effective(tmp_path), stats, jobs=1)
    assert stats["files"] == 12 and stats["prefiltered"] == 7 and stats["parsed"] == 5


# ---- lazy imports -------------------------------------------------------------------------------

PROBE = (
    "import sys\nfrom dropout_lint.cli import main\n"
    "try:\n    main({args!r})\nexcept SystemExit as e:\n    code = e.code\n"
    "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('libcst', 'tensorflow', 'keras'))\n"
    "assert not heavy, heavy[:5]\n"
)


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["--list-rules"], ["plain.py"]])
def test_no_libcst_or_tensorflow_import(tmp_path, args):
    (tmp_path / "plain.py").write_text("print('hello')\n")
    r = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr + r.stdout


# ---- worker processes ---------------------------------------------------------------------------


def test_parallel_output_identical_to_serial(tmp_path):
    files = make_tree(tmp_path, n_keras=40, n_plain=10)
    (tmp_path / "models" / "broken.py").write_text("import keras\nkeras.layers.Dropout(0.5\n")
    files.append(tmp_path / "models" / "broken.py")
    eff = effective(tmp_path)
    s1: dict = {}
    s2: dict = {}
    serial = as_json(lint_files(files, eff, s1, jobs=1))
    parallel = as_json(lint_files(list(reversed(files)), eff, s2, jobs=3))
    assert serial and serial == parallel
    assert s1["parsed"] == s2["parsed"] == 41
    assert {f["code"] for f in serial} >= {"DL000", "DL101", "DL102", "DL103", "DL201", "DL202", "DL203"}
    keys = [(f["filename"], f["location"]["row"], f["location"]["column"], f["code"]) for f in serial]
    assert keys == sorted(keys)


def test_cli_jobs_output_identical(cli, tmp_path):
    make_tree(tmp_path, n_keras=30, n_plain=5)
    one = cli("--no-cache", "--jobs", "1", "--output-format", "json", ".", cwd=tmp_path)
    two = cli("--no-cache", "--jobs", "2", "--output-format", "json", ".", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and json.loads(one.stdout)
    assert cli("--jobs", "0", ".", cwd=tmp_path).returncode == 2


# ---- cache --------------------------------------------------------------------------------------


def test_warm_run_parses_nothing_and_gives_the_same_findings(tmp_path):
    files = make_tree(tmp_path, n_keras=15, n_plain=5)
    eff = effective(tmp_path)
    cold_stats: dict = {}
    cache = Cache(tmp_path)
    cold = as_json(lint_files(files, eff, cold_stats, cache=cache))
    cache.save()
    assert cold_stats["parsed"] == 15 and (tmp_path / CACHE_DIR / "v1" / "findings.json").is_file()
    warm_stats: dict = {}
    cache = Cache(tmp_path)
    warm = as_json(lint_files(files, eff, warm_stats, cache=cache))
    assert warm == cold
    assert warm_stats["parsed"] == 0 and warm_stats["cached"] == 15
    # An edited file is parsed again, the others still come from the cache.
    model = next(p for p in files if p.parent.name == "models")
    model.write_text(model.read_text().replace("Dense(10)", "Dense(11)"))
    stats: dict = {}
    lint_files(files, eff, stats, cache=Cache(tmp_path))
    assert stats["parsed"] == 1 and stats["cached"] == 14


def test_cache_key_includes_settings(tmp_path):
    files = make_tree(tmp_path, n_keras=3, n_plain=0)
    cache = Cache(tmp_path)
    default = lint_files(files, effective(tmp_path), cache=cache)
    cache.save()
    cfg = config_mod.Config(root=tmp_path)
    strict = config_mod.effective(cfg, options={"max-rate": 0.2})
    stats: dict = {}
    found = lint_files(files, strict, stats, cache=Cache(tmp_path))
    assert stats["parsed"] == 3  # other options: other entries
    n202 = lambda fs: sum(f.code == "DL202" for f in fs)  # noqa: E731
    assert n202(found) > n202(default)
    only = config_mod.effective(cfg, select=["DL203"])
    stats = {}
    found = lint_files(files, only, stats, cache=Cache(tmp_path))
    assert stats["parsed"] == 3 and {f.code for f in found} == {"DL203"}


def test_cli_cache_dir_no_cache_and_outside_root(cli, tmp_path):
    proj = tmp_path / "proj"
    make_tree(proj, n_keras=4, n_plain=2)
    (proj / "pyproject.toml").write_text("[tool.dropout-lint]\n")
    first = cli(".", cwd=proj)
    cache_dir = proj / CACHE_DIR
    assert cache_dir.is_dir() and (cache_dir / ".gitignore").read_text().strip().endswith("*")
    second = cli(".", cwd=proj)
    assert first.stdout == second.stdout and first.returncode == second.returncode == 1
    # --no-cache (and DROPOUT_LINT_NO_CACHE) neither read nor create a cache.
    other = tmp_path / "other"
    make_tree(other, n_keras=2, n_plain=0)
    (other / "pyproject.toml").write_text("[tool.dropout-lint]\n")
    assert cli("--no-cache", ".", cwd=other).returncode == 1
    assert cli(".", cwd=other, env={"DROPOUT_LINT_NO_CACHE": "1"}).returncode == 1
    assert not (other / CACHE_DIR).exists()
    # A file outside the project root is linted but not cached, and nothing is written near it.
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "m.py").write_text(KERAS.format(rate=0.9, units=3, n=1))
    before = (cache_dir / "v1" / "findings.json").read_bytes()
    r = cli(str(outside / "m.py"), cwd=proj)
    assert r.returncode == 1 and "DL202" in r.stdout
    assert (cache_dir / "v1" / "findings.json").read_bytes() == before
    assert not (outside / CACHE_DIR).exists()


def test_corrupt_or_foreign_cache_file_is_ignored_and_replaced(tmp_path):
    files = make_tree(tmp_path, n_keras=3, n_plain=0)
    eff = effective(tmp_path)
    path = tmp_path / CACHE_DIR / "v1" / "findings.json"
    path.parent.mkdir(parents=True)
    for junk in (b"{not json", b'{"tool": "other", "entries": {}}', b"[]", b'{"tool": null}'):
        path.write_bytes(junk)
        cache = Cache(tmp_path)
        stats: dict = {}
        found = lint_files(files, eff, stats, cache=cache)
        cache.save()
        assert stats["parsed"] == 3 and found
        assert json.loads(path.read_text())["tool"] == cache.tool
    # A broken entry (valid JSON, wrong shape) is a miss, not a crash.
    data = json.loads(path.read_text())
    for v in data["entries"].values():
        v[1] = [{"code": "DL202"}]
    path.write_text(json.dumps(data))
    stats = {}
    found2 = lint_files(files, eff, stats, cache=Cache(tmp_path))
    assert stats["parsed"] == 3 and as_json(found2) == as_json(found)


def test_cache_size_is_bounded(tmp_path, monkeypatch):
    import dropout_lint.cache as cache_mod

    monkeypatch.setattr(cache_mod, "MAX_ENTRIES", 5)
    files = make_tree(tmp_path, n_keras=12, n_plain=0)
    cache = Cache(tmp_path)
    lint_files(files, effective(tmp_path), cache=cache)
    cache.save()
    data = json.loads((tmp_path / CACHE_DIR / "v1" / "findings.json").read_text())
    assert len(data["entries"]) == 5
    # Entries unused for longer than MAX_AGE_DAYS are dropped.
    for v in data["entries"].values():
        v[0] -= cache_mod.MAX_AGE_DAYS + 1
    (tmp_path / CACHE_DIR / "v1" / "findings.json").write_text(
        json.dumps({"tool": data["tool"], "entries": data["entries"]})
    )
    cache = Cache(tmp_path)
    lint_files(files[:2], effective(tmp_path), cache=cache)
    cache.save()
    data = json.loads((tmp_path / CACHE_DIR / "v1" / "findings.json").read_text())
    assert len(data["entries"]) == 2


def test_concurrent_runs_leave_a_valid_cache(tmp_path):
    make_tree(tmp_path, n_keras=20, n_plain=5)
    env = dict(os.environ)
    env.pop("DROPOUT_LINT_NO_CACHE", None)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "dropout_lint", "--output-format", "json", "."],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(4)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 1 for p in procs), [o[1] for o in outs]
    assert len({o[0] for o in outs}) == 1
    folder = tmp_path / CACHE_DIR / "v1"
    assert [p.name for p in folder.iterdir()] == ["findings.json"]  # no temporary file left
    data = json.loads((folder / "findings.json").read_text())
    assert len(data["entries"]) == 20


def test_unwritable_cache_location_means_no_cache_not_an_error(cli, tmp_path):
    make_tree(tmp_path, n_keras=2, n_plain=0)
    (tmp_path / CACHE_DIR).write_text("a file where the cache folder would go\n")
    cache = Cache(tmp_path)
    found = lint_files(sorted(tmp_path.rglob("*.py")), effective(tmp_path), cache=cache)
    cache.save()  # cannot create the folder: silently no cache
    assert found and (tmp_path / CACHE_DIR).is_file()
    r = cli(".", cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr and r.stderr == ""


# ---- Ctrl-C -------------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the workers through /proc (Linux)")
def test_ctrl_c_in_the_worker_pool_exits_130_cleanly(tmp_path):
    big = KERAS + "".join(
        f"\ndef block_{i}(x):\n    y = layers.Dense({i + 1})(x)\n    y = layers.Dropout(0.{i % 9 + 1})(y)\n    return y\n"
        for i in range(150)
    )
    for i in range(120):
        (tmp_path / f"m{i:03d}.py").write_text(big.format(rate=0.3, units=i + 1, n=1))
    env = dict(os.environ)
    env.pop("DROPOUT_LINT_NO_CACHE", None)
    p = subprocess.Popen(
        [sys.executable, "-m", "dropout_lint", "--jobs", "2", "."],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
        preexec_fn=as_in_a_terminal,
    )
    # Wait until the workers run (the parent has children), then press Ctrl-C for the group.
    deadline = time.time() + 60
    while time.time() < deadline and p.poll() is None:
        try:
            kids = Path(f"/proc/{p.pid}/task/{p.pid}/children").read_text().split()
        except OSError:
            kids = []
        if len(kids) >= 2:
            break
        time.sleep(0.05)
    assert p.poll() is None, "the run finished before it could be interrupted: make the corpus bigger"
    time.sleep(0.3)
    os.killpg(p.pid, signal.SIGINT)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 130, (out, err)
    assert "Traceback" not in err and "interrupted" in err
    assert not (tmp_path / CACHE_DIR).exists()  # nothing written, so nothing half-written
