"""The command line through a real subprocess: exit codes, formats, config and noqa."""

from __future__ import annotations

import json
import textwrap

from conftest import FIXTURES

BAD = "import keras\nm = keras.Sequential([keras.layers.Dense(3), keras.layers.Dropout(0.9), keras.layers.Dense(1)])\n"
GOOD = "import keras\nm = keras.Sequential([keras.layers.Dense(3), keras.layers.Dropout(0.3), keras.layers.Dense(1)])\n"


def write(tmp_path, name, text):
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(textwrap.dedent(text))
    return p


def test_exit_0_on_clean_file(cli, tmp_path):
    write(tmp_path, "good.py", GOOD)
    r = cli("good.py", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "All checks passed" in r.stdout


def test_exit_1_and_text_format(cli, tmp_path):
    write(tmp_path, "bad.py", BAD)
    r = cli("bad.py", cwd=tmp_path)
    assert r.returncode == 1
    first = r.stdout.splitlines()[0]
    assert first.startswith("bad.py:2:46: DL202 ")


def test_exit_zero_flag(cli, tmp_path):
    write(tmp_path, "bad.py", BAD)
    assert cli("--exit-zero", "bad.py", cwd=tmp_path).returncode == 0


def test_missing_path_is_named_and_others_still_linted(cli, tmp_path):
    write(tmp_path, "bad.py", BAD)
    r = cli("nope.py", "bad.py", cwd=tmp_path)
    assert r.returncode == 2
    assert "nope.py" in r.stderr and "Traceback" not in r.stderr
    assert "DL202" in r.stdout


def test_unknown_code_exits_2_with_one_line(cli, tmp_path):
    write(tmp_path, "bad.py", BAD)
    r = cli("--select", "DL999", "bad.py", cwd=tmp_path)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "DL999" in r.stderr


def test_json_has_spec_fields(cli, tmp_path):
    write(tmp_path, "bad.py", BAD)
    r = cli("--output-format", "json", "bad.py", cwd=tmp_path)
    data = json.loads(r.stdout)
    assert len(data) == 1
    f = data[0]
    for key in (
        "code",
        "name",
        "severity",
        "message",
        "filename",
        "location",
        "end_location",
        "cell",
        "fix",
        "noqa_row",
        "url",
        "confirmation",
    ):
        assert key in f
    assert f["code"] == "DL202" and f["name"] == "dropout-rate-too-high" and f["severity"] == "warning"
    assert f["location"] == {"row": 2, "column": 46}
    assert f["end_location"]["row"] == 2 and f["end_location"]["column"] > 46
    assert f["filename"] == "bad.py" and f["cell"] is None and f["noqa_row"] == 2


def test_select_by_name_and_prefix(cli, tmp_path):
    write(tmp_path, "bad.py", BAD)
    assert cli("--select", "dropout-rate-too-high", "bad.py", cwd=tmp_path).returncode == 1
    assert cli("--select", "DL1", "bad.py", cwd=tmp_path).returncode == 0
    assert cli("--ignore", "DL2", "bad.py", cwd=tmp_path).returncode == 0


def test_noqa_variants(cli, tmp_path):
    base = BAD.rstrip("\n")
    write(tmp_path, "a.py", base + "  # noqa: DL202\n")
    write(tmp_path, "b.py", base + "  # noqa\n")
    write(tmp_path, "c.py", base + "  # noqa: dropout-rate-too-high\n")
    write(tmp_path, "d.py", "# dropout-lint: noqa: DL202\n" + BAD)
    write(tmp_path, "e.py", "# dropout-lint: noqa\n" + BAD)
    write(tmp_path, "f.py", base + "  # noqa: DL101\n")  # another code: not suppressed
    r = cli("a.py", "b.py", "c.py", "d.py", "e.py", "f.py", cwd=tmp_path)
    assert [line.split(":")[0] for line in r.stdout.splitlines()[:-1]] == ["f.py"]


def test_pyproject_config_and_cli_precedence(cli, tmp_path):
    write(tmp_path, "pkg/bad.py", BAD)
    write(
        tmp_path,
        "pyproject.toml",
        """
        [tool.dropout-lint]
        ignore = ["DL202"]
        max-rate = 0.95
    """,
    )
    assert cli("pkg", cwd=tmp_path).returncode == 0  # ignored by the file
    # A command-line --select replaces the file's selection, its ignore included.
    r = cli("--select", "DL202", "pkg", cwd=tmp_path)
    assert r.returncode == 0  # 0.9 is below the file's max-rate of 0.95
    write(
        tmp_path,
        "pyproject.toml",
        """
        [tool.dropout-lint]
        ignore = ["DL202"]
    """,
    )
    assert cli("--select", "DL202", "pkg", cwd=tmp_path).returncode == 1


def test_per_file_ignores_and_exclude(cli, tmp_path):
    write(tmp_path, "src/a.py", BAD)
    write(tmp_path, "tests/b.py", BAD)
    write(tmp_path, "gen/c.py", BAD)
    write(
        tmp_path,
        "pyproject.toml",
        """
        [tool.dropout-lint]
        per-file-ignores = {"tests/*" = ["DL202"]}
        exclude = ["gen"]
    """,
    )
    r = cli(".", cwd=tmp_path)
    files = {line.split(":")[0] for line in r.stdout.splitlines()[:-1]}
    assert files == {"src/a.py"}


def test_gitignore_and_venv_are_skipped(cli, tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", "ignored/\n*.gen.py\n!keep.gen.py\n")
    write(tmp_path, "ignored/a.py", BAD)
    write(tmp_path, "x.gen.py", BAD)
    write(tmp_path, "keep.gen.py", BAD)
    write(tmp_path, ".venv/lib/d.py", BAD)
    write(tmp_path, "myenv/pyvenv.cfg", "")
    write(tmp_path, "myenv/e.py", BAD)
    r = cli(".", cwd=tmp_path)
    files = {line.split(":")[0] for line in r.stdout.splitlines()[:-1]}
    assert files == {"keep.gen.py"}


def test_broken_pyproject_exits_2(cli, tmp_path):
    write(tmp_path, "a.py", BAD)
    write(tmp_path, "pyproject.toml", "[tool.dropout-lint\nselect = [\n")
    r = cli("a.py", cwd=tmp_path)
    assert r.returncode == 2 and "pyproject.toml" in r.stderr and "Traceback" not in r.stderr
    write(tmp_path, "pyproject.toml", "[tool.dropout-lint]\nmax-rate = 'high'\n")
    r = cli("a.py", cwd=tmp_path)
    assert r.returncode == 2 and "max-rate" in r.stderr
    write(tmp_path, "pyproject.toml", "[tool.dropout-lint]\nselect = ['DL42']\n")
    r = cli("a.py", cwd=tmp_path)
    assert r.returncode == 2 and "DL42" in r.stderr


def test_syntax_error_is_dl000_and_run_goes_on(cli, tmp_path):
    write(tmp_path, "a.py", "import keras\nkeras.layers.Dropout(0.5\n")
    write(tmp_path, "b.py", BAD)
    r = cli(".", cwd=tmp_path)
    assert r.returncode == 1
    assert "a.py:" in r.stdout and "DL000" in r.stdout and "b.py:2:46: DL202" in r.stdout


def test_statistics_list_rules_explain_version(cli, tmp_path):
    write(tmp_path, "bad.py", BAD)
    r = cli("--statistics", "bad.py", cwd=tmp_path)
    assert "1\tDL202\tdropout-rate-too-high" in r.stdout
    r = cli("--list-rules")
    assert r.returncode == 0 and "DL101" in r.stdout and "dropout-after-output" in r.stdout
    r = cli("--explain", "dropout-after-output")
    assert r.returncode == 0 and "Why is this bad?" in r.stdout
    assert cli("--explain", "DL999").returncode == 2
    r = cli("--version")
    assert r.returncode == 0 and "dropout-lint" in r.stdout


def test_fixtures_show_every_rule(cli):
    r = cli(str(FIXTURES), "--output-format", "json")
    codes = {f["code"] for f in json.loads(r.stdout)}
    assert {"DL000", "DL101", "DL102", "DL103", "DL201", "DL202", "DL203"} <= codes
    r = cli(str(FIXTURES / "tutorial_correct.py"))
    assert r.returncode == 0, r.stdout


def test_plain_lint_imports_neither_tensorflow_nor_libcst_when_nothing_to_parse(tmp_path):
    import subprocess
    import sys

    (tmp_path / "plain.py").write_text("print('hello')\n")
    code = (
        "import sys\nfrom dropout_lint.cli import main\n"
        "try:\n    main(['plain.py'])\nexcept SystemExit:\n    pass\n"
        "assert 'tensorflow' not in sys.modules and 'libcst' not in sys.modules, sorted(m for m in sys.modules if m.startswith(('libcst','tensorflow')))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_noqa_rows_count_lines_as_python_does(cli, tmp_path):
    # A form feed or a Unicode line separator inside a line is not a line break for Python.
    src = "import keras  # page\x0c break \u2028 here\n" + BAD.split("\n", 1)[1].rstrip("\n") + "  # noqa: DL202\n"
    (tmp_path / "ff.py").write_text(src, encoding="utf-8")
    r = cli("ff.py", cwd=tmp_path)
    assert r.returncode == 0, r.stdout
