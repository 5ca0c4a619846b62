"""Ruff's conventions through the real command: fix safety, standard input, per-file settings,
honest output (statistics, missing paths), colour, --quiet/--verbose, --show-settings/--show-files."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli

# DL101 (unsafe fix: remove the trailing Dropout) and DL204 (safe fix: keep_prob= -> rate=).
TWO = (
    "import tensorflow as tf\n"
    "from keras import layers, Sequential\n"
    "m = Sequential([layers.Dense(4), layers.Dropout(0.5)])\n"
    "y = tf.compat.v1.nn.dropout(x, keep_prob=0.9)\n"
)
SAFE_FIXED = TWO.replace("keep_prob=0.9", "rate=0.1")
ALL_FIXED = SAFE_FIXED.replace(", layers.Dropout(0.5)", "")


def codes(stdout: str) -> list[str]:
    return [ln.split(": ", 1)[1].split(" ", 1)[0] for ln in stdout.splitlines() if ": DL" in ln]


# -- fix safety ---------------------------------------------------------------------------
def test_every_fixable_rule_declares_its_fix_safety_and_documents_it():
    from dropout_lint.rule import Rule, all_rules

    fixable = [r for r in all_rules().values() if r.fixable]
    assert len(fixable) >= 8
    for r in fixable:
        assert "fix_safety" in vars(r), f"{r.code} does not declare fix_safety"
        assert r.fix_safety in ("safe", "unsafe")
        section = r.doc_section("Fix safety")
        assert section.lower().startswith(r.fix_safety), r.code  # the section says which, first
        assert r.doc().index("## Fix safety") > r.doc().index("## References"), r.code  # at the end
    # the choices the issue names
    rules = all_rules()
    for code in ("DL101", "DL301", "DL304", "DL302"):
        assert rules[code].fix_safety == "unsafe", code
    assert rules["DL204"].fix_safety == "safe"
    assert Rule.fix_safety == "unsafe"  # a rule that forgets to say is never applied unasked


def test_fix_applies_safe_fixes_only_and_unsafe_fixes_adds_the_rest(tmp_path):
    p = tmp_path / "m.py"
    p.write_text(TWO)
    r = run_cli("--fix", "m.py", cwd=tmp_path)
    assert p.read_text() == SAFE_FIXED, r.stderr
    assert r.returncode == 1 and codes(r.stdout) == ["DL101"]
    assert "Found 2 findings (1 fixed, 1 remaining)." in r.stdout
    assert "1 hidden fix can be enabled with the `--unsafe-fixes` option" in r.stdout
    r = run_cli("--fix", "--unsafe-fixes", "m.py", cwd=tmp_path)
    assert p.read_text() == ALL_FIXED and r.returncode == 0, r.stdout + r.stderr


def test_unsafe_fixes_from_the_config_and_no_unsafe_fixes_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.dropout-lint]\nunsafe-fixes = true\n")
    p = tmp_path / "m.py"
    p.write_text(TWO)
    r = run_cli("--fix", "--no-unsafe-fixes", "m.py", cwd=tmp_path)
    assert p.read_text() == SAFE_FIXED, r.stderr
    p.write_text(TWO)
    r = run_cli("--fix", "m.py", cwd=tmp_path)
    assert p.read_text() == ALL_FIXED, r.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.dropout-lint]\nunsafe-fixes = "yes"\n')
    r = run_cli("m.py", cwd=tmp_path)
    assert r.returncode == 2 and "unsafe-fixes: expected a bool" in r.stderr


def test_text_marks_only_applicable_fixes(tmp_path):
    (tmp_path / "m.py").write_text(TWO)
    r = run_cli("--no-cache", "m.py", cwd=tmp_path)
    lines = r.stdout.splitlines()
    assert " DL101 Dropout" in lines[0] and " DL204 [*] `keep_prob" in lines[1]
    assert (
        lines[-1]
        == "[*] 1 fixable with the `--fix` option (1 hidden fix can be enabled with the `--unsafe-fixes` option)."
    )
    r = run_cli("--no-cache", "--unsafe-fixes", "m.py", cwd=tmp_path)
    assert " DL101 [*] Dropout" in r.stdout and r.stdout.splitlines()[-1] == "[*] 2 fixable with the `--fix` option."


def test_json_carries_fix_applicability(tmp_path):
    (tmp_path / "m.py").write_text(TWO)
    for extra in ([], ["--no-cache"]):  # from a fresh lint and from the cache
        found = json.loads(run_cli(*extra, "--output-format", "json", "m.py", cwd=tmp_path).stdout)
        assert {f["code"]: f["fix"]["applicability"] for f in found} == {"DL101": "unsafe", "DL204": "safe"}
        assert list(found[0]["fix"]) == ["message", "applicability", "edits"]


def test_cache_entry_without_applicability_gets_the_rules():
    from dropout_lint.finding import Finding

    d = {
        "code": "DL101",
        "name": "dropout-after-output",
        "severity": "error",
        "message": "m",
        "filename": "a.py",
        "location": {"row": 1, "column": 1},
        "end_location": {"row": 1, "column": 2},
        "fix": {
            "message": "Remove",
            "edits": [{"content": "", "location": {"row": 1, "column": 1}, "end_location": {"row": 1, "column": 2}}],
        },
    }
    assert Finding.from_cache(d).fix.applicability == "unsafe"
    d["code"] = "DL204"
    assert Finding.from_cache(d).fix.applicability == "safe"


def test_show_fixes_lists_fixes_and_what_was_fixed(tmp_path):
    (tmp_path / "m.py").write_text(TWO)
    r = run_cli("--show-fixes", "m.py", cwd=tmp_path)
    assert (
        "Available fixes:\nm.py:3:34: DL101 (unsafe) Remove the Dropout layer\nm.py:4:5: DL204 (safe) Use `rate=0.1`\n"
        in r.stdout
    )
    r = run_cli("--fix", "--show-fixes", "m.py", cwd=tmp_path)
    assert "Fixed 1 finding:\n- m.py:\n    1 × DL204\n" in r.stdout
    assert "m.py:3:34: DL101 (unsafe) Remove the Dropout layer" in r.stdout
    # in JSON output the list goes to stderr and stdout stays one JSON document
    r = run_cli("--show-fixes", "--output-format", "json", "m.py", cwd=tmp_path)
    json.loads(r.stdout)
    assert "DL101 (unsafe)" in r.stderr


def test_dl204_name_based_fix_is_unsafe(tmp_path):
    (tmp_path / "m.py").write_text("import tensorflow as tf\nkeep_prob = 0.8\ny = tf.nn.dropout(x, rate=keep_prob)\n")
    found = json.loads(run_cli("--output-format", "json", "m.py", cwd=tmp_path).stdout)
    assert [(f["code"], f["fix"]["applicability"]) for f in found] == [("DL204", "unsafe")]


# -- honest output --------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_statistics_keeps_json_and_sarif_valid(tmp_path, fmt):
    (tmp_path / "m.py").write_text(TWO)
    r = run_cli("--statistics", "--output-format", fmt, "m.py", cwd=tmp_path)
    json.loads(r.stdout)  # one valid document
    assert "DL101\tdropout-after-output" in r.stderr and "DL204\tkeep-prob-as-rate" in r.stderr
    r = run_cli("--statistics", "m.py", cwd=tmp_path)
    assert "    1\tDL101\tdropout-after-output" in r.stdout  # text: on stdout as before


@pytest.mark.parametrize("args", [["missing.py"], ["missing_dir/"]])
def test_only_path_missing_is_not_all_checks_passed(tmp_path, args):
    r = run_cli(*args, cwd=tmp_path)
    assert r.returncode == 2
    assert "All checks passed" not in r.stdout and "no such file or folder" in r.stderr


def test_missing_path_next_to_a_clean_file(tmp_path):
    (tmp_path / "ok.py").write_text("from keras import layers\nlayers.Dropout(0.2)\n")
    r = run_cli("ok.py", "missing.py", cwd=tmp_path)
    assert r.returncode == 2 and "All checks passed" not in r.stdout


def test_notebook_parse_error_names_the_cell_line(tmp_path):
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "source": "from keras.layers import Dropout\n",
                "metadata": {},
                "outputs": [],
                "execution_count": None,
            },
            {"cell_type": "markdown", "source": "text\n", "metadata": {}},
            {
                "cell_type": "code",
                "source": "x = 1\ny = 2\n\n\ndef f():\nreturn 1\n",
                "metadata": {},
                "outputs": [],
                "execution_count": None,
            },
        ],
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "nb.ipynb").write_text(json.dumps(nb))
    r = run_cli("nb.ipynb", cwd=tmp_path)
    assert (
        "nb.ipynb:cell 3:6:1: DL000 SyntaxError: expected an indented block after function definition on line 5"
        in r.stdout
    )


def test_confirm_details_name_the_users_function():
    pytest.importorskip("libcst")
    from dropout_lint.confirm.slicer import Index, user_names

    ix = Index("def train_step(x):\n    return x\n")
    made = ix.fresh("train_step")
    assert made != "train_step"
    detail = f"the slice then raised TypeError: {made}() missing 1 required positional argument: 'x'"
    assert (
        user_names(detail)
        == "the slice then raised TypeError: train_step() missing 1 required positional argument: 'x'"
    )
    assert user_names("`__dl_target__` built by __dl_build_v2_7()") == "`__dl_target__` built by build_v2()"


# -- per-file settings --------------------------------------------------------------------
def test_settings_are_resolved_per_file(tmp_path):
    for d, ignore in (("a", "[]"), ("b", '["DL101"]')):
        (tmp_path / d).mkdir()
        (tmp_path / d / "pyproject.toml").write_text(f"[tool.dropout-lint]\nignore = {ignore}\n")
        (tmp_path / d / "m.py").write_text(TWO)
    (tmp_path / "c").mkdir()  # no configuration of its own: the defaults
    (tmp_path / "c" / "m.py").write_text(TWO)
    for order in (["b", "a", "c"], ["a", "b", "c"]):
        r = run_cli("--no-cache", *order, cwd=tmp_path)
        by_file = {}
        for ln in r.stdout.splitlines():
            if ": DL" in ln:
                by_file.setdefault(ln.split(":", 1)[0], []).append(codes(ln)[0])
        assert by_file == {"a/m.py": ["DL101", "DL204"], "b/m.py": ["DL204"], "c/m.py": ["DL101", "DL204"]}, order
    # --config overrides every file's own configuration
    (tmp_path / "strict.toml").write_text('[tool.dropout-lint]\nselect = ["DL204"]\n')
    r = run_cli("--no-cache", "--config", "strict.toml", "a", "b", "c", cwd=tmp_path)
    assert codes(r.stdout) == ["DL204"] * 3


def test_nested_config_and_pyproject_without_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.dropout-lint]\nignore = ["DL204"]\n')
    sub = tmp_path / "pkg" / "sub"
    sub.mkdir(parents=True)
    (tmp_path / "pkg" / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["dropout-lint"]\n')
    (sub / "pyproject.toml").write_text('[tool.dropout-lint]\nignore = ["DL101"]\n')
    (tmp_path / "pkg" / "m.py").write_text(TWO)
    (sub / "m.py").write_text(TWO)
    r = run_cli("--no-cache", ".", cwd=tmp_path)
    # pkg/m.py: pkg's pyproject.toml has no [tool.dropout-lint], so the top one applies
    assert sorted(
        ln.split(": ", 1)[0].rsplit(":", 2)[0] + " " + codes(ln)[0] for ln in r.stdout.splitlines() if ": DL" in ln
    ) == ["pkg/m.py DL101", "pkg/sub/m.py DL204"]


def test_per_file_exclude_of_each_path(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d / "gen").mkdir(parents=True)
        (tmp_path / d / "gen" / "m.py").write_text(TWO)
    (tmp_path / "b" / "pyproject.toml").write_text('[tool.dropout-lint]\nexclude = ["gen"]\n')
    r = run_cli("--no-cache", "--show-files", "b", "a", cwd=tmp_path)
    assert r.stdout.splitlines() == ["a/gen/m.py"]


# -- standard input ---------------------------------------------------------------------------
def test_stdin_is_linted(tmp_path):
    r = run_cli("-", cwd=tmp_path, input=TWO)
    assert r.returncode == 1 and codes(r.stdout) == ["DL101", "DL204"]
    assert r.stdout.startswith("-:3:34: DL101")


def test_stdin_filename_gives_settings_ignores_and_name(tmp_path):
    (tmp_path / "pkg").mkdir()
    # (not a tests/ folder: test code has its own policy, `test-code-ignore`)
    (tmp_path / "pkg" / "pyproject.toml").write_text(
        '[tool.dropout-lint]\n[tool.dropout-lint.per-file-ignores]\n"legacy/*" = ["DL204"]\n'
    )
    r = run_cli("--stdin-filename", "pkg/legacy/t.py", "-", cwd=tmp_path, input=TWO)
    assert codes(r.stdout) == ["DL101"] and r.stdout.startswith("pkg/legacy/t.py:3:34: DL101")
    r = run_cli("--stdin-filename", "pkg/src/t.py", cwd=tmp_path, input=TWO)  # `-` may be left out
    assert codes(r.stdout) == ["DL101", "DL204"]


def test_stdin_notebook_by_its_name(tmp_path):
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "source": "from keras import layers, Sequential\nm = Sequential([layers.Dense(4), layers.Dropout(0.5)])\n",
                "metadata": {},
                "outputs": [],
                "execution_count": None,
            }
        ],
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    r = run_cli("--stdin-filename", "nb.ipynb", "-", cwd=tmp_path, input=json.dumps(nb))
    assert r.stdout.startswith("nb.ipynb:cell 1:2:34: DL101"), r.stdout + r.stderr


def test_stdin_fix_writes_the_fixed_source_to_stdout(tmp_path):
    r = run_cli("--fix", "-", cwd=tmp_path, input=TWO)
    assert r.stdout == SAFE_FIXED
    assert r.returncode == 1 and "-:3:34: DL101" in r.stderr  # what is left goes to stderr
    r = run_cli("--fix", "--unsafe-fixes", "--stdin-filename", "m.py", cwd=tmp_path, input=TWO)
    assert r.stdout == ALL_FIXED and r.returncode == 0
    assert not (tmp_path / "m.py").exists()  # nothing is written
    clean = "x = 1\n"
    assert run_cli("--fix", "-", cwd=tmp_path, input=clean).stdout == clean
    r = run_cli("--diff", "-", cwd=tmp_path, input=TWO)
    assert (
        r.returncode == 1
        and "-y = tf.compat.v1.nn.dropout(x, keep_prob=0.9)\n+y = tf.compat.v1.nn.dropout(x, rate=0.1)\n" in r.stdout
    )


def test_stdin_with_force_exclude_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.dropout-lint]\nexclude = ["gen"]\n')
    r = run_cli("--force-exclude", "--stdin-filename", "gen/m.py", "-", cwd=tmp_path, input=TWO)
    assert r.returncode == 0 and codes(r.stdout) == []
    r = run_cli("--force-exclude", "--fix", "--stdin-filename", "gen/m.py", "-", cwd=tmp_path, input=TWO)
    assert r.stdout == TWO  # excluded: echoed unchanged


def test_stdin_usage_errors(tmp_path):
    (tmp_path / "m.py").write_text(TWO)
    r = run_cli("-", "m.py", cwd=tmp_path, input="")
    assert r.returncode == 2 and "cannot be combined" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("--stdin-filename", "x.py", "m.py", cwd=tmp_path, input="")
    assert r.returncode == 2 and "--stdin-filename" in r.stderr


# -- colour, quiet, verbose, show-settings, show-files, version -------------------------------
def _tty_run(args, cwd, env):
    """Run the command with stdout on a pseudo-terminal; returns what it printed there."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dropout_lint", *args],
        cwd=cwd,
        env=env,
        stdout=slave,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    os.close(master)
    return out.decode()


def test_colour_on_a_terminal_only(tmp_path):
    (tmp_path / "m.py").write_text(TWO)
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["PYTHONPATH"] = str(ROOT)
    out = _tty_run(["--no-cache", "m.py"], tmp_path, env)
    assert "\x1b[31m" in out and "DL101" in out
    assert "\x1b[" not in _tty_run(["--no-cache", "--no-color", "m.py"], tmp_path, env)
    assert "\x1b[" not in _tty_run(["--no-cache", "m.py"], tmp_path, dict(env, NO_COLOR="1"))
    assert "\x1b[" not in _tty_run(["--no-cache", "--output-format", "json", "m.py"], tmp_path, env)
    assert "\x1b[" not in run_cli("m.py", cwd=tmp_path).stdout  # a pipe: no colour


def test_quiet_and_verbose(tmp_path):
    (tmp_path / "m.py").write_text(TWO)
    r = run_cli("-q", "m.py", cwd=tmp_path)
    assert r.returncode == 1 and len(r.stdout.splitlines()) == 2 and "Found" not in r.stdout
    (tmp_path / "ok.py").write_text("x = 1\n")
    assert run_cli("--quiet", "ok.py", cwd=tmp_path).stdout == ""
    r = run_cli("-v", "--no-cache", "m.py", cwd=tmp_path)
    assert "m.py: settings from the defaults" in r.stderr
    assert "1 files: 1 parsed, 0 from the cache, 0 skipped by the prefilter" in r.stderr
    r = run_cli("-q", "-v", "m.py", cwd=tmp_path)
    assert r.returncode == 2 and "cannot be used together" in r.stderr


def test_show_settings(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.dropout-lint]\nmax-rate = 0.6\nunsafe-fixes = true\n[tool.dropout-lint.per-file-ignores]\n"tests/*" = ["DL2"]\n'
    )
    r = run_cli("--show-settings", "tests/t.py", cwd=tmp_path)
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert f'config-file = "{tmp_path.resolve() / "pyproject.toml"}"' in lines[1]
    assert "max-rate = 0.6" in lines and "unsafe-fixes = true" in lines
    assert 'ignored-here = ["DL201", "DL202", "DL203", "DL204"]  # by per-file-ignores' in lines
    enabled = next(ln for ln in lines if ln.startswith("enabled = "))
    assert "DL202" not in enabled and "DL101" in enabled


def test_show_files(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.py").write_text("x = 1\n")
    (tmp_path / "src" / "b.ipynb").write_text("{}")
    (tmp_path / "src" / "c.txt").write_text("x")
    (tmp_path / ".gitignore").write_text("ignored.py\n")
    (tmp_path / "ignored.py").write_text("x = 1\n")
    r = run_cli("--show-files", ".", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.splitlines() == ["src/a.py", "src/b.ipynb"]


def test_version_line():
    r = run_cli("--version")
    from dropout_lint import __version__

    assert r.stdout == f"dropout-lint {__version__}\n" and r.returncode == 0


# -- the TensorFlow marker ---------------------------------------------------------------------
def test_tensorflow_tests_skip_with_a_reason_and_fail_when_required(tmp_path):
    """A test marked `tensorflow` is skipped with a clear reason when TensorFlow is absent, and
    with DROPOUT_LINT_REQUIRE_TF=1 (what .ci/run sets) that skip fails the run."""
    import shutil

    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_tf.py").write_text(
        "import pytest\n\n@pytest.mark.tensorflow\ndef test_needs_tf():\n    import tensorflow\n\ndef test_plain():\n    pass\n"
    )
    # a `tensorflow` module that cannot be found: what a machine without TensorFlow sees
    hide = tmp_path / "sitecustomize.py"
    hide.write_text("import sys\nsys.modules['tensorflow'] = None  # find_spec() gives None, import fails\n")

    def run(require: str | None):
        env = {k: v for k, v in os.environ.items() if k != "DROPOUT_LINT_REQUIRE_TF"}
        env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), str(ROOT)])
        if require:
            env["DROPOUT_LINT_REQUIRE_TF"] = require
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(tmp_path)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    r = run(None)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1 passed, 1 skipped" in r.stdout and "needs TensorFlow, which is not installed" in r.stdout
    r = run("1")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "1 TensorFlow test(s) were skipped, which fails this run" in r.stdout


def test_ci_requires_tensorflow_tests():
    text = (ROOT / ".ci" / "run").read_text()
    assert "DROPOUT_LINT_REQUIRE_TF=1" in text and "[test,tensorflow,lsp]" in text


# -- DL901 unused-noqa ---------------------------------------------------------------------------
def test_unused_noqa_through_the_command(tmp_path):
    src = (
        "from keras import layers, Sequential\n"
        "a = layers.Dropout(0.95)  # noqa: DL202\n"  # used
        "b = layers.Dropout(0.3)  # noqa: DL202\n"  # unused
        "m = Sequential([layers.Dense(4), layers.Dropout(0.5)])  # noqa: DL101, DL203\n"  # DL203 unused
        "c = 1  # noqa: E501\n"  # another tool's
    )
    p = tmp_path / "m.py"
    p.write_text(src)
    assert run_cli("--no-cache", "m.py", cwd=tmp_path).returncode == 0  # off by default
    r = run_cli("--no-cache", "--extend-select", "DL901", "m.py", cwd=tmp_path)
    assert [ln.split(": ", 1)[0] for ln in r.stdout.splitlines() if ": DL901" in ln] == ["m.py:3:26", "m.py:4:57"], (
        r.stdout
    )
    assert "DL901 [*] Unused `noqa` directive (unused: `DL203`)" in r.stdout
    r = run_cli("--no-cache", "--extend-select", "DL901", "--fix", "m.py", cwd=tmp_path)  # a safe fix
    assert r.returncode == 0, r.stdout + r.stderr
    assert p.read_text() == src.replace(
        "b = layers.Dropout(0.3)  # noqa: DL202\n", "b = layers.Dropout(0.3)\n"
    ).replace("# noqa: DL101, DL203", "# noqa: DL101")
