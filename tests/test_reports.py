"""``--output-format sarif`` and ``--output-format github`` through the real command."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import FIXTURES
from dropout_lint.finding import Finding, Pos
from dropout_lint.report import github
from dropout_lint.rule import all_rules

SRC = (
    "from keras import layers, Sequential\n"
    "model = Sequential([\n"
    "    layers.Dense(8),\n"
    "    layers.Dropout(0.95),\n"  # DL202 (warning) and DL101 (error, with a fix)
    "])\n"
    "z = layers.Dropout(0.0)\n"  # DL203 (info)
)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "my model.py").write_text(SRC)
    shutil.copy(FIXTURES / "notebook_demo.ipynb", tmp_path / "demo.ipynb")
    return tmp_path


def _sarif(cli, cwd, *args):
    r = cli("--output-format", "sarif", *args, cwd=cwd)
    assert r.returncode == 1, r.stderr
    return json.loads(r.stdout)


def test_sarif_driver_lists_the_whole_catalogue(cli, project):
    doc = _sarif(cli, project, "src")
    assert doc["version"] == "2.1.0" and "sarif-2.1.0" in doc["$schema"]
    assert len(doc["runs"]) == 1
    driver = doc["runs"][0]["tool"]["driver"]
    assert driver["name"] == "dropout-lint" and driver["version"] and driver["informationUri"].startswith("https://")
    rules = all_rules()
    assert [r["id"] for r in driver["rules"]] == list(rules)
    want_level = {"error": "error", "warning": "warning", "info": "note"}
    for entry in driver["rules"]:
        rule = rules[entry["id"]]
        assert entry["name"] == rule.name
        assert entry["shortDescription"]["text"] == rule.doc().splitlines()[0]
        assert entry["fullDescription"]["text"]
        assert entry["help"]["text"] == rule.doc() and "## Why is this bad?" in entry["help"]["markdown"]
        assert entry["defaultConfiguration"]["level"] == want_level[rule.severity]
        assert entry["helpUri"].startswith("https://")


def test_sarif_results(cli, project):
    doc = _sarif(cli, project, "src", "--extend-select", "DL203")
    run = doc["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [("DL101", "error"), ("DL202", "warning"), ("DL203", "note")]
    for res in results:
        assert ids[res["ruleIndex"]] == res["ruleId"]
        assert res["message"]["text"]
        (loc,) = res["locations"]
        art = loc["physicalLocation"]["artifactLocation"]
        assert art["uri"] == "src/my%20model.py" and art["uriBaseId"] == "%SRCROOT%"
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 4, "startColumn": 5, "endLine": 4, "endColumn": 25}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"
    assert run["columnKind"] == "unicodeCodePoints"
    fix = results[0]["fixes"][0]
    assert fix["description"]["text"].startswith("Remove")
    (change,) = fix["artifactChanges"]
    rep = change["replacements"][0]
    assert rep["deletedRegion"]["startLine"] == 4 and rep["insertedContent"]["text"] == ""


def test_sarif_notebook_result_points_at_the_notebook(cli, project):
    doc = _sarif(cli, project, "demo.ipynb")
    res = doc["runs"][0]["results"][0]
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "demo.ipynb"
    assert res["properties"]["cell"] == 5 and loc["region"]["startLine"] == 7
    assert res["message"]["text"].startswith("cell 5: ")
    assert "fixes" not in res


def test_sarif_with_no_findings_is_still_a_valid_log(cli, tmp_path):
    (tmp_path / "ok.py").write_text("x = 1\n")
    r = cli("--output-format", "sarif", ".", cwd=tmp_path)
    assert r.returncode == 0
    doc = json.loads(r.stdout)
    assert doc["runs"][0]["results"] == [] and doc["runs"][0]["tool"]["driver"]["rules"]


def test_sarif_from_pyproject_output_format(cli, project):
    (project / "pyproject.toml").write_text('[tool.dropout-lint]\noutput-format = "sarif"\n')
    r = cli("src", cwd=project)
    assert json.loads(r.stdout)["version"] == "2.1.0"


ANNOTATION = re.compile(
    r"^::(error|warning|notice) (file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,]+)::(.+)$"
)


def test_github_annotations_line_by_line(cli, project):
    r = cli("--output-format", "github", "--extend-select", "DL203", "src", "demo.ipynb", cwd=project)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert len(lines) == 5
    for line in lines:
        assert ANNOTATION.match(line), line
    assert lines[0].startswith(
        "::error file=demo.ipynb,line=7,col=5,endLine=7,endColumn=24,title=DL101 (dropout-after-output)::cell 5: Dropout after"
    )
    assert lines[1].startswith(
        "::warning file=demo.ipynb,line=5,col=43,endLine=5,endColumn=62,title=DL202 (dropout-rate-too-high)::cell 8: "
    )
    assert lines[2].startswith(
        "::error file=src/my model.py,line=4,col=5,endLine=4,endColumn=25,title=DL101 (dropout-after-output)::Dropout"
    )
    assert lines[3].startswith(
        "::warning file=src/my model.py,line=4,col=5,endLine=4,endColumn=25,title=DL202 (dropout-rate-too-high)::"
    )
    assert lines[4].startswith(
        "::notice file=src/my model.py,line=6,col=5,endLine=6,endColumn=24,title=DL203 (dropout-rate-zero)::"
    )
    # a `%` in a message is escaped, as the runner would otherwise read it as an escape
    assert "only 5%25 of units" in lines[3] and "only 5% " not in lines[3]


def test_github_escaping():
    f = Finding("DL202", "dropout-rate-too-high", "warning", "50% a\r\nb", "dir,a/b:c.py", Pos(1, 2), Pos(1, 2))
    assert github.line(f) == (
        "::warning file=dir%2Ca/b%3Ac.py,line=1,col=2,endLine=1,endColumn=2,title=DL202 (dropout-rate-too-high)::50%25 a%0D%0Ab"
    )
    f.severity = "info"
    assert github.line(f).startswith("::notice ")
    f.severity = "error"
    assert github.line(f).startswith("::error ")


def test_text_marks_fixable_findings_like_ruff(cli, project):
    r = cli("--no-cache", "src", cwd=project)
    assert " DL101 Dropout" in r.stdout  # removing the Dropout is an unsafe fix: no [*] by default
    r = cli("--no-cache", "--unsafe-fixes", "src", cwd=project)
    assert r.returncode == 1, r.stderr
    lines = {ln.split(": ", 1)[1].split(" ", 1)[0]: ln for ln in r.stdout.splitlines() if ": DL" in ln}
    assert " DL101 [*] Dropout" in lines["DL101"]  # removing the trailing Dropout is a fix
    assert " DL202 Dropout" in lines["DL202"]  # no fix for a rate that is too high
    assert r.stdout.rstrip().endswith("fixable with the `--fix` option.")
