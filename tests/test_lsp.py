"""The language server, driven as an editor drives it: a real ``dropout-lint --lsp`` process
and a JSON-RPC client over its stdin/stdout (tests/lsp_client.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lsp_client import LspClient, apply_text_edits

import pygls.lsp.server  # noqa: E402,F401 - the [lsp] extra is part of the [test] extra: fail loudly if missing

TEXT = (
    "from keras import layers, Sequential\n"
    "label = '😀'; model = Sequential([layers.Dense(8), layers.Dropout(0.95)])\n"  # DL101 + DL202
    "zero = layers.Dropout(0.0)\n"  # DL203, ignored by the project's pyproject.toml
)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.dropout-lint]\nignore = ["DL203"]\n')
    (tmp_path / "pkg").mkdir()
    return tmp_path


@pytest.fixture
def client(project):
    c = LspClient(cwd=project)
    yield c
    c.close()


def by_code(diags):
    return {d["code"]: d for d in diags}


def code_actions(client, uri, diag):
    return client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": diag["range"], "context": {"diagnostics": [diag]}},
    )


def test_editor_session_end_to_end(client, project):
    caps = client.initialize(project)["capabilities"]
    assert caps["codeActionProvider"] and caps["textDocumentSync"]["change"] in (1, 2)
    uri = (project / "pkg" / "model.py").as_uri()
    client.open(uri, TEXT, version=1)

    # 1. diagnostics on open, with the project's config (DL203 ignored)
    pub = client.diagnostics(uri)["params"]
    assert pub["version"] == 1
    diags = by_code(pub["diagnostics"])
    assert set(diags) == {"DL101", "DL202"}
    d101, d202 = diags["DL101"], diags["DL202"]
    assert d101["source"] == "dropout-lint" and d101["severity"] == 1 and d202["severity"] == 2
    assert d101["codeDescription"]["href"].endswith("#dl101-dropout-after-output")
    # UTF-16: the emoji before the Dropout counts as two code units
    col = TEXT.splitlines()[1].index("layers.Dropout")
    assert d202["range"]["start"] == {"line": 1, "character": col + 1}
    assert d202["range"]["end"] == {"line": 1, "character": col + 1 + len("layers.Dropout(0.95)")}

    # 2. code actions for DL202: the noqa action only (DL202 has no fix)
    actions = code_actions(client, uri, d202)
    titles = [a["title"] for a in actions]
    assert "Ignore DL202 on this line" in titles
    noqa = next(a for a in actions if a["title"] == "Ignore DL202 on this line")
    assert noqa["kind"] == "quickfix" and noqa["diagnostics"][0]["code"] == "DL202"

    # 3. the editor applies it and sends the change: DL202 is gone, DL101 stays
    text2 = apply_text_edits(TEXT, noqa["edit"]["changes"][uri])
    assert text2.splitlines()[1].endswith("  # noqa: DL202")
    client.change_full(uri, text2, version=2)
    pub = client.diagnostics(uri, version=2)["params"]
    assert set(by_code(pub["diagnostics"])) == {"DL101"}

    # 4. ignoring DL101 too extends the existing list instead of adding a second comment
    d101 = by_code(pub["diagnostics"])["DL101"]
    actions = code_actions(client, uri, d101)
    ignore = next(a for a in actions if a["title"] == "Ignore DL101 on this line")
    assert apply_text_edits(text2, ignore["edit"]["changes"][uri]).splitlines()[1].endswith("# noqa: DL202, DL101")

    # 5. ...but take the fix instead: the Dropout goes, the file still parses, no finding is left
    fix = next(a for a in actions if a["title"].startswith("Fix "))
    # removing a layer is an unsafe fix: labelled so, and not the preferred action
    assert fix["title"] == "Fix (unsafe): Remove the Dropout layer" and not fix.get("isPreferred")
    text3 = apply_text_edits(text2, fix["edit"]["changes"][uri])
    assert "Dropout(0.95)" not in text3.splitlines()[1]
    compile(text3, "x", "exec")
    client.change_full(uri, text3, version=3)
    assert client.diagnostics(uri, version=3)["params"]["diagnostics"] == []

    # 6. an edit that brings a finding back, and save
    text4 = text3 + "m2 = Sequential([layers.Dense(1), layers.Dropout(0.2)])\n"
    client.change_full(uri, text4, version=4)
    assert [d["code"] for d in client.diagnostics(uri, version=4)["params"]["diagnostics"]] == ["DL101"]
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert [d["code"] for d in client.diagnostics(uri, version=4)["params"]["diagnostics"]] == ["DL101"]

    # 7. close clears the diagnostics; shutdown + exit ends the process cleanly
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri)["params"]["diagnostics"] == []
    assert client.shutdown_and_exit() == 0


def test_changes_are_debounced(project):
    c = LspClient(cwd=project)
    try:
        c.initialize(project, options={"debounce": 1.0})
        uri = (project / "m.py").as_uri()
        c.open(uri, "x = 1\n", version=1)
        assert c.diagnostics(uri, version=1)["params"]["diagnostics"] == []
        for v in range(2, 7):  # a burst of keystrokes
            c.change_full(uri, f"from keras import layers\nd = layers.Dropout(0.9{v})\n", version=v)
        last = c.diagnostics(uri, version=6)["params"]
        assert [d["code"] for d in last["diagnostics"]] == ["DL202"] and "0.96" in last["diagnostics"][0]["message"]
        stale = [m for m in c.notifications if m.get("method") == "textDocument/publishDiagnostics"]
        assert stale == []  # versions 2-5 were never linted
        assert c.shutdown_and_exit() == 0
    finally:
        c.close()


def test_a_burst_of_changes_without_debounce_publishes_only_the_last_version(project):
    c = LspClient(cwd=project)
    try:
        c.initialize(project)  # the default: no debounce
        uri = (project / "m.py").as_uri()
        body = "".join(
            f"m{i} = keras.Sequential([layers.Dense(8), layers.Dropout(0.3), layers.Dense(2)])\n" for i in range(150)
        )
        c.open(uri, "x = 1\n", version=1)
        assert c.diagnostics(uri, version=1)["params"]["diagnostics"] == []
        for v in range(2, 8):  # faster than a lint: each one replaces the waiting one
            c.change_full(uri, f"import keras\nfrom keras import layers\n{body}d = layers.Dropout(0.9{v})\n", version=v)
        last = c.diagnostics(uri, version=7)["params"]
        assert [d["code"] for d in last["diagnostics"]] == ["DL202"] and "0.97" in last["diagnostics"][0]["message"]
        published = [
            m["params"].get("version") for m in c.notifications if m.get("method") == "textDocument/publishDiagnostics"
        ]
        assert published == []  # no earlier version was published after version 1
        assert c.shutdown_and_exit() == 0
    finally:
        c.close()


def test_syntax_error_and_exit_without_shutdown(client, project):
    client.initialize(project)
    uri = (project / "broken.py").as_uri()
    client.open(uri, "from keras import layers\nx = layers.Dropout(0.5\n")
    (d,) = client.diagnostics(uri)["params"]["diagnostics"]
    assert d["code"] == "DL000" and d["range"]["start"]["line"] >= 1
    assert d["range"]["end"] != d["range"]["start"]  # an empty range would be invisible
    assert code_actions(client, uri, d) == []  # no "ignore" for a parse error
    client.notify("exit", None)
    assert client.proc.wait(30) == 1  # exit without shutdown: 1, as LSP asks


def test_per_file_ignores_and_exclude_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.dropout-lint]\nper-file-ignores = {"tests/*" = ["DL202"]}\nexclude = ["generated"]\nmax-rate = 0.6\n'
    )
    c = LspClient(cwd=tmp_path)
    try:
        c.initialize(tmp_path)
        src = "from keras import layers\nd = layers.Dropout(0.7)\n"
        a, b, g = ((tmp_path / p).as_uri() for p in ("a.py", "tests/t.py", "generated/g.py"))
        for uri in (a, b, g):
            c.open(uri, src)
        assert [d["code"] for d in c.diagnostics(a)["params"]["diagnostics"]] == ["DL202"]  # max-rate 0.6
        assert c.diagnostics(b)["params"]["diagnostics"] == []
        assert c.diagnostics(g)["params"]["diagnostics"] == []
        assert c.shutdown_and_exit() == 0
    finally:
        c.close()


def test_notebook_document_sync(tmp_path):
    c = LspClient(cwd=tmp_path)
    try:
        result = c.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": tmp_path.as_uri(),
                "capabilities": {"notebookDocument": {"synchronization": {}}},
            },
        )
        assert result["capabilities"]["notebookDocumentSync"]["notebookSelector"]
        c.notify("initialized", {})
        nb = (tmp_path / "demo.ipynb").as_uri()
        cells = [f"vscode-notebook-cell:{tmp_path}/demo.ipynb#C{i}" for i in range(4)]
        texts = [
            "# Title",
            "%matplotlib inline\nfrom keras import layers, Sequential",
            "",
            "m = Sequential([layers.Dense(2), layers.Dropout(0.9)])",
        ]
        c.notify(
            "notebookDocument/didOpen",
            {
                "notebookDocument": {
                    "uri": nb,
                    "notebookType": "jupyter-notebook",
                    "version": 1,
                    "cells": [{"kind": 1 if i == 0 else 2, "document": u} for i, u in enumerate(cells)],
                },
                "cellTextDocuments": [
                    {"uri": u, "languageId": "markdown" if i == 0 else "python", "version": 1, "text": t}
                    for i, (u, t) in enumerate(zip(cells, texts))
                ],
            },
        )
        pub = c.diagnostics(cells[3])["params"]
        assert sorted(d["code"] for d in pub["diagnostics"]) == ["DL101", "DL202"]
        assert all(d["range"]["start"]["line"] == 0 for d in pub["diagnostics"])
        d202 = by_code(pub["diagnostics"])["DL202"]
        actions = code_actions(c, cells[3], d202)
        ignore = next(a for a in actions if a["title"] == "Ignore DL202 on this line")
        new = apply_text_edits(texts[3], ignore["edit"]["changes"][cells[3]])
        assert new.endswith("  # noqa: DL202")
        # the cell is edited: the notebook is linted again and DL202 is gone from that cell
        c.notify(
            "notebookDocument/didChange",
            {
                "notebookDocument": {"uri": nb, "version": 2},
                "change": {
                    "cells": {
                        "textContent": [{"document": {"uri": cells[3], "version": 2}, "changes": [{"text": new}]}]
                    }
                },
            },
        )
        pub = c.diagnostics(cells[3])["params"]
        assert [d["code"] for d in pub["diagnostics"]] == ["DL101"]
        assert c.shutdown_and_exit() == 0
    finally:
        c.close()


def test_lsp_without_pygls_is_one_line_and_exit_2(tmp_path):
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "pygls").mkdir()
    (blocker / "pygls" / "__init__.py").write_text("raise ImportError('pygls is not installed', name='pygls')\n")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(blocker), env.get("PYTHONPATH", "")])
    r = subprocess.run(
        [sys.executable, "-m", "dropout_lint", "--lsp"], capture_output=True, text=True, env=env, timeout=60, input=""
    )
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'dropout-lint[lsp]'" in lines[0] and "Traceback" not in r.stderr


def fix_all_actions(client, uri):
    whole = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    return client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": [], "only": ["source.fixAll"]}},
    )


def test_fix_all_source_action(client, project):
    # the fixes here are unsafe: fix-all applies them only with `unsafe-fixes = true`
    (project / "pyproject.toml").write_text('[tool.dropout-lint]\nignore = ["DL203"]\nunsafe-fixes = true\n')
    client.initialize(project)
    uri = (project / "two.py").as_uri()
    text = (
        "from keras import layers, Sequential\n"
        "a = Sequential([layers.Dense(4), layers.Dropout(0.5)])\n"
        "b = Sequential([\n    layers.Dense(4),\n    layers.Dropout(0.2),\n])\n"
        "c = layers.Dropout(0.99)\n"
    )
    client.open(uri, text)
    diags = client.diagnostics(uri)["params"]["diagnostics"]
    assert sorted(d["code"] for d in diags) == ["DL101", "DL101", "DL202"]
    actions = fix_all_actions(client, uri)
    whole = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    assert [a["kind"] for a in actions] == ["source.fixAll.dropout-lint"]
    fixed = apply_text_edits(text, actions[0]["edit"]["changes"][uri])
    compile(fixed, "x", "exec")
    assert fixed.count("Dropout(0.5)") == 0 and fixed.count("Dropout(0.2)") == 0 and "Dropout(0.99)" in fixed
    client.change_full(uri, fixed, version=2)
    assert [d["code"] for d in client.diagnostics(uri, version=2)["params"]["diagnostics"]] == ["DL202"]
    # a quick-fix-only request never carries the source action
    quick = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": [], "only": ["quickfix"]}},
    )
    assert all(a["kind"] == "quickfix" for a in quick)
    assert client.shutdown_and_exit() == 0


def test_config_error_is_shown_once_and_defaults_are_used(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.dropout-lint]\nmax-rate = "high"\n')
    c = LspClient(cwd=tmp_path)
    try:
        c.initialize(tmp_path)
        uri = (tmp_path / "m.py").as_uri()
        c.open(uri, "from keras import layers\nd = layers.Dropout(0.9)\n")
        msg = c.wait_for(lambda m: m.get("method") == "window/showMessage")
        assert "max-rate" in msg["params"]["message"] and msg["params"]["type"] == 1
        assert [d["code"] for d in c.diagnostics(uri)["params"]["diagnostics"]] == ["DL202"]
        # fixing the file and saving it re-lints with the new settings
        (tmp_path / "pyproject.toml").write_text("[tool.dropout-lint]\nmax-rate = 0.95\n")
        c.notify("textDocument/didSave", {"textDocument": {"uri": (tmp_path / "pyproject.toml").as_uri()}})
        assert c.diagnostics(uri)["params"]["diagnostics"] == []
        assert c.shutdown_and_exit() == 0
    finally:
        c.close()


def test_fix_all_applies_safe_fixes_only_by_default(client, project):
    client.initialize(project)
    uri = (project / "safe.py").as_uri()
    text = (
        "import tensorflow as tf\n"
        "from keras import layers, Sequential\n"
        "a = Sequential([layers.Dense(4), layers.Dropout(0.5)])\n"
        "y = tf.compat.v1.nn.dropout(a, keep_prob=0.9)\n"
    )
    client.open(uri, text)
    diags = client.diagnostics(uri)["params"]["diagnostics"]
    assert sorted(d["code"] for d in diags) == ["DL101", "DL204"]
    actions = fix_all_actions(client, uri)
    assert [a["title"] for a in actions] == ["Fix all dropout-lint findings that have a safe fix"]
    fixed = apply_text_edits(text, actions[0]["edit"]["changes"][uri])
    assert "rate=0.1" in fixed and "keep_prob" not in fixed  # the safe DL204 fix
    assert "layers.Dropout(0.5)" in fixed  # the unsafe DL101 fix is left alone
    d204 = next(d for d in diags if d["code"] == "DL204")
    quick = code_actions(client, uri, d204)
    safe = next(a for a in quick if a["title"].startswith("Fix "))
    assert safe["title"] == "Fix (safe): Use `rate=0.1`" and safe.get("isPreferred") is True
    assert client.shutdown_and_exit() == 0
