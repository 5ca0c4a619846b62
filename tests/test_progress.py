"""Progress output: a bar for long static runs on a terminal, lines for --confirm in logs."""

from __future__ import annotations

import io
import json
import re

import pytest

from dropout_lint.progress import Bar, Lines


def test_confirm_lines_every_few_findings_or_seconds_and_at_the_end():
    t = [0.0]
    out = io.StringIO()
    lines = Lines(out, every=5, seconds=10, clock=lambda: t[0])
    for done in range(1, 13):
        t[0] += 1.0 if done != 7 else 20.0  # the 7th build is slow: a line by time
        lines(done, 12)
    got = out.getvalue().splitlines()
    assert got == [
        "dropout-lint: --confirm: 5/12 findings judged so far (5 s)",
        "dropout-lint: --confirm: 7/12 findings judged so far (26 s)",
        "dropout-lint: --confirm: 12/12 findings judged (31 s)",
    ]


def test_bar_only_for_many_files_and_cleared_at_the_end():
    small = io.StringIO()
    bar = Bar(small)
    for i in range(1, 11):
        bar(i, 10)
    bar.close()
    assert small.getvalue() == ""
    big = io.StringIO()
    bar = Bar(big, width=10)
    bar(100, 100)
    bar.close()
    assert big.getvalue() == "\r\x1b[K[##########] 100/100 files\r\x1b[K"


def test_static_run_shows_no_bar_when_stderr_is_not_a_terminal(tmp_path, cli):
    for i in range(60):
        (tmp_path / f"m{i}.py").write_text(
            "import keras\nm = keras.Sequential([keras.layers.Dense(3), keras.layers.Dropout(0.95)])\n"
        )
    r = cli("--no-cache", "--select", "DL202", ".", cwd=tmp_path)
    assert r.returncode == 1 and "files" not in r.stderr and "\x1b" not in r.stderr


@pytest.mark.tensorflow
def test_confirm_prints_progress_lines_in_a_log(tmp_path, cli):
    (tmp_path / "m.py").write_text(
        "import keras\n"
        "a = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3), keras.layers.Dropout(0.95)])\n"
        "b = keras.Sequential([keras.Input((4,)), keras.layers.Dense(10, activation='softmax'), keras.layers.Dropout(0.3)])\n"
    )
    r = cli("--confirm", "--output-format", "json", "m.py", cwd=tmp_path)
    data = json.loads(r.stdout)
    assert len(data) == 3 and all(d["confirmation"] for d in data)
    last = [ln for ln in r.stderr.splitlines() if ln.startswith("dropout-lint: --confirm:")][-1]
    assert re.fullmatch(r"dropout-lint: --confirm: (\d+)/\1 findings judged \(\d+ s\)", last), r.stderr
