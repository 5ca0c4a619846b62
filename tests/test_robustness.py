"""Issue 8: bad input never crashes the run, never loses a finding, never corrupts a file.

Each input runs through the real command in a subprocess (``run_cli``): a crash in the native
parser (SIGSEGV) or a traceback would only show up there.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run_cli, as_in_a_terminal

# A model whose only finding is DL101 at row 3 (the Dropout call starts at column 5).
MODEL = "from keras import layers\nimport keras\nm = keras.Sequential([layers.Dense(3),\n    layers.Dropout(0.5)])\n"


def write(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def findings(tmp_path: Path, *args: str, cwd=None):
    r = run_cli("--output-format", "json", *args, cwd=cwd or tmp_path)
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode in (0, 1, 2), (r.returncode, r.stderr)
    return r, json.loads(r.stdout) if r.stdout.strip() else []


def codes_at(items):
    return sorted((f["filename"], f["code"], f["location"]["row"], f["location"]["column"]) for f in items)


def no_traceback(r):
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout, r.stderr
    assert r.returncode >= 0, f"killed by signal {-r.returncode}"


# ---------------------------------------------------------------------------- syntax, empty
def test_syntax_error_is_dl000_and_other_files_still_linted(tmp_path):
    write(tmp_path / "bad.py", "from keras.layers import Dropout\ndef f(:\n    Dropout(0.9)\n")
    write(tmp_path / "good.py", MODEL)
    r, items = findings(tmp_path, ".")
    assert r.returncode == 1
    assert codes_at(items) == [("bad.py", "DL000", 2, 7), ("good.py", "DL101", 4, 5)]


def test_empty_file(tmp_path):
    write(tmp_path / "empty.py", b"")
    r, items = findings(tmp_path, "empty.py")
    assert r.returncode == 0 and items == []


# ---------------------------------------------------------------------------- encodings
def test_latin1_coding_line_linted_with_right_rows(tmp_path):
    src = "# -*- coding: latin-1 -*-\n# café été\ns = 'déjà'\n" + MODEL
    write(tmp_path / "latin.py", src.encode("latin-1"))
    r, items = findings(tmp_path, "latin.py")
    assert codes_at(items) == [("latin.py", "DL101", 7, 5)]
    # the message quotes the source correctly decoded, and --fix keeps latin-1
    r = run_cli("--fix", "--unsafe-fixes", "latin.py", cwd=tmp_path)
    no_traceback(r)
    out = (tmp_path / "latin.py").read_bytes()
    assert "déjà".encode("latin-1") in out and "Dropout" not in out.decode("latin-1")
    compile(out, "latin.py", "exec")


def test_utf8_bom(tmp_path):
    write(tmp_path / "bom.py", b"\xef\xbb\xbf" + MODEL.encode())
    r, items = findings(tmp_path, "bom.py")
    assert codes_at(items) == [("bom.py", "DL101", 4, 5)]
    r = run_cli("--fix", "--unsafe-fixes", "bom.py", cwd=tmp_path)
    no_traceback(r)
    out = (tmp_path / "bom.py").read_bytes()
    assert out.startswith(b"\xef\xbb\xbf") and b"Dropout" not in out
    compile(out, "bom.py", "exec")


def test_invalid_utf8_without_coding_line_is_dl000(tmp_path):
    write(tmp_path / "bad.py", b"from keras import layers\nx = 1\n# \xff\xfe oops\n" + MODEL.encode())
    write(tmp_path / "good.py", MODEL)
    r, items = findings(tmp_path, ".")
    assert codes_at(items) == [("bad.py", "DL000", 3, 1), ("good.py", "DL101", 4, 5)]
    assert "decode" in items[0]["message"]


@pytest.mark.parametrize("nl", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_cr_rows_and_columns(tmp_path, nl):
    src = "from keras import layers\nimport keras\n\nm = keras.Sequential([layers.Dense(3),\n      layers.Dropout(0.5)])\n"
    write(tmp_path / "m.py", src.replace("\n", nl))
    r, items = findings(tmp_path, "m.py")
    assert codes_at(items) == [("m.py", "DL101", 5, 7)]
    assert items[0]["end_location"] == {"row": 5, "column": 26}
    r = run_cli("--fix", "--unsafe-fixes", "m.py", cwd=tmp_path)
    no_traceback(r)
    out = (tmp_path / "m.py").read_bytes().decode()
    assert "Dropout" not in out
    assert out.count(nl) == out.count("\n" if nl == "\r\n" else "\r") and (nl == "\r" or "\r\n" in out)
    compile(out, "m.py", "exec")
    assert run_cli("--fix", "--unsafe-fixes", "m.py", cwd=tmp_path).returncode == 0
    assert (tmp_path / "m.py").read_bytes().decode() == out


def test_form_feeds_and_tabs(tmp_path):
    src = "from keras import layers\nimport keras\n\x0c\ndef build():\n\treturn keras.Sequential([\n\t\tlayers.Dense(3),\n\t\tlayers.Dropout(0.5)])\n"
    write(tmp_path / "t.py", src)
    r, items = findings(tmp_path, "t.py")
    # columns count characters, a tab is one (as Ruff and the LSP do)
    assert codes_at(items) == [("t.py", "DL101", 7, 3)]


# ---------------------------------------------------------------------------- binary junk, nesting, size
def test_nul_byte_junk(tmp_path):
    write(tmp_path / "junk.py", b"Dropout\x00\x01\x02\xff\xfe junk \x00\x00 Sequential" * 50)
    write(tmp_path / "junk2.py", b"from keras import layers\nlayers.Dropout(0.9)\x00\n")
    write(tmp_path / "good.py", MODEL)
    r, items = findings(tmp_path, ".")
    assert codes_at(items) == [("good.py", "DL101", 4, 5), ("junk.py", "DL000", 1, 1), ("junk2.py", "DL000", 2, 1)]
    assert all("NUL" in f["message"] for f in items if f["code"] == "DL000")


def test_3000_deep_parentheses_no_crash(tmp_path):
    deep = "(" * 3000 + "1" + ")" * 3000
    write(tmp_path / "deep.py", "from keras import layers\nd = layers.Dropout(0.5)\nx = " + deep + "\n")
    write(
        tmp_path / "deep_list.py",
        "from keras import layers\nd = layers.Dropout(0.5)\nx = " + "[" * 3000 + "]" * 3000 + "\n",
    )
    write(tmp_path / "good.py", MODEL)
    r, items = findings(tmp_path, ".")
    no_traceback(r)
    assert "RecursionError" not in r.stderr
    got = codes_at(items)
    assert ("good.py", "DL101", 4, 5) in got
    assert [g[:2] for g in got if g[0].startswith("deep")] == [("deep.py", "DL000"), ("deep_list.py", "DL000")]
    assert "nested" in items[0]["message"]


def test_deep_but_valid_code_keeps_its_findings(tmp_path):
    """CPython accepts a 1,500-branch elif chain and a 600-term sum: the finding after them is found."""
    src = (
        "from keras import layers\nimport keras\nif a:\n    pass\n"
        + "elif a:\n    pass\n" * 1500
        + "x = "
        + " + ".join(["a"] * 600)
        + "\n"
        + MODEL
    )
    write(tmp_path / "deep.py", src)
    r, items = findings(tmp_path, "deep.py")
    assert "RecursionError" not in r.stderr and "skipped" not in r.stderr, r.stderr
    assert codes_at(items) == [("deep.py", "DL101", 3009, 5)]


def test_60000_line_file_finding_at_the_end(tmp_path):
    lines = ["from keras import layers", "import keras"]
    # generated filler: one statement in ten, comments between (keeps the test fast on a busy CI box)
    lines += [f"# filler line {i}: v{i} = {i} * 2" if i % 10 else f"v{i} = {i} * 2" for i in range(59_995)]
    lines += MODEL.splitlines()[2:]
    lines.append("")
    write(tmp_path / "big.py", "\n".join(lines))
    assert len(lines) >= 60_000
    r, items = findings(tmp_path, "big.py")
    assert codes_at(items) == [("big.py", "DL101", 59_999, 5)]


# ---------------------------------------------------------------------------- notebooks
def _nb(cells) -> str:
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_notebooks(tmp_path):
    write(tmp_path / "broken.ipynb", '{"cells": [{"cell_type": "code", "source": "layers.Dropout(0.9)"')
    write(tmp_path / "empty.ipynb", b"")
    write(tmp_path / "empty_dropout.ipynb", b"  \n")
    write(tmp_path / "nocells.ipynb", _nb([]).replace('"metadata": {}', '"metadata": {"note": "Dropout"}'))
    write(tmp_path / "listtop.ipynb", json.dumps(["Dropout"]))
    code = {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": []}
    write(
        tmp_path / "strsource.ipynb",
        _nb([{"cell_type": "markdown", "metadata": {}, "source": "# Dropout"}, dict(code, source=MODEL)]),
    )
    write(tmp_path / "good.py", MODEL)
    r, items = findings(tmp_path, ".")
    got = sorted((f["filename"], f["code"], f["cell"], f["location"]["row"]) for f in items)
    assert got == [
        ("broken.ipynb", "DL000", None, 1),
        ("good.py", "DL101", None, 4),
        ("listtop.ipynb", "DL000", None, 1),
        ("strsource.ipynb", "DL101", 2, 4),
    ]
    # --fix on the string-source notebook: still valid JSON, source still a string, fixed
    r = run_cli("--fix", "--unsafe-fixes", "strsource.ipynb", cwd=tmp_path)
    no_traceback(r)
    nb = json.loads((tmp_path / "strsource.ipynb").read_text())
    assert isinstance(nb["cells"][1]["source"], str) and "Dropout" not in nb["cells"][1]["source"]
    compile(nb["cells"][1]["source"], "cell", "exec")


# ---------------------------------------------------------------------------- filesystem
@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this platform")
def test_symlink_loop_and_dangling_symlink(tmp_path):
    write(tmp_path / "pkg" / "m.py", MODEL)
    os.symlink(tmp_path / "pkg", tmp_path / "pkg" / "loop")  # pkg/loop -> pkg
    os.symlink(tmp_path / "a", tmp_path / "b")
    os.symlink(tmp_path / "b", tmp_path / "a")  # a <-> b: a loop of links
    os.symlink(tmp_path / "nowhere.py", tmp_path / "pkg" / "dangling.py")
    start = time.monotonic()
    r, items = findings(tmp_path, ".")
    assert time.monotonic() - start < 120
    assert codes_at(items) == [("pkg/m.py", "DL101", 4, 5)]
    # a dangling link named on the command line is a missing path
    r, items = findings(tmp_path, "pkg/dangling.py", "pkg/m.py")
    assert r.returncode == 2 and "pkg/dangling.py" in r.stderr
    assert codes_at(items) == [("pkg/m.py", "DL101", 4, 5)]


def test_unreadable_folder(tmp_path):
    write(tmp_path / "locked" / "m.py", MODEL)
    write(tmp_path / "open" / "m.py", MODEL)
    os.chmod(tmp_path / "locked", 0)
    try:
        r, items = findings(tmp_path, ".")
    finally:
        os.chmod(tmp_path / "locked", 0o755)
    got = codes_at(items)
    assert ("open/m.py", "DL101", 4, 5) in got
    if os.geteuid() == 0:  # root reads the folder anyway: it is linted like any other
        assert ("locked/m.py", "DL101", 4, 5) in got
    else:
        assert "locked" in r.stderr and "permission denied" in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1


def test_unreadable_file(tmp_path):
    write(tmp_path / "locked.py", MODEL)
    write(tmp_path / "m.py", MODEL)
    os.chmod(tmp_path / "locked.py", 0)
    try:
        r, items = findings(tmp_path, ".")
    finally:
        os.chmod(tmp_path / "locked.py", 0o644)
    got = codes_at(items)
    assert ("m.py", "DL101", 4, 5) in got
    if os.geteuid() == 0:
        assert ("locked.py", "DL101", 4, 5) in got
    else:
        assert ("locked.py", "DL000", 1, 1) in got


def test_path_given_twice_is_linted_once(tmp_path):
    write(tmp_path / "m.py", MODEL)
    r, items = findings(tmp_path, "m.py", "m.py", "./m.py", ".", str(tmp_path / "m.py"))
    assert len(items) == 1


def test_missing_path_next_to_good_ones(tmp_path):
    write(tmp_path / "a.py", MODEL)
    write(tmp_path / "d" / "b.py", MODEL)
    r, items = findings(tmp_path, "a.py", "nope.py", "d")
    assert r.returncode == 2
    assert r.stderr.strip() == "dropout-lint: nope.py: no such file or folder"
    assert codes_at(items) == [("a.py", "DL101", 4, 5), ("d/b.py", "DL101", 4, 5)]


# ---------------------------------------------------------------------------- config
@pytest.mark.parametrize(
    "body, words",
    [
        ("[tool.dropout-lint]\nselect = [DL101\n", ["invalid TOML"]),
        ('[tool.dropout-lint]\nselect = ["DL101", "DL999"]\n', ["select", "DL999"]),
        ('[tool.dropout-lint]\nmax-rate = "high"\n', ["max-rate", "number"]),
        ("[tool.dropout-lint]\nmax-rate = true\n", ["max-rate"]),
        ('[tool.dropout-lint]\nselect = "DL101"\n', ["select", "list"]),
    ],
    ids=["broken-toml", "unknown-code", "max-rate-string", "max-rate-bool", "select-string"],
)
def test_config_errors_exit_2_with_one_line(tmp_path, body, words):
    write(tmp_path / "pyproject.toml", body)
    write(tmp_path / "m.py", MODEL)
    r = run_cli("m.py", cwd=tmp_path)
    no_traceback(r)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "pyproject.toml" in lines[0]
    for w in words:
        assert w in lines[0], lines[0]


# ---------------------------------------------------------------------------- Ctrl-C
def _tree(root: Path, n: int) -> dict[Path, bytes]:
    body = "".join(f"def helper_{i}(x):\n    return x * {i} + {i}\n\n" for i in range(150))
    files = {}
    for i in range(n):
        p = write(root / f"pkg{i % 10}" / f"mod{i}.py", body + MODEL)
        files[p] = p.read_bytes()
    return files


@pytest.mark.parametrize("fix", [False, True], ids=["lint", "fix"])
def test_ctrl_c_exits_130_cleanly(tmp_path, fix):
    files = _tree(tmp_path, 400)
    env = dict(os.environ)
    env.pop("DROPOUT_LINT_NO_CACHE", None)
    args = [sys.executable, "-m", "dropout_lint", *(["--fix", "--unsafe-fixes"] if fix else []), "."]
    proc = subprocess.Popen(
        args,
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=as_in_a_terminal,
    )
    time.sleep(4.0)
    assert proc.poll() is None, "the run ended before the interrupt: make the tree larger"
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, (proc.returncode, err[-2000:])
    assert "Traceback" not in err and "Traceback" not in out, err[-2000:]
    assert err.strip().splitlines()[-1] == "dropout-lint: interrupted"
    fixed_model = None
    for p, before in files.items():
        now = p.read_bytes()
        compile(now, str(p), "exec")  # never a half-written source
        if now != before:
            assert fix and b"Dropout" not in now
            fixed_model = now
    # nothing half-written left behind: every file is a source we wrote or a parseable cache entry
    for p in tmp_path.rglob("*"):
        if p.is_file() and p not in files:
            assert not p.name.endswith((".tmp", ".part")) and not p.name.startswith(".tmp"), p
            if p.suffix == ".json":
                json.loads(p.read_text())
    del fixed_model
